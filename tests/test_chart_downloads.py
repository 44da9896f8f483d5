"""A chart's downloads (render/chart_files.py) are shared by every page that draws its series: whichever page
drew it, and in whatever order the pages were valued, the download is the same file."""

from __future__ import annotations

from collections import defaultdict

from generator.common.project import Project
from generator.pipeline import build_model
from generator.render import chart_files
from tests.helpers import CORPUS, renderer


def test_every_page_drawing_a_series_gives_the_same_download():
    briefing, _ = build_model(Project.at(CORPUS))
    pages = renderer(briefing)
    drawn = defaultdict(list)  # chart key -> the chart as each page drew it
    figures = pages._figure_view  # every page's figures, a source's or another's, are viewed here

    def each_view(*arguments, **options):
        view = figures(*arguments, **options)
        for chart in view.charts:
            drawn[chart.key].append(chart)
        return view

    pages._figure_view = each_view
    pages.all_pages()
    shared = {key: charts for key, charts in drawn.items() if len(charts) > 1}
    assert shared, "the fixture corpus has series drawn on several pages"
    assert any(len({chart.spec.chart_id for chart in charts}) > 1 for charts in shared.values()), (
        "pages number their charts of one measure apart: the downloads must not take the number of the last one"
    )
    for key, charts in shared.items():
        assert len({chart_files.download_spec(chart) for chart in charts}) == 1, key
