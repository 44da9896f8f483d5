"""Remember what reading seeds and parsing YAML produced, keyed by the bytes read.

An edit to one file then costs one parse, not ten thousand. Entries are keyed by
the SHA-256 of the input's bytes (and the encoding asked for) together with a
digest of the code that made them, so a change to either is never served stale.
The cache is plain JSON in build/cache/ (never pickle: nothing in it can run),
written atomically, and holds only the entries the last run used.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.common.json_store import read_stored, write_stored
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
    return f"{kind}:{variant}:{hashlib.sha256(data).hexdigest()}"


class ParseCache:
    """kind + bytes -> a JSON-able result; `remember` computes on a miss."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, Any] = read_stored(path, code_digest()).get("entries", {})
        self.used: dict[str, Any] = {}
        self.prepared: dict[str, Any] = {}  # computed in advance this run (prepare), kept only once used

    def prepare(self, jobs: list[tuple[str, bytes, str, Callable[[], Any]]]) -> None:
        """Compute on every core the entries of these (kind, data, variant, compute) not held yet, so that
        remember() then finds them (common/workers.py); what is not plain JSON is left for remember()."""
        missing: dict[str, Callable[[], Any]] = {}
        for kind, data, variant, compute in jobs:
            key = _key(kind, data, variant)
            if key not in self.entries and key not in self.prepared:
                missing.setdefault(key, compute)
        for key, value in zip(missing, run_all(list(missing.values())), strict=True):
            if json.loads(json.dumps(value)) == value:
                self.prepared[key] = value

    def remember(self, kind: str, data: bytes, variant: str, compute: Callable[[], Any]) -> Any:
        key = _key(kind, data, variant)
        if key in self.entries or key in self.prepared:
            value = self.entries[key] if key in self.entries else self.prepared[key]
        else:
            value = compute()
            if json.loads(json.dumps(value)) != value:
                return value  # not plain JSON (a YAML key that is a number, say): never cache it
        self.used[key] = value
        return value

    def save(self) -> None:
        if self.path is not None and self.used != self.entries:
            write_stored(self.path, {"code": code_digest(), "entries": self.used})
