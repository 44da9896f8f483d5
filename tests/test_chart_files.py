"""Every chart on a generated page links to its data as CSV and to the chart as an SVG file; both parse with real
parsers and hold what the chart draws."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
import xml.etree.ElementTree as etree

from generator.pipeline import generate
from generator.render import locations

TODAY = dt.date(2026, 12, 1)
SVG = "{http://www.w3.org/2000/svg}"
DOWNLOADS = re.compile(r'<p class="briefing-chart-downloads">.*?href="([^"]+\.csv)".*?href="([^"]+\.svg)"')


def test_each_chart_links_to_its_data_and_its_svg(project_copy):
    generate(project_copy, today=TODAY)
    docs = project_copy / "build" / "docs"
    seen = 0
    for page in sorted(docs.rglob("*.md")):
        text = html.unescape(page.read_text(encoding="utf-8"))
        page_path = page.relative_to(docs).as_posix()
        for figure, (csv_link, svg_link) in zip(
            re.findall(r'<figure class="briefing-chart".*?</figure>', text, re.S), DOWNLOADS.findall(text), strict=True
        ):
            seen += 1
            rows = list(csv.DictReader(io.StringIO(_resolve(docs, page_path, csv_link).read_text(encoding="utf-8"))))
            drawn = etree.fromstring(figure.replace("&", "&amp;"))
            values = ["".join(t.itertext()) for t in drawn.iter(f"{SVG}text") if "briefing-chart__value" in t.get("class")]
            assert sorted(row["shown"] for row in rows) == sorted(values), page_path
            svg = etree.fromstring(_resolve(docs, page_path, svg_link).read_bytes())
            assert svg.tag == f"{SVG}svg" and svg.find(f"{SVG}style") is not None
            # A page numbers several charts of one measure, "(1 of 2)"; the shared download keeps the name alone.
            drawn_title = drawn.find(f"{SVG}svg").find(f"{SVG}title").text
            assert svg.find(f"{SVG}title").text == re.sub(r" \(\d+ of \d+\)$", "", drawn_title)
    assert seen >= 3


def _resolve(docs, page_path: str, link: str):
    """A link of a page as the file in the docs tree (pages are served as folders: sources/x.md at sources/x/)."""
    folder = locations.url(page_path)
    parts = [p for p in folder.split("/") if p]
    for step in link.split("/"):
        if step == "..":
            parts.pop()
        elif step not in ("", "."):
            parts.append(step)
    return docs.joinpath(*parts)
