"""Detect what a seed is about, for drafts and for seeds nobody has described yet.

Countries and themes are found through the taxonomy's names and aliases; page
furniture is already gone (see reader), so a menu naming every country does not
count. A term is kept only with enough evidence: a country named at least three
times (articles about one place often name a neighbour or two in passing), a
theme at least twice, or either one in the title. Dates, bylines and publishers
come from short lines and the title; candidate events and figures are whole
sentences, quoted exactly.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from generator.dates import MONTHS, PartialDate
from generator.model import Term
from generator.reader import TITLE_SUFFIX, SeedText
from generator.russian_names import CYRILLIC, RussianNames

MIN_MENTIONS = {"countries": 3, "themes": 2}
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


@dataclass(frozen=True)
class Mention:
    """How often a term is named, where (paragraph numbers), and by which names."""

    slug: str
    count: int
    paragraphs: tuple[int, ...]
    names: tuple[str, ...]
    in_title: bool = False
    minimum: int = 2

    @property
    def accepted(self) -> bool:
        return self.count >= self.minimum or self.in_title


@dataclass(frozen=True)
class Candidate:
    """A sentence that may hold a dated event or a figure."""

    quote: str
    paragraph: int
    date: PartialDate | None = None
    value: float | None = None
    countries: tuple[str, ...] = ()


@dataclass(frozen=True)
class Detection:
    title: str | None
    date: PartialDate | None
    publisher: str | None
    author: str | None
    countries: tuple[Mention, ...]  # every country named, best first; .accepted says which count
    themes: tuple[Mention, ...]
    events: tuple[Candidate, ...]
    figures: tuple[Candidate, ...]

    def accepted(self, kind: str) -> tuple[str, ...]:
        mentions = self.countries if kind == "countries" else self.themes
        return tuple(m.slug for m in mentions if m.accepted)


class Detector:
    """Compiled once per taxonomy; detect() is then cheap for each seed."""

    def __init__(self, countries: list[Term], themes: list[Term]):
        self.countries = _NameIndex(countries, MIN_MENTIONS["countries"])
        self.themes = _NameIndex(themes, MIN_MENTIONS["themes"])

    def detect(self, text: SeedText) -> Detection:
        title = text.title
        date = _seed_date(text)
        countries = self.countries.mentions(text, title)
        accepted = {m.slug for m in countries if m.accepted}
        return Detection(
            title=_clean_title(title),
            date=date,
            publisher=text.meta.publisher or _publisher(title),  # page metadata first (HTML seeds)
            author=text.meta.author or _author(text),
            countries=countries,
            themes=self.themes.mentions(text, title),
            events=tuple(_event_candidates(text, date, self.countries, accepted)),
            figures=tuple(_figure_candidates(text, self.countries, accepted)),
        )


class _NameIndex:
    """One regular expression over every name of every term: one pass per paragraph."""

    def __init__(self, terms: list[Term], minimum: int):
        self.minimum = minimum
        self.exact: dict[str, str] = {}  # names with capitals match as written
        self.folded: dict[str, str] = {}  # lower-case names match in any case
        russian: dict[str, str] = {}  # match in any grammatical case
        for term in terms:
            for name in (term.name, *term.aliases):
                if CYRILLIC.search(name):
                    russian.setdefault(name, term.slug)
                    continue
                (self.exact if name != name.lower() else self.folded).setdefault(
                    name if name != name.lower() else name.casefold(), term.slug)
        self.pattern = _alternation(self.exact, flags=0)
        self.folded_pattern = _alternation(self.folded, flags=re.IGNORECASE)
        self.russian = RussianNames(russian)

    def slugs_in(self, text: str) -> list[tuple[str, str]]:
        found = self.russian.slugs_in(text)
        if self.pattern:
            found += [(self.exact[m.group()], m.group()) for m in self.pattern.finditer(text)]
        if self.folded_pattern:
            found += [(self.folded[_singular(m.group().casefold(), self.folded)], m.group())
                      for m in self.folded_pattern.finditer(text)]
        return found

    def mentions(self, text: SeedText, title: str | None) -> tuple[Mention, ...]:
        counts: dict[str, int] = defaultdict(int)
        places: dict[str, set[int]] = defaultdict(set)
        names: dict[str, set[str]] = defaultdict(set)
        for paragraph in text.paragraphs:
            for slug, name in self.slugs_in(paragraph.text):
                counts[slug] += 1
                places[slug].add(paragraph.number)
                names[slug].add(name)
        in_title = {slug for slug, _ in self.slugs_in(title or "")}
        for slug in in_title:
            counts.setdefault(slug, 0)
        found = [Mention(slug, counts[slug], tuple(sorted(places[slug])), tuple(sorted(names[slug])), slug in in_title,
                         self.minimum) for slug in counts]
        return tuple(sorted(found, key=lambda m: (-m.count, m.slug)))


def _alternation(names: dict[str, str], flags: int) -> re.Pattern | None:
    """Longest names first; lower-case names (common words) also match their plural."""
    if not names:
        return None
    ordered = sorted(names, key=lambda name: (-len(name), name))
    plural = r"(?:s|es)?" if flags & re.IGNORECASE else ""
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ordered)) + r")" + plural + r"(?![\w-])", flags)


def _singular(word: str, names: dict[str, str]) -> str:
    for suffix in ("", "s", "es"):
        if word.endswith(suffix) and word[: len(word) - len(suffix)] in names:
            return word[: len(word) - len(suffix)]
    return word


def _seed_date(text: SeedText) -> PartialDate | None:
    if text.date:
        return _safe_date(text.date)
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


def _clean_title(title: str | None) -> str | None:
    if title and (match := TITLE_SUFFIX.search(title)):
        return title[: match.start()].strip()
    return title


def _publisher(title: str | None) -> str | None:
    match = TITLE_SUFFIX.search(title or "")
    return match.group(1).strip() if match else None


def _author(text: SeedText) -> str | None:
    for line in (*text.attribution, *(r.text for r in text.removed)):
        if match := BYLINE.match(line) or BIO.match(line):
            return match.group(1)
    return None


def _sentences(text: SeedText):
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


def _event_candidates(text: SeedText, article: PartialDate | None, countries: _NameIndex, accepted: set[str]):
    found = 0
    for number, sentence in _sentences(text):
        date = _sentence_date(sentence, article)
        if date and found < MAX_CANDIDATES:
            found += 1
            named = tuple(dict.fromkeys(slug for slug, _ in countries.slugs_in(sentence)))
            yield Candidate(sentence, number, date=date, countries=named or tuple(sorted(accepted))[:1])


def _figure_candidates(text: SeedText, countries: _NameIndex, accepted: set[str]):
    found = 0
    for number, sentence in _sentences(text):
        match = FIGURE.search(sentence)
        if match and found < MAX_CANDIDATES:
            found += 1
            named = tuple(dict.fromkeys(slug for slug, _ in countries.slugs_in(sentence)))
            value = float(match.group(1).replace(",", ""))
            yield Candidate(sentence, number, value=value, countries=named or tuple(sorted(accepted))[:1])
