"""The whole briefing as one value: its terms, sources and readings, with the lookups every later stage uses
(a source or claim by id, what names a country or theme). Pure data, like model/entities.py."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol, TypeVar

from generator.model.changes import Change
from generator.model.dates import PartialDate, newest
from generator.model.entities import Event, Figure, KeyPoint, Metric, Sentence, Source, Term, Trend
from generator.model.masthead import Masthead

_Item = TypeVar("_Item")


def _index(items: Iterable[_Item], keys_of: Callable[[_Item], Iterable[str]]) -> dict[str, tuple[_Item, ...]]:
    """Items grouped under each of their keys, in the given order, without repeats."""
    grouped: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        for key in dict.fromkeys(keys_of(item)):
            grouped[key].append(item)
    return {key: tuple(values) for key, values in grouped.items()}


class _Dated(Protocol):
    """A Source, Event or anything else with an id and a date (None: undated)."""

    @property
    def id(self) -> str: ...

    @property
    def date(self) -> PartialDate | None: ...


_DatedItem = TypeVar("_DatedItem", bound=_Dated)


def newest_first(dated: Iterable[_DatedItem]) -> list[_DatedItem]:
    """Sort items with a .date newest first; undated last; ties by id for stability."""
    return sorted(dated, key=lambda item: (item.date is None, _negated(item.date), item.id))


def _negated(date: PartialDate | None) -> tuple[int, int, int]:
    return (0, 0, 0) if date is None else (-date.year, -date.month, -date.day)


@dataclass(frozen=True)
class Briefing:
    """Everything the site shows, with the lookups pages need."""

    title: str
    bottom_line: tuple[Sentence, ...]
    countries: tuple[Term, ...]
    themes: tuple[Term, ...]
    metrics: tuple[Metric, ...]
    sources: tuple[Source, ...]
    trends: tuple[Trend, ...] = ()
    site_url: str | None = None
    changes: tuple[Change, ...] = ()  # corrections of the briefing's own editorial text (briefing.yml changed:)
    masthead: Masthead = field(default_factory=Masthead)  # editors, contact, licence and last review, for the footer

    @cached_property
    def source_by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}

    @cached_property
    def claim_by_id(self) -> dict[str, KeyPoint | Event | Figure]:
        """Every key point, event and figure by its claim reference (what evidence lists cite)."""
        return {claim.id: claim for s in self.sources for claim in s.key_points + s.events + s.figures}

    @cached_property
    def term_by_slug(self) -> dict[str, Term]:
        return {term.slug: term for term in self.countries + self.themes}

    @cached_property
    def metric_by_slug(self) -> dict[str, Metric]:
        return {metric.slug: metric for metric in self.metrics}

    @cached_property
    def sources_newest_first(self) -> tuple[Source, ...]:
        """The sources in newest_first order, sorted once: the home page, the listings, the feeds and the term
        indexes all take them so (at 100,000 sources each sort took about a third of a second)."""
        return tuple(newest_first(self.sources))

    @cached_property
    def events(self) -> tuple[Event, ...]:
        return tuple(newest_first(e for s in self.sources for e in s.events))

    @cached_property
    def figures(self) -> tuple[Figure, ...]:
        every = (f for s in self.sources for f in s.figures)
        return tuple(sorted(every, key=lambda f: (f.metric, f.country, f.as_of.ymd, f.id)))

    @cached_property
    def _sources_by_term(self) -> dict[str, tuple[Source, ...]]:
        return _index(self.sources_newest_first, lambda s: s.countries + s.themes)

    @cached_property
    def _events_by_term(self) -> dict[str, tuple[Event, ...]]:
        return _index(self.events, lambda e: e.countries + e.themes)

    @cached_property
    def _figures_by_term(self) -> dict[str, tuple[Figure, ...]]:
        return _index(self.figures, lambda f: (f.country, *f.themes))

    @cached_property
    def _key_points_by_term(self) -> dict[str, tuple[tuple[Source, KeyPoint], ...]]:
        pairs = [(source, point) for source in self.sources_newest_first for point in source.key_points]
        return _index(pairs, lambda pair: pair[1].countries + pair[1].themes)

    def sources_about(self, *slugs: str) -> tuple[Source, ...]:
        """Sources tagged with every one of the given terms, newest first."""
        first, *rest = slugs
        found = self._sources_by_term.get(first, ())
        if not rest:  # asked of one term, again and again by its page: the index's own tuple
            return found
        return tuple(s for s in found if all(slug in s.countries or slug in s.themes for slug in rest))

    def events_about(self, *slugs: str) -> tuple[Event, ...]:
        first, *rest = slugs
        found = self._events_by_term.get(first, ())
        if not rest:  # asked of one term, again and again by its page: the index's own tuple
            return found
        return tuple(e for e in found if all(slug in e.countries or slug in e.themes for slug in rest))

    def figures_about(self, slug: str) -> tuple[Figure, ...]:
        return self._figures_by_term.get(slug, ())

    def key_points_about(self, *slugs: str) -> tuple[tuple[Source, KeyPoint], ...]:
        first, *rest = slugs
        found = self._key_points_by_term.get(first, ())
        if not rest:
            return found
        return tuple(
            pair for pair in found if all(slug in pair[1].countries or slug in pair[1].themes for slug in rest)
        )

    @cached_property
    def _slugs_in_use(self) -> frozenset[str]:
        """Terms that a source, key point, event or figure names: each gets a page."""
        used: set[str] = set()
        for source in self.sources:
            used.update(source.countries, source.themes)
            for point in source.key_points:
                used.update(point.countries, point.themes)
            for event in source.events:
                used.update(event.countries, event.themes)
            for figure in source.figures:
                used.update((figure.country, *figure.themes))
        return frozenset(used)

    def countries_in_use(self) -> tuple[Term, ...]:
        return tuple(t for t in self.countries if t.slug in self._slugs_in_use)

    def themes_in_use(self) -> tuple[Term, ...]:
        return tuple(t for t in self.themes if t.slug in self._slugs_in_use)

    @property
    def latest_date(self) -> PartialDate | None:
        """The newest publication date among the sources."""
        return newest(source.date for source in self.sources)
