"""How the figures of one page are shown: agreeing reports merged, contradictions
flagged apart from measurements that merely differ, values from outside reporting
beside the article's, and a chart for every series of comparable figures."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator, Mapping, Set
from dataclasses import dataclass

from markupsafe import Markup

from generator.derive import comparison
from generator.model import numbers
from generator.model.briefing import Briefing
from generator.model.entities import Figure, Source
from generator.render import charts

MAX_BARS = 12  # the latest figures of a series; the table and the data downloads have them all
MAX_ROWS = 40
HOME_ROWS = 10  # the home page's table: the newest figures; country and theme pages list theirs
MAX_CONFLICTS = 10
UNIT_AXIS = {"percent": "Per cent", "times": "Times", "count": "Count", "people": "People", "usd": "US dollars"}


SHOWN_PER_COMPARISON = 8  # figures listed under one contradiction or difference; the Data page has them all


@dataclass(frozen=True)
class ComparisonView:
    """A contradiction or a difference as a page lists it: its first figures, and how many more there are.

    Only what is shown, so that a page's values (and so its fingerprint) do not grow with the briefing.
    """

    metric: str
    country: str
    figures: tuple[Figure, ...]
    more: int  # figures not shown; on a source page only 1 or 0 (see counted)
    # False on a source page: it says "and more" without the number, which every new figure of that metric and
    # country anywhere would change, and with it hundreds of source pages in each build.
    counted: bool = True


@dataclass(frozen=True)
class FigureView:
    groups: tuple[comparison.FigureGroup, ...]
    conflicts: tuple[ComparisonView, ...]
    charts: tuple[Chart, ...]
    flagged: frozenset[str]  # ids of the page's figures in a contradiction between sources
    differences: tuple[ComparisonView, ...] = ()
    differing: frozenset[str] = frozenset()  # ids of the page's figures that differ from another measurement
    elsewhere: tuple[Figure, ...] = ()  # figures that outside reporting gives differently
    total: int = 0  # rows there would be without the limit


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


@dataclass(frozen=True)
class Compared:
    """What a page shows of the contradictions and differences its figures are in."""

    conflicts: tuple[ComparisonView, ...]
    differences: tuple[ComparisonView, ...]
    flagged: frozenset[str]  # ids of the page's figures in a contradiction between sources
    differing: frozenset[str]  # ids of the page's figures that differ from another measurement


def compared(figures: tuple[Figure, ...], by_figure: Mapping[str, tuple], focus: Set[str]) -> Compared:
    """The contradictions and differences (by_figure: derive/comparison.py) that figures are in, as a page lists
    them. focus: on a source's page, its own figures: each lists them and those nearest them in time, and does not
    count the rest (ComparisonView)."""
    found = {id(c): c for f in figures for c in by_figure.get(f.id, ())}  # by identity: hashing is deep
    ordered = sorted(found.values(), key=lambda c: (c.metric, c.country))
    conflicts = tuple(c for c in ordered if isinstance(c, comparison.Conflict))
    differences = tuple(c for c in ordered if isinstance(c, comparison.Difference))
    mine = {figure.id for figure in figures}
    return Compared(
        tuple(_listed(c, focus) for c in conflicts[:MAX_CONFLICTS]),
        tuple(_listed(d, focus) for d in differences[:MAX_CONFLICTS]),
        # each intersection goes through the smaller side: a source's few figures, or a comparison's few of the
        # home page's 10,000s
        frozenset().union(*(c.place_of.keys() & mine for c in conflicts)),
        frozenset().union(*(d.place_of.keys() & mine for d in differences)),
    )


NOT_COMPARED = Compared((), (), frozenset(), frozenset())  # figures in no contradiction or difference


class ComparedBySource(Mapping[str, Compared]):
    """Each source's figures as its page lists their comparisons, worked out when first asked for. A source page
    looks this up, not the comparisons (render/page_reads.py): a new figure of a series then values again only
    the pages whose listed figures it changes, not every page with a figure in the series (at 10,000 sources,
    970 pages after 10 new seeds, for no change)."""

    def __init__(self, sources: Mapping[str, Source], by_figure: Mapping[str, tuple]) -> None:
        self._sources, self._by_figure = sources, by_figure
        self._found: dict[str, Compared] = {}

    def __getitem__(self, source_id: str) -> Compared:
        found = self._found.get(source_id)
        if found is None:
            figures = self._sources[source_id].figures
            if any(figure.id in self._by_figure for figure in figures):
                found = compared(figures, self._by_figure, {f.id for f in figures})
            else:  # a third of the sources at 10,000: what compared() gives for them, without its work
                found = NOT_COMPARED
            self._found[source_id] = found
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)


def figure_view(briefing: Briefing, figures: tuple[Figure, ...], found: Compared, rows: int = MAX_ROWS) -> FigureView:
    """The page's figures: the newest rows of them in the table (by metric), every series charted; found: what it
    lists of their comparisons (compared)."""
    flagged = found.flagged
    newest = sorted(comparison.group_figures(figures), key=lambda g: (g.main.as_of.ymd, g.main.id), reverse=True)
    groups = tuple(sorted(newest, key=lambda g: g.main.metric))  # by metric, newest first within it
    shown = tuple(sorted(newest[:rows], key=lambda g: g.main.metric))  # the newest rows, in the same order
    # A page that shows only the newest rows charts only the series they belong to: the home page's
    # charts must not grow with the briefing.
    shown_ids = {figure.id for group in shown for figure in group.figures}
    charts_ = tuple(_charts(briefing, groups, flagged, None if len(shown) == len(groups) else shown_ids))
    return FigureView(
        shown,
        found.conflicts,
        charts_,
        flagged,
        found.differences,
        found.differing,
        tuple(g.main for g in shown if g.main.elsewhere),
        len(groups),
    )


def _listed(found: comparison.Conflict | comparison.Difference, focus: Set[str]) -> ComparisonView:
    """The first figures; or, given a source's own (focus), those and the figures nearest them in time."""
    figures = found.figures  # oldest first
    own = sorted(found.place_of[i] for i in focus if i in found.place_of)[:SHOWN_PER_COMPARISON]
    if not own:
        shown = figures[:SHOWN_PER_COMPARISON]
        return ComparisonView(found.metric, found.country, shown, len(figures) - len(shown))
    chosen = sorted(own + _nearest(figures, own, focus, SHOWN_PER_COMPARISON - len(own)))
    return ComparisonView(
        found.metric, found.country, tuple(figures[i] for i in chosen), int(len(figures) > len(chosen)), False
    )


