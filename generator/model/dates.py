"""Partial dates: a year, a month or a day, as sources give them."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from generator.inputs.yaml_report import Report

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MONTHS = calendar.month_name


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """YYYY, YYYY-MM or YYYY-MM-DD; month and day are 0 when unknown."""

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse and check a date; ValueError says what is impossible about it."""
        match = PARTIAL_DATE.match(str(text).strip())
        if not match:
            raise ValueError(f"'{text}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(part) if part else 0 for part in match.groups())
        if match.group(2) and not 1 <= month <= 12:
            raise ValueError(f"'{text}' has no month {month}")
        if match.group(3) and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(
                f"'{text}' is impossible: {MONTHS[month]} {year} has {calendar.monthrange(year, month)[1]} days"
            )
        return cls(year, month, day)

    @property
    def iso(self) -> str:
        return _iso(self.year, self.month, self.day)

    @property
    def ymd(self) -> tuple[int, int, int]:
        """(year, month, day): ordered as the dates are, but compared in C. A sort key holding dates themselves
        calls their generated __eq__ and __lt__ at every comparison (at 100,000 figures, seconds a sort)."""
        return (self.year, self.month, self.day)

    @property
    def human(self) -> str:
        if self.day:
            return f"{self.day} {MONTHS[self.month]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month]} {self.year}"
        return str(self.year)

    def latest_day(self) -> tuple[int, int, int]:
        """The last day the date could mean, for 'is this after that' checks."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return self.year, month, day

    def earliest_day(self) -> tuple[int, int, int]:
        return self.year, self.month or 1, self.day or 1

    @property
    def key(self) -> tuple:
        """For "which is newer": the date that can be the latest, by its last possible day, the more precise one
        on a tie. An article of "2024" may be newer than an event of March 2024, so "2024" is the newest known."""
        return _key(self.year, self.month, self.day)


@functools.lru_cache(maxsize=1 << 16)  # asked for again and again of the same few thousand days: series, rows
def _iso(year: int, month: int, day: int) -> str:
    if day:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if month:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}"


@functools.lru_cache(maxsize=1 << 16)  # asked for again and again of the same few thousand days by every page
def _key(year: int, month: int, day: int) -> tuple:
    return PartialDate(year, month, day).latest_day(), bool(month), bool(day)


class _Keyed(Protocol):
    """A PartialDate or a changes.Stamp: anything newest can compare by its key."""

    @property
    def key(self) -> tuple: ...


_Date = TypeVar("_Date", bound=_Keyed)


def newest(dates: Iterable[_Date | None]) -> _Date | None:
    """The newest of the dates given (PartialDate or changes.Stamp, each compared by its key), None left out;
    None when there are none. The one rule for "newest" across the generator."""
    found: _Date | None = None
    found_key: tuple = ()
    for date in dates:  # as max() by key would find it (the first of equals), without a list and a call per date
        if date is not None:
            key = date.key
            if found is None or key > found_key:
                found, found_key = date, key
    return found


DATE_HINT = "write a real date as YYYY, YYYY-MM or YYYY-MM-DD"


class Today:
    """Today's date as the checks of written dates compare with it, noting the days they compared: what they found
    holds on any later day if no date was after today, and on this day alone if one was. A built metadata file is
    kept for the days it holds on (model/source_memo.py), not only for the day it was built, so that a run on the
    next day does not build every file again."""

    __slots__ = ("_day", "_latest", "_passed", "date")

    def __init__(self, date: dt.date) -> None:
        self.date = date
        self._day = (date.year, date.month, date.day)
        self._latest: tuple[int, int, int] | None = None
        self._passed = False

    def is_before(self, day: tuple[int, int, int]) -> bool:
        """Whether day is after today, that is in the future."""
        if self._latest is None or day > self._latest:
            self._latest = day
        after = day > self._day
        self._passed = self._passed or after
        return after

    def span(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The first and last day on which the comparisons so far come out as they did today; () for no bound."""
        if self._passed:
            return self._day, self._day
        return self._latest or (), ()


def holds_on(span: tuple[tuple[int, ...], tuple[int, ...]], today: dt.date) -> bool:
    """Whether a span that Today.span gave includes today."""
    day, (first, last) = (today.year, today.month, today.day), span
    return (not first or tuple(first) <= day) and (not last or day <= tuple(last))


def checked_date(
    report: Report, path: tuple, value: Any, today: Today | None, hint: str = DATE_HINT
) -> PartialDate | None:
    """The date written at path, or None after reporting why it is impossible; with today, a date after it is
    reported as well. The one check of a date an editor writes (report: inputs/yaml_report.Report)."""
    try:
        date = PartialDate.parse(str(value))
    except ValueError as error:
        report.error(path, f"impossible date: {error}", hint)
        return None
    if today is not None and today.is_before(date.earliest_day()):
        report.error(
            path,
            f"the date {date.iso} is in the future (today is {today.date.isoformat()})",
            "check the year; dates must not be after today",
        )
    return date
