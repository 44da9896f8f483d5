"""Index a built site for search with Pagefind: site/pagefind/ and, for big sites, more bundles.

Works on the built HTML, whatever built it. Pagefind holds a whole index in memory
(about 0.3 MB a page: 3.2 GB for ten thousand sources), so a big site is indexed in
groups of at most PAGES_PER_BUNDLE pages, one after the other, each into its own
bundle; the search dialog merges them (bundles.json lists the extra ones). The
first bundle holds every page but the source pages beyond the first group, so a
small site is one bundle, exactly as Pagefind would index it on its own.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PAGES_PER_BUNDLE = 4000
MAIN_BUNDLE = "pagefind"
BUNDLE_LIST = "bundles.json"  # in the main bundle: the other bundles' folders, from the site root
# Heading anchors (¶), buttons and chart drawings (their numbers are in the figure's
# table) would only add noise to results.
NOT_INDEXED = "a.headerlink, button, svg"


class SearchIndexError(Exception):
    pass


def index_site(site_dir: Path) -> int:
    """Write the search bundles into site_dir; return how many there are."""
    site_dir = Path(site_dir)
    sources = sorted(p.relative_to(site_dir) for p in site_dir.glob("sources/*/index.html"))
    later = [sources[i:i + PAGES_PER_BUNDLE] for i in range(PAGES_PER_BUNDLE, len(sources), PAGES_PER_BUNDLE)]
    left_out = {page for group in later for page in group}
    main = [p.relative_to(site_dir) for p in sorted(site_dir.rglob("*.html"))]
    _index_pages(site_dir, [p for p in main if p not in left_out], site_dir / MAIN_BUNDLE)
    extra = [f"{MAIN_BUNDLE}-{number}" for number in range(1, len(later) + 1)]
    for folder, group in zip(extra, later):
        _index_pages(site_dir, group, site_dir / folder)
    (site_dir / MAIN_BUNDLE / BUNDLE_LIST).write_text(json.dumps([f"{f}/" for f in extra]) + "\n", encoding="utf-8")
    return 1 + len(extra)


def _index_pages(site_dir: Path, pages: list[Path], output: Path) -> None:
    """Run Pagefind over some pages: a temporary tree of hard links gives them their site paths."""
    if output.exists():
        shutil.rmtree(output)
    with tempfile.TemporaryDirectory(prefix=".search-", dir=site_dir.parent) as view:
        for page in pages:
            target = Path(view) / page
            target.parent.mkdir(parents=True, exist_ok=True)
            _link(site_dir / page, target)
        _run_pagefind(Path(view), output)


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or no hard links: copy instead
        shutil.copyfile(source, target)


def _run_pagefind(site: Path, output: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output), "--silent",
               "--exclude-selectors", NOT_INDEXED]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index {site}: {result.stderr.strip() or result.stdout.strip()}\n"
                               "Reinstall the pinned packages (make setup) and build again.")
