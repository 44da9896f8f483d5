"""How the figures of one page are shown: agreeing reports merged, contradictions
flagged apart from measurements that merely differ, values from outside reporting
beside the article's, and a chart for every series of comparable figures."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from generator.derive import comparison
from generator.model import numbers
from generator.model.briefing import Briefing
from generator.model.entities import Figure
from generator.render import charts

MAX_BARS = 12  # the latest figures of a series; the table and the data downloads have them all
MAX_ROWS = 40
MAX_CONFLICTS = 10
UNIT_AXIS = {"percent": "Per cent", "times": "Times", "count": "Count", "people": "People", "usd": "US dollars"}


@dataclass(frozen=True)
class FigureView:
    groups: tuple[comparison.FigureGroup, ...]
    conflicts: tuple[comparison.Conflict, ...]
    charts: tuple[Markup, ...]
    flagged: frozenset[str]  # ids of figures in a contradiction between sources
    differences: tuple[comparison.Difference, ...] = ()
    differing: frozenset[str] = frozenset()  # ids of figures that differ from another measurement
    elsewhere: tuple[Figure, ...] = ()  # figures that outside reporting gives differently


def format_value(figure: Figure, unit: str) -> str:
    return numbers.format_value(figure.value, figure.bound, unit)


def value_range(figure: Figure, unit: str) -> str:
    """The article's value and the outside values, lowest to highest: "from 140 to 149"."""
    values = sorted([(figure.value, figure.bound), *((o.value, o.bound) for o in figure.elsewhere)])
    low, high = (numbers.format_value(v, b, unit) for v, b in (values[0], values[-1]))
    return low if low == high else f"from {low} to {high}"


def period_label(figure: Figure) -> str:
    """The period as readers see it, marked when it is not stated in the text."""
    return figure.period.label + (" (inferred)" if figure.date_basis != "stated" else "")


def figure_view(briefing: Briefing, figures: tuple[Figure, ...], by_figure: Mapping[str, tuple]) -> FigureView:
    found = {id(c): c for f in figures for c in by_figure.get(f.id, ())}  # by identity: hashing is deep
    ordered = sorted(found.values(), key=lambda c: (c.metric, c.country))
    conflicts = tuple(c for c in ordered if isinstance(c, comparison.Conflict))
    differences = tuple(c for c in ordered if isinstance(c, comparison.Difference))
    flagged = frozenset(f.id for c in conflicts for f in c.figures)
    newest = sorted(comparison.group_figures(figures), key=lambda g: (g.main.as_of, g.main.id), reverse=True)
    groups = tuple(sorted(newest, key=lambda g: g.main.metric))  # by metric, newest first within it
    charts_ = tuple(_charts(briefing, groups, flagged))
    return FigureView(
        groups[:MAX_ROWS],
        conflicts[:MAX_CONFLICTS],
        charts_,
        flagged,
        differences[:MAX_CONFLICTS],
        frozenset(f.id for d in differences for f in d.figures),
        tuple(g.main for g in groups[:MAX_ROWS] if g.main.elsewhere),
    )


def _charts(
    briefing: Briefing, groups: tuple[comparison.FigureGroup, ...], flagged: frozenset[str]
) -> Iterator[Markup]:
    """One chart per series of comparable figures: a number alone is a sentence, not a chart."""
    metrics = list(dict.fromkeys(group.main.metric for group in groups))
    for metric_slug in metrics:
        metric = briefing.metric_by_slug[metric_slug]
        mains = [group.main for group in groups if group.main.metric == metric_slug]
        drawn = 0
        for members in comparison.series(sorted(mains, key=lambda f: (f.as_of, f.id))):
            mine = sorted(members[-MAX_BARS:], key=lambda f: (f.country, f.as_of, f.id))
            if len(mine) < 2:
                continue
            bars = [
                charts.Bar(
                    _label(briefing, figure), figure.value, format_value(figure, metric.unit), figure.id in flagged
                )
                for figure in mine
            ]
            drawn += 1
            chart_id = f"chart-{metric_slug}" + (f"-{drawn}" if drawn > 1 else "")
            yield charts.bar_chart(
                chart_id,
                metric.name,
                UNIT_AXIS.get(metric.unit, metric.unit),
                bars,
                metric.unit == "percent",
                _measured(briefing, mine[0]),
            )


def _measured(briefing: Briefing, figure: Figure) -> str:
    """What a series measures, for its chart: the measure, and for an unnamed one, the article citing it."""
    if figure.measure.known:
        return figure.measure.name
    source = briefing.source_by_id.get(figure.citation.source_id)
    return f"{figure.measure.name}, as cited in “{source.title}”" if source else figure.measure.name


def _label(briefing: Briefing, figure: Figure) -> str:
    term = briefing.term_by_slug.get(figure.country)
    return f"{term.name if term else figure.country}, {period_label(figure)}"
