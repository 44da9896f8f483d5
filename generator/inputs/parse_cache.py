"""Remember what reading seeds and parsing YAML produced, keyed by the bytes read.

An edit to one file then costs one parse, not ten thousand. Entries are keyed by
the SHA-256 of the input's bytes (and the encoding asked for) together with a
digest of the code that made them, so a change to either is never served stale.
The cache is plain JSON in build/cache/ (never pickle: nothing in it can run),
one line per entry (JSON Lines), written atomically, and holds only the entries
the last run used. An entry is parsed only when asked for, and its text is not
held in memory but read from the file where it lies (new entries from an unnamed
scratch file): as one JSON document, the whole cache was parsed into Python
objects on every run and kept for all of it (400 MB at 10,000 sources); as texts
in memory, it still took 130 MB at 10,000 sources.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

from generator.common.atomic_file import Saves, replace_in_parts, worth_appending
from generator.common.json_store import TextsOnDisk
from generator.common.workers import run_each
from generator.inputs.seed_text import StoredParagraphs

GENERATOR_DIR = Path(__file__).resolve().parent.parent

PARSING_STAGES = ("common", "inputs")  # every module and data file in these folders, and the schemas


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of all the code and data that reading a seed or a YAML file can run: the stages before the model
    (the import contract in pyproject.toml keeps reading from importing anything later)."""
    return folder_digest(GENERATOR_DIR, [*PARSING_STAGES, "schemas"])


def folder_digest(root: Path, folders: list[str]) -> str:
    """Every file under the folders (but compiled Python), by its path relative to root and its bytes."""
    digest = hashlib.sha256()
    files = sorted(
        path
        for folder in folders
        for path in (root / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _key(kind: str, data: bytes, variant: str) -> str:
    """The entry's key, without spaces or line breaks (JSON Lines keys; an encoding's name may hold a space)."""
    return f"{kind}:{_quoted(variant)}:{hashlib.sha256(data).hexdigest()}"


@lru_cache(maxsize=64)
def _quoted(variant: str) -> str:
    """A variant as keys hold it: a few variants name the entries of 10,000s of files."""
    return quote(variant, safe="|+-._~:")


def bytes_digest(key: str) -> str:
    """The SHA-256 of the bytes an entry's key was made from, without hashing them again."""
    return key.rsplit(":", 1)[1]


@dataclass(frozen=True)
class Parted:
    """An entry's value in two parts: head, decoded whenever the entry is asked for, and rest, stored after it and
    decoded only when read (ParseCache.remember_parted): a seed's paragraphs and a YAML file's places are most of
    the cache's bytes, and a run whose inputs are the last run's reads neither (at 10,000 sources, decoding them
    took a quarter of a second of every run). Stored as the head's JSON, a tab, and the rest's: JSON escapes every
    tab inside its strings, so the first tab of an entry is the one between them."""

    head: Any
    rest: Any


class ParseCache:
    """kind + bytes -> a JSON-able result; `remember` computes on a miss."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.texts = TextsOnDisk(path, code_digest())  # the last run's entries and those made in this run
        self.used: set[str] = set()

    def prepare(self, jobs: Iterable[tuple[Hashable, tuple[str, bytes, str, Callable[[], Any]]]]) -> dict[Any, str]:
        """Compute on every core the entries of these (name, (kind, data, variant, compute)) not held yet, so that
        remember_key() then finds them (common/workers.py); what is not plain JSON is left for it. The key of each
        name: given lazily, the jobs' bytes are let go of once keyed, unless their entry must be computed."""
        keys: dict[Any, str] = {}
        missing: dict[str, Callable[[], Any]] = {}
        for name, (kind, data, variant, compute) in jobs:
            key = keys[name] = _key(kind, data, variant)
            if key not in self.texts:
                missing.setdefault(key, compute)
        for key, value in zip(missing, run_each(list(missing.values())), strict=True):
            text = _plain_text(value)
            if text is not None:
                self.texts.add(key, text)
        return keys

    def remember(self, kind: str, data: bytes, variant: str, compute: Callable[[], Any]) -> Any:
        return self.remember_key(_key(kind, data, variant), compute)

    def remember_key(self, key: str, compute: Callable[[], Any]) -> Any:
        """The entry under key (as prepare() gave it), computed if it is not held. Of a Parted entry read from the
        cache, only the head is decoded: Parted(head, None)."""
        stored = self.texts.get_bytes(key)
        if stored is None:
            value = compute()
            text = _plain_text(value)
            if text is None:
                return value  # not plain JSON (a YAML key that is a number, say): never cache it
            self.texts.add(key, text)
            self.used.add(key)
            return value
        self.used.add(key)
        head, tab, _ = stored.partition(b"\t")
        return Parted(json.loads(head), None) if tab else json.loads(stored)

    def remember_parted(self, key: str, compute: Callable[[], Any]) -> tuple[Any, Callable[[], Any]]:
        """The head of the entry under key (the whole value, if it is not Parted) and a function that gives its
        rest (None, if it is not): read from the cache's files when called, if it is kept there, else from memory."""
        value = self.remember_key(key, compute)
        if not isinstance(value, Parted):
            return value, _nothing
        if key in self.texts:
            return value.head, partial(_rest_of, self.texts, key)
        return value.head, partial(_as_is, value.rest)

    def key(self, kind: str, data: bytes, variant: str) -> str:
        return _key(kind, data, variant)

    def stored_paragraphs(self, key: str, length: int) -> StoredParagraphs | None:
        """The paragraphs of a seed's entry (remembered), left in the cache's files; None if it is not kept there."""
        return StoredParagraphs(self.texts, key, length) if key in self.texts else None

    def save(self, saves: Saves | None = None) -> None:
        """Keep the entries this run used for the next run (in saves, if given, to be put in place when the run
        ends well), if they are not the last run's: with saves, new entries are added at the end of the stored
        file while few of its entries go unused (worth_appending). Then let go of them all: once the model is
        built, nothing more is parsed. The files stay open as long as a seed's StoredParagraphs reads from them."""
        last_run = self.texts.last_run
        if self.path is not None and saves is not None and worth_appending(last_run, self.used):
            if not self.used <= last_run:
                saves.append(self.path, self.texts.entry_lines(self.used - last_run))
        elif self.path is not None and self.used != last_run:
            lines = self.texts.lines(code_digest(), self.used)
            if saves is None:
                replace_in_parts(self.path, lines)
            else:
                saves.write(self.path, lines)
        self.texts = TextsOnDisk(None, code_digest())  # the seeds' StoredParagraphs still read from the last one
        self.used = set()


def _plain_text(value: Any) -> str | None:
    """value as one line of JSON (a Parted one as two, a tab between them), if JSON gives it back exactly; else
    None."""
    if isinstance(value, Parted):
        head, rest = _plain_text(value.head), _plain_text(value.rest)
        return None if head is None or rest is None else f"{head}\t{rest}"
    text = json.dumps(value, ensure_ascii=False)
    return text if json.loads(text) == value else None


def _rest_of(texts: TextsOnDisk, key: str) -> Any:
    stored = texts.get_bytes(key)
    if stored is None:
        raise LookupError(f"the parse cache no longer holds {key}")
    return json.loads(stored.partition(b"\t")[2])


def _as_is(value: Any) -> Any:
    return value


def _nothing() -> None:
    return None
