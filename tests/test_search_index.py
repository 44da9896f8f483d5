"""The search index (generator/engines/pagefind.py): the same bytes on any file system, and no orphans after a kill.

Pagefind numbers pages in the order it reads them; a folder walk reads them in the
file system's order (hash order on ext4, creation order on tmpfs), which made the
index differ between disks for identical HTML (issue 13, case 10). And a SIGKILL of
the build while Pagefind worked left Pagefind running on its own (case 8).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import pytest

from generator.engines import pagefind as site_search
from tests.conftest import ROOT
from tests.helpers import build_copy, search_documents, tree_bytes

SHARED_MEMORY = Path("/dev/shm")  # tmpfs on Linux: lists a folder in creation order, not ext4's hash order


@pytest.fixture(scope="module")
def built_pages(tmp_path_factory) -> dict[str, bytes]:
    """The HTML pages of the fixture corpus's site, by path in the site."""
    site = build_copy(tmp_path_factory.mktemp("search-index") / "project") / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")
            if p.relative_to(site).parts[0] != site_search.MAIN_BUNDLE}


def write_pages(site: Path, pages: dict[str, bytes], reverse: bool) -> Path:
    """The pages written one by one (their folders made as they come) in sorted or reverse order."""
    for path in sorted(pages, reverse=reverse):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(pages[path])
    return site


@pytest.fixture
def other_file_system(tmp_path):
    """A folder on another file system than tmp_path (/dev/shm), or None if there is none."""
    if not SHARED_MEMORY.is_dir() or os.stat(SHARED_MEMORY).st_dev == os.stat(tmp_path).st_dev:
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="search-index-", dir=SHARED_MEMORY))
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


def listing_orders(site: Path) -> dict[str, list[str]]:
    return {folder.relative_to(site).as_posix(): os.listdir(folder) for folder in [site, *site.rglob("*")]
            if folder.is_dir()}


def test_the_index_is_byte_identical_on_two_file_systems(built_pages, tmp_path, other_file_system):
    first = write_pages(tmp_path / "first" / "site", built_pages, reverse=False)
    if other_file_system is None:
        warnings.warn(f"{SHARED_MEMORY} is missing or on the same file system as {tmp_path}: "
                      "comparing two creation orders on one file system only")
        second = write_pages(tmp_path / "second" / "site", built_pages, reverse=True)
    else:
        second = write_pages(other_file_system / "site", built_pages, reverse=True)
        assert listing_orders(first) != listing_orders(second), \
            "test setup: the two file systems list the folders in the same order, so nothing is tested"
    for site in (first, second):
        assert site_search.index_site(site) == 1
    one, other = tree_bytes(first / "pagefind"), tree_bytes(second / "pagefind")
    assert len(one) > 20 and any(path.endswith(".pf_index") for path in one)
    assert sorted(p for p in set(one) | set(other) if one.get(p) != other.get(p)) == [], \
        "these files of the index differ between the two copies"


def test_every_result_links_to_its_page(built_pages, tmp_path):
    site = write_pages(tmp_path / "site", built_pages, reverse=False)
    site_search.index_site(site)
    urls = [document["url"] for document in search_documents(site)]
    assert "/" in urls and "/sources/000_c1a27e0ec5b1e4f9/" in urls
    pages = [url.lstrip("/") + ("index.html" if url.endswith("/") else "") for url in urls]
    assert [page for page in pages if page not in built_pages] == []


def test_claim_permalinks_are_not_indexed(built_pages, tmp_path):
    """A claim's permalink is a bare "#" after it (templates/_macros.md.j2): indexed, it showed in results'
    excerpts between claims ("…recognise".) # January 2022…"). The fixture corpus's text has no bare "#"."""
    marked = [page for page, html in built_pages.items() if b'class="briefing-permalink"' in html]
    assert marked, "test setup: no page shows a claim's permalink"
    site = write_pages(tmp_path / "site", built_pages, reverse=False)
    site_search.index_site(site)
    documents = {document["url"]: document["content"] for document in search_documents(site)}
    assert [url for url, content in documents.items() if re.search(r"(?<!\S)#(?!\S)", content)] == []


def test_pages_are_indexed_as_pagefind_site_indexes_them(built_pages, tmp_path):
    """The same fragments (named by their content) as `pagefind --site` with our options: same text, URLs, weights."""
    site = write_pages(tmp_path / "site", built_pages, reverse=False)
    site_search.index_site(site)
    from pagefind.service import get_executable

    walked = tmp_path / "walked"
    subprocess.run([str(get_executable()), "--site", str(site), "--output-path", str(walked), "--silent",
                    "--exclude-selectors", site_search.NOT_INDEXED], check=True, capture_output=True)
    ours = tree_bytes(site / "pagefind" / "fragment")
    assert len(ours) > 20
    assert ours == tree_bytes(walked / "fragment")
    entries = [json.loads((folder / "pagefind-entry.json").read_text()) for folder in (site / "pagefind", walked)]
    assert [entry["languages"]["en"]["page_count"] for entry in entries] == [len(ours)] * 2


