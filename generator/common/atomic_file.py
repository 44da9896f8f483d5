"""Files replaced in one step: a reader, a crash or a full disk never meets one half-written."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterable, Set
from pathlib import Path
from types import TracebackType


def replace_text(path: Path, text: str) -> None:
    """Write text to a temporary sibling and rename it over path; on any failure the sibling is removed."""
    replace_bytes(path, text.encode("utf-8"))


def replace_bytes(path: Path, content: bytes) -> None:
    """replace_text, for bytes."""
    replace_in_parts(path, [content])


def replace_in_parts(path: Path, parts: Iterable[bytes]) -> None:
    """replace_bytes, for content made part by part as it is written (a big cache need not be held twice)."""
    _put_in_place(_written_beside(path, parts), path)


class Saves:
    """Files written as soon as their content is known, each beside the file it replaces (or adds to), and put in
    place together when the run ends well (as a context manager); dropped if it fails. What a run keeps for the
    next (a big cache) need not be held in memory until the run is known to succeed."""

    def __init__(self) -> None:
        self._waiting: dict[Path, tuple[Path, bool]] = {}  # path -> its new content (or end), written beside it

    def write(self, path: Path, parts: Iterable[bytes]) -> None:
        self._waiting[path] = (_written_beside(path, parts), False)

    def adopt(self, path: Path, temporary: Path) -> None:
        """temporary, written beside path by whoever made it, put in place of path when the run ends well."""
        self._waiting[path] = (temporary, False)

    def append(self, path: Path, parts: Iterable[bytes]) -> None:
        """parts added at the end of path when the run ends well: a big cache that gains a few entries is not
        written again whole (at 100,000 sources the parse cache is 1.3 GB). Not in one step like a replacement:
        a crash while appending leaves the file cut short, which its reader must take for no file at all."""
        self._waiting[path] = (_written_beside(path, parts, ".append.tmp"), True)

    def __enter__(self) -> Saves:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        waiting, self._waiting = self._waiting, {}
        try:
            while waiting and kind is None:
                path, (temporary, appended) = waiting.popitem()
                (_append_to if appended else _put_in_place)(temporary, path)
        finally:
            for temporary, _ in waiting.values():
                _drop(temporary)


UNUSED_KEPT = 4  # a store that is appended to is written again whole once a quarter of its entries are unused


def worth_appending(stored: Set[str], used: Set[str]) -> bool:
    """Whether a store of the stored keys may take this run's new entries at its end (Saves.append), keeping the
    entries this run did not use (an edited file's last entry, a deleted seed's): a few seeds landing then write a
    few entries, not the whole store again. Once unused entries reach a quarter of it, it is written anew with the
    used ones alone, so that it never grows past a third more than what is in use."""
    return bool(stored) and len(stored - used) * UNUSED_KEPT < len(stored)


def _written_beside(path: Path, parts: Iterable[bytes], suffix: str = ".tmp") -> Path:
    """parts written to a temporary sibling of path; on any failure it is removed and the error names it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(suffix)  # build/ cleans up *.tmp its cache left (write/lock.py)
    try:
        with temporary.open("wb") as file:
            file.writelines(parts)
    except BaseException as error:
        _drop(temporary)  # half-written on a full disk, it would only hold on to space
        if isinstance(error, OSError) and not error.filename:
            error.filename = str(temporary)  # a failed write names no file; the message must
        raise
    return temporary


def _put_in_place(temporary: Path, path: Path) -> None:
    try:
        os.replace(temporary, path)
    except BaseException:
        _drop(temporary)
        raise


def _append_to(temporary: Path, path: Path) -> None:
    try:
        with temporary.open("rb") as added, path.open("ab") as file:
            shutil.copyfileobj(added, file)
    finally:
        _drop(temporary)


def _drop(temporary: Path) -> None:
    with contextlib.suppress(OSError):
        temporary.unlink(missing_ok=True)
