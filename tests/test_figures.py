"""Figures keep their bound, period and measure; check catches a text or bound that overreaches.

- numbers: numbers in digits and in words, with the qualifier in front of them;
- the figure rule (figure-text): each overreach injected into a copy of the fixture
  corpus is reported at its line and column, an error for a reviewed source and a
  warning for a draft;
- the pages: measurements that differ apart from contradictions, and values from
  outside reporting shown as a range with both sources; the figures download.
"""

from __future__ import annotations

import json

import pytest

from generator.model.numbers import format_value, matches, stated_numbers, words_to_number
from tests.helpers import S002, S003, check_problems, edit, position, run_cli

F10_TEXT = "Putin held more than fifty meetings, online and in person, with Central\n      Asian leaders in 2022."


# --- numbers ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("words, value", [("fifty", 50), ("ten million", 10_000_000), ("twenty-two", 22),
                                          ("two hundred and twelve", 212), ("one thousand five hundred", 1500),
                                          ("seventy", 70), ("fifty cats", None)])
def test_numbers_in_words(words, value):
    assert words_to_number(words) == value


@pytest.mark.parametrize("text, value, bound, unit", [
    ("he held more than fifty meetings", 50, "more-than", ""),
    ("an estimated 10 million workers", 10_000_000, "about", ""),
    ("70 percent in Kyrgyzstan", 70, "exact", "percent"),
    ("( 49 % in Kyrgyzstan", 49, "exact", "percent"),
    ("at least 144 people", 144, "at-least", ""),
    ("fewer than 3.3 million", 3_300_000, "fewer-than", ""),
    ("up to 4,000 troops", 4000, "up-to", ""),
    ("no more than 5 percent", 5, "up-to", "percent"),
    ("shipments have increased sevenfold", 7, "exact", "times"),
    ("nearly half of residents", 0.5, "about", "fraction"),
])
def test_a_stated_number_has_its_value_bound_and_unit(text, value, bound, unit):
    (found,) = [s for s in stated_numbers(text) if s.kind == "value"]
    assert (found.value, found.bound, found.unit) == (value, bound, unit)


def test_years_and_lengths_of_time_are_not_values():
    kinds = [(s.number, s.kind) for s in stated_numbers("10 percent in the first ten months of 2022, six years")]
    assert kinds == [("10", "value"), ("ten", "duration"), ("2022", "year"), ("six", "duration")]


def test_half_is_fifty_percent_and_the_bound_is_shown_in_words():
    (half,) = stated_numbers("half of the region's residents")
    assert matches(half, 50, "percent") and not matches(half, 50, "count")
    assert format_value(50, "more-than", "count") == "more than 50"
    assert format_value(10_000_000, "about", "people") == "about 10,000,000"
    assert format_value(22, "more-than", "percent") == "more than 22%"


# --- the figure rule ---------------------------------------------------------------------------------

def figure_problems(root):
    return [p for p in check_problems(root) if p.code == "figure-text"]


def test_the_shipped_fixture_figures_follow_the_rule(project_copy):
    assert figure_problems(project_copy) == []


def test_a_text_that_turns_more_than_into_about_is_an_error_at_the_text(project_copy):
    edit(project_copy, S002, F10_TEXT, F10_TEXT.replace("more than fifty", "about 50"))
    line, column = position(project_copy, S002, ">-\n      Putin held about 50")
    (problem,) = figure_problems(project_copy)
    assert (problem.path, problem.line, problem.column, problem.severity) == (S002, line, column, "error")
    assert problem.message == "the text says “about 50” but the figure is bound: more-than (more than)"
    assert "say “more than 50” in the text" in problem.hint


def test_a_dropped_bound_is_an_error_where_the_bound_belongs(project_copy):
    edit(project_copy, S002, "    value: 50\n    bound: more-than\n", "    value: 50\n")
    line, column = position(project_copy, S002, "50\n    as_of: \"2022\"\n    measure:\n      name: the author")
    (problem,) = figure_problems(project_copy)
    assert (problem.line, problem.column) == (line, column)
    assert problem.message == "the quote says “more than fifty” but the figure is exact (no bound: given)"
    assert problem.hint.startswith("set bound: more-than")


def test_old_approximate_reads_as_about_and_is_caught_when_the_quote_says_more_than(project_copy):
    edit(project_copy, S002, "    value: 50\n    bound: more-than\n", "    value: 50\n    approximate: true\n")
    line, column = position(project_copy, S002, "true\n    as_of: \"2022\"\n    measure:\n      name: the author")
    (problem,) = figure_problems(project_copy)
    assert (problem.line, problem.column) == (line, column)
    assert "the figure is bound: about (about)" in problem.message and "remove approximate:" in problem.hint


