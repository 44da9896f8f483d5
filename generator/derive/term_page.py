"""What a country, region or theme page says: each claim once, in the section of the term it is mostly about.

A claim about several countries is shown once and tagged with all of them; the
sections of the others point to it instead of repeating it. A claim about a
region shows once on each member country's page, under Across the region. A
source that names the page's term but has no claim about it is listed under
Also mentioned in, apart from the sources the page rests on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from generator.derive import analysis
from generator.model.briefing import Briefing
from generator.model.entities import Event, Figure, KeyPoint, Source, Term

SECTION_ITEMS = 8
POINTER_ITEMS = 8
LABEL_LENGTH = 90
Grouping = Callable[[tuple[Event, ...]], tuple[analysis.EventGroup, ...]]


@dataclass(frozen=True)
class Pointer:
    """A claim shown elsewhere on the page, named briefly and linked by its anchor."""

    label: str
    anchor: str


@dataclass(frozen=True)
class Section:
    """The key points of the page's term on one other term, and pointers to the rest about that pair."""

    term: Term
    points: tuple[tuple[Source, KeyPoint], ...]  # shown here in full
    point_count: int  # before the limit
    pointers: tuple[Pointer, ...]


@dataclass(frozen=True)
class RegionBlock:
    """Claims about a region the page's country belongs to that do not name the country itself."""

    region: Term
    points: tuple[tuple[Source, KeyPoint], ...]
    events: tuple[analysis.EventGroup, ...]


@dataclass(frozen=True)
class TermView:
    sections: tuple[Section, ...]
    regions: tuple[RegionBlock, ...]
    mentioned_in: tuple[Source, ...]  # sources that name the term without a claim about it
    sources: tuple[Source, ...]  # the sources the page rests on, newest first
    events: tuple[analysis.EventGroup, ...]
    shown_events: int


def claim_anchor(claim_id: str) -> str:
    """The id of a claim's line on any page: its public id, as on its source page."""
    return claim_id


def term_view(briefing: Briefing, term: Term, event_limit: int, group: Grouping = analysis.group_events) -> TermView:
    """group: group_events, or what answers as it does (derive/remembered_groups.py)."""
    events = group(briefing.events_about(term.slug))
    shown = {event.id: group.main.id for group in events[:event_limit] for event in group.events}
    sections = tuple(_sections(briefing, term, shown))
    mentioned = _mentioned_in(briefing, term)
    return TermView(
        sections,
        _regions(briefing, term, group),
        mentioned,
        _newest_first_of(briefing, _resting_on(briefing, term, mentioned)),
        events,
        min(event_limit, len(events)),
    )


def _newest_first_of(briefing: Briefing, some: set[Source]) -> tuple[Source, ...]:
    """newest_first(some), taken from the briefing's sources in that order (one total order: ties end at the ids)
    rather than sorted again for each term."""
    ids = {source.id for source in some}
    return tuple(source for source in briefing.sources_newest_first if source.id in ids)


def resting_on(briefing: Briefing, term: Term) -> set[Source]:
    """The sources a country or theme page (and its feed) rests on, in no order (a feed takes them in its own)."""
    return _resting_on(briefing, term, _mentioned_in(briefing, term))


def _resting_on(briefing: Briefing, term: Term, mentioned: tuple[Source, ...]) -> set[Source]:
    """The sources a page rests on: those with a claim about the term, and those tagged with it that make no
    claims at all (an article no editor has described yet)."""
    claiming = {s for s, _ in briefing.key_points_about(term.slug)} | {
        briefing.source_by_id[c.citation.source_id]
        for c in briefing.events_about(term.slug) + briefing.figures_about(term.slug)
    }
    left_out = {s.id for s in mentioned}  # by id: "in" a tuple of sources would compare them field by field
    return claiming | {s for s in briefing.sources_about(term.slug) if s.id not in left_out}


def _others(briefing: Briefing, term: Term) -> tuple[Term, ...]:
    return briefing.countries_in_use() if term.kind == "theme" else briefing.themes_in_use()


def _slugs_on_other_axis(term: Term, claim: KeyPoint | Event | Figure) -> tuple[str, ...]:
    if term.kind == "theme":
        return (claim.country,) if isinstance(claim, Figure) else claim.countries
    return claim.themes


def _home(briefing: Briefing, term: Term, point: KeyPoint) -> str | None:
    """The one section a key point is shown in: its first term on the other axis, countries before regions."""
    slugs: Sequence[str] = _slugs_on_other_axis(term, point)
    if term.kind == "theme":
        slugs = sorted(slugs, key=lambda s: briefing.term_by_slug[s].kind == "region")
    return slugs[0] if slugs else None


