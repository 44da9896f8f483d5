"""The home page's country-by-theme grid as a heat grid: each cell's number of claims, shaded by band.

The bands come from the numbers themselves (their quartiles), so a briefing of ten
sources and one of ten thousand both spread over the shades; the legend states
each band's range, so a shade never stands for an unstated number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.model.entities import Term

LEVELS = 4  # shades besides "no claims"


@dataclass(frozen=True)
class Band:
    level: int  # the shade, 1 (lightest) to LEVELS
    low: int
    high: int | None  # None: and more

    @property
    def label(self) -> str:
        if self.high is None:
            return f"{self.low} or more"
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


@dataclass(frozen=True)
class Cell:
    theme: Term
    count: int
    level: int  # 0: no claims


@dataclass(frozen=True)
class HeatGrid:
    themes: tuple[Term, ...]
    rows: tuple[tuple[Term, tuple[Cell, ...]], ...]
    bands: tuple[Band, ...]


def heat_grid(
    countries: tuple[Term, ...], themes: tuple[Term, ...], pair_counts: Mapping[tuple[str, str], int]
) -> HeatGrid:
    counts = {(c.slug, t.slug): pair_counts.get((c.slug, t.slug), 0) for c in countries for t in themes}
    bands = _bands(sorted(count for count in counts.values() if count))
    rows = tuple(
        (
            country,
            tuple(
                Cell(t, counts[(country.slug, t.slug)], _level(counts[(country.slug, t.slug)], bands)) for t in themes
            ),
        )
        for country in countries
    )
    return HeatGrid(themes, rows, bands)


def _bands(counts: list[int]) -> tuple[Band, ...]:
    """Up to LEVELS bands split at the quartiles of the non-zero counts; fewer when the counts are few."""
    if not counts:
        return ()
    lows = sorted({counts[len(counts) * step // LEVELS] for step in range(LEVELS)} | {counts[0]})
    highs: list[int | None] = [low - 1 for low in lows[1:]]
    highs.append(None if counts[-1] > lows[-1] else lows[-1])
    return tuple(
        Band(_shade(index, len(lows)), low, high) for index, (low, high) in enumerate(zip(lows, highs, strict=True))
    )


def _shade(index: int, bands: int) -> int:
    """Spread fewer bands over the shades, so that the highest band is always the darkest."""
    return LEVELS - 1 if bands == 1 else 1 + round(index * (LEVELS - 1) / (bands - 1))


def _level(count: int, bands: tuple[Band, ...]) -> int:
    if not count:
        return 0
    return max(band.level for band in bands if count >= band.low)
