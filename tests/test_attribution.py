"""A claim is about what its own quote names, never about everything its source mentions (issue 12, part 1).

These tests add one small article of their own to a copy of the fixture corpus, so
that what each quote and paragraph names is known exactly.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.model.attribution import ATTRIBUTION
from tests.helpers import check_problems, edit, position

SEED = "seeds/900_attribution.txt"
META = "content/sources/900_attribution.yml"
SOURCE_ID = "900_attribution"

ARTICLE = """\
Authorities in Bishkek closed the Russian House on Monday, 1 May 2025, officials said.
Officials in Astana watched closely. Tashkent said nothing.
The decision surprised observers in Almaty.
"""

METADATA = """\
seed: 900_attribution.txt
title: A cultural centre closes
publisher: Test Wire
author: null
url: null
date: "2025-05-01"
quality: clean
review: reviewed
added: "2025-05-02T09:00:00Z"
countries: [kyrgyzstan, kazakhstan, uzbekistan, russia, germany]
themes: [soft-power]
summary: >-
  Authorities in Bishkek closed the Russian House.
key_points:
  - id: k1
    text: Bishkek closed the Russian House.
    quote: "Authorities in Bishkek closed the Russian House"
  - id: k2
    text: The closure surprised observers.
    quote: "The decision surprised observers"
    themes: [soft-power]
    why: The decision is the closure of the Russian House, in the paragraph before.
events: []
figures: []
corrections: []
notes: []
"""


@pytest.fixture
def project(project_copy):
    (project_copy / SEED).write_text(ARTICLE, encoding="utf-8")
    (project_copy / META).write_text(METADATA, encoding="utf-8")
    return project_copy


def problems_of_the_article(root) -> list:
    return [p for p in check_problems(root, dt.date(2026, 12, 1)) if p.path == META]


def model(root):
    from generator.pipeline import build_model
    from generator.common.project import Project

    briefing, problems = build_model(Project.at(root), dt.date(2026, 12, 1))
    assert briefing is not None, [p.format_text() for p in problems if p.severity == "error"]
    return briefing.source_by_id[SOURCE_ID]


def test_a_claim_without_a_list_is_about_what_its_quote_names_not_its_source(project):
    point = model(project).key_points[0]
    assert point.countries == ("kyrgyzstan", "russia"), "Bishkek and Russian (House), not the source's five"
    assert point.themes == ("soft-power",)
    assert problems_of_the_article(project) == []


def test_a_quote_naming_none_takes_the_one_country_its_paragraph_names(project):
    point = model(project).key_points[1]
    assert point.countries == ("kazakhstan",), "its paragraph names Almaty, and nothing else"
    assert point.why.startswith("The decision is the closure")


def test_an_explicit_country_its_paragraph_does_not_name_is_an_error_where_it_is_written(project):
    edit(project, META, 'quote: "Authorities in Bishkek closed the Russian House"',
         'quote: "Authorities in Bishkek closed the Russian House"\n    countries: [kyrgyzstan, germany]')
    line, column = position(project, META, "germany]", nth=2)  # the key point's, after the source's
    found = problems_of_the_article(project)
    assert [(p.line, p.column, p.severity, p.code) for p in found] == [(line, column, "error", ATTRIBUTION)]
    assert "'germany' is not named in this key point's paragraph (¶1)" in found[0].message
    assert "remove 'germany' from countries:, or add why:" in found[0].hint


def test_a_why_lets_the_editor_widen_the_list_and_readers_see_it(project):
    edit(project, META, 'quote: "Authorities in Bishkek closed the Russian House"',
         'quote: "Authorities in Bishkek closed the Russian House"\n    countries: [kyrgyzstan, germany]\n'
         '    why: Germany funds a rival centre.')
    assert problems_of_the_article(project) == []
    assert model(project).key_points[0].countries == ("kyrgyzstan", "germany")


def test_in_a_draft_the_same_overreach_is_a_warning(project):
    edit(project, META, "review: reviewed", "review: draft")
    edit(project, META, 'quote: "Authorities in Bishkek closed the Russian House"',
         'quote: "Authorities in Bishkek closed the Russian House"\n    countries: [kyrgyzstan, germany]')
    found = [p for p in problems_of_the_article(project) if p.code == ATTRIBUTION]
    assert [p.severity for p in found] == ["warning"]


def test_when_neither_quote_nor_paragraph_decides_check_asks_the_editor(project):
    edit(project, META, 'quote: "The decision surprised observers"', 'quote: "watched closely"')
    line, column = position(project, META, "id: k2")  # the claim, placed at its first key
    found = problems_of_the_article(project)
    assert [(p.line, p.column, p.code) for p in found] == [(line, column, ATTRIBUTION)]
    assert "does not say which countries it is about" in found[0].message
    assert "(¶2) names kazakhstan, uzbekistan" in found[0].message
    assert "list them under countries:" in found[0].hint


def test_an_unnamed_theme_is_overreach_too(project):
    edit(project, META, "    why: The decision is the closure of the Russian House, in the paragraph before.\n", "")
    line, column = position(project, META, "soft-power]", nth=2)  # k2's, after the source's own
    found = problems_of_the_article(project)
    assert [(p.line, p.column) for p in found] == [(line, column)]
    assert "'soft-power' is not named in this key point's paragraph (¶3)" in found[0].message


def test_a_figure_about_a_country_its_paragraph_does_not_name_is_overreach(project):
    edit(project, META, "figures: []", """figures:
  - id: f1
    metric: blame-war-for-economy
    country: germany
    value: 1
    as_of: "2025"
    text: One centre closed.
    quote: "Authorities in Bishkek closed the Russian House"
    themes: [soft-power]""")
    line, column = position(project, META, "germany\n    value")
    found = problems_of_the_article(project)
    assert [(p.line, p.column, p.code) for p in found if p.code == ATTRIBUTION] == [(line, column, ATTRIBUTION)]


def test_a_region_lists_only_countries_of_the_taxonomy(project):
    edit(project, "content/taxonomy.yml", "    members: [kazakhstan,", "    members: [atlantis, kazakhstan,")
    found = [p for p in check_problems(project, dt.date(2026, 12, 1)) if p.path == "content/taxonomy.yml"]
    assert len(found) == 1 and "'atlantis' is not a country of this taxonomy" in found[0].message


REGION_POINT = """  - id: k3
    text: The region's governments are reassessing their ties.
    quote: "Central Asian governments are reassessing their ties"
    themes: [soft-power]
    why: The ties are those the closure of the Russian House tested.
