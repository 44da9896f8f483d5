"""The generator's state between runs (parse and page caches, the last navigation): plain JSON (never pickle,
so nothing in it can run), written atomically, and read back only when written by the same code."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from generator.common.atomic_file import replace_in_parts, replace_text


def read_stored(path: Path | None, code: str) -> dict[str, Any]:
    """What a cache file holds, if it was written by this very code; else nothing."""
    if path is None or not path.is_file():
        return {}
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stored if isinstance(stored, dict) and stored.get("code") == code else {}


def write_stored(path: Path, content: dict[str, Any]) -> None:
    replace_text(path, json.dumps(content, ensure_ascii=False))


def read_lines(path: Path, code: str) -> dict[str, str]:
    """A keyed store in JSON Lines, if written by this very code: each entry's JSON text by its key, parsed only
    when used (a big briefing's entries would take gigabytes as Python objects, most of them never read)."""
    try:
        with path.open(encoding="utf-8") as lines:
            if json.loads(lines.readline() or "null") != {"code": code}:
                return {}
            return dict(line.rstrip("\n").split(" ", 1) for line in lines)
    except (OSError, ValueError):
        return {}


def write_lines(path: Path, code: str, entries: dict[str, str]) -> None:
    """entries: JSON texts (one line each) by keys without spaces; the first line names the code."""
    replace_in_parts(path, lines_of(code, entries))


def lines_of(code: str, entries: dict[str, str]) -> Iterator[bytes]:
    """What write_lines writes, line by line: joined, the text of a big cache would be held whole, four bytes a
    character if one needs it."""
    return _lines(code, ((key, entry.encode()) for key, entry in sorted(entries.items())))


def _lines(code: str, entries: Iterable[tuple[str, bytes]]) -> Iterator[bytes]:
    """The one format of a keyed store: a line naming the code, then one line per entry, its key and its text."""
    yield json.dumps({"code": code}).encode() + b"\n"
    yield from _entry_lines(entries)


def _entry_lines(entries: Iterable[tuple[str, bytes]]) -> Iterator[bytes]:
    for key, entry in entries:
        yield key.encode() + b" " + entry + b"\n"


class TextsOnDisk:
    """JSON texts by key, kept in files rather than in memory: the last run's store (as write_lines wrote it),
    read where each text lies, and a scratch file (unnamed: it vanishes with the process) of the texts added in
    this run. Only keys and places are held: a big briefing's parse cache would take 1.3 GB at 100,000 sources."""

    def __init__(self, path: Path | None, code: str) -> None:
        self._places: dict[str, tuple[int, int, int]] = {}  # key -> (file descriptor, offset, length)
        self._files: list[BinaryIO] = []
        self._scratch: BinaryIO | None = None
        self._scratch_end = 0
        self.last_run: frozenset[str] = frozenset()  # the keys the last run stored
        self._folder = path.parent if path is not None else None
        if path is not None:
            self._index(path, code)

    def _index(self, path: Path, code: str) -> None:
        try:
            file = path.open("rb")
        except OSError:
            return
        self._files.append(file)
        try:
            header = file.readline()
            if json.loads(header or b"null") != {"code": code}:
                return
            offset, places = len(header), {}
            for line in file:
                key, space, _ = line.partition(b" ")
                if not space or not line.endswith(b"\n"):
                    return  # cut short or not ours: trust none of it
                start = offset + len(key) + 1
                places[key.decode()] = (file.fileno(), start, len(line) - len(key) - 2)
                offset += len(line)
        except (OSError, ValueError):
            return
        self._places = places
        self.last_run = frozenset(places)

    def __contains__(self, key: str) -> bool:
        return key in self._places

    def get(self, key: str) -> str | None:
        return self._bytes(key).decode() if key in self._places else None

    def get_bytes(self, key: str) -> bytes | None:
        return self._bytes(key) if key in self._places else None

    def add(self, key: str, text: str) -> None:
        if self._scratch is None:
            folder = self._folder if self._folder is not None and self._folder.is_dir() else None
            self._scratch = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 (closed by close(), or with us)
            self._files.append(self._scratch)
        data = text.encode()
        written = 0
        while written < len(data):  # read back with pread only, so the file's own offset stays at its end
            written += os.write(self._scratch.fileno(), data[written:])
        self._places[key] = (self._scratch.fileno(), self._scratch_end, len(data))
        self._scratch_end += len(data)

    def lines(self, code: str, keys: Iterable[str]) -> Iterator[bytes]:
        """What write_lines would write for these keys' texts, read one at a time."""
        return _lines(code, ((key, self._bytes(key)) for key in sorted(keys)))

    def entry_lines(self, keys: Iterable[str]) -> Iterator[bytes]:
        """lines() without the line naming the code: what appending these keys' texts to a store adds."""
        return _entry_lines((key, self._bytes(key)) for key in sorted(keys))

    def _bytes(self, key: str) -> bytes:
        descriptor, offset, length = self._places[key]
        return os.pread(descriptor, length, offset)

    def close(self) -> None:
        for file in self._files:
            file.close()
        self._files, self._places, self._scratch = [], {}, None

    def __del__(self) -> None:
        self.close()  # when nothing reads from it any more (a seed's StoredParagraphs holds it)