def _nearest(figures: tuple[Figure, ...], own: list[int], focus: Set[str], wanted: int) -> list[int]:
    """The places of at most wanted figures nearest the own places, by distance to the nearest of them, then by
    place, leaving out focus's figures. Taken ring by ring out from the own places, and never further than
    SHOWN_PER_COMPARISON places from one: the same whatever the number of figures."""
    taken: list[int] = []
    seen = set(own)
    for distance in range(1, SHOWN_PER_COMPARISON + 1):
        if len(taken) >= wanted:
            break
        ring = sorted({place for j in own for place in (j - distance, j + distance)} - seen)
        seen.update(ring)
        taken.extend(i for i in ring if 0 <= i < len(figures) and figures[i].id not in focus)
    return taken[:wanted]


@dataclass(frozen=True)
class Chart:
    """A chart as a page shows it, and what its downloads are made from (chart_files.py)."""

    markup: Markup
    spec: charts.ChartSpec
    key: str  # the downloads' file name: the metric and a digest of the figures drawn
    figure_ids: tuple[str, ...]


def _charts(
    briefing: Briefing,
    groups: tuple[comparison.FigureGroup, ...],
    flagged: frozenset[str],
    shown: Set[str] | None = None,
) -> Iterator[Chart]:
    """One chart per series of comparable figures: a number alone is a sentence, not a chart. shown: the ids of
    the figures the page shows, if not all: only the series that draw one of them are made (each series is
    numbered among all of its measure's, as with every series made)."""
    mains_by_metric: dict[str, list[Figure]] = {}  # in the groups' order, metrics in order of first appearance
    for group in groups:
        main = group.main
        mains_by_metric.setdefault(main.metric, []).append(main)
    for metric_slug, mains in mains_by_metric.items():
        metric = briefing.metric_by_slug[metric_slug]
        drawn = [
            sorted(members[-MAX_BARS:], key=lambda f: (f.country, f.as_of.ymd, f.id))
            for members in comparison.series(sorted(mains, key=lambda f: (f.as_of.ymd, f.id)))
            if len(members) >= 2
        ]
        for number, mine in enumerate(drawn, start=1):
            if shown is not None and not any(figure.id in shown for figure in mine):
                continue  # the home page shows its newest figures: at 10,000 sources, most series are not drawn
            spec = charts.ChartSpec(
                chart_id=f"chart-{metric_slug}" + (f"-{number}" if number > 1 else ""),
                title=metric.name,
                unit=UNIT_AXIS.get(metric.unit, metric.unit),
                period=_series_period(mine),
                measured=_measured(briefing, mine[0]),
                sources=_works(briefing, mine),
                bars=_bars(briefing, mine, metric.unit, flagged),
                percent=metric.unit == "percent",
            )
            ids = tuple(figure.id for figure in mine)
            digest = hashlib.sha256("\n".join(ids).encode("utf-8")).hexdigest()[:10]
            # Several charts of one measure on a page would carry the same title; the download, shared by
            # every page that draws the series, keeps the measure's name alone.
            numbered = f"{metric.name} ({number} of {len(drawn)})" if len(drawn) > 1 else metric.name
            markup = charts.bar_chart(dataclasses.replace(spec, title=numbered))
            yield Chart(markup, spec, f"{metric_slug}-{digest}", ids)


