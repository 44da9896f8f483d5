"""Remember what reading seeds and parsing YAML produced, keyed by the bytes read.

An edit to one file then costs one parse, not ten thousand. Entries are keyed by
the SHA-256 of the input's bytes (and the encoding asked for) together with a
digest of the code that made them, so a change to either is never served stale.
The cache is plain JSON in build/cache/ (never pickle: nothing in it can run),
one line per entry (JSON Lines), written atomically, and holds only the entries
the last run used. An entry is kept as its JSON text and parsed only when asked
for: as one JSON document, the whole cache was parsed into Python objects on
every run and kept for all of it (400 MB at 10,000 sources), then written out
again in full after any edit.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from generator.common.json_store import read_lines, write_lines
from generator.common.workers import run_all

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
    return f"{kind}:{quote(variant, safe='|+-._~:')}:{hashlib.sha256(data).hexdigest()}"


class ParseCache:
    """kind + bytes -> a JSON-able result; `remember` computes on a miss."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.stored: dict[str, str] = read_lines(path, code_digest()) if path is not None else {}  # JSON texts
        self.used: dict[str, str] = {}
        self.prepared: dict[str, str] = {}  # computed in advance this run (prepare), kept only once used

    def prepare(self, jobs: list[tuple[str, bytes, str, Callable[[], Any]]]) -> None:
        """Compute on every core the entries of these (kind, data, variant, compute) not held yet, so that
        remember() then finds them (common/workers.py); what is not plain JSON is left for remember()."""
        missing: dict[str, Callable[[], Any]] = {}
        for kind, data, variant, compute in jobs:
            key = _key(kind, data, variant)
            if key not in self.stored and key not in self.prepared:
                missing.setdefault(key, compute)
        for key, value in zip(missing, run_all(list(missing.values())), strict=True):
            text = _plain_text(value)
            if text is not None:
                self.prepared[key] = text

    def remember(self, kind: str, data: bytes, variant: str, compute: Callable[[], Any]) -> Any:
        key = _key(kind, data, variant)
        text = self.stored.get(key) or self.prepared.get(key)
        if text is None:
            value = compute()
            text = _plain_text(value)
            if text is None:
                return value  # not plain JSON (a YAML key that is a number, say): never cache it
            self.used[key] = text
            return value
        self.used[key] = text
        return json.loads(text)

    def save(self) -> None:
        if self.path is not None and self.used.keys() != self.stored.keys():
            write_lines(self.path, code_digest(), self.used)


def _plain_text(value: Any) -> str | None:
    """value as one line of JSON, if JSON gives it back exactly; else None."""
    text = json.dumps(value, ensure_ascii=False)
    return text if json.loads(text) == value else None
