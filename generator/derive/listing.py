"""Paginated indexes of sources: all, by country, by theme, by year; and the timeline by year.

No page lists every source, so a page's size does not grow with the corpus:
readers reach sources through these indexes, a fixed number per page. Where each
page of an index lives is the renderer's business (render/locations.py listing).
"""

from __future__ import annotations

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
    def page_count(self) -> int:
        return max(1, -(-len(self.sources) // SOURCES_PER_PAGE))

    def page(self, number: int) -> tuple[Source, ...]:
        start = (number - 1) * SOURCES_PER_PAGE
        return self.sources[start : start + SOURCES_PER_PAGE]


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
