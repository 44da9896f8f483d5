"""A date shown as stated must be in the text; otherwise the editors say it is inferred, and from what.

Pages mark a date "(inferred)" only when the metadata lists it under
`inferred:`. A date the article does not give, written without that basis,
would be shown as if the article stated it: the fact-check found events dated
to a year their paragraph never names. So a date with no basis must appear in
the text it rests on, to its precision: the year as digits, the month by name
(English or Russian, any case) or in a numeric date, the day beside its month.
An event's date must be in its quoted paragraph; a source's date anywhere in
the article, its dateline included.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from generator.model.dates import MONTHS, PartialDate

if TYPE_CHECKING:
    from generator.inputs.yaml_report import Report

STATED_DATES = "date-not-stated"  # Problem.code
RUSSIAN_MONTHS = (
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
)


def _month_names(month: int) -> str:
    english = MONTHS[month]
    russian = RUSSIAN_MONTHS[month - 1]
    russian_forms = rf"{russian}(?:[ьяюеи]|а|е|у|ом)?" if month != 5 else r"ма[йяею]"
    return rf"(?:{english}|{english[:3]}\.?|{russian_forms})"


def _numeric(date: PartialDate) -> str:
    """The date written in figures: 2022-12-23, 23.12.2022, 12/23/2022, 23/12/2022."""
    month = rf"0?{date.month}"
    if date.day:
        day = rf"0?{date.day}"
        return (
            rf"{date.year}-{date.month:02d}-{date.day:02d}|\b{day}[./]{month}[./]{date.year}\b"
            rf"|\b{month}/{day}/{date.year}\b"
        )
    return rf"{date.year}-{date.month:02d}|\b{month}[./]{date.year}\b"


def stated_in(date: PartialDate, text: str) -> bool:
    """Whether the text gives the date to its precision."""
    return all(pattern.search(text) for pattern in _patterns(date.year, date.month, date.day))


@functools.lru_cache(maxsize=4096)
def _patterns(year: int, month: int, day: int) -> tuple[re.Pattern[str], ...]:
    """What stated_in looks for, compiled once per date: a briefing has thousands of distinct dates, more
    than the re module's own cache holds, and compiling them anew for every claim cost seconds."""
    year_pattern = re.compile(rf"(?<!\d){year}(?!\d)")
    if not month:
        return (year_pattern,)
    date = PartialDate(year, month, day)
    name = _month_names(month)
    if not day:
        words = rf"(?<![\w]){name}(?![\w])"
    else:
        day_pattern = rf"0?{day}"
        words = rf"(?<!\d){day_pattern}(?:st|nd|rd|th)?\s+{name}(?![\w])|(?<![\w]){name}\s+{day_pattern}(?!\d)"
    # In figures, or in words (case-insensitive); the numeric forms have no letters, so one pattern holds both.
    return (year_pattern, re.compile(rf"{_numeric(date)}|{words}", re.IGNORECASE))


def check_stated(
    report: Report,
    path: tuple,
    date: PartialDate | None,
    inferred_fields: set[str],
    text: str,
    where: str,
    severity: str,
) -> None:
    """Report a date given without a basis that the text (where: "its paragraph", "the article") does not state."""
    if date is None or "date" in inferred_fields or stated_in(date, text):
        return
    report.error(
        path,
        f"the date {date.iso} is not in {where}, so pages would show it as stated",
        "if the text gives only part of it, add under inferred: a date: saying from what the rest "
        "follows (with outside: [id] when it rests on other reporting); else correct the date",
        severity,
        STATED_DATES,
    )
