"""Integration: the real `mkdocs build --strict` on a copy of the project, checked with html.parser.

The site is built once for the module. The copy gets one change: a hostile
summary in source 001, to check that metadata cannot inject markup into the page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from tests.conftest import ROOT
from tests.helpers import (S000, S001, all_events, all_sources, collapse, copy_project, edit, run_cli,
                           search_documents, source_files, texts_by_id, tree_bytes)

BASE = "https://briefing.test/"
HOSTILE_SUMMARY = '"><script>alert(2)</script><img src=x onerror=alert(3)> '

# A word from the body of each seed, found in no other seed.
SEED_WORDS = {
    "000_c1a27e0ec5b1e4f9": "Sekerina",
    "001_66304f5fa3b57f47": "reevaluation",
    "002_279588a8956d5652": "Mirziyoyev",
    "003_511358f27ee65db5": "Crocus",
    "004_6240f0bb353a09c8": "Shanghai",
}
# Aliases and the page whose index entry must carry them (see content/taxonomy.yml).
ALIAS_PAGES = {
    "Tokayev": "countries/kazakhstan/",
    "Osh": "countries/kyrgyzstan/",
    "CSTO": "themes/security-csto/",
    "Rossotrudnichestvo": "themes/soft-power/",
}


@dataclass
class Site:
    root: Path
    dir: Path
    build: subprocess.CompletedProcess


def mkdocs_env() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    root = copy_project(tmp_path_factory.mktemp("site") / "project")
    edit(root, S001, "summary: >-\n  A generic essay", f"summary: >-\n  {HOSTILE_SUMMARY}A generic essay")
    generated = run_cli("generate", "--root", str(root), cwd=root)  # mkdocs wants docs_dir to exist before the hook runs
    assert generated.returncode == 0, generated.stderr
    return Site(root, root / "site", mkdocs_build(root))


def mkdocs_build(root: Path) -> subprocess.CompletedProcess:
    """The real, strict MkDocs build (its hook runs the generator again)."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml")],
                          cwd=root, env=mkdocs_env(), capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def built(site: Site) -> Site:
    assert site.build.returncode == 0, site.build.stderr
    return site


def page_file(site_dir: Path, url_path: str) -> Path:
    return site_dir / url_path.lstrip("/") / "index.html"


