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
from typing import TypeVar

from generator.derive.analysis import EventGroup
from generator.model.briefing import Briefing, newest_first
from generator.model.entities import Source

_Item = TypeVar("_Item")

SOURCES_PER_PAGE = 100
EVENTS_PER_PAGE = 200


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
    def periods(self) -> tuple[PeriodPage, ...]:
        """The index's pages by period, newest first; none when the first page lists every source."""
        if len(self.sources) <= SOURCES_PER_PAGE:
            return ()
        years: dict[int | None, list[Source]] = defaultdict(list)
        for source in self.sources:  # newest first, undated last
            years[source.date.year if source.date else None].append(source)
        return tuple(page for year, sources in years.items() for page in _year_pages(year, sources))


@dataclass(frozen=True)
class PeriodPage:
    """One page of an index: the sources of a year, of a month, or of part of a month."""

    key: str  # its file name: "2024", "2024-05", "2024-05-2", "2024-00" (month not known), "undated", "undated-2"
    label: str  # "2024", "May 2024", "May 2024, part 2", "2024, month not known", "Undated", "Undated, part 2"
    sources: tuple[Source, ...]


def _year_pages(year: int | None, sources: list[Source]) -> list[PeriodPage]:
    if year is None:
        return _parts("undated", "Undated", sources)
    if len(sources) <= SOURCES_PER_PAGE:
        return [PeriodPage(str(year), str(year), tuple(sources))]
    months: dict[int, list[Source]] = defaultdict(list)
    for source in sources:
        months[source.date.month or 0 if source.date else 0].append(source)
    pages = []
    for month, members in sorted(months.items(), key=lambda item: (item[0] != 0, item[0]), reverse=True):
        label = f"{calendar.month_name[month]} {year}" if month else f"{year}, month not known"
        pages.extend(_parts(f"{year}-{month:02d}", label, members))
    return pages


def _parts(key: str, label: str, sources: list[Source]) -> list[PeriodPage]:
    """More sources than a page holds, in parts: only this period's parts move along when one is added."""
    chunks = pages_of(tuple(sources), SOURCES_PER_PAGE)
    return [
        PeriodPage(key if n == 1 else f"{key}-{n}", label if n == 1 else f"{label}, part {n}", chunk)
        for n, chunk in enumerate(chunks, start=1)
    ]


def listings(briefing: Briefing) -> tuple[Listing, ...]:
    found = [Listing("all", "All sources", "All sources", tuple(newest_first(briefing.sources)))]
    for term in briefing.countries_in_use() + briefing.themes_in_use():
        kind = "themes" if term.kind == "theme" else "countries"
        found.append(
            Listing(f"{kind}/{term.slug}", f"Sources on {term.name}", term.name, briefing.sources_about(term.slug))
        )
    for year, sources in sorted(by_year(briefing.sources).items(), reverse=True):
        title = "Undated sources" if year == "undated" else f"Sources of {year}"
        found.append(Listing(f"years/{year}", title, year, tuple(sources)))
    return tuple(found)


def by_year(sources: Iterable[Source]) -> dict[str, list[Source]]:
    years: dict[str, list[Source]] = defaultdict(list)
    for source in newest_first(sources):
        years[str(source.date.year) if source.date else "undated"].append(source)
    return years


def pages_of(items: tuple[_Item, ...], size: int) -> list[tuple[_Item, ...]]:
    return [items[start : start + size] for start in range(0, len(items), size)] or [()]


def pager(current: int, count: int, path_of: Callable[..., str]) -> list[tuple[str, str | None]]:
    """Links for a pager: (label, path or None for the current page or a gap)."""
    if count <= 1:
        return []
    shown = sorted({1, count, *range(max(1, current - 2), min(count, current + 2) + 1)})
    links: list[tuple[str, str | None]] = []
    previous = 0
    for number in shown:
        if number - previous > 1:
            links.append(("…", None))
        links.append((str(number), None if number == current else path_of(number)))
        previous = number
    return links


def events_by_year(groups: tuple[EventGroup, ...]) -> list[tuple[int, list[EventGroup]]]:
    """The timeline's years, newest first, each with its events in the order given."""
    years: dict[int, list[EventGroup]] = defaultdict(list)
    for group in groups:
        years[group.main.date.year].append(group)
    return sorted(years.items(), reverse=True)