def _bars(briefing: Briefing, figures: list[Figure], unit: str, flagged: frozenset[str]) -> tuple[charts.Bar, ...]:
    names = [_country(briefing, figure) for figure in figures]
    bars = []
    for figure, name in zip(figures, names, strict=True):
        if names.count(name) > 1:  # two reports on one country: tell them apart by who published them
            source = briefing.source_by_id.get(figure.citation.source_id)
            name += f" ({source.publisher or 'source ' + source.id if source else figure.citation.source_id})"
        bars.append(
            charts.Bar(
                name,
                figure.value,
                format_value(figure, unit),
                flagged=figure.id in flagged,
                inferred=figure.date_basis != "stated",
                bounded=figure.bound != "exact",
            )
        )
    return tuple(bars)


def _series_period(figures: list[Figure]) -> str:
    """A series shares its period; "(inferred)" when no bar states it."""
    inferred = all(figure.date_basis != "stated" for figure in figures)
    return figures[0].period.label + (" (inferred)" if inferred else "")


def _works(briefing: Briefing, figures: list[Figure]) -> tuple[str, ...]:
    """The articles the bars come from, by title, each once."""
    ids = dict.fromkeys(figure.citation.source_id for figure in figures)
    return tuple(briefing.source_by_id[i].title if i in briefing.source_by_id else i for i in ids)


def _measured(briefing: Briefing, figure: Figure) -> str:
    """What a series measures, for its chart: the measure, and for an unnamed one, the article citing it."""
    if figure.measure.known:
        return figure.measure.name
    source = briefing.source_by_id.get(figure.citation.source_id)
    return f"{figure.measure.name}, as cited in “{source.title}”" if source else figure.measure.name


def _country(briefing: Briefing, figure: Figure) -> str:
    term = briefing.term_by_slug.get(figure.country)
    return term.name if term else figure.country
