"""The masthead: footer fields from briefing.yml, breadcrumbs, the tab of each page, table cards, the heat grid."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as etree

import markdown
import pytest
import yaml

from generator.common.problems import InputError
from generator.pipeline import generate
from generator.render import crumbs, locations
from generator.render.heat_grid import _bands
from tests.helpers import check_problems, edit

TODAY = dt.date(2026, 12, 1)


def footer_of(root) -> str:
    return yaml.safe_load((root / "mkdocs.generated.yml").read_text(encoding="utf-8"))["copyright"]


def test_the_footer_shows_only_what_briefing_yml_gives_and_always_whose_texts_they_are(project_copy):
    generate(project_copy, today=TODAY)
    config = yaml.safe_load((project_copy / "mkdocs.generated.yml").read_text(encoding="utf-8"))
    footer = config["copyright"]
    assert "The source texts belong to their publishers" in footer
    for absent in ("Edited by", "Contact", "licen", "reviewed"):
        assert absent not in footer, f"{absent!r} shown though briefing.yml gives none"
    assert config["extra"] == {"generator": False}, "the theme's own credit line stays out"


def test_the_footer_names_editors_contact_licence_and_review_escaped(project_copy):
    edit(
        project_copy,
        "content/briefing.yml",
        "title: Central Asia and Russian soft power\n",
        "title: Central Asia and Russian soft power\n"
        "editors: [Ana <b>Bold</b>, The Desk & Co]\n"
        "contact: desk@example.org\n"
        "licence: CC BY 4.0\n"
        "licence_url: https://creativecommons.org/licenses/by/4.0/\n"
        'reviewed: "2026-11-30"\n',
    )
    generate(project_copy, today=TODAY)
    footer = footer_of(project_copy)
    assert "Edited by Ana &lt;b&gt;Bold&lt;/b&gt;, The Desk &amp; Co." in footer
    assert '<a href="mailto:desk@example.org">desk@example.org</a>' in footer
    assert '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in footer
    assert '<time datetime="2026-11-30">30 November 2026</time>' in footer
    etree.fromstring(f"<root>{footer}</root>")  # well-formed: nothing a value holds breaks the markup


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("contact", "not an address", "is neither an email address nor a web address"),
        ("reviewed", '"2030-01-01"', "future"),
        ("licence_url", "https://example.org/licence", "licence_url is given without licence"),
    ],
)
def test_bad_masthead_fields_are_reported_at_their_line(project_copy, field, value, expected):
    edit(
        project_copy,
        "content/briefing.yml",
        "title: Central Asia and Russian soft power\n",
        f"title: Central Asia and Russian soft power\n{field}: {value}\n",
    )
    problems = check_problems(project_copy, TODAY)
    assert any(p.path == "content/briefing.yml" and p.line == 4 and expected in p.message for p in problems), problems
    with pytest.raises(InputError):
        generate(project_copy, today=TODAY)


def test_every_page_below_the_top_level_has_a_trail_and_its_tab(project_copy):
    generate(project_copy, today=TODAY)
    docs = project_copy / "build" / "docs"
    pages = sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*.md"))
    top_level = {locations.HOME, locations.COUNTRIES, locations.THEMES, locations.SOURCES, locations.TIMELINE}
    top_level.add(locations.DATA)
    tabs = {crumbs.HOME_TITLE, crumbs.COUNTRIES_TITLE, crumbs.THEMES_TITLE, crumbs.TIMELINE_TITLE}
    tabs |= {crumbs.SOURCES_TITLE, crumbs.DATA_TITLE, crumbs.ABOUT_TITLE}
    for page in pages:
        text = (docs / page).read_text(encoding="utf-8")
        has_trail = '<nav class="briefing-crumbs" aria-label="Breadcrumb"' in text
        assert has_trail == (page not in top_level), page
        front = yaml.safe_load(text.split("---\n")[1])
        if page not in ("about.md", "method.md"):  # editors' pages: the navigation highlights their tab
            assert front["tab"] in tabs, page
    source_page = next(p for p in pages if p.startswith("sources/") and p != locations.SOURCES)
    text = (docs / source_page).read_text(encoding="utf-8")
    assert '<li><a href="../../">Home</a></li><li><a href="../">Sources</a></li><li><span aria-current="page">' in text
    assert "hide:\n- navigation\n" in text, "a source page has no list of pages beside it"


def test_trails_of_each_kind_of_page():
    labels = lambda path, title: [(c.label, c.href) for c in crumbs.trail(path, title)]  # noqa: E731
    assert labels("countries/kyrgyzstan.md", "Kyrgyzstan") == [
        ("Home", "../../"),
        ("Countries", "../"),
        ("Kyrgyzstan", None),
    ]
    assert labels("browse/years/2022/2022-05.md", "Sources from 2022: May 2022") == [
        ("Home", "../../../../"),
        ("Sources", "../../../../sources/"),
        ("Browse", "../../../"),
        ("Sources from 2022: May 2022", None),
    ]
    assert labels("timeline/2022/index.md", "Timeline: 2022")[1] == ("Timeline", "../")
    assert labels("about.md", "About") == [("Home", "../"), ("About", None)]
    assert labels("method.md", "Method") == [("Home", "../"), ("About", None), ("Method", None)]
    assert crumbs.trail(locations.DATA, "Data") == ()


def test_tables_of_three_or_more_columns_name_each_cell_by_its_column():
    text = "| Date | [Source](x.md) | <span>Text</span> |\n| --- | --- | --- |\n| 2022 | a | b |\n\n| A | |\n|---|---|\n| 1 | 2 |\n"
    html = markdown.markdown(text, extensions=["tables", "generator.engines.table_cards"])
    wide, narrow = etree.fromstring(f"<root>{html}</root>").iter("table")
    assert wide.get("data-cards") == ""
    assert [cell.get("data-label") for cell in wide.iter("td")] == ["Date", "Source", "Text"]
    assert narrow.get("data-cards") is None and all(cell.get("data-label") is None for cell in narrow.iter("td"))


def test_every_table_comes_in_the_themes_wrapper_with_a_class_so_no_script_moves_it_later():
    text = "Before.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nAfter.\n"
    html = markdown.markdown(text, extensions=["tables", "generator.engines.table_cards"])
    root = etree.fromstring(f"<root>{html}</root>")
    assert [child.tag for child in root] == ["p", "div", "p"]  # in place, the text around it kept
    outer = root[1]
    assert outer.get("class") == "md-typeset__scrollwrap"
    (inner,) = outer
    assert inner.get("class") == "md-typeset__table"
    (table,) = inner
    assert table.tag == "table" and table.get("class") == "briefing-table"


@pytest.mark.parametrize(
    ("counts", "bands"),
    [
        ([], []),
        ([3], [(3, "3")]),
        ([1, 1, 2], [(1, "1"), (4, "2")]),
        ([1, 2, 3, 4, 5, 6, 7, 8, 20, 50], [(1, "1–2"), (2, "3–5"), (3, "6–7"), (4, "8 or more")]),
    ],
)
def test_heat_grid_bands_cover_every_count_and_the_highest_is_darkest(counts, bands):
    assert [(band.level, band.label) for band in _bands(sorted(counts))] == bands


def test_the_heat_grid_links_each_cell_and_lists_the_gaps(project_copy):
    generate(project_copy, today=TODAY)
    home = (project_copy / "build" / "docs" / "index.md").read_text(encoding="utf-8")
    grid = home[home.index('<table class="briefing-grid">') : home.index("</table>") + len("</table>")]
    table = etree.fromstring(grid.replace("&nbsp;", " "))
    header = ["".join(th.itertext()) for th in table.iterfind("thead/tr/th")][1:]
    for row in table.iterfind("tbody/tr"):
        cells = row.findall("td")
        assert [cell.get("data-label") for cell in cells] == header
        gaps = row.find("th/span")
        empty = [cell.get("data-label") for cell in cells if cell.find("a") is None]
        assert all(cell.text == "—" for cell in cells if cell.find("a") is None)
        assert (gaps is None) == (not empty)
        if gaps is not None:
            assert gaps.text == "No claims yet on " + ", ".join(empty)
        for cell in cells:
            link = cell.find("a")
            if link is not None:
                assert link.get("href").startswith(row.find("th/a").get("href") + "#")
                assert int(link.text) > 0
