"""Detect what a seed is about, for drafts and for seeds nobody has described yet.

Countries and themes are found through the taxonomy's names and aliases; page
furniture is already gone (see reader), so a menu naming every country does not
count. A term is kept only with enough evidence: a country named at least three
times (articles about one place often name a neighbour or two in passing), a
theme at least twice, or either one in the title. Some names of themes are
everyday words ("media", "energy", "parliament") that any article may use in
passing: each counts as half a mention, unless a specific name of the same theme
is there too, which it then corroborates in full. A theme's specific name in the lead (the
first full paragraph) is enough on its own, as a title is. The title, date, byline and
publisher are what the page says about itself (SeedText.meta, found while
reading: generator/inputs/datelines.py); candidate events and figures are whole
sentences, quoted exactly.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from generator.inputs.bylines import title_parts
from generator.inputs.russian_names import CYRILLIC, RussianNames
from generator.inputs.seed_text import SeedText
from generator.model.candidates import Candidate, author_in, event_candidates, figure_candidates, seed_date
from generator.model.dates import PartialDate
from generator.model.entities import Term

MIN_MENTIONS = {"countries": 3, "themes": 2}
# Names of themes, as the taxonomy writes them, that news prose uses in passing ("social media", "energy prices",
# "the parliament approved"): half a mention each, and not enough in a lead.
PASSING_THEME_NAMES = frozenset(
    {
        "media",
        "медиа",
        "journalists",
        "energy",
        "gas",
        "electricity",
        "transit",
        "энергетика",
        "газ",
        "транзит",
        "электроэнергия",
        "энергетический",
        "parliament",
        "election",
        "elections",
        "constitution",
        "парламент",
        "выборы",
        "конституция",
        "protests",
        "demonstration",
        "протест",
        "митинг",
        "propaganda",
        "пропаганда",
        "торговля",
        "military service",
        "военная служба",
        "polls",
        "victory day",
        "день победы",
        "russian-speaking",
    }
)
PASSING_WEIGHT = 0.5
LEAD_MIN_WORDS = 20  # the lead is the first paragraph this long: a headline, dateline or byline is shorter


@dataclass(frozen=True)
class Mention:
    """How often a term is named, where (paragraph numbers), and by which names."""

    slug: str
    count: int
    paragraphs: tuple[int, ...]
    names: tuple[str, ...]
    in_title: bool = False
    minimum: int = 2
    evidence: float | None = None  # the count, with a passing word as half a mention; None: the count itself
    in_lead: bool = False  # named by a specific name in the first full paragraph

    @property
    def accepted(self) -> bool:
        evidence = self.count if self.evidence is None else self.evidence
        return evidence >= self.minimum or self.in_title or self.in_lead


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

    def __init__(self, countries: list[Term], themes: list[Term]) -> None:
        self.countries = _NameIndex(countries, MIN_MENTIONS["countries"])
        self.themes = _NameIndex(themes, MIN_MENTIONS["themes"], passing=PASSING_THEME_NAMES, lead_counts=True)

    def detect(self, text: SeedText) -> Detection:
        meta = text.meta
        headline, title_outlet = title_parts(text.title)  # for a SeedText read without its PageMeta
        title = meta.title or headline
        date = seed_date(text)
        countries = self.countries.mentions(text, title)
        accepted = {m.slug for m in countries if m.accepted}
        return Detection(
            title=title,
            date=date,
            publisher=meta.publisher or (None if meta.title else title_outlet),
            author=meta.author or author_in(text),
            countries=countries,
            themes=self.themes.mentions(text, title),
            events=tuple(event_candidates(text, date, self.countries, accepted)),
            figures=tuple(figure_candidates(text, self.countries, accepted)),
        )


class _NameIndex:
    """One regular expression over every name of every term: one pass per paragraph."""

    def __init__(
        self, terms: list[Term], minimum: int, passing: frozenset[str] = frozenset(), lead_counts: bool = False
    ) -> None:
        self.minimum = minimum
        self.passing = passing
        self.lead_counts = lead_counts
        self.exact: dict[str, str] = {}  # names with capitals match as written
        self.folded: dict[str, str] = {}  # lower-case names match in any case
        russian: dict[str, str] = {}  # match in any grammatical case
        for term in terms:
            for name in (term.name, *term.aliases):
                if CYRILLIC.search(name):
                    russian.setdefault(name, term.slug)
                    continue
                (self.exact if name != name.lower() else self.folded).setdefault(
                    name if name != name.lower() else name.casefold(), term.slug
                )
        self.pattern = _alternation(self.exact, flags=0)
        self.folded_pattern = _alternation(self.folded, flags=re.IGNORECASE)
        self.russian = RussianNames(russian)

    def slugs_in(self, text: str) -> list[tuple[str, str]]:
        return [(slug, written) for slug, written, _ in self.names_in(text)]

    def names_in(self, text: str) -> list[tuple[str, str, str]]:
        """(slug, the words as written, the taxonomy's name they match) for each name found."""
        found = self.russian.names_in(text)
        if self.pattern:
            found += [(self.exact[m.group()], m.group(), m.group()) for m in self.pattern.finditer(text)]
        if self.folded_pattern:
            for match in self.folded_pattern.finditer(text):
                name = _singular(match.group().casefold(), self.folded)
                found.append((self.folded[name], match.group(), name))
        return found

    def weight(self, name: str) -> float:
        return PASSING_WEIGHT if name.casefold() in self.passing else 1.0

    def mentions(self, text: SeedText, title: str | None) -> tuple[Mention, ...]:
        counts: dict[str, int] = defaultdict(int)
        evidence: dict[str, float] = defaultdict(float)
        places: dict[str, set[int]] = defaultdict(set)
        names: dict[str, set[str]] = defaultdict(set)
        specific: set[str] = set()  # terms named at least once by a name that is not an everyday word
        for paragraph in text.paragraphs:
            for slug, written, name in self.names_in(paragraph.text):
                counts[slug] += 1
                evidence[slug] += self.weight(name)
                specific.update([slug] if self.weight(name) == 1.0 else [])
                places[slug].add(paragraph.number)
                names[slug].add(written)
        for slug in specific:  # everyday words are weak alone, but corroborate a specific name in full
            evidence[slug] = float(counts[slug])
        in_title = {slug for slug, _ in self.slugs_in(title or "")}
        in_lead = self._specific_in_lead(text)
        for slug in in_title:
            counts.setdefault(slug, 0)
        found = [
            Mention(
                slug,
                counts[slug],
                tuple(sorted(places[slug])),
                tuple(sorted(names[slug])),
                slug in in_title,
                self.minimum,
                evidence[slug],
                slug in in_lead,
            )
            for slug in counts
        ]
        return tuple(sorted(found, key=lambda m: (-m.count, m.slug)))

    def _specific_in_lead(self, text: SeedText) -> set[str]:
        """Terms the lead names by a name that is not an everyday word: what the article is about."""
        if not self.lead_counts:
            return set()
        lead = next((p.text for p in text.paragraphs if len(p.text.split()) >= LEAD_MIN_WORDS), "")
        return {slug for slug, _, name in self.names_in(lead) if self.weight(name) == 1.0}


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
