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


def stated_in(date: PartialDate, text: str, likely_from: int = 0) -> bool:
    """Whether the text gives the date to its precision: its year, and (for a month or a day) the date in
    figures or in words.

    likely_from: where in the text the date most likely is (an article's dateline comes after its
    paragraphs), looked at first: a failed search scans the whole text, and did so first for every source.
    With the compiling below, the checks of 1,000 synthetic sources took 0.36 s of CPU instead of 1.23 s.
    A match from there on is a match of the whole text (lookbehinds see what precedes it), so the answer
    is the same."""
    needed: list[tuple[re.Pattern[str], ...]] = [(_year(date.year),)]
    if date.month:
        needed.append((_in_figures(date.year, date.month, date.day), _in_words(date.month, date.day)))
    return all(_found(any_of, text, likely_from) for any_of in needed)


def _found(any_of: tuple[re.Pattern[str], ...], text: str, likely_from: int) -> bool:
    if any(pattern.search(text, likely_from) for pattern in any_of):
        return True
    return bool(likely_from) and any(pattern.search(text) for pattern in any_of)


# Compiled once per year, date or day of the year: a briefing has thousands of distinct dates, more than
# the re module's own cache holds. The words, which take most of the compiling (0.8 ms against 0.1 ms in
# figures), depend on the day of the year alone, so each forked worker compiles at most 378 of them.
@functools.lru_cache(maxsize=4096)
def _year(year: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!\d){year}(?!\d)")


@functools.lru_cache(maxsize=4096)
def _in_figures(year: int, month: int, day: int) -> re.Pattern[str]:
    return re.compile(_numeric(PartialDate(year, month, day)))


@functools.lru_cache(maxsize=512)
def _in_words(month: int, day: int) -> re.Pattern[str]:
    """The month by name (any case), with the day beside it when there is one."""
    name = _month_names(month)
    if not day:
        return re.compile(rf"(?<![\w]){name}(?![\w])", re.IGNORECASE)
    day_pattern = rf"0?{day}"
    return re.compile(
        rf"(?<!\d){day_pattern}(?:st|nd|rd|th)?\s+{name}(?![\w])|(?<![\w]){name}\s+{day_pattern}(?!\d)", re.IGNORECASE
    )


def check_stated(
    report: Report,
    path: tuple,
    date: PartialDate | None,
    inferred_fields: set[str],
    text: str,
    where: str,
    severity: str,
    likely_from: int = 0,
) -> None:
    """Report a date given without a basis that the text (where: "its paragraph", "the article") does not state."""
    if date is None or "date" in inferred_fields or stated_in(date, text, likely_from):
        return
    report.error(
        path,
        f"the date {date.iso} is not in {where}, so pages would show it as stated",
        "if the text gives only part of it, add under inferred: a date: saying from what the rest "
        "follows (with outside: [id] when it rests on other reporting); else correct the date",
        severity,
        STATED_DATES,
    )
