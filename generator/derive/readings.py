"""Counts and marks computed across sources for the briefing's tables: each country's "Distance from Moscow"
readings with whether their period rests only on inferred dates, and the country-by-theme grid."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from generator.model.briefing import Briefing
from generator.model.dates import PartialDate
from generator.model.entities import Figure, KeyPoint, Trend


@dataclass(frozen=True)
class Reading:
    trend: Trend
    period_inferred: bool  # no claim it cites has a date the text states within its period


def readings(briefing: Briefing) -> dict[str, tuple[Reading, ...]]:
    """Each country's readings, newest first."""
    found: dict[str, list[Reading]] = defaultdict(list)
    for trend in sorted(briefing.trends, key=lambda t: t.period, reverse=True):
        found[trend.country].append(Reading(trend, _period_inferred(briefing, trend)))
    return {country: tuple(items) for country, items in found.items()}


def _period_inferred(briefing: Briefing, trend: Trend) -> bool:
    """Whether a reading's period rests only on inferred dates (a key point is dated by its source)."""
    for reference in trend.evidence:
        claim = briefing.claim_by_id.get(reference)
        dated = briefing.source_by_id[claim.citation.source_id] if isinstance(claim, KeyPoint) else claim
        date = getattr(dated, "as_of", None) if isinstance(claim, Figure) else getattr(dated, "date", None)
        if date and dated is not None and dated.date_basis == "stated" and _within(date, trend.period):
            return False
    return True


def _within(date: PartialDate, period: PartialDate) -> bool:
    """Whether a date falls in a period given as a year or a month."""
    return date.year == period.year and (not period.month or date.month == period.month)


def pair_counts(briefing: Briefing) -> dict[tuple[str, str], int]:
    """How many claims (key points, events, figures) are about both terms of every pair: the grid's numbers."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    claims = [p.countries + p.themes for s in briefing.sources for p in s.key_points]
    claims += [e.countries + e.themes for e in briefing.events] + [(f.country, *f.themes) for f in briefing.figures]
    for slugs in claims:
        unique = set(slugs)
        for first in unique:
            for second in unique:
                counts[(first, second)] += 1
    return dict(counts)
