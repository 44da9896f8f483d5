"""The briefing as data: terms, sources, claims and the links between them.

Pure data, no I/O and nothing about the site engine. Everything is immutable and
kept in a deterministic order, so rendering the same model twice gives the same
bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.inputs.seed_text import Paragraph
from generator.model.changes import Change, Stamp
from generator.model.dates import PartialDate, newest

QUALITY_LABELS = {
    "clean": "Clean text",
    "machine-translated": "Machine-translated",
    "reworded": "Reworded",
    "excerpt": "Excerpt",
    "listing": "Listing page",
    "unassessed": "Not assessed",
}


@dataclass(frozen=True, slots=True)
class Sentence:
    """One editorial sentence (of a bottom line) and the claims it rests on, by claim reference."""

    text: str
    evidence: tuple[str, ...] = ()  # <source id>-<claim id>, see generator/model/claim_ids.py


@dataclass(frozen=True, slots=True)
class Term:
    """A country, region or theme."""

    slug: str
    name: str
    description: str
    aliases: tuple[str, ...] = ()
    bottom_line: tuple[Sentence, ...] = ()
    kind: str = "theme"  # country, region or theme
    members: tuple[str, ...] = ()  # of a region: its countries


@dataclass(frozen=True, slots=True)
class Metric:
    slug: str
    name: str
    unit: str
    description: str


@dataclass(frozen=True, slots=True)
class Inference:
    """A value not stated in the text: the field, why the editors gave it, and the outside sources it rests on.

    With no outside sources, the value is inferred from the text itself (why says from what).
    """

    field: str
    why: str
    outside: tuple[str, ...] = ()  # ids of the source's outside_sources


DATE_FIELDS = ("date", "as_of", "period")  # inferences that make a date less certain than the text


def date_basis(date: PartialDate | None, inferred: tuple[Inference, ...]) -> str | None:
    """Where a date comes from: "stated" in the text, "inferred" from it, "outside" reporting; None without one."""
    if date is None:
        return None
    bases = [inference for inference in inferred if inference.field in DATE_FIELDS]
    if not bases:
        return "stated"
    return "outside" if any(inference.outside for inference in bases) else "inferred"


@dataclass(frozen=True, slots=True)
class OutsideSource:
    """Reporting outside the seeds that a value rests on, as the editor read it."""

    id: str
    publisher: str
    title: str
    date: PartialDate
    url: str
    passage: str  # the words relied on


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a claim comes from: a numbered paragraph of a source page."""

    source_id: str
    paragraph: int
    quote: str
    translation: str = ""  # the editor's English translation of a quote in another language


@dataclass(frozen=True, slots=True)
class KeyPoint:
    text: str
    citation: Citation
    countries: tuple[str, ...]
    themes: tuple[str, ...]
    id: str = ""  # <source id>-<claim id>, see generator/model/claim_ids.py
    why: str = ""  # the editors' reason, shown to readers, for countries or themes its paragraph does not name


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: PartialDate
    countries: tuple[str, ...]
    themes: tuple[str, ...]
    text: str
    citation: Citation
    inferred: tuple[Inference, ...] = ()
    why: str = ""

    @property
    def date_basis(self) -> str | None:
        return date_basis(self.date, self.inferred)


@dataclass(frozen=True, slots=True)
class Period:
    """What a figure covers, or the span its date falls in when the text does not give it exactly.

    start and end are data: figures are compared by them, never by the label. A period
    given only in words (old metadata) has neither, and is compared with no other.
    """

    label: str  # in readers' words, e.g. "first quarter of 2022"
    start: PartialDate | None = None
    end: PartialDate | None = None

    @property
    def span(self) -> tuple[PartialDate, PartialDate] | None:
        return (self.start, self.end) if self.start and self.end else None


@dataclass(frozen=True, slots=True)
class Measure:
    """What a figure measures and where it comes from: a named poll or statistics body, or unknown.

    An unknown measure (the text does not say which poll or statistics) is the same
    as no other article's, since nobody can tell whether it is.
    """

    name: str
    known: bool = True

    def key(self, source_id: str) -> tuple:
        return ("known", self.name.casefold()) if self.known else ("unknown", source_id, self.name.casefold())


