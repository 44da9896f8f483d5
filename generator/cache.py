"""Remember what reading seeds and parsing YAML produced, keyed by the bytes read.

An edit to one file then costs one parse, not ten thousand. Entries are keyed by
the SHA-256 of the input's bytes (and the encoding asked for) together with a
digest of the code that made them, so a change to either is never served stale.
The cache is plain JSON in build/cache/ (never pickle: nothing in it can run),
written atomically, and holds only the entries the last run used.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

CODE_THAT_PARSES = ("reader.py", "seed_text.py", "seed_bytes.py", "toplines.py", "furniture.py",
                    "furniture_notices.py", "furniture_widgets.py", "first_chars.py", "datelines.py",
                    "written_dates.py", "bylines.py", "page_meta.py", "html_reader.py", "html_meta.py",
                    "seed_formats.py", "load.py", "yamlfile.py", "schema.py", "russian_names.py", "problems.py",
                    "project.py", "cache.py", "data/territory_names.txt",
                    "paragraph_record.py")  # paragraph_record: what it parses of content/paragraphs.yml
# tests/test_cache_key.py checks that every module reading a seed or a YAML file runs is listed here.


@lru_cache(maxsize=1)
def code_digest() -> str:
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in [here / name for name in CODE_THAT_PARSES] + sorted((here / "schemas").glob("*.json")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _stored(path: Path | None, code: str) -> dict:
    """What a cache file holds, if it was written by this very code; else nothing."""
    if path is None or not path.is_file():
        return {}
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stored if isinstance(stored, dict) and stored.get("code") == code else {}


def _write(path: Path, content: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    try:
        temporary.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)  # half-written on a full disk, it would only hold on to space
        if isinstance(error, OSError) and not error.filename:
            error.filename = str(temporary)  # a failed write names no file; the message must
        raise


class ParseCache:
    """kind + bytes -> a JSON-able result; `remember` computes on a miss."""

    def __init__(self, path: Path | None):
        self.path = path
        self.entries: dict[str, Any] = _stored(path, code_digest()).get("entries", {})
        self.used: dict[str, Any] = {}

    def remember(self, kind: str, data: bytes, variant: str, compute: Callable[[], Any]) -> Any:
        key = f"{kind}:{variant}:{hashlib.sha256(data).hexdigest()}"
        if key in self.entries:
            value = self.entries[key]
        else:
            value = compute()
            if json.loads(json.dumps(value)) != value:
                return value  # not plain JSON (a YAML key that is a number, say): never cache it
        self.used[key] = value
        return value

    def save(self) -> None:
        if self.path is not None and self.used != self.entries:
            _write(self.path, {"code": code_digest(), "entries": self.used})


@lru_cache(maxsize=1)
def renderer_digest() -> str:
    """Everything that shapes a page besides its data: the generator's code and templates."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*here.glob("*.py"), *here.glob("templates/*.j2"), *here.glob("schemas/*.json")]):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


class PageCache:
    """Which inputs each page was last rendered from, so an unchanged page is not rendered again.

    A page whose fingerprint (a digest of everything its template reads) matches
    the last successful run is taken from the output folder as it is.
    """

    def __init__(self, path: Path | None, out_dir: Path):
        self.path = path
        self.out_dir = out_dir
        self.previous: dict[str, str] = _stored(path, renderer_digest()).get("pages", {})
        self.current: dict[str, str] = {}

    def render(self, page_path: str, inputs: Any, render: Callable[[], str]) -> str:
        fingerprint = hashlib.sha256(repr(inputs).encode()).hexdigest()
        self.current[page_path] = fingerprint
        if self.previous.get(page_path) == fingerprint:
            existing = self.out_dir / page_path
            if existing.is_file():
                return existing.read_text(encoding="utf-8")
        return render()

    def save(self) -> None:
        if self.path is None:
            return
        try:
            _write(self.path, {"code": renderer_digest(), "pages": self.current})
        except OSError:
            # The pages it describes have just been replaced: trusted later, it would serve one of them stale.
            with contextlib.suppress(OSError):
                self.path.unlink(missing_ok=True)
            raise


def save_site_map(path: Path, site_map: list) -> None:
    """The navigation of the last good run, for a preview that starts while the inputs are broken."""
    _write(path, {"code": renderer_digest(), "site_map": site_map})


def last_site_map(path: Path) -> list | None:
    return _stored(path, renderer_digest()).get("site_map")