class Page(HTMLParser):
    """Start tags with their attributes, list items with their text and links, scripts' text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.items: list[dict] = []
        self.scripts: list[str] = []
        self._open_items: list[dict] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "li":
            item = {"text": [], "hrefs": []}
            self.items.append(item)
            self._open_items.append(item)
        if tag == "a" and self._open_items and attrs.get("href"):
            self._open_items[-1]["hrefs"].append(attrs["href"])
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "li" and self._open_items:
            item = self._open_items.pop()
            item["text"] = collapse("".join(item["text"]))
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        for item in self._open_items:
            item["text"].append(data)
        if self._in_script:
            self.scripts[-1] += data


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def html_files(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def test_the_strict_mkdocs_build_succeeds(site):
    assert site.build.returncode == 0, site.build.stderr
    assert "WARNING" not in site.build.stderr
    assert (site.dir / ".briefing-generated").is_file()


def test_every_used_country_theme_source_teaser_and_the_timeline_has_a_page(built):
    sources = all_sources(built.root)
    expected = {"/timeline/", "/countries/", "/themes/", "/sources/"}
    expected |= {f"/countries/{slug}/" for _, data in sources for slug in data["countries"]}
    expected |= {f"/themes/{slug}/" for _, data in sources for slug in data["themes"]}
    expected |= {f"/sources/{source_id}/" for source_id, _ in sources}
    assert len([p for p in expected if p.startswith("/sources/")]) == 1 + len(source_files(built.root)) + 10
    missing = sorted(p for p in expected if not page_file(built.dir, p).is_file())
    assert missing == []


def test_each_timeline_citation_resolves_to_an_element_holding_the_quote(built):
    timeline_url = urljoin(BASE, "timeline/")
    items = parse(page_file(built.dir, "/timeline/")).items
    events = all_events(built.root)
    assert len(events) > 10
    for source_id, event in events:
        # The event's line cites its source; a line for an event several sources report cites each.
        targets = [urlsplit(urljoin(timeline_url, h)) for item in items for h in item["hrefs"] if "#p" in h]
        mine = [t for t in targets if t.path == f"/sources/{source_id}/"]
        assert mine, event["text"]
        assert all(t.netloc == urlsplit(BASE).netloc for t in mine)
        holding = []
        for target in mine:
            element_text = texts_by_id(page_file(built.dir, target.path).read_text(encoding="utf-8")).text(target.fragment)
            assert element_text is not None, f"{target.path} has no element id={target.fragment}"
            holding.append(collapse(event["quote"]) in element_text)
        assert any(holding), (source_id, event["quote"])


@pytest.fixture(scope="module")
def search_index(built) -> list[dict]:
    return search_documents(built.dir)


def test_search_index_holds_a_distinctive_word_of_every_seed(built, search_index):
    seeds = {p.stem for p in (built.root / "seeds").glob("*.txt")}
    assert set(SEED_WORDS) == seeds, "choose a word for every seed"
    for seed, word in SEED_WORDS.items():
        assert word in (built.root / "seeds" / f"{seed}.txt").read_text(encoding="utf-8")
        (entry,) = [d for d in search_index if d["url"] == f"/sources/{seed}/"]
        assert word in entry["content"], (seed, word)


def test_search_index_leaves_out_listing_pages_and_noise(built, search_index):
    urls = {d["url"] for d in search_index}
    assert "/" in urls and "/countries/kazakhstan/" in urls and "/timeline/" in urls
    assert not [u for u in urls if u.startswith(("/browse/", "/timeline/2"))], "listings repeat other pages"
    # Citations read "¶3"; a heading's permalink is a bare "¶".
    assert not [d["url"] for d in search_index if re.search(r"¶(?!\d)", d["content"])], "heading anchors indexed"


def test_aliases_are_indexed_on_the_page_of_their_term(built, search_index):
    taxonomy = yaml.safe_load((built.root / "content/taxonomy.yml").read_text(encoding="utf-8"))
    owners = {}
    for kind in ("countries", "themes"):
        for term in taxonomy[kind]:
            for alias in term.get("aliases", []):
                owners.setdefault(alias, []).append(f"{kind}/{term['slug']}/")
    assert {alias: owners.get(alias) for alias in ALIAS_PAGES} == {a: [p] for a, p in ALIAS_PAGES.items()}
    for alias, location in ALIAS_PAGES.items():
        (entry,) = [d for d in search_index if d["url"] == f"/{location}"]
        listed = re.search(r"Names and keywords: ([^.]*)", entry["content"])
        assert listed, f"no aliases in the index entry of {location}"
        assert alias in [a.strip() for a in listed.group(1).split(",")], (alias, location)


def test_no_page_loads_anything_from_another_host(built):
    loaders = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src", "video": "src",
               "audio": "src", "embed": "src", "object": "data"}
    files = html_files(built.dir)
    assert len(files) > 40
    offenders = []
    for path in files:
        for tag, attrs in parse(path).tags:
            value = (attrs.get(loaders.get(tag, "")) or "").strip().lower()
            if value.startswith(("http://", "https://", "//")):
                offenders.append((path.relative_to(built.dir).as_posix(), tag, value))
    assert offenders == []


def test_meta_description_is_the_whole_summary(built):
    for source_id, data in source_files(built.root):
        tags = parse(page_file(built.dir, f"/sources/{source_id}/")).tags
        descriptions = [attrs.get("content") for tag, attrs in tags if tag == "meta" and attrs.get("name") == "description"]
        assert descriptions == [collapse(data["summary"])], source_id


def test_a_hostile_summary_injects_no_element_or_script(built):
    page = parse(page_file(built.dir, "/sources/001_66304f5fa3b57f47/"))
    assert not any("alert(" in script for script in page.scripts)
    assert not any("onerror" in attrs for _, attrs in page.tags)
    assert not any(tag == "img" and attrs.get("src") == "x" for tag, attrs in page.tags)


def test_no_built_page_has_an_inline_event_handler_or_javascript_link(built):
    for path in html_files(built.dir):
        for tag, attrs in parse(path).tags:
            assert not any(name.startswith("on") for name in attrs), (path, tag, attrs)
            href = (attrs.get("href") or "").strip().lower()
            assert not href.startswith("javascript:"), (path, tag, href)


def with_previous_site(site: Site, target: Path) -> Path:
    """A fresh copy of the project holding the module's built site as its previous site/."""
    root = copy_project(target)
    shutil.copytree(site.dir, root / "site")
    return root


def test_build_with_an_input_error_exits_1_and_leaves_the_previous_site(built, tmp_path):
    root = with_previous_site(built, tmp_path / "project")
    before = tree_bytes(root / "site")
    edit(root, S000, "Russia House in Osh, under the management of", "Russia House in Osh, under the control of")
    result = run_cli("build", "--root", str(root), cwd=root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{S000}:" in result.stderr and "quote" in result.stderr
    assert tree_bytes(root / "site") == before


def test_build_command_is_strict_about_mkdocs_warnings(built, tmp_path):
    root = with_previous_site(built, tmp_path / "project")
    before = tree_bytes(root / "site")
    edit(root, "content/pages/about.md", "\n", "\n\nSee [a page that does not exist](no-such-page.md).\n")
    result = run_cli("build", "--root", str(root), cwd=root)
    assert result.returncode != 0
    assert tree_bytes(root / "site") == before


def test_plain_mkdocs_build_works_once_the_pages_are_generated(tmp_path):
    # MkDocs checks that docs_dir exists before any hook runs, so a fresh checkout
    # needs `python -m generator generate` (or make site / make serve) first; the README says so.
    root = copy_project(tmp_path / "project")
    assert mkdocs_build(root).returncode != 0
    assert run_cli("generate", "--root", str(root), cwd=root).returncode == 0
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    assert page_file(root / "site", "/timeline/").is_file()
