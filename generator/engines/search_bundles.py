"""Which pages go into which search bundle, and which bundles a build can keep as they are.

A small site is one bundle. Past ONE_BUNDLE_UP_TO source pages, the source pages
are split by the year their source entered the briefing (data-briefing-added,
from added: in its metadata; without it, the year the page is filed under, its
"year" search filter): new sources land in the newest year whatever date they
are about, so a build after them indexes that year's bundle again and not the
bundles of the years their articles speak of. A span of years goes to a bundle
(1, 2, 4, ... years, as many as keep an average bundle within the bundle size),
and a span with more than the bundle size is split by the month of arrival
(so that new sources go to its last part; by a hash of the page's path for
pages without added:, or past MONTH_PARTS parts); every other page stays in the
main bundle. The bundle size is half the
source pages, within ONE_BUNDLE_UP_TO and SOURCES_PER_BUNDLE: a build after new
sources indexes their bundle again, and all of a site that is one bundle, so a
middling site is split too (1,000 synthetic sources over 11 years: 250 pages indexed
again instead of 1,100). Spans and splits are powers of two, so a page's bundle
changes only when its span's sources or the average year double or halve against
the bundle size: new sources leave the bundles of other spans as they were. The
span that holds the newest year is split into single years, since that is where
new sources land: a build after them indexes the newest year again, not its span
(at 10,000 sources, about 950 pages instead of 1,900). When a new year begins, its
span's years are put back together once. Each
bundle costs a first search a few requests (its entry, metadata, index and filter
chunks), which is why bundles are not smaller: a first search at 10,000 sources stays under 1 MB.

A bundle is kept when the record (build/cache/search.json, engines/search_record.py)
says it was made from exactly these pages with these bytes, and the bundle's own
files are still the ones recorded; pages and files of the recorded size and time
are not read again to know it. Pagefind gives the same bytes for the same pages in the same order
(engines/pagefind_canonical.py sorts what it does not), so a kept bundle is the
bundle a full build would write.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
import zlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from generator.engines.search_record import Record, Stamp, stamp_of

MAIN_BUNDLE = "pagefind"
ONE_BUNDLE_UP_TO = 500  # source pages: up to this many, the site is one bundle, as Pagefind alone makes it
SOURCES_PER_BUNDLE = 2000  # the largest bundle size (see _bundle_size); Pagefind needs about 0.3 MB a page
ADDED = re.compile(rb'data-briefing-added="(\d{4})-(\d{2})"')  # render/facets.py
MONTH_PARTS = 8  # up to this many parts a span is split by month of arrival (12 months), past it by hash
YEAR_FILTER = re.compile(rb'data-pagefind-filter="year:(\d{4})"')
SEARCHED = b"data-pagefind-body"
# What the generator marks so (a source page's links to other sources, render/templates/source.md.j2) is inside an
# element Pagefind leaves out whole (data-pagefind-ignore="all"): a page that changed only there gives Pagefind's
# same index, so it is left out of the page's digest, and new sources do not send every bundle whose pages list
# them as related to be indexed again.
UNSEARCHED = re.compile(rb"<!-- briefing-unsearched -->.*?<!-- /briefing-unsearched -->", re.DOTALL)
UNDATED = "undated"


@dataclass(frozen=True)
class Scanned:
    """What bundling needs of one page, read once: the page is not kept in memory (5 GB at 100,000 sources)."""

    digest: str  # of the page's bytes, without what is marked UNSEARCHED
    year: str  # the page's bundle year: when its source entered the briefing, else the year it is filed under
    searched: bool  # has the element Pagefind indexes (data-pagefind-body); pages without it it leaves out
    month: int | None = None  # the month (1-12) its source entered the briefing; None without added:
    stamp: Stamp | None = None  # the page's size and time when read, if old enough to be trusted (search_record.py)

    def recorded(self) -> list:
        """As the record keeps it, under the page's stamp."""
        assert self.stamp is not None
        return [*self.stamp, self.digest, self.year, self.searched, self.month]


def html_pages(site_dir: Path) -> list[Path]:
    """Every .html file under site_dir, relative to it, in sorted order (os.scandir: at 100,000 sources, a
    pathlib walk of the site's 500,000 files took seconds more)."""
    found, folders = [], [""]
    while folders:
        folder = folders.pop()
        for entry in os.scandir(os.path.join(site_dir, folder)):
            relative = f"{folder}/{entry.name}" if folder else entry.name
            if entry.is_dir(follow_symlinks=False):
                folders.append(relative)
            elif entry.name.endswith(".html") and entry.is_file():
                found.append(Path(relative))
    return sorted(found)


def scan(site_dir: Path, pages: list[Path], record: Record | None = None) -> dict[Path, Scanned]:
    """What bundling needs of each page: read from the page, or taken from the record for a page of the recorded
    size and time. The page is stat'ed before it is read, so a page changed in between gets a stamp older than
    its bytes, which the next scan finds changed again."""
    started, found = time.time_ns(), {}
    for page in pages:
        path = site_dir / page
        status = os.stat(path)
        known = record.page(page.as_posix(), status) if record is not None else None
        if known is not None and _well_formed(known):
            found[page] = Scanned(known[0], known[1], known[2], known[3], stamp_of(status, started))
        else:
            found[page] = _scanned(page, path.read_bytes(), stamp_of(status, started))
    return found


