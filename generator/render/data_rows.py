"""The data downloads' rows kept between runs, each by the name of the model object it is made from.

A row of data/sources, data/events or data/figures (export.py) is made from one source, event or figure, and from
what every row of its data set shares: the site's address and the metrics' names and units (the context). The
source memo names each source and claim it built or took from its last run by what it was built from
(model/source_memo.py name_of): the same name, the same object, so the same row. Each data set's rows are kept as
texts (their JSON line and CSV record) by those names, and a run makes again only the rows of objects with a new
name, or with none (at 10,000 sources, one edit then makes a few rows instead of 40,000).

The store is plain data, a file per data set of JSON lines: the code and context with the number of rows, the rows'
names, their CSV records (as JSON strings: a CSV record may hold line breaks), then each row's JSON line as it is,
all decoded by json's C code and str.split. A store of another code or context, or one cut short, is not used. A run
writes its stores beside the last ones (*.tmp, which a run that fails leaves behind and the next one removes); the
pipeline puts them in place when the run ends well (adopt).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from generator.common.atomic_file import Saves
from generator.model.briefing import Briefing
from generator.render.page_cache import renderer_digest

Texts = tuple[str, str]  # a row's JSON line and CSV record
KINDS = ("sources", "events", "figures")


class KeptRows:
    """The rows kept in folder (None: none kept) for context, a digest of the code and of what all rows share."""

    def __init__(self, folder: Path | None, context: str, name_of: Callable[[Any], str | None] | None = None) -> None:
        self.folder = folder
        self.context = context
        self._name_of = name_of or _no_name
        for kind in KINDS if folder is not None else ():
            self._scratch(kind).unlink(missing_ok=True)  # a failed run's: this run's, if any, must be its own

    def texts(self, kind: str, values: Iterable[Any], make: Callable[[Any], Texts]) -> list[Texts]:
        """Each value's row texts, in order: kept ones by the value's name, the others made (and kept)."""
        stored = self._read(kind)
        found: list[Texts] = []
        kept: dict[str, Texts] = {}
        for value in values:
            name = self._name_of(value)
            texts = stored.get(name) if name is not None else None
            if texts is None:
                texts = make(value)
            if name is not None:
                kept[name] = texts
            found.append(texts)
        if self.folder is not None and kept != stored:
            _write(self._scratch(kind), self.context, kept)
        return found

    def adopt(self, saves: Saves) -> None:
        """Put in place, with the run's other saves, the stores this run wrote (perhaps in another process)."""
        for kind in KINDS if self.folder is not None else ():
            if self._scratch(kind).is_file():
                saves.adopt(self._path(kind), self._scratch(kind))

    def _path(self, kind: str) -> Path:
        assert self.folder is not None
        return self.folder / f"rows-{kind}.bin"

    def _scratch(self, kind: str) -> Path:
        return self._path(kind).with_suffix(".tmp")

    def _read(self, kind: str) -> dict[str, Texts]:
        if self.folder is None:
            return {}
        try:
            data = self._path(kind).read_bytes()
        except OSError:
            return {}
        return _parsed(data, self.context)


def kept_rows(folder: Path | None, briefing: Briefing, name_of: Callable[[Any], str | None]) -> KeptRows:
    """The rows kept in folder for this code and what the briefing's rows share (its address, its metrics)."""
    shared = json.dumps([renderer_digest(), briefing.site_url, repr(briefing.metrics)], ensure_ascii=False)
    return KeptRows(folder, hashlib.sha256(shared.encode("utf-8", "surrogatepass")).hexdigest(), name_of)


def _parsed(data: bytes, context: str) -> dict[str, Texts]:
    """The rows of a store, if it was written for context and is whole; else none."""
    parts = data.split(b"\n", 3)
    try:
        header, names, csv_texts = (json.loads(part) for part in parts[:3])
        json_texts = parts[3].decode("utf-8", "surrogatepass").split("\n")
    except (ValueError, IndexError):
        return {}  # cut short, or not JSON
    if header != {"context": context, "rows": len(names)} or json_texts.pop() != "":
        return {}
    if not isinstance(csv_texts, list) or not len(names) == len(json_texts) == len(csv_texts):
        return {}
    return dict(zip(names, zip(json_texts, csv_texts, strict=True), strict=True))


def _write(path: Path, context: str, rows: dict[str, Texts]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    json_texts, csv_texts = zip(*rows.values(), strict=True) if rows else ((), ())
    lines = [_ENCODER.encode(part) for part in ({"context": context, "rows": len(rows)}, list(rows), csv_texts)]
    with path.open("wb") as file:
        file.write("\n".join([*lines, *json_texts, ""]).encode("utf-8", "surrogatepass"))


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _no_name(value: Any) -> None:
    return None
