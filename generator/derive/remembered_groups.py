"""Event groups (derive/analysis.py group_events) kept between runs: events that read as the last run's did are
not grouped again.

group_events reads of each event the source it cites, its date, its countries and its text, and the order of the
list; nothing else. It puts together only events of one date (as written: "2025-04" and "2025-04-22" are two), so
a list is grouped date by date: the events of each date, in the list's order, are keyed by a digest of those
fields, event by event, and their groups kept as places among them; a date whose events read the same is grouped
as before without comparing them. The list's groups are then in the order of their first events, as group_events
gives them. New sources thus group again only the dates of their events, in each list that holds them (at 10,000
sources, grouping the timeline's list and the country and theme pages' whole cost seconds). Tests compare the
outcome with grouping every list whole (tests/test_remembered_groups.py, and the edit sequences of
tests/test_incremental_property.py). The stored form is plain data: {key: [[place, ...], ...]}, for dates of more
than one event.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any, TypeGuard

from generator.derive.analysis import EventGroup, group_events
from generator.model.dates import PartialDate
from generator.model.entities import Event

Places = list[list[int]]  # each group's events, as places in the list grouped: JSON as stored


class RememberedGroups:
    """group_events(), answered from the last run's groups of a list whose key is the same (stored_form)."""

    def __init__(self, stored: Mapping[str, Any] | None = None) -> None:
        groups = (stored or {}).get("groups")
        self._stored: Mapping[str, Any] = groups if isinstance(groups, dict) else {}
        self._used: dict[str, Places] = {}  # the dates' events grouped in this run: what the next run keeps
        self._event_lines: dict[int, tuple[Event, bytes]] = {}  # by id(event), the event kept so its id stays its own
        self.grouped_again = 0  # dates' events grouped in this run rather than taken from the last

    def __call__(self, events: tuple[Event, ...]) -> tuple[EventGroup, ...]:
        by_date: dict[PartialDate, list[int]] = {}  # each date's events, as places in the list (equal dates: one iso)
        for number, event in enumerate(events):
            by_date.setdefault(event.date, []).append(number)
        groups = [
            [numbers[place] for place in group]
            for numbers in by_date.values()
            for group in self._places(events, numbers)
        ]
        groups.sort(key=lambda group: group[0])  # a group's first place is its first event's
        return tuple(EventGroup(tuple(events[number] for number in group)) for group in groups)

    def _places(self, events: tuple[Event, ...], numbers: list[int]) -> Places:
        """The groups of the events of one date (at these places of the list), as places among them."""
        if len(numbers) == 1:
            return [[0]]
        members = tuple(events[number] for number in numbers)
        key = self._key(members)
        places = self._used.get(key) or self._stored.get(key)
        if not _fits(places, len(members)):
            places = _as_places(members, group_events(members))
            self.grouped_again += 1
        self._used[key] = places
        return places

    @property
    def key(self) -> str:
        """A digest of the lists grouped in this run: the stored form is written again only when it changes."""
        return hashlib.sha256("\n".join(sorted(self._used)).encode()).hexdigest()

    def stored_form(self) -> dict[str, Any]:
        return {"key": self.key, "groups": self._used}

    def _key(self, events: tuple[Event, ...]) -> str:
        digest = hashlib.sha256()
        for event in events:
            digest.update(self._line(event))
        return digest.hexdigest()

    def _line(self, event: Event) -> bytes:
        """What group_events reads of an event, as one line of JSON (a text cannot end it early)."""
        kept = self._event_lines.get(id(event))
        if kept is None or kept[0] is not event:
            fields = [event.citation.source_id, event.date.iso, list(event.countries), event.text]
            kept = (event, json.dumps(fields, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n")
            self._event_lines[id(event)] = kept
        return kept[1]


def _as_places(events: tuple[Event, ...], groups: tuple[EventGroup, ...]) -> Places:
    numbers: dict[int, list[int]] = {}  # an event object may be in the list twice: each place is taken once
    for number, event in enumerate(events):
        numbers.setdefault(id(event), []).append(number)
    return [[numbers[id(event)].pop(0) for event in group.events] for group in groups]


def _fits(places: Any, count: int) -> TypeGuard[Places]:
    """Whether stored places are groups of a list of count events: each place once (a file edited by hand or cut
    short is grouped again, never trusted)."""
    if not isinstance(places, list) or not all(isinstance(group, list) and group for group in places):
        return False
    flat = [number for group in places for number in group]
    return all(type(number) is int for number in flat) and sorted(flat) == list(range(count))