# --- a kill while Pagefind works ------------------------------------------------------------------------

# Indexes in the main thread (as `build` does) or in a thread of its own (as `serve` does). Once
# Pagefind has been asked for the index (many seconds of work for the page below), a forked copy
# keeps Pagefind's input open and says so: Pagefind's service also quits at the end of its input,
# which would hide a missing PR_SET_PDEATHSIG.
INDEXER = """
import os, sys, threading, time
from pathlib import Path
from generator.engines import pagefind as site_search

send, read_answer = site_search.PagefindService.request, site_search.PagefindService._read_answer
def request(self, payload):
    self.building = payload["type"] == "GetFiles"
    return send(self, payload)
def announce(self):
    if self.building and os.fork() == 0:
        print("building", flush=True)
        time.sleep(60)
        os._exit(0)
    return read_answer(self)
site_search.PagefindService.request, site_search.PagefindService._read_answer = request, announce
if sys.argv[2] == "thread":
    worker = threading.Thread(target=site_search.index_site, args=(Path(sys.argv[1]),))
    worker.start()
    worker.join()
else:
    site_search.index_site(Path(sys.argv[1]))
"""
DISTINCT_WORDS = 600_000  # 5 to 15 s of Pagefind building its index here: far longer than the 2 s allowed


def process_table() -> dict[int, tuple[int, str, str, str]]:
    """pid: (parent pid, state, name, start time) of every process."""
    table = {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            text = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue  # it has just ended
        fields = text[text.rindex(")") + 2:].split()
        table[int(entry)] = (int(fields[1]), fields[0], text[text.index("(") + 1:text.rindex(")")], fields[19])
    return table


def descendants(pid: int) -> dict[int, tuple[int, str, str, str]]:
    table, found, parents = process_table(), {}, [pid]
    while parents:
        parent = parents.pop()
        for child, row in table.items():
            if row[0] == parent and child not in found:
                found[child] = row
                parents.append(child)
    return found


def still_running(processes: dict[int, tuple[int, str, str, str]]) -> list[int]:
    """Those still alive: same pid and start time, and not a zombie (dead, waiting to be reaped)."""
    table = process_table()
    return [pid for pid, row in processes.items()
            if pid in table and table[pid][3] == row[3] and table[pid][1] != "Z"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux only")
@pytest.mark.parametrize("where", ["main", "thread"])
def test_pagefind_dies_with_a_killed_indexer_and_leaves_no_folder(tmp_path, where):
    project = tmp_path / "project"
    words = " ".join(f"w{number:x}q" for number in range(DISTINCT_WORDS))
    write_pages(project / "site", {"index.html": f"<html><body><p>{words}</p></body></html>".encode()}, False)
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    indexer = subprocess.Popen([sys.executable, "-c", INDEXER, str(project / "site"), where], cwd=tmp_path,
                               env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True)
    started = {}
    try:
        assert indexer.stdout.readline() == "building\n"
        time.sleep(0.2)  # Pagefind reads the request and sets to work
        started = descendants(indexer.pid)
        pagefind = {pid: row for pid, row in started.items() if row[2] == "pagefind"}
        assert len(pagefind) == 1 and still_running(pagefind), "test setup: Pagefind is not at work"
        indexer.send_signal(signal.SIGKILL)
        indexer.wait()
        deadline = time.monotonic() + 2
        while still_running(pagefind) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert still_running(pagefind) == [], "Pagefind outlived the killed indexer by 2 s"
    finally:
        indexer.kill()
        for pid in still_running(started):  # the forked copy; Pagefind too if the test failed
            os.kill(pid, signal.SIGKILL)
        indexer.stdout.close()
    left = [p for p in sorted(p.relative_to(project) for p in project.rglob("*")) if p not in before]
    assert [p for p in left if p.parts[:2] != ("site", site_search.MAIN_BUNDLE)] == [], \
        "the indexer left these behind outside its bundle"


def test_the_counts_of_the_country_and_theme_indexes_are_not_indexed(built_pages, tmp_path):
    """The indexes' tables count each term's sources and events: indexed, the counts showed in results' excerpts
    as a run of bare numbers ("… media. 3. 0."). Each term's line still is."""
    site = write_pages(tmp_path / "site", built_pages, reverse=False)
    site_search.index_site(site)
    documents = {document["url"]: document["content"] for document in search_documents(site)}
    indexes = [content for url, content in documents.items() if url.rstrip("/").endswith(("countries", "themes"))]
    assert len(indexes) == 2 and all(content for content in indexes)
    assert [content for content in indexes if re.search(r"(?<!\S)\d+\. \d+\.(?!\S)", content)] == []  # a row's two counts