UNKNOWN_MEASURE = Measure("the article does not say where the number comes from", known=False)


@dataclass(frozen=True, slots=True)
class OutsideValue:
    """A different value for the same fact in reporting outside the article, as an editor read it."""

    value: float
    bound: str
    source: OutsideSource
    note: str = ""


@dataclass(frozen=True, slots=True)
class Figure:
    id: str
    metric: str
    country: str
    value: float
    as_of: PartialDate  # when the value applies: the end of its period
    period: Period
    bound: str  # one of generator.model.numbers.BOUNDS
    text: str
    citation: Citation
    themes: tuple[str, ...] = ()
    inferred: tuple[Inference, ...] = ()
    measure: Measure = UNKNOWN_MEASURE
    elsewhere: tuple[OutsideValue, ...] = ()
    why: str = ""

    @property
    def date_basis(self) -> str | None:
        """The basis of as_of (and of the period it stands for)."""
        return date_basis(self.as_of, self.inferred)

    @property
    def series(self) -> tuple:
        """Figures with the same series measure one thing over one period: they may be compared."""
        span = self.period.span
        return (
            self.metric,
            self.measure.key(self.citation.source_id),
            (span[0].iso, span[1].iso) if span else ("words", self.citation.source_id, self.id),
        )


@dataclass(frozen=True, slots=True)
class Correction:
    paragraph: int
    quote: str
    wrong: str
    right: str
    note: str


@dataclass(frozen=True, slots=True)
class Source:
    """One article, or one teaser of a listing page."""

    id: str
    seed: str
    title: str
    publisher: str | None
    author: str | None
    url: str | None
    date: PartialDate | None
    quality: str
    review: str
    countries: tuple[str, ...]
    themes: tuple[str, ...]
    summary: str
    paragraphs: tuple[Paragraph, ...]  # as read from the seed (inputs/seed_text.py)
    key_points: tuple[KeyPoint, ...] = ()
    events: tuple[Event, ...] = ()
    figures: tuple[Figure, ...] = ()
    corrections: tuple[Correction, ...] = ()
    notes: tuple[str, ...] = ()
    inferred: tuple[Inference, ...] = ()
    outside_sources: tuple[OutsideSource, ...] = ()
    guessed: tuple[str, ...] = ()  # fields detected automatically that no editor has checked yet
    attribution: tuple[str, ...] = ()
    listing_id: str | None = None  # set on a teaser: the listing page it came from
    listing_paragraph: int | None = None  # and the paragraph of the listing that holds it
    item_ids: tuple[str, ...] = ()  # set on a listing: its teasers
    added: Stamp | None = None  # when its metadata entered the briefing (None: no metadata, or old metadata)
    changes: tuple[Change, ...] = ()  # corrections and updates of what it published, as written
    same_work_as: str | None = None  # another source that is the same work (a teaser of it, a copy)
    not_same_work_as: tuple[str, ...] = ()  # sources an editor found to be other works despite shared text
    language: str | None = None  # ISO 639-1 code of the text, as stated (metadata, page) or detected; None: unsure

    def __hash__(self) -> int:
        """By id alone (equal sources have equal ids): the generated hash walked every paragraph and claim, and
        sets of sources are made for every page."""
        return hash(self.id)

    @property
    def date_basis(self) -> str | None:
        return date_basis(self.date, self.inferred)

    @property
    def updated(self) -> Stamp | None:
        """When the briefing last changed what it says of this source: added or its newest change.

        None without added: (no metadata, or metadata older than added:), which keeps it out of the feeds.
        """
        if self.added is None:
            return None
        return newest([self.added, *(change.date for change in self.changes)])

    @property
    def last_changed(self) -> Stamp | None:
        return newest(change.date for change in self.changes)

    @property
    def quality_label(self) -> str:
        return QUALITY_LABELS[self.quality]

    @property
    def word_count(self) -> int:
        return sum(len(p.text.split()) for p in self.paragraphs)


@dataclass(frozen=True, slots=True)
class Trend:
    """The editors' reading of a country's distance from Moscow in a period."""

    country: str
    period: PartialDate
    distance: str  # growing, steady or shrinking
    reason: str
    evidence: tuple[str, ...]  # claim references, as in Sentence
