"""Dates as pages write them: spans of a line that look like dates, read to the precision they state.

'24 ноября 2025' and 'September 8, 2022' are days, 'March 2024' a month, 'Spring/Summer 2023' and
'Issue 4 (2023)' a year; '24.11.2025' is read day first. dateparser reads month names in English and
Russian and checks that a date exists; it is imported on first use and called only on the few spans that
stand in a dateline (see generator/inputs/datelines.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
YEAR = r"((?:19|20)\d\d)"
ISO_DAY = re.compile(rf"(?<![\w.]){YEAR}[-/.](\d{{1,2}})[-/.](\d{{1,2}})(?![\w.]\d)")
NUMERIC_DAY = re.compile(rf"(?<![\w.])(\d{{1,2}})[./-](\d{{1,2}})[./-]{YEAR}(?!\d)")
NAMED_DATE = re.compile(  # '24 ноября 2025', 'September 8, 2022', 'March 2024', '1st March 2024'
    rf"(?<!\w)(?:(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+)?([^\W\d_]{{3,}}\.?),?\s+(?:(\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?"
    rf"{YEAR}(?!\d)(?:\s*(?:г\.|года))?"
)
SEASON = re.compile(
    rf"(?<!\w)(?:spring|summer|autumn|fall|winter|весна|лето|осень|зима)(?:\s*[/–-]\s*(?:spring|summer|autumn|fall"
    rf"|winter|весна|лето|осень|зима))?,?\s+{YEAR}(?!\d)|(?<!\w)(?:issue|vol\.|volume|no\.|выпуск|№)\s*\d+\D{{0,12}}"
    rf"\(?{YEAR}\)?(?!\d)",
    re.I,
)
TIME = re.compile(r"(?<!\d)\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?m\.?|gmt|utc|мск))?(?!\d)", re.I)


@dataclass(frozen=True)
class DateReading:
    """How to read one span that looks like a date, once it is known to stand in a dateline."""

    text: str
    precision: str  # "day", "month" or "year"; "numeric" for a day written in figures, as Y-M-D
    issue: bool = False

    def __call__(self) -> str | None:
        if self.precision == "year":
            return self.text
        if self.precision == "numeric":
            return numeric_date(*self.text.split("-"))
        return read_date(self.text, self.precision)


def date_spans(segment: str) -> list[tuple[int, int, DateReading]]:
    """(start, end, reading) of each span of a segment that looks like a date, with the precision it states."""
    spans: list[tuple[int, int, DateReading]] = []

    def add(match: re.Match[str], reading: DateReading) -> None:
        if not any(start < match.end() and match.start() < end for start, end, _ in spans):
            spans.append((match.start(), match.end(), reading))

    for match in ISO_DAY.finditer(segment):
        add(match, DateReading(f"{match[1]}-{match[2]}-{match[3]}", "numeric"))
    for match in NUMERIC_DAY.finditer(segment):  # day first: '24.11.2025'
        add(match, DateReading(f"{match[3]}-{match[2]}-{match[1]}", "numeric"))
    for match in SEASON.finditer(segment):  # before month names: 'Summer 2023' is a season, not a month
        add(match, DateReading(match[1] or match[2], "year", issue=True))
    for match in NAMED_DATE.finditer(segment):
        add(match, DateReading(match.group(), "day" if match[1] or match[3] else "month"))
    return sorted(spans, key=lambda span: span[0])


@lru_cache(maxsize=4096)
def read_date(text: str, precision: str) -> str | None:
    """ISO date of a date span with a month name, to the given precision ('day' or 'month'), or None if it is
    not a real date."""
    language = "ru" if CYRILLIC.search(text) else "en"
    found = _parser(precision, language).get_date_data(text)
    if found is None or found.date_obj is None or found.period not in ("day", "month"):
        return None
    date = found.date_obj
    return f"{date:%Y-%m-%d}" if precision == "day" else f"{date:%Y-%m}"


def numeric_date(year: str, month: str, day: str) -> str | None:
    """'24.11.2025' is read day first; no parser is needed to know whether the day exists."""
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=4)
def _parser(precision: str, language: str) -> DateDataParser:
    from dateparser.date import DateDataParser  # slow to import: only when a seed has a date to read

    parts = ["day", "month", "year"] if precision == "day" else ["month", "year"]
    return DateDataParser(
        languages=[language],
        settings={  # absolute dates only: '2 hours ago' is no dateline
            "PARSERS": ["absolute-time"],
            "REQUIRE_PARTS": parts,
            "PREFER_DAY_OF_MONTH": "first",
        },
    )
