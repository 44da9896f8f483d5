"""Which figures may be compared, which agree, which contradict each other, and which merely differ.

Two figures are one series when they measure the same thing (metric and measure)
over the same period (its start and end as data): only those are charted side by
side. Figures for one metric and country from different sources contradict each
other only when they are one series and their values, bounds included, cannot
both be true ("more than 140" and "149" do not contradict). Every other pair of
values for one metric and country is a difference between measurements: other
polls, other periods, other methods, or a source that does not say.

Pure functions over the model; no I/O.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from generator.model.entities import Figure

CONFLICT_TOLERANCE = 0.05  # relative difference below which two exact values agree
ABOUT_TOLERANCE = 0.10  # how far "about" a value may reach either way


@dataclass(frozen=True)
class FigureGroup:
    """One figure, as reported by one or more sources that agree on it."""

    figures: tuple[Figure, ...]

    @property
    def main(self) -> Figure:
        return self.figures[0]


@dataclass(frozen=True)
class Conflict:
    """Sources that contradict each other about one fact: same metric, country, measure and period."""

    metric: str
    country: str
    figures: tuple[Figure, ...]

    @functools.cached_property
    def place_of(self) -> dict[str, int]:
        """Each figure's place in figures, by id: every source page asks, and figures grow with the briefing."""
        return place_of(self.figures)


@dataclass(frozen=True)
class Difference:
    """Figures for one metric and country that differ because they are different measurements."""

    metric: str
    country: str
    figures: tuple[Figure, ...]

    @functools.cached_property
    def place_of(self) -> dict[str, int]:
        """Each figure's place in figures, by id: every source page asks, and figures grow with the briefing."""
        return place_of(self.figures)


def place_of(figures: tuple[Figure, ...]) -> dict[str, int]:
    return {figure.id: place for place, figure in enumerate(figures)}


def _key(figure: Figure) -> tuple:
    return (figure.country, figure.series)


def group_figures(figures: tuple[Figure, ...]) -> tuple[FigureGroup, ...]:
    """Figures that agree: same country and series, same bound, values within tolerance."""
    groups: list[list[Figure]] = []
    by_key: dict[tuple, list[list[Figure]]] = defaultdict(list)
    for figure in figures:
        candidates = by_key[_key(figure)]
        home = next((g for g in candidates if g[0].bound == figure.bound and _close(g[0].value, figure.value)), None)
        if home is None:
            home = [figure]
            groups.append(home)
            candidates.append(home)
        else:
            home.append(figure)
    return tuple(FigureGroup(tuple(group)) for group in groups)


def _close(first: float, second: float, tolerance: float = CONFLICT_TOLERANCE) -> bool:
    return abs(first - second) <= tolerance * max(abs(first), abs(second), 1e-9)


def interval(value: float, bound: str) -> tuple[float, float]:
    """The values a figure allows, as (lowest, highest)."""
    spread = {"exact": CONFLICT_TOLERANCE, "about": ABOUT_TOLERANCE}.get(bound, 0.0) * abs(value)
    return {
        "more-than": (value, float("inf")),
        "at-least": (value, float("inf")),
        "fewer-than": (float("-inf"), value),
        "up-to": (float("-inf"), value),
    }.get(bound, (value - spread, value + spread))


def _contradict(first: Figure, second: Figure) -> bool:
    """Whether two figures of one key (one country and series) cannot both be right."""
    if first.citation.source_id == second.citation.source_id:
        return False
    low_a, high_a = interval(first.value, first.bound)
    low_b, high_b = interval(second.value, second.bound)
    return high_a < low_b or high_b < low_a


def conflicts(figures: tuple[Figure, ...]) -> tuple[Conflict, ...]:
    """Sources that cannot all be right about one fact: figures of one key compared pairwise (not every pair of
    a metric and country, which at 10,000 sources was half a million pairs)."""
    found = []
    for (metric, country), group in sorted(_by_subject(figures).items()):
        by_key: dict[tuple, list[Figure]] = defaultdict(list)
        for figure in group:
            by_key[_key(figure)].append(figure)
        clashing = {
            f for same in by_key.values() for a, b in combinations(same, 2) if _contradict(a, b) for f in (a, b)
        }
        if clashing:
            found.append(Conflict(metric, country, tuple(sorted(clashing, key=lambda f: (f.as_of.ymd, f.id)))))
    return tuple(found)


def differences(figures: tuple[Figure, ...]) -> tuple[Difference, ...]:
    """Values for one metric and country that come from different measurements (not contradictions)."""
    found = []
    for (metric, country), group in sorted(_by_subject(figures).items()):
        if len({f.series for f in group}) > 1 and len({(f.value, f.bound) for f in group}) > 1:
            found.append(Difference(metric, country, tuple(sorted(group, key=lambda f: (f.as_of.ymd, f.id)))))
    return tuple(found)


def _by_subject(figures: Iterable[Figure]) -> dict[tuple[str, str], list[Figure]]:
    by_subject: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for figure in figures:
        by_subject[(figure.metric, figure.country)].append(figure)
    return by_subject


def series(figures: Iterable[Figure]) -> list[tuple[Figure, ...]]:
    """The figures cut into comparable series (same metric, measure and period), in order of first appearance."""
    found: dict[tuple, list[Figure]] = {}
    for figure in figures:
        found.setdefault(figure.series, []).append(figure)
    return [tuple(members) for members in found.values()]


def by_figure(comparisons: Iterable[Conflict | Difference]) -> dict[str, tuple[Conflict | Difference, ...]]:
    """Each figure's contradictions and differences (Conflict, Difference), by figure id."""
    found: dict[str, list[Conflict | Difference]] = {}
    for item in comparisons:
        for figure in item.figures:
            found.setdefault(figure.id, []).append(item)
    return {key: tuple(value) for key, value in found.items()}


def comparisons(figures: tuple[Figure, ...]) -> dict[str, tuple[Conflict | Difference, ...]]:
    """by_figure over every figure of the briefing: pages show those touching their own figures."""
    return by_figure(conflicts(figures) + differences(figures))