def _scanned(page: Path, content: bytes, stamp: Stamp | None) -> Scanned:
    added = ADDED.search(content) if _is_source_page(page) else None
    year = added or (YEAR_FILTER.search(content) if _is_source_page(page) else None)
    return Scanned(
        hashlib.sha256(UNSEARCHED.sub(b"", content)).hexdigest(),
        year.group(1).decode() if year else UNDATED,
        SEARCHED in content,
        int(added.group(2)) if added else None,
        stamp,
    )


def _well_formed(known: list) -> bool:
    """Whether a record's findings are as Scanned.recorded wrote them (anything else: the page is read)."""
    return (
        len(known) == 4
        and isinstance(known[0], str)
        and isinstance(known[1], str)
        and isinstance(known[2], bool)
        and (known[3] is None or type(known[3]) is int)
    )


def recorded(scanned: dict[Path, Scanned]) -> dict[str, list]:
    """The scanned pages as the record keeps them: those whose stamp may be trusted next time."""
    return {page.as_posix(): found.recorded() for page, found in scanned.items() if found.stamp is not None}


def plan_bundles(scanned: dict[Path, Scanned]) -> dict[str, list[Path]]:
    """Bundle name -> its pages in sorted order; the main bundle first.

    Once one page marks what Pagefind indexes, Pagefind leaves out every page that does not (the indexes and
    the timeline's years: 3,500 of 3,535 pages outside the source pages at 10,000 sources), so those are not
    handed to it, and a change to them does not send the main bundle to be indexed again.
    """
    pages = sorted(scanned)
    if any(found.searched for found in scanned.values()):
        pages = [page for page in pages if scanned[page].searched]
    sources = [page for page in pages if _is_source_page(page)]
    if len(sources) <= ONE_BUNDLE_UP_TO:
        return {MAIN_BUNDLE: list(pages)}
    chosen = set(sources)
    bundles: dict[str, list[Path]] = {MAIN_BUNDLE: [page for page in pages if page not in chosen]}
    size = _bundle_size(len(sources))
    span = _years_per_bundle(len(sources), len({scanned[page].year for page in sources}), size)
    dated = [scanned[page].year for page in sources if scanned[page].year != UNDATED]
    newest_span = _span_name(max(dated), span) if dated else None
    by_span: dict[str, list[Path]] = defaultdict(list)
    for page in sources:
        name = _span_name(scanned[page].year, span)
        by_span[scanned[page].year if name == newest_span else name].append(page)
    for name in sorted(by_span):
        for part, group in _split(by_span[name], scanned, size).items():
            bundles[f"{MAIN_BUNDLE}-{name}{part}"] = group
    return {name: bundles[name] for name in [MAIN_BUNDLE, *sorted(set(bundles) - {MAIN_BUNDLE})]}


def _bundle_size(sources: int) -> int:
    """Half the source pages, within ONE_BUNDLE_UP_TO and SOURCES_PER_BUNDLE: smaller bundles make less to index
    again after new sources, but each costs a first search a few requests more."""
    return min(SOURCES_PER_BUNDLE, max(ONE_BUNDLE_UP_TO, sources // 2))


def _years_per_bundle(sources: int, years: int, size: int) -> int:
    """A power of two: it changes, and the bundles with it, only when the average year doubles or halves."""
    span = 1
    while sources / max(years, 1) * span * 2 <= size:
        span *= 2
    return span


def _span_name(year: str, span: int) -> str:
    if year == UNDATED or span == 1:
        return year
    first = int(year) // span * span
    return f"{first}-{first + span - 1}"


def _parts_for(count: int, size: int) -> int:
    """A power of two, so that a year that grows is split again only when it doubles."""
    parts = 1
    while count > parts * size:
        parts *= 2
    return parts


def _split(group: list[Path], scanned: dict[Path, Scanned], size: int) -> dict[str, list[Path]]:
    """A span's pages in parts of about the bundle size, by name suffix ("" when it is not split): by the month of
    arrival, so that new sources send only the last part to be indexed again (a hash would spread them over every
    part), and a part that is still too big (sources that arrived together) by a hash of the path."""
    parts = _parts_for(len(group), size)
    if parts == 1:
        return {"": group}
    by_part: dict[int, list[Path]] = defaultdict(list)
    for page in group:
        by_part[_part(page, scanned[page], parts)].append(page)
    split: dict[str, list[Path]] = defaultdict(list)
    for part, pages in sorted(by_part.items()):
        subparts = _parts_for(len(pages), size)
        for page in pages:
            sub = f"-{_path_hash(page) // parts % subparts + 1}" if subparts > 1 else ""
            split[f"-{part}{sub}"].append(page)
    return split


def _part(page: Path, found: Scanned, parts: int) -> int:
    """1 to parts: by the month of arrival; by a hash of the path without one, or past MONTH_PARTS parts."""
    if found.month is not None and parts <= MONTH_PARTS:
        return (found.month - 1) * parts // 12 + 1
    return _path_hash(page) % parts + 1


def _path_hash(page: Path) -> int:
    return zlib.crc32(page.as_posix().encode())


def _is_source_page(page: Path) -> bool:
    return len(page.parts) == 3 and page.parts[0] == "sources" and page.name == "index.html"