def _sections(briefing: Briefing, term: Term, shown_events: dict[str, str]) -> Iterator[Section]:
    points = briefing.key_points_about(term.slug)
    others = _others(briefing, term)
    homes = {point.id: _home(briefing, term, point) for _, point in points}  # each point's, found once
    here: dict[str | None, list[tuple[Source, KeyPoint]]] = {other.slug: [] for other in others}
    for pair in points:
        if homes[pair[1].id] in here:
            here[homes[pair[1].id]].append(pair)
    # A pointer leads to a point shown in full in its own section: never to one cut off by the limit.
    shown = {point.id for pairs in here.values() for _, point in pairs[:SECTION_ITEMS]}
    leads = Leads.of(briefing, term, points, shown, shown_events)
    for other in others:
        pointers = leads.to(term, other.slug, homes)
        if here[other.slug] or pointers:
            mine = here[other.slug]
            yield Section(other, tuple(mine[:SECTION_ITEMS]), len(mine), pointers[:POINTER_ITEMS])
    unfiled = [pair for pair in points if homes[pair[1].id] is None]
    if unfiled:  # a draft's point whose editor has not yet said what it is about
        name = "Not tied to a country" if term.kind == "theme" else "Not filed under a theme"
        yield Section(Term("unfiled", name, ""), tuple(unfiled[:SECTION_ITEMS]), len(unfiled), ())


@dataclass(frozen=True)
class Leads:
    """What the pointers of a page's sections can lead to, found once per page: at 100,000 sources a term has
    tens of thousands of key points, events and figures, and a page has a section for each other term."""

    points: tuple[KeyPoint, ...]  # shown in full in a section of the page, in the page's order
    events: tuple[Event, ...]  # about the term and in one of the event groups shown (their main events too)
    main_of: dict[str, str]  # those events' ids -> the id of their group's main event
    figures: dict[str, tuple[str, ...]]  # a term of the other axis -> the names of the measures of its figures

    @classmethod
    def of(
        cls,
        briefing: Briefing,
        term: Term,
        points: tuple[tuple[Source, KeyPoint], ...],
        shown_points: set[str],
        shown_events: dict[str, str],
    ) -> Leads:
        metrics = briefing.metric_by_slug
        measures: dict[str, dict[str, None]] = {}  # ordered and without repeats, as the pointers are
        for figure in briefing.figures_about(term.slug):
            name = metrics[figure.metric].name if figure.metric in metrics else figure.metric
            for slug in _slugs_on_other_axis(term, figure):
                measures.setdefault(slug, {})[name] = None
        return cls(
            tuple(point for _, point in points if point.id in shown_points),
            tuple(event for event in briefing.events_about(term.slug) if event.id in shown_events),
            shown_events,
            {slug: tuple(names) for slug, names in measures.items()},
        )

    def to(self, term: Term, other: str, homes: dict[str, str | None]) -> tuple[Pointer, ...]:
        """Claims about the term and other that are shown in another part of the page (homes: each point's
        section): key points, events (one per event group) and figures."""
        found = [
            Pointer(_short(point.text), claim_anchor(point.id))
            for point in self.points
            if homes[point.id] != other and other in _slugs_on_other_axis(term, point)
        ]
        mains = {self.main_of[event.id] for event in self.events if other in event.countries or other in event.themes}
        found += [
            Pointer(f"{event.date.human}: {_short(event.text)}", claim_anchor(event.id))
            for event in self.events
            if event.id in mains
        ]
        found += [Pointer(f"figure: {name}", "key-figures") for name in self.figures.get(other, ())]
        return tuple(dict.fromkeys(found))


def _short(text: str) -> str:
    if len(text) <= LABEL_LENGTH:
        return text
    return text[: LABEL_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def _regions(briefing: Briefing, term: Term, group: Grouping) -> tuple[RegionBlock, ...]:
    if term.kind != "country":
        return ()
    blocks = []
    for region in (t for t in briefing.countries if t.kind == "region" and term.slug in t.members):
        points = tuple(pair for pair in briefing.key_points_about(region.slug) if term.slug not in pair[1].countries)
        events = tuple(e for e in briefing.events_about(region.slug) if term.slug not in e.countries)
        if points or events:
            blocks.append(RegionBlock(region, points[:SECTION_ITEMS], group(events)[:SECTION_ITEMS]))
    return tuple(blocks)


def _about(term: Term, claim: KeyPoint | Event | Figure) -> bool:
    if term.kind == "theme":
        return term.slug in claim.themes
    return term.slug == claim.country if isinstance(claim, Figure) else term.slug in claim.countries


def _mentioned_in(briefing: Briefing, term: Term) -> tuple[Source, ...]:
    """Sources that list the term and make claims, none of them about it: a mention in passing."""
    passing = []
    for source in briefing.sources_about(term.slug):
        claims = source.key_points + source.events + source.figures
        if claims and not any(_about(term, claim) for claim in claims):
            passing.append(source)
    return tuple(passing)
