"""The region map on the home and countries pages shades each subject country by its newest reading, as trends.yml
gives it, whatever the readings are."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as etree

import pytest

from generator.common.project import Project
from generator.derive.readings import readings
from generator.pipeline import build_model, generate
from generator.render.region_map import shape_for
from tests.helpers import edit

TODAY = dt.date(2026, 12, 1)
SVG = "{http://www.w3.org/2000/svg}"


def map_of(page: str) -> etree.Element:
    figure = page[page.index('<figure class="briefing-map"') : page.index("</figure>", page.index('class="briefing-map"'))]
    return etree.fromstring(figure + "</figure>")


def shaded(figure: etree.Element) -> dict[str, tuple[str, str, str]]:
    """shape -> (state, link, accessible name) of each shaded country."""
    found = {}
    for link in figure.iter(f"{SVG}a"):
        path = link.find(f"{SVG}path")
        state = re.search(r"briefing-map__country--(\w+)", path.get("class")).group(1)
        found[path.get("data-shape")] = (state, link.get("href"), link.get("aria-label"))
    return found


def expected(root) -> dict[str, tuple[str, str]]:
    briefing, _ = build_model(Project.at(root), TODAY)
    newest = {slug: found[0] for slug, found in readings(briefing).items()}
    members = {slug for term in briefing.countries if term.kind == "region" for slug in term.members}
    result = {}
    for term in briefing.countries_in_use():
        if term.kind != "country" or not (term.slug in members or term.slug in newest):
            continue
        reading = newest.get(term.slug)
        state = reading.trend.distance if reading else "none"
        as_of = reading.trend.period.human if reading else ""
        result[shape_for((term.name, *term.aliases))] = (state, as_of)
    return result


@pytest.mark.parametrize("page", ["index.md", "countries/index.md"])
def test_the_map_shades_each_subject_by_its_newest_reading(project_copy, page):
    generate(project_copy, today=TODAY)
    text = (project_copy / "build" / "docs" / page).read_text(encoding="utf-8")
    drawn = shaded(map_of(text))
    want = expected(project_copy)
    assert {shape: state for shape, (state, _, _) in drawn.items()} == {s: st for s, (st, _) in want.items()}
    for shape, (state, as_of) in want.items():
        _, link, name = drawn[shape]
        assert link.startswith(("countries/", "../countries/", "")) and "/" in link
        if state == "none":
            assert "no reading" in name and "#" not in link
        else:
            assert f"distance from Moscow {state}, as of {as_of}" in name
            assert link.endswith("/#distance-from-moscow")
    assert "Turkmenistan" in drawn and drawn["Turkmenistan"][0] == "none", "a member with no reading is drawn as such"


def test_a_new_reading_changes_the_shade_and_its_date(project_copy):
    edit(
        project_copy,
        "content/trends.yml",
        "  - country: tajikistan\n    period: \"2022\"\n    distance: shrinking",
        "  - country: tajikistan\n    period: \"2022\"\n    distance: steady",
    )
    generate(project_copy, today=TODAY)
    home = (project_copy / "build" / "docs" / "index.md").read_text(encoding="utf-8")
    state, _, name = shaded(map_of(home))["Tajikistan"]
    assert state == "steady" and "as of 2022" in name


def test_the_reading_a_map_links_to_is_on_the_country_page(project_copy):
    generate(project_copy, today=TODAY)
    page = (project_copy / "build" / "docs" / "countries" / "kyrgyzstan.md").read_text(encoding="utf-8")
    anchor = page.index('id="distance-from-moscow"')
    assert page.index("**Distance from Moscow:**") > anchor