def test_a_text_that_states_another_number_is_an_error(project_copy):
    edit(project_copy, S002, "      70 percent in Kyrgyzstan blame", "      75 percent in Kyrgyzstan blame")
    line, column = position(project_copy, S002, ">-\n      75 percent in Kyrgyzstan")
    (problem,) = figure_problems(project_copy)
    assert (problem.line, problem.column) == (line, column)
    assert problem.message == "the text states “75” but the value is 70%"


def test_in_a_draft_the_rule_warns(project_copy):
    edit(project_copy, S002, F10_TEXT, F10_TEXT.replace("more than fifty", "about 50"))
    edit(project_copy, S002, "review: reviewed", "review: draft")
    assert [p.severity for p in figure_problems(project_copy)] == ["warning"]


def test_an_outside_value_must_cite_a_listed_outside_source(project_copy):
    edit(project_copy, S003, "        source: menafn-2025-08-17", "        source: menafn-2025-08-18")
    found = [p for p in check_problems(project_copy) if "no outside source has the id 'menafn-2025-08-18'" in p.message]
    assert len(found) == 1 and found[0].severity == "error" and "menafn-2025-08-17" in found[0].hint


def test_a_period_that_ends_before_it_starts_is_an_error(project_copy):
    edit(project_copy, S002, '      start: "2022-01"\n      end: "2022-10"', '      start: "2022-11"\n      end: "2022-10"')
    found = [p for p in check_problems(project_copy) if "before it starts" in p.message]
    assert len(found) == 1 and found[0].line == position(project_copy, S002, 'start: "2022-11"')[0] + 1


# --- pages and downloads -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    from tests.helpers import copy_project
    root = copy_project(tmp_path_factory.mktemp("figures"))
    assert run_cli("generate", "--root", str(root), cwd=root).returncode == 0
    return root / "build" / "docs"


def test_the_two_unnamed_polls_are_different_measurements_not_a_disagreement(generated):
    page = (generated / "countries" / "kyrgyzstan.md").read_text(encoding="utf-8")
    assert "sources-disagree" not in page
    differ = page[page.index("### Measurements that differ"):]
    assert "**70&#37;**, 2022, date of the poll not given &#40;inferred&#41;, polls the author does not name" in differ
    assert "**49&#37;**, date of the poll not given, before June 2024 &#40;inferred&#41;" in differ
    assert page.count('<figure class="briefing-chart"') == 0, "one bar per poll on this page: no chart"


def test_outside_reporting_is_shown_as_a_range_with_both_sources(generated):
    page = (generated / "index.md").read_text(encoding="utf-8")
    other = page[page.index("### Other reporting"):page.index("## Latest events")]
    assert "People killed in the Crocus City Hall attack, Russia:</strong> reported values range from 140 to 149." in other
    assert "- **140** in the article, March 2024 — [Wary of Ukraine" in other
    assert "(https://soroka24.media/chislo-pogibshih-v-crocus-city-hall-vyroslo-do-144-chelovek/)" in other
    assert "(https://menafn.com/1109938244/Suspects-on-trial-over-Moscow-venue-assault)" in other
    assert "reported values range from about 3,300,000 to about 10,000,000" in other
    source_page = (generated / "sources" / "003_511358f27ee65db5.md").read_text(encoding="utf-8")
    assert "Suspects on trial over Moscow venue assault" in source_page[source_page.index("## Outside sources"):]


def test_the_figures_download_has_bound_period_and_measure(generated):
    rows = {row["id"]: row for row in json.loads((generated / "data" / "figures.json").read_text())["items"]}
    meetings = rows["002_279588a8956d5652-f10"]
    assert (meetings["bound"], meetings["shown"]) == ("more-than", "more than 50")
    trade = rows["002_279588a8956d5652-f8"]
    assert (trade["period"], trade["period_start"], trade["period_end"]) == ("first quarter of 2022", "2022-01", "2022-03")
    poll = rows["003_511358f27ee65db5-f3"]
    assert poll["period"].endswith("(inferred)") and poll["measure_known"] is False
    assert rows["003_511358f27ee65db5-f1"]["elsewhere"][0].startswith("144 (soroka24.media")
    header = (generated / "data" / "figures.csv").read_text().splitlines()[0].split(",")
    assert {"bound", "period", "period_start", "period_end", "measure", "measure_known", "elsewhere"} <= set(header)
