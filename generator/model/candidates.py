"""What a seed's text says that an editor may want in its draft: the page's own date and byline, and whole
sentences that hold a dated event or a figure, quoted exactly (used by model/detect.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from generator.inputs.bylines import person_name
from generator.inputs.seed_text import SeedText
from generator.model.dates import MONTHS, PartialDate

MONTH_NAMES = "|".join(MONTHS[1:])
MONTH_NUMBER = {name: number for number, name in enumerate(MONTHS) if name}
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}) ({MONTH_NAMES}),? (\d{{4}})\b")
MONTH_DAY_YEAR = re.compile(rf"\b({MONTH_NAMES}) (\d{{1,2}}),? (\d{{4}})\b")
MONTH_YEAR = re.compile(rf"\b({MONTH_NAMES}),? (\d{{4}})\b")
IN_MONTH = re.compile(rf"\b[Ii]n ({MONTH_NAMES})\b")
IN_YEAR = re.compile(r"\b(?:[Ii]n|[Ss]ince|[Bb]y) ((?:19|20)\d\d)\b")
ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
FIGURE = re.compile(r"\b(\d+(?:[.,]\d+)?)\s?(percent|per cent|%|million|billion|thousand)", re.I)
BYLINE = re.compile(r"^[Bb]y ([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3})$")
BIO = re.compile(r"^([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}) is (?:an? |the )?[A-Z]")
SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[”\"’)]?|$)")
MAX_CANDIDATES = 12


class NameFinder(Protocol):
    """Finds the countries a text names (detect._NameIndex)."""

    def slugs_in(self, text: str) -> list[tuple[str, str]]: ...


@dataclass(frozen=True)
class Candidate:
    """A sentence that may hold a dated event or a figure."""

    quote: str
    paragraph: int
    date: PartialDate | None = None
    value: float | None = None
    countries: tuple[str, ...] = ()


def seed_date(text: SeedText) -> PartialDate | None:
    """The page's own date (generator/inputs/datelines.py); else, when the page's top states neither a
    publication nor an update date, a date on a short line that the reader set aside."""
    if text.meta.published:
        return _safe_date(text.meta.published)
    if text.date:
        return _safe_date(text.date)
    if text.meta.updated:
        return None
    for line in text.removed:  # a dateline among the short lines the reader set aside
        found = _first_date(line.text)
        if found:
            return found
    return None


def _first_date(text: str) -> PartialDate | None:
    if match := ISO_DATE.search(text):
        return _safe_date(match.group())
    if match := DAY_MONTH_YEAR.search(text):
        return _safe_date(f"{match[3]}-{MONTH_NUMBER[match[2]]:02d}-{int(match[1]):02d}")
    if match := MONTH_DAY_YEAR.search(text):
        return _safe_date(f"{match[3]}-{MONTH_NUMBER[match[1]]:02d}-{int(match[2]):02d}")
    if match := MONTH_YEAR.search(text):
        return _safe_date(f"{match[2]}-{MONTH_NUMBER[match[1]]:02d}")
    if match := IN_YEAR.search(text):
        return _safe_date(match[1])
    return None


def _safe_date(text: str) -> PartialDate | None:
    try:
        return PartialDate.parse(text)
    except ValueError:
        return None


def author_in(text: SeedText) -> str | None:
    """A byline or an author's biography among the lines the reader set aside; a person's name only."""
    for line in (*text.attribution, *(r.text for r in text.removed)):
        if match := BYLINE.match(line) or BIO.match(line):
            return person_name(match.group(1))
    return None


def _sentences(text: SeedText) -> Iterator[tuple[int, str]]:
    for paragraph in text.paragraphs:
        for match in SENTENCE.finditer(paragraph.text):
            sentence = match.group().strip()
            if len(sentence.split()) >= 4:
                yield paragraph.number, sentence


def _sentence_date(sentence: str, article: PartialDate | None) -> PartialDate | None:
    found = _first_date(sentence)
    if found:
        return found
    month = IN_MONTH.search(sentence)
    if month and article:  # "In October" in an article of 2022: October 2022, if not after the article
        candidate = PartialDate(article.year, MONTH_NUMBER[month[1]])
        return candidate if candidate.earliest_day() <= article.latest_day() else None
    return None


def event_candidates(
    text: SeedText, article: PartialDate | None, countries: NameFinder, accepted: set[str]
) -> Iterator[Candidate]:
    found = 0
    for number, sentence in _sentences(text):
        date = _sentence_date(sentence, article)
        if date and found < MAX_CANDIDATES:
            found += 1
            named = tuple(dict.fromkeys(slug for slug, _ in countries.slugs_in(sentence)))
            yield Candidate(sentence, number, date=date, countries=named or tuple(sorted(accepted))[:1])


def figure_candidates(text: SeedText, countries: NameFinder, accepted: set[str]) -> Iterator[Candidate]:
    found = 0
    for number, sentence in _sentences(text):
        match = FIGURE.search(sentence)
        if match and found < MAX_CANDIDATES:
            found += 1
            named = tuple(dict.fromkeys(slug for slug, _ in countries.slugs_in(sentence)))
            value = float(match.group(1).replace(",", ""))
            yield Candidate(sentence, number, value=value, countries=named or tuple(sorted(accepted))[:1])
