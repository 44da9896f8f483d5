"""Files made in a forked child while this process makes others: on a machine of two cores, the feeds, data
downloads and sources' citation files (a fifth of a run that adds a few sources to 10,000), which need the model
alone, are made while this process derives what it finds across sources and makes the pages, instead of after.

The child writes each file it makes to a scratch folder and hands back their paths in order, with what it recorded
in the page cache (which files it found unchanged, from what); this process then hands the files on, one at a
time, as if it had made them itself: the same files, in the same order, whoever made them. Where forking is not
safe (common/workers.py), the files are made here when they are asked for.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from generator.common.workers import Apart, copies_memory_holds, worker_count
from generator.render.page_cache import PageCache

Files = Iterable[tuple[str, bytes | None]]


def made_apart_folder(out_dir: Path) -> Path:
    """Where the files made by another process wait until they are written, beside out_dir as write_tree's own
    folders are (what a killed run left there is removed by the next FilesMadeApart)."""
    return out_dir.parent / f".{out_dir.name}.apart"


class FilesMadeApart:
    """make()'s files, begun at once in a child; files() hands them on. The scratch folder holds them until then
    (what a killed run left in it is removed first); it is removed by files() or close(), whichever comes first."""

    def __init__(self, make: Callable[[], Files], scratch: Path, pages: PageCache | None) -> None:
        self._make = make
        self._pages = pages
        self._scratch: Path | None = None
        self._apart: Apart | None = None
        # BRIEFING_WORKERS=1, or too little memory for a child that may come to copy this process: all made here
        if worker_count() > 1 and copies_memory_holds() >= 1:
            shutil.rmtree(scratch, ignore_errors=True)
            scratch.mkdir(parents=True)
            self._scratch = scratch
            self._apart = Apart(self._made_in_child)

    def _made_in_child(self) -> tuple[list[tuple[str, bool]], dict[str, str]]:
        """In the child: every file made, each one written to the scratch folder; (path, whether written) of
        each, in order, and the page cache's records this made."""
        assert self._scratch is not None
        before = set(self._pages.current) if self._pages is not None else set()
        listed = []
        for number, (path, data) in enumerate(self._make()):
            if data is not None:
                (self._scratch / str(number)).write_bytes(data)
            listed.append((path, data is not None))
        records = {} if self._pages is None else {k: v for k, v in self._pages.current.items() if k not in before}
        return listed, records

    def __enter__(self) -> FilesMadeApart:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def files(self) -> Iterator[tuple[str, bytes | None]]:
        try:
            if self._apart is None or self._scratch is None or not self._apart.forked:
                yield from self._make()
                return
            listed, records = self._apart.result()
            if self._pages is not None:
                self._pages.current.update(records)
            for number, (path, written) in enumerate(listed):
                yield path, (self._scratch / str(number)).read_bytes() if written else None
        finally:
            self.close()

    def close(self) -> None:
        """Stop the child if it is still at work (this run failed meanwhile) and remove the scratch folder."""
        if self._apart is not None:
            self._apart.abandon()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
