"""Related sources (derive/analysis.py Relatedness) kept between runs and found again only where they can differ.

A source's related sources are read from a window of its nearest sources in time under each of its countries and
themes (RELATED_WINDOW either side), and from what Relatedness reads of each of them: date, countries, themes,
listing and items, and its near-duplicates, which lists leave out. Call that a source's entry. When seeds land,
a source's list can change only if its own entry changed, or if a source whose entry changed (or that was added or
removed) is within a window's width of it under one of their terms, before or after the change: everywhere else its
window holds the same sources with the same entries. Those are found again; the rest are taken from the last run.
Tests compare the outcome with finding every list again (tests/test_related_update.py).

The stored form is plain data: each source's entry and list, by id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from generator.common.progress import QUIET, Progress
from generator.derive.analysis import RELATED_WINDOW, Relatedness, when_of
from generator.derive.remembered import json_digest
from generator.model.briefing import Briefing
from generator.model.entities import Source
from generator.model.works import Kinship

Entry = list[Any]  # [earliest day, terms, listing id, item ids, near-duplicates]: JSON as stored
REFIND_ALL_FROM = 0.25  # share of the sources to find again above which finding all is simpler and no slower


class RememberedRelated:
    """Each source's related sources besides its kin: those of the last run (stored_form), found again only for
    the sources whose lists can have changed (see the module's docstring)."""

    def __init__(self, stored: Mapping[str, Any] | None = None, window: int = RELATED_WINDOW) -> None:
        self._stored = stored or {}
        self.window = window
        self.key = ""
        self.found_again = 0  # lists found in this run rather than taken from the last
        self._entries: dict[str, Entry] = {}
        self._found: dict[str, tuple[str, ...]] = {}

    def __call__(
        self, briefing: Briefing, kin: Mapping[str, tuple[Kinship, ...]], progress: Progress = QUIET
    ) -> dict[str, tuple[Source, ...]]:
        self._entries = {source.id: entry(source, kin) for source in briefing.sources}
        self.key = json_digest([source_id, value] for source_id, value in sorted(self._entries.items()))
        old_entries, old_found = _stored_lists(self._stored)
        if self._stored.get("key") == self.key and old_found.keys() == self._entries.keys():
            self._found = old_found
        else:
            to_find = self._to_find(old_entries, old_found)
            relatedness = Relatedness(briefing, self.window)
            self._found = {source_id: old_found[source_id] for source_id in self._entries if source_id not in to_find}
            by_id = briefing.source_by_id
            for source_id in progress.counted(sorted(to_find), "related sources found"):
                exclude = frozenset(k.source_id for k in kin.get(source_id, ()))
                self._found[source_id] = tuple(other.id for other in relatedness.related(by_id[source_id], exclude))
            self._found = {source_id: self._found[source_id] for source_id in self._entries}
            self.found_again = len(to_find)
        by_id = briefing.source_by_id
        return {source_id: tuple(by_id[other] for other in ids) for source_id, ids in self._found.items()}

    def _to_find(self, old_entries: dict[str, Entry], old_found: Mapping[str, tuple[str, ...]]) -> set[str]:
        """The sources whose lists can differ from the last run's: all of them when there is no last run."""
        entries = self._entries
        if not old_found or old_entries.keys() != old_found.keys():
            return set(entries)
        changed = {i for i in entries.keys() | old_entries.keys() if entries.get(i) != old_entries.get(i)}
        if len(changed) > REFIND_ALL_FROM * len(entries):
            return set(entries)
        near = _near(old_entries, changed, self.window) | _near(entries, changed, self.window)
        return (changed | near) & entries.keys()

    def stored_form(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "entries": self._entries,
            "found": {source_id: list(ids) for source_id, ids in self._found.items()},
        }


def entry(source: Source, kin: Mapping[str, tuple[Kinship, ...]]) -> Entry:
    """Everything Relatedness reads of a source, as JSON would give it back."""
    terms = sorted(set(source.countries + source.themes))
    kin_ids = sorted({k.source_id for k in kin.get(source.id, ())})
    return [list(when_of(source)), terms, source.listing_id, list(source.item_ids), kin_ids]


def _near(entries: Mapping[str, Entry], changed: set[str], window: int) -> set[str]:
    """The sources within window places of a changed one, in time, under a term of both."""
    by_term: dict[str, list[tuple[list[int], str]]] = defaultdict(list)
    for source_id, (when, terms, *_) in entries.items():
        for term in terms:
            by_term[term].append((when, source_id))
    near: set[str] = set()
    for items in by_term.values():
        items.sort()
        places = [place for place, (_, source_id) in enumerate(items) if source_id in changed]
        for place in places:
            near.update(source_id for _, source_id in items[max(0, place - window) : place + window + 1])
    return near


def _stored_lists(stored: Mapping[str, Any]) -> tuple[dict[str, Entry], dict[str, tuple[str, ...]]]:
    entries = stored.get("entries")
    found = stored.get("found")
    if not isinstance(entries, dict) or not isinstance(found, dict):
        return {}, {}
    return entries, {source_id: tuple(ids) for source_id, ids in found.items()}
