"""How the figures of one page are shown: agreeing reports merged, disagreements
flagged, and a chart for every metric with more than one figure."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator import analysis, charts
from generator.model import Briefing, Figure

MAX_BARS = 12  # the latest figures of a metric; the table and the data downloads have them all
MAX_ROWS = 40
MAX_CONFLICTS = 10
UNIT_AXIS = {"percent": "Per cent", "times": "Times", "count": "Count", "people": "People", "usd": "US dollars"}
UNIT_SUFFIX = {"percent": "%", "times": "×", "count": "", "people": "", "usd": " USD"}


@dataclass(frozen=True)
class FigureView:
    groups: tuple[analysis.FigureGroup, ...]
    conflicts: tuple[analysis.Conflict, ...]
    charts: tuple[Markup, ...]
    flagged: frozenset[str]  # ids of figures in a disagreement


def format_value(figure: Figure, unit: str) -> str:
    number = f"{figure.value:,.0f}" if float(figure.value).is_integer() else f"{figure.value:,}"
    prefix = "about " if figure.approximate else ""
    return f"{prefix}{number}{UNIT_SUFFIX.get(unit, '')}".strip()


def conflicts_by_figure(every_conflict) -> dict[str, tuple[analysis.Conflict, ...]]:
    found: dict[str, list] = {}
    for conflict in every_conflict:
        for figure in conflict.figures:
            found.setdefault(figure.id, []).append(conflict)
    return {key: tuple(value) for key, value in found.items()}


def figure_view(briefing: Briefing, figures: tuple[Figure, ...], by_figure: dict) -> FigureView:
    found = {id(c): c for f in figures for c in by_figure.get(f.id, ())}  # by identity: hashing is deep
    conflicts = tuple(sorted(found.values(), key=lambda c: (c.metric, c.country)))
    flagged = frozenset(f.id for c in conflicts for f in c.figures)
    newest = sorted(analysis.group_figures(figures), key=lambda g: (g.main.as_of, g.main.id), reverse=True)
    groups = tuple(sorted(newest, key=lambda g: g.main.metric))  # by metric, newest first within it
    charts_ = tuple(_charts(briefing, groups, flagged))
    return FigureView(groups[:MAX_ROWS], conflicts[:MAX_CONFLICTS], charts_, flagged)


def _charts(briefing: Briefing, groups, flagged: frozenset[str]):
    metrics = list(dict.fromkeys(group.main.metric for group in groups))
    for metric_slug in metrics:
        newest = sorted((group.main for group in groups if group.main.metric == metric_slug),
                        key=lambda f: (f.as_of, f.id))[-MAX_BARS:]
        mine = sorted(newest, key=lambda f: (f.country, f.as_of, f.id))
        if len(mine) < 2:
            continue  # one number is a sentence, not a chart
        metric = briefing.metric_by_slug[metric_slug]
        bars = [charts.Bar(_label(briefing, figure), figure.value, format_value(figure, metric.unit),
                           figure.id in flagged) for figure in mine]
        yield charts.bar_chart(f"chart-{metric_slug}", metric.name, UNIT_AXIS.get(metric.unit, metric.unit),
                               bars, metric.unit == "percent")


def _label(briefing: Briefing, figure: Figure) -> str:
    term = briefing.term_by_slug.get(figure.country)
    inferred = " (inferred)" if figure.date_basis != "stated" else ""
    return f"{term.name if term else figure.country}, {figure.as_of.human}{inferred}"
