"""When a source entered the briefing and what was corrected since: `added:` and `changed:` in the metadata.

The feeds need a time for every entry, and the only honest one is the editors'
own record: when the metadata was written (`added:`, written by `new`, or once by
`migrate` from the file's first commit) and when a published claim was corrected
or updated (`changed:`, each with a sentence for readers). Nothing here reads the
clock or the files' times.

A stamp is a full UTC time ("2026-11-20T14:03:11Z") or a day alone
("2026-12-01") when the editors know only the day. A day alone is shown as a day
("1 December 2026"), never with a time; only Atom, whose dates must carry a time,
gets the start of that day (00:00:00Z), the least it can say.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.model.dates import MONTHS, Today

if TYPE_CHECKING:  # entities imports this module
    from generator.inputs.yaml_report import Report
    from generator.model.briefing import Briefing
    from generator.model.entities import Term

STAMP = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z)?$")
NO_ADDED = "no-added"  # Problem.code of the warning about metadata without added:
MIGRATE_HINT = "run python -m generator migrate, which writes the date of the file's first commit"


@dataclass(frozen=True, slots=True)
class Stamp:
    """A moment in the briefing's own history: a UTC time, or a day alone (time None)."""

    year: int
    month: int
    day: int
    time: tuple[int, int, int] | None = None

    @classmethod
    def parse(cls, text: str) -> Stamp:
        """A stamp from YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ; ValueError says what is wrong."""
        match = STAMP.match(str(text).strip())
        if not match:
            raise ValueError(f"'{text}' is not a day (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM:SSZ)")
        year, month, day, hour, minute, second = match.groups()
        time = (int(hour), int(minute), int(second)) if hour is not None else None
        try:
            dt.datetime(int(year), int(month), int(day), *(time or (0, 0, 0)))
        except ValueError as error:
            raise ValueError(f"'{text}' is impossible: {error}") from None
        return cls(int(year), int(month), int(day), time)

    @classmethod
    def from_git(cls, text: str) -> Stamp:
        """A stamp from git's strict ISO 8601 date (%aI, with its offset), moved to UTC."""
        moment = dt.datetime.fromisoformat(text.strip()).astimezone(dt.UTC)
        return cls(moment.year, moment.month, moment.day, (moment.hour, moment.minute, moment.second))

    @property
    def iso(self) -> str:
        day = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return day if self.time is None else day + "T{:02d}:{:02d}:{:02d}Z".format(*self.time)

    @property
    def atom(self) -> str:
        """RFC 3339 for Atom, which requires a time: a day alone is written as the start of the day."""
        return Stamp(self.year, self.month, self.day, self.time or (0, 0, 0)).iso

    @property
    def human(self) -> str:
        day = f"{self.day} {MONTHS[self.month]} {self.year}"
        return day if self.time is None else day + ", {:02d}:{:02d} UTC".format(*self.time[:2])

    @property
    def key(self) -> tuple:
        """For "which is newer": a day alone counts as its start, and an exact time at that start wins the tie."""
        return (self.year, self.month, self.day, *(self.time or (0, 0, 0)), self.time is not None)

    def day_tuple(self) -> tuple[int, int, int]:
        return self.year, self.month, self.day


@dataclass(frozen=True, slots=True)
class Change:
    """A correction or update of something published, dated, in one sentence for readers.

    source_id is the source it concerns; None for the briefing's own editorial
    text, where about names the country or theme page concerned (None: the home page).
    """

    date: Stamp
    what: str
    source_id: str | None = None
    about: str | None = None


def newest_changes_first(changes: Iterable[Change]) -> list[Change]:
    """Newest first; changes of the same date keep the order they are given in (the order written)."""
    return sorted(changes, key=lambda change: change.date.key, reverse=True)  # stable, even reversed


def every_change(briefing: Briefing) -> list[Change]:
    """The corrections of the briefing's own text and of every source (by id), newest first: the public page's list."""
    return newest_changes_first(
        [*briefing.changes, *(change for source in briefing.sources for change in source.changes)]
    )


def check_stamp(report: Report, path: tuple, value: Any, today: Today, severity: str) -> Stamp | None:
    """The stamp at path, or None after reporting why it cannot be used."""
    try:
        stamp = Stamp.parse(str(value))
    except ValueError as error:
        report.error(
            path,
            f"impossible date: {error}",
            'write a day as "YYYY-MM-DD", or a UTC time as "YYYY-MM-DDTHH:MM:SSZ", in quotes',
            severity,
        )
        return None
    if today.is_before(stamp.day_tuple()):
        report.error(
            path,
            f"the date {stamp.iso} is in the future (today is {today.date.isoformat()})",
            "check the year; a record of what happened cannot be after today",
            severity,
        )
    return stamp


def changes_of(
    report: Report, path: tuple, items: Any, added: Stamp | None, today: Today, severity: str, source_id: str | None
) -> tuple[Change, ...]:
    """The changed: list at path, each dated no earlier than the day the source was added."""
    changes: list[Change] = []
    for index, item in enumerate(items or ()):
        if not isinstance(item, dict) or "date" not in item or "what" not in item:
            continue  # the schema has reported it
        stamp = check_stamp(report, (*path, index, "date"), item["date"], today, severity)
        if stamp is None:
            continue
        if added is not None and stamp.day_tuple() < added.day_tuple():
            report.error(
                (*path, index, "date"),
                f"the change is dated {stamp.iso}, before the source was added to the briefing ({added.iso})",
                "check the date of the change and added:",
                severity,
            )
        changes.append(Change(stamp, item["what"], source_id, item.get("about")))
    return tuple(changes)


def briefing_changes(
    report: Report, data: dict[str, Any], terms: Mapping[str, Term], today: Today
) -> tuple[Change, ...]:
    """The changed: list of briefing.yml: corrections of the bottom lines and trend readings."""
    changes = changes_of(report, ("changed",), data.get("changed"), None, today, "error", None)
    for index, change in enumerate(changes):
        if change.about is not None and change.about not in terms:
            report.error(
                ("changed", index, "about"),
                f"unknown country or theme '{change.about}'",
                "name a slug of content/taxonomy.yml, or leave about: out for the home page",
            )
    return changes
