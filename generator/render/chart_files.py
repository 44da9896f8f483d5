"""Each chart's downloads: its data as CSV (the rows of the figures download, for the figures it draws) and the
chart as an SVG file that stands alone. Pure: {path: bytes}, like export.py."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from generator.model.briefing import Briefing
from generator.render import charts, export, locations
from generator.render.evidence import Chart


def chart_files(briefing: Briefing, drawn: Iterable[Chart], kept: Iterable[str] = ()) -> dict[str, bytes | None]:
    """The downloads of the charts drawn, and (None: left as they are) those of the charts of pages kept unvalued
    (render/page_reads.py), which are what the last run wrote for them."""
    figures = {figure.id: figure for figure in briefing.figures}
    files: dict[str, bytes | None] = {}
    by_key = {chart.key: chart for chart in drawn}
    for key in sorted(by_key.keys() | set(kept)):
        chart = by_key.get(key)
        if chart is None:
            files.update(dict.fromkeys(paths([key])))
            continue
        rows = [export.figure_row(briefing, figures[figure_id]) for figure_id in chart.figure_ids]
        files[locations.chart_file(chart.key, "csv")] = export.to_csv("figures", rows)
        files[locations.chart_file(chart.key, "svg")] = charts.svg_file(download_spec(chart)).encode("utf-8")
    return files


def paths(keys: Iterable[str]) -> list[str]:
    """The downloads of the charts with these keys."""
    return [locations.chart_file(key, extension) for key in keys for extension in ("csv", "svg")]


def download_spec(chart: Chart) -> charts.ChartSpec:
    """The chart as its download draws it: the same whichever page drew the series, named by the series (its
    key) rather than by its place among the page's charts of one measure (chart-<measure>-2 on one page may be
    chart-<measure> on another)."""
    return dataclasses.replace(chart.spec, chart_id=f"chart-{chart.key}")
