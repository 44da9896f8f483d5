"""Which inputs each page was last rendered from, so an unchanged page is not rendered again; dropped whenever
any of the generator's code, templates or schemas change."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from generator.common.json_store import read_stored, write_stored
from generator.inputs.parse_cache import GENERATOR_DIR, folder_digest


class _KeptPage(str):
    """A page the last run wrote from the same values: left in the output as it is, neither read nor held in
    memory (a site of 100,000 sources has gigabytes of pages). Told apart by identity: `text is KEPT`."""


KEPT = _KeptPage("")


class LastRun(Protocol):
    """What the last run wrote (page_maker.FilesLastRun, over the page cache): files made from their inputs alone,
    by code the cache's key covers, are left as they are when those inputs are the same."""

    def unchanged(self, paths: Iterable[str], inputs: Any) -> bool: ...


@lru_cache(maxsize=1)
def renderer_digest() -> str:
    """Everything that shapes a page besides its data: the generator's code and templates."""
    return folder_digest(GENERATOR_DIR, ["."])


class PageCache:
    """Which inputs each page was last rendered from, so an unchanged page is not rendered again.

    A page whose fingerprint (a digest of everything its template receives, see
    page_data.py) matches the last successful run is KEPT: the file in the output folder stays as it is.
    """

    def __init__(
        self,
        path: Path | None,
        out_dir: Path,
        previous: dict[str, str] | None = None,
        previous_reads: dict[str, Any] | None = None,
    ):
        """previous, previous_reads: the fingerprints of the pages now in out_dir and what they read (page_reads.py),
        when they are not stored at path."""
        self.path = path
        self.out_dir = out_dir
        stored = read_stored(path, renderer_digest()) if previous is None else {}
        self.previous = previous if previous is not None else stored.get("pages", {})
        self.previous_reads = (previous_reads or {}) if previous is not None else stored.get("reads", {})
        self.current: dict[str, str] = {}
        self.current_reads: dict[str, Any] = {}  # filled by the renderer (page_reads.PageReads)
        self.reused = 0  # pages taken from the last output in this run

    def render(self, page_path: str, fingerprint: str, render: Callable[[], str]) -> str:
        if self.keeps(page_path, fingerprint):
            self.reused += 1
            return KEPT
        return render()

    def keeps(self, path: str, fingerprint: str) -> bool:
        """Whether the file at path, made from what fingerprint digests, is the last run's, to leave as it is."""
        self.current[path] = fingerprint
        return self.previous.get(path) == fingerprint and self._present(path)

    def has(self, path: str, files: Iterable[str] = ()) -> bool:
        """Whether the page at path, and the files made with it, are in the output as the last run left them."""
        return path in self.previous and all(self._present(p) for p in (path, *files))

    def _present(self, path: str) -> bool:
        # os.path, not pathlib: asked for every file of the site on every run (64,000 at 10,000 sources), where
        # making a Path for each cost more than the check itself
        return os.path.isfile(os.path.join(self.out_dir, path))

    def carry(self, path: str) -> str:
        """Keep the page at path (has() it) as the last run left it, with its fingerprint, without valuing it
        again: what it reads is unchanged (page_reads.py)."""
        self.current[path] = self.previous[path]
        self.reused += 1
        return KEPT

    def save(self) -> None:
        """Keep this run's records for the next, if they are not those the last run kept (a run that changed
        nothing leaves the file as it is: 250 MB at 100,000 sources)."""
        if self.path is None or (self.current == self.previous and self.current_reads == self.previous_reads):
            return
        try:
            write_stored(self.path, {"code": renderer_digest(), "pages": self.current, "reads": self.current_reads})
        except OSError:
            # The pages it describes have just been replaced: trusted later, it would serve one of them stale.
            with contextlib.suppress(OSError):
                self.path.unlink(missing_ok=True)
            raise
