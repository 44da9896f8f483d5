"""What the search bundles were made from, kept between builds (build/cache/search.json).

For each bundle: the pages it was made from (path -> digest) and a digest of its own
files, so a bundle is kept only on an exact match. For each page: what scanning it
found (engines/search_bundles.py), under the page's size and modification time, so
that a page with the same size and time is not read again (at 100,000 sources
reading and digesting every page took 23 s of a rebuild after 10 new sources).
The bundles' files are known by their sizes and times in the same way.

A page keeps its time in the staging tree, which links site/'s files or, where
it cannot, copies them with their times (engines/site_copy.py), and gets a new one
when the engine writes it, so a page with the recorded size and time is the page
that was read (the rule rsync follows). A time is trusted only when it was older than the
scan by STAMP_MARGIN_NS: a file written again in the same clock tick as it was read
would otherwise keep its size and time with new bytes (as Git's index guards
against "racily clean" files). Such a file is simply read again next time.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from generator.common.atomic_file import replace_text

FORMAT = 2  # a record of another format (or none) keeps nothing: every bundle is indexed again
STAMP_MARGIN_NS = 2_000_000_000
BUNDLE_LIST = "bundles.json"  # in the main bundle: the other bundles' folders, from the site root; not digested

Stamp = tuple[int, int]  # a file's size and modification time (ns)


def stamp_of(status: os.stat_result, scanned_at_ns: int) -> Stamp | None:
    """The file's stamp, if its time is old enough to be trusted when it is seen again."""
    return (status.st_size, status.st_mtime_ns) if _trusted(status.st_mtime_ns, scanned_at_ns) else None


def _trusted(mtime_ns: int, scanned_at_ns: int) -> bool:
    return mtime_ns <= scanned_at_ns - STAMP_MARGIN_NS


class Record:
    """What each bundle was made from, and what each page held; bundles are kept only on an exact match."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.bundles: dict[str, dict] = {}
        self.pages: dict[str, list] = {}  # page path -> [size, time, *what scanning found]
        if path is None:
            return
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(loaded, dict) and loaded.get("format") == FORMAT:
            self.bundles = _dict(loaded.get("bundles"))
            self.pages = _dict(loaded.get("pages"))

    def page(self, path: str, status: os.stat_result) -> list | None:
        """What scanning found in the page when it had this size and time, if it was recorded."""
        known = self.pages.get(path)
        if isinstance(known, list) and len(known) > 2 and known[:2] == [status.st_size, status.st_mtime_ns]:
            return known[2:]
        return None

    def keeps(self, bundle: Path, pages: dict[str, str]) -> bool:
        """Whether the bundle on disk was made from exactly these pages and is as it was written. A bundle whose
        files had to be read to tell has their sizes and times recorded (saved by save()), so the next build
        need not read them."""
        kept = self.bundles.get(bundle.name)
        if not isinstance(kept, dict) or kept.get("pages") != pages or not bundle.is_dir():
            return False
        started = time.time_ns()
        listing = _listing(bundle)
        if kept.get("stamps") == [[name, *stamp] for name, stamp in listing]:
            return True
        if kept.get("files") != files_digest(bundle, listing):
            return False
        kept["stamps"] = _stamps(listing, started)
        return True

    def made(self, bundle: Path, pages: dict[str, str]) -> None:
        listing = _listing(bundle)
        self.bundles[bundle.name] = {"pages": pages, "files": files_digest(bundle, listing), "stamps": None}

    def save(self, names: list[str], pages: dict[str, list]) -> None:
        """Keep the bundles named and these pages' findings (path -> [size, time, *found]) for the next build."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        kept = {name: self.bundles[name] for name in names if name in self.bundles}
        replace_text(self.path, json.dumps({"format": FORMAT, "bundles": kept, "pages": pages}, sort_keys=True))


def files_digest(bundle: Path, listing: list[tuple[str, Stamp]] | None = None) -> str:
    digest = hashlib.sha256()
    for name, _ in _listing(bundle) if listing is None else listing:
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256((bundle / name).read_bytes()).digest())
    return digest.hexdigest()


def _listing(bundle: Path) -> list[tuple[str, Stamp]]:
    """The bundle's files (but the bundle list, which changes with the other bundles) in sorted order, each with
    its size and time."""
    found = []
    for path in sorted(bundle.rglob("*")):
        relative = path.relative_to(bundle).as_posix()
        if path.is_file() and relative != BUNDLE_LIST:
            status = path.stat()
            found.append((relative, (status.st_size, status.st_mtime_ns)))
    return found


def _stamps(listing: list[tuple[str, Stamp]], started: int) -> list | None:
    """The listing as recorded, or None when a file is too new for its time to be trusted."""
    if not all(_trusted(mtime, started) for _, (_, mtime) in listing):
        return None
    return [[name, size, mtime] for name, (size, mtime) in listing]


def _dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}
