"""Indexes of sources: all, by country, by theme, by year; and the timeline by year.

No page lists every source, so a page's size does not grow with the corpus. An
index of more than SOURCES_PER_PAGE sources shows its newest on its first page and
the rest on pages by period: a year, or a month of a year with more than
SOURCES_PER_PAGE, or parts of a month with more. A source lands on the page of its
own period, so a new source changes that page and the index's first page, not
every page after it, as numbered pages did (each new source moved the rest along).
Where each page lives is the renderer's business (render/locations.py listing).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from generator.derive.analysis import EventGroup
from generator.model.briefing import Briefing, newest_first
from generator.model.entities import Source

_Item = TypeVar("_Item")

SOURCES_PER_PAGE = 100
EVENTS_PER_PAGE = 200


ALL_SOURCES_TITLE = "All sources"  # the index of every source: its page's title, and its name in the navigation


@dataclass(frozen=True)
class Listing:
    """One index of sources, split into pages."""

    key: str  # "all", "countries/<slug>", "themes/<slug>" or "years/<year>"
    title: str
    label: str  # its name in a list of indexes: "Kazakhstan", "2024", "Undated sources"
    sources: tuple[Source, ...]

    @property
    def newest(self) -> tuple[Source, ...]:
        """What the index's first page lists."""
        return self.sources[:SOURCES_PER_PAGE]

    @property
    def periods(self) -> tuple[PeriodPage[Source], ...]:
        """The index's pages by period, newest first; none when the first page lists every source."""
        if len(self.sources) <= SOURCES_PER_PAGE:
            return ()
        years: dict[int | None, list[Source]] = defaultdict(list)
        for source in self.sources:  # newest first, undated last
            years[source.date.year if source.date else None].append(source)
        return tuple(page for year, sources in years.items() for page in _year_pages(year, sources))


@dataclass(frozen=True)
class PeriodPage(Generic[_Item]):
    """One page of an index or of a year of the timeline: the items of a year, of a month, or of part of a month."""

    key: str  # its file name: "2024", "2024-05", "2024-05-2", "2024-00" (month not known), "undated", "undated-2"
    label: str  # "2024", "May 2024", "May 2024, part 2", "2024, month not known", "Undated", "Undated, part 2"
    items: tuple[_Item, ...]


def _year_pages(year: int | None, sources: list[Source]) -> list[PeriodPage[Source]]:
    if year is None:
        return _parts("undated", "Undated", sources, SOURCES_PER_PAGE)
    if len(sources) <= SOURCES_PER_PAGE:
        return [PeriodPage(str(year), str(year), tuple(sources))]
    return month_pages(year, sources, lambda source: source.date.month if source.date else 0, SOURCES_PER_PAGE)


def month_pages(year: int, items: list[_Item], month_of: Callable[[_Item], int], size: int) -> list[PeriodPage[_Item]]:
    """A year's items by month, newest first, the month not known last; a month of more than size in parts."""
    months: dict[int, list[_Item]] = defaultdict(list)
    for item in items:
        months[month_of(item) or 0].append(item)
    pages = []
    for month, members in sorted(months.items(), key=lambda item: (item[0] != 0, item[0]), reverse=True):
        label = f"{calendar.month_name[month]} {year}" if month else f"{year}, month not known"
        pages.extend(_parts(f"{year}-{month:02d}", label, members, size))
    return pages


def _parts(key: str, label: str, items: list[_Item], size: int) -> list[PeriodPage[_Item]]:
    """More items than a page holds, in parts: only this period's parts move along when one is added."""
    return [
        PeriodPage(key if n == 1 else f"{key}-{n}", label if n == 1 else f"{label}, part {n}", chunk)
        for n, chunk in enumerate(pages_of(tuple(items), size), start=1)
    ]


def listings(briefing: Briefing) -> tuple[Listing, ...]:
    found = [Listing("all", ALL_SOURCES_TITLE, ALL_SOURCES_TITLE, briefing.sources_newest_first)]
    for term in briefing.countries_in_use() + briefing.themes_in_use():
        kind = "themes" if term.kind == "theme" else "countries"
        found.append(
            Listing(f"{kind}/{term.slug}", f"Sources on {term.name}", term.name, briefing.sources_about(term.slug))
        )
    for year, sources in sorted(_by_year_in_order(briefing.sources_newest_first).items(), reverse=True):
        title = "Undated sources" if year == "undated" else f"Sources of {year}"
        found.append(Listing(f"years/{year}", title, year, tuple(sources)))
    return tuple(found)


def by_year(sources: Iterable[Source]) -> dict[str, list[Source]]:
    return _by_year_in_order(newest_first(sources))


def _by_year_in_order(ordered: Iterable[Source]) -> dict[str, list[Source]]:
    """by_year of sources already newest first."""
    years: dict[str, list[Source]] = defaultdict(list)
    for source in ordered:
        years[str(source.date.year) if source.date else "undated"].append(source)
    return years


def pages_of(items: tuple[_Item, ...], size: int) -> list[tuple[_Item, ...]]:
    return [items[start : start + size] for start in range(0, len(items), size)] or [()]


def events_by_year(groups: tuple[EventGroup, ...]) -> list[tuple[int, list[EventGroup]]]:
    """The timeline's years, newest first, each with its events in the order given."""
    years: dict[int, list[EventGroup]] = defaultdict(list)
    for group in groups:
        years[group.main.date.year].append(group)
    return sorted(years.items(), reverse=True)
