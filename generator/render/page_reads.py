"""What valuing a page looked up in the model and the derived results, so that a page whose lookups all give what
they gave last time is not valued again: its file, and its charts' downloads, stay as the last run left them.

A page's values are made by the renderer's code (which the page cache's key covers) from the site's shared values
(their fingerprint) and what it looks up by key in the tables of the briefing and of the derived results. While
a page is valued, those objects are seen through a ReadLog (Recorded): each lookup in a table is recorded as
(table, key); reading anything else of them (a whole list, such as briefing.sources) marks the page as reading
everything, and such a page is valued on every run. Next run, the values under the same keys are digested again
(page_data.Fingerprints, which names the model's objects cheaply): the same digest means the same lookups, so
the same values, so the same page. No list of what a page depends on is written by hand.

With BRIEFING_CHECK_READS set (the tests' edit sequences), a page found unchanged this way is valued anyway and
must give the fingerprint it had.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator.render.page_data import Fingerprints

CHECK_VARIABLE = "BRIEFING_CHECK_READS"
TABLES = {  # the tables a page may look up by key, by the object they belong to
    "briefing": ("source_by_id", "claim_by_id", "metric_by_slug", "term_by_slug"),
    "derived": ("kinships", "related", "comparisons"),
    "works": ("entries",),
    "views": ("compared_by_source",),  # what the renderer works out per source from them (PageViews)
}
_ABSENT = object()

# As stored: [digest of the reads, "table\tkey\ntable\tkey...", [chart key, ...]]. The lookups are one string, not
# a list of pairs: a listing page makes hundreds, and at 100,000 sources millions of small lists would take
# gigabytes of the next run's memory
Record = list[Any]
_BETWEEN_TABLE_AND_KEY, _BETWEEN_LOOKUPS = "\t", "\n"


class ReadLog:
    """The lookups one page's valuing made."""

    def __init__(self) -> None:
        self.keys: dict[tuple[str, str], None] = {}  # ordered, without repeats
        self.everything = False


class RecordedTable(Mapping[str, Any]):
    """A table whose lookups by key are recorded; going through it whole counts as reading everything."""

    __slots__ = ("_log", "_name", "_table")

    def __init__(self, name: str, table: Mapping[str, Any], log: ReadLog) -> None:
        self._name, self._table, self._log = name, table, log

    def _looked_up(self, key: Any) -> None:
        if type(key) is str:
            self._log.keys[(self._name, key)] = None
        else:  # not a key that can be stored as JSON
            self._log.everything = True

    def __getitem__(self, key: Any) -> Any:
        self._looked_up(key)
        return self._table[key]

    def get(self, key: Any, default: Any = None) -> Any:
        self._looked_up(key)
        return self._table.get(key, default)

    def __contains__(self, key: object) -> bool:
        self._looked_up(key)
        return key in self._table

    def __iter__(self) -> Iterator[str]:
        self._log.everything = True
        return iter(self._table)

    def __len__(self) -> int:
        self._log.everything = True
        return len(self._table)


class Recorded:
    """An object (the briefing, the derived results) seen through a ReadLog: its tables record their lookups, and
    any other attribute read means the page read everything."""

    def __init__(self, kind: str, target: Any, log: ReadLog) -> None:
        self._kind, self._target, self._log = kind, target, log

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if name in TABLES[self._kind]:
            return RecordedTable(f"{self._kind}.{name}", value, self._log)
        self._log.everything = True
        return value


@dataclass(frozen=True)
class PageViews:
    """Values the renderer works out per key from the briefing and the derived results, looked up by pages as
    their tables are, so that a page records the narrower lookup: a source's comparisons as its page lists them
    (render/evidence.py), not the comparisons of each of its figures, which every new figure of a series changes."""

    compared_by_source: Mapping[str, Any]


class PageReads:
    """The lookups each page made when last valued (previous) and in this run (current), and their digests."""

    def __init__(self, tables: Mapping[str, Mapping[str, Any]], fingerprints: Fingerprints, previous: Any) -> None:
        self.tables = tables  # "briefing.source_by_id" -> that table in this run
        self.fingerprints = fingerprints
        self.previous: dict[str, Record] = previous if isinstance(previous, dict) else {}
        self.current: dict[str, Record] = {}
        self.checking = bool(os.environ.get(CHECK_VARIABLE))
        # What each lookup adds to a digest, worked out once per run: the tables do not change while pages are
        # valued, and pages share lookups (at 10,000 sources, 300,000 lookups of 50,000 keys)
        self._parts: dict[str, str] = {}  # by "table\tkey"

    @classmethod
    def of(cls, briefing: Any, derived: Any, views: PageViews, fingerprints: Fingerprints, previous: Any) -> PageReads:
        objects = {"briefing": briefing, "derived": derived, "works": derived.works, "views": views}
        tables = {f"{kind}.{name}": getattr(objects[kind], name) for kind, names in TABLES.items() for name in names}
        return cls(tables, fingerprints, previous)

    def unchanged(self, path: str, shared: str) -> list[str] | None:
        """The chart keys of the page at path if its lookups give what they gave when it was last valued (then
        kept for the next run too); None if it must be valued. A record edited by hand or cut short never matches."""
        record: Any = self.previous.get(path)
        try:
            digest, keys, charts = record
            if type(digest) is not str or type(keys) is not str or not all(type(key) is str for key in charts):
                return None
            if self.digest(keys, shared) != digest:
                return None
        except (TypeError, ValueError):
            return None
        self.current[path] = record
        return list(charts)

    def made(self, path: str, log: ReadLog, shared: str, charts: list[str]) -> None:
        """Record what valuing the page at path looked up (a page that read everything is not recorded)."""
        separators = (_BETWEEN_TABLE_AND_KEY, _BETWEEN_LOOKUPS)
        if log.everything or any(mark in key for _, key in log.keys for mark in separators):
            self.current.pop(path, None)
            return
        keys = _BETWEEN_LOOKUPS.join(f"{table}{_BETWEEN_TABLE_AND_KEY}{key}" for table, key in log.keys)
        self.current[path] = [self.digest(keys, shared), keys, sorted(set(charts))]

    def digest(self, keys: str, shared: str) -> str | None:
        """A digest of what the lookups give in this run; None if one is of a table this code does not have."""
        parts = [shared]
        for lookup in keys.split(_BETWEEN_LOOKUPS) if keys else ():
            part = self._parts.get(lookup)  # by the lookup's text as stored: no pair to make for each of 300,000
            if part is None:
                table_name, _, key = lookup.partition(_BETWEEN_TABLE_AND_KEY)
                table = self.tables.get(table_name)
                if table is None:
                    return None
                value = table.get(key, _ABSENT)
                found = "absent" if value is _ABSENT else self.fingerprints.part(value)
                part = self._parts[lookup] = "".join(f"{len(p)}:{p}" for p in (table_name, key, found))
            parts.append(part)
        return hashlib.sha256("".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
