"""The search record (generator/engines/search_record.py): pages and bundles known by their size and time.

A page or bundle file with the recorded size and time is not read again; anything
else is, including a file rewritten with the same size in the clock tick it was read
in. Whatever is kept, the bundles are byte for byte those of a full index.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from generator.engines import pagefind as site_search
from generator.engines import search_bundles, search_record
from tests.test_search_bundles import (  # noqa: F401 (fixtures)
    built_pages,
    changed_source_page,
    indexed,
    search_index,
    small_bundles,
    write_site,
)

HOUR_NS = 3600 * 10**9


@pytest.fixture
def pages_read(monkeypatch) -> list[str]:
    """The pages scanning reads, in order."""
    read: list[str] = []
    original = search_bundles._scanned

    def counting(page, content, stamp):
        read.append(page.as_posix())
        return original(page, content, stamp)

    monkeypatch.setattr(search_bundles, "_scanned", counting)
    return read


@pytest.fixture
def bundles_digested(monkeypatch) -> list[str]:
    """The bundles whose files are read to be digested, in order."""
    digested: list[str] = []
    original = search_record.files_digest

    def counting(bundle, listing=None):
        digested.append(bundle.name)
        return original(bundle, listing)

    monkeypatch.setattr(search_record, "files_digest", counting)
    return digested


def age(folder: Path, by_ns: int = HOUR_NS) -> None:
    """Set every file's time back, as if written well before the scan that follows."""
    for path in folder.rglob("*"):
        if path.is_file():
            status = path.stat()
            os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns - by_ns))


def test_unchanged_pages_and_bundles_are_known_by_size_and_time_and_an_edit_is_read(
        built_pages, tmp_path, small_bundles, indexed, pages_read, bundles_digested):
    record = tmp_path / "search.json"
    site = write_site(tmp_path / "site", built_pages)
    age(site)
    site_search.index_site(site, record)
    assert len(pages_read) == len(built_pages)
    saved = json.loads(record.read_text(encoding="utf-8"))
    assert sorted(saved["pages"]) == sorted(built_pages), "every page's time was old enough to be trusted"
    age(site)  # the bundles just written, too
    site_search.index_site(site, record)  # reads each bundle once more, to trust its files' times from now on
    pages_read.clear(), bundles_digested.clear(), indexed.clear()
    site_search.index_site(site, record)
    assert (pages_read, bundles_digested, indexed) == ([], [], []), "nothing changed: nothing is read again"

    changed = changed_source_page(built_pages)
    path = next(p for p in changed if changed[p] != built_pages[p])
    write_site(site, {path: changed[path]})
    site_search.index_site(site, record)
    assert pages_read == [path], "only the page written since is read"
    assert len(indexed) == 1
    fresh = write_site(tmp_path / "fresh", changed)
    site_search.index_site(fresh)
    assert search_index(site) == search_index(fresh)


def test_a_page_rewritten_with_its_size_and_time_in_the_tick_it_was_read_is_read_again(
        built_pages, tmp_path, small_bundles, indexed):
    """The racy case: a page written moments before the scan is not trusted by its time, so new bytes of the
    same size under the same time (a rewrite within one tick of the file system's clock) are still seen."""
    record = tmp_path / "search.json"
    site = write_site(tmp_path / "site", built_pages)
    site_search.index_site(site, record)
    saved = json.loads(record.read_text(encoding="utf-8"))
    assert saved["pages"] == {}, "pages written just now are not known by their times"
    changed = changed_source_page(built_pages)
    path = next(p for p in changed if changed[p] != built_pages[p])
    same_size = changed[path].replace(b"Zanzibarian ", b"", 1).replace(b"<p", b"<P", 1)
    assert len(same_size) == len(built_pages[path]) and same_size != built_pages[path]
    before = (site / path).stat()
    (site / path).write_bytes(same_size)
    os.utime(site / path, ns=(before.st_atime_ns, before.st_mtime_ns))
    indexed.clear()
    site_search.index_site(site, record)
    assert len(indexed) == 1, "the rewritten page's bundle is indexed again"
    fresh = write_site(tmp_path / "fresh", {**built_pages, path: same_size})
    site_search.index_site(fresh)
    assert search_index(site) == search_index(fresh)


def test_a_bundle_file_changed_after_its_times_were_trusted_is_indexed_again(
        built_pages, tmp_path, small_bundles, indexed):
    record = tmp_path / "search.json"
    site = write_site(tmp_path / "site", built_pages)
    site_search.index_site(site, record)
    before = search_index(site)
    age(site)
    site_search.index_site(site, record)
    bundle = sorted(site.glob("pagefind-*"))[0]
    assert json.loads(record.read_text(encoding="utf-8"))["bundles"][bundle.name]["stamps"], "its times are trusted"
    next(p for p in sorted(bundle.rglob("*.pf_fragment"))).write_bytes(b"not what Pagefind wrote")
    indexed.clear()
    site_search.index_site(site, record)
    assert indexed == [bundle.name]
    assert search_index(site) == before


@pytest.mark.parametrize("record_text", [
    "not json",
    json.dumps({"format": 1, "bundles": {}, "pages": {}}),
    json.dumps({"pagefind": {"pages": {}, "files": ""}}),  # the first format: bundles only
])
def test_a_record_of_another_format_keeps_nothing(built_pages, tmp_path, small_bundles, indexed, record_text):
    record = tmp_path / "search.json"
    site = write_site(tmp_path / "site", built_pages)
    count = site_search.index_site(site)
    record.write_text(record_text, encoding="utf-8")
    indexed.clear()
    site_search.index_site(site, record)
    assert len(indexed) == count


def test_a_recorded_page_of_the_wrong_shape_is_read(built_pages, tmp_path, pages_read):
    site = write_site(tmp_path / "site", built_pages)
    page = Path(sorted(built_pages)[0])
    status = (site / page).stat()
    record = tmp_path / "search.json"
    record.write_text(json.dumps({"format": search_record.FORMAT, "bundles": {}, "pages": {
        page.as_posix(): [status.st_size, status.st_mtime_ns, "digest", 2024, "yes", None]}}), encoding="utf-8")
    scanned = search_bundles.scan(site, [page], search_record.Record(record))
    assert pages_read == [page.as_posix()] and scanned[page].digest != "digest"


def test_a_stamp_is_trusted_only_when_older_than_the_scan_by_the_margin(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("x", encoding="utf-8")
    status = path.stat()
    assert search_record.stamp_of(status, time.time_ns()) is None
    later = status.st_mtime_ns + search_record.STAMP_MARGIN_NS + 1
    assert search_record.stamp_of(status, later) == (status.st_size, status.st_mtime_ns)