"""


def generated(root, page: str) -> str:
    from tests.helpers import run_cli

    result = run_cli("generate", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stderr
    return (root / "build/docs" / page).read_text(encoding="utf-8")


def section(page: str, heading: str) -> str:
    start = page.index(heading)
    end = page.find("\n## ", start + len(heading))
    return page[start:] if end < 0 else page[start:end]


def test_a_country_page_shows_each_claim_once_tagged_with_every_country(project):
    page = generated(project, "countries/kyrgyzstan.md")
    anchor = f'<span class="briefing-claim" id="{SOURCE_ID}-k1"></span>'
    assert page.count(anchor) == 1
    line = next(line for line in page.splitlines() if anchor in line)
    assert "About: [Kyrgyzstan](" in line and "[Russia](" in line
    russia = generated(project, "countries/russia.md")
    assert russia.count(anchor) == 1


def test_a_source_that_only_names_a_country_is_listed_apart_as_a_mention(project):
    page = generated(project, "countries/germany.md")
    mentioned = page[page.index("**Also mentioned in:**"):].split("\n", 1)[0]
    assert "[A cultural centre closes](../sources/900_attribution.md)" in mentioned
    assert "900_attribution" not in section(page, "## Sources").replace(mentioned, "")
    assert "Covered by" not in page and "no key points recorded" not in page


def test_a_claim_about_the_region_appears_once_on_each_member_page_under_across_the_region(project):
    (project / SEED).write_text(ARTICLE + "Central Asian governments are reassessing their ties.\n", encoding="utf-8")
    edit(project, META, "events: []", REGION_POINT.rstrip("\n") + "\nevents: []")
    anchor = f'<span class="briefing-claim" id="{SOURCE_ID}-k3"></span>'
    for country in ("kazakhstan", "tajikistan"):
        page = generated(project, f"countries/{country}.md")
        assert page.count(anchor) == 1, country
        assert anchor in section(page, "## Across the region: Central Asia")
    assert anchor not in generated(project, "countries/russia.md"), "Russia is not a member of the region"


def test_the_grid_counts_claims_about_each_pair_and_links_to_them(project):
    home = generated(project, "index.md")
    grid = home[home.index("## Countries and themes"):]
    row = next(line for line in grid.splitlines() if '<a href="countries/kyrgyzstan/">Kyrgyzstan</a>' in line)
    cell = re.search(r'<td data-label="Soft power and cultural institutions"[^>]*>(.*?)</td>', row).group(1)
    from generator.pipeline import build_model
    from generator.common.project import Project

    briefing, _ = build_model(Project.at(project), dt.date(2026, 12, 1))
    claims = [p for s in briefing.sources for p in s.key_points + s.events
              if "kyrgyzstan" in p.countries and "soft-power" in p.themes]
    claims += [f for f in briefing.figures if f.country == "kyrgyzstan" and "soft-power" in f.themes]
    assert cell.startswith(f'<a href="countries/kyrgyzstan/#soft-power" ') and cell.endswith(f">{len(claims)}</a>")
