"""check reports everything in one run (issue 11, point 5).

A schema error in a file no longer hides the same file's impossible dates,
unknown slugs and bad quotes; a quote that differs from the seed only in its
quote marks, dashes or spaces is still an error, but says so and shows the
seed's exact text to paste.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import replace

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.derive import analysis
from generator.model.assemble import assemble
from generator.inputs.load import load_inputs
from generator.common.problems import placed
from generator.common.project import Project
from generator.inputs.schema import schema_problems
from tests.conftest import CORPUS
from tests.helpers import S002, S004, at, check_problems, edit, position, run_cli

TAXONOMY = "content/taxonomy.yml"
TRENDS = "content/trends.yml"
CURLY_QUOTE = "half of the region’s residents are under thirty"


def errors(problems):
    return sorted((p.path, p.line, p.column, p.message) for p in problems if p.severity == "error")


def test_an_unknown_key_a_bad_date_an_unknown_slug_and_a_straight_quote_mark_are_all_reported_in_one_run(
        project_copy):
    edit(project_copy, S002, "\nquality:", "\nqualty: clean\nquality:")
    edit(project_copy, S002, 'date: "2022-12-23"', 'date: "2022-02-30"')
    edit(project_copy, S002, "  - kyrgyzstan\n", "  - kyrgystan\n")
    edit(project_copy, S002, CURLY_QUOTE, CURLY_QUOTE.replace("’", "'"))
    expected = [
        (position(project_copy, S002, "qualty:"), "unknown key 'qualty'"),
        (position(project_copy, S002, '"2022-02-30"'), "impossible date: "),
        (position(project_copy, S002, "kyrgystan"), "unknown country 'kyrgystan'"),
        (position(project_copy, S002, '"half of the region'), "the quote differs from the seed only in its quote marks"),
    ]
    result = run_cli("check", "--root", str(project_copy))
    assert result.returncode == 1
    reported = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(reported) == 4, result.stderr
    for (line, column), message in expected:
        assert any(x.startswith(f"{S002}:{line}:{column}: error: {message}") for x in reported), result.stderr
    assert reported[-1].endswith(f"(quotes stay exact; paste the seed's text: \"{CURLY_QUOTE}\")")
    assert "4 error(s)" in result.stderr


def test_a_rejected_list_item_is_left_out_and_the_items_after_it_keep_their_places(project_copy):
    edit(project_copy, S002, "    text: >-\n      No Central Asian state", "    text: 42\n    note: >-\n      No Central Asian state")
    edit(project_copy, S002, "None of the Central Asian countries", "None of the Central Asian nations")  # in the rejected item
    edit(project_copy, S002, "paint a very different picture", "paint a rather different picture")  # in the next item
    problems = check_problems(project_copy)
    assert [message for *_, message in errors(problems)] == [
        "key_points[1].text: YAML reads 42 as the number 42, not text",
        "unknown key 'note' in key_points[1]",
        "the quote is not in the seed's text",
    ]
    assert at(problems, S002, *position(project_copy, S002, '"Formal data, however, paint a rather'))


def test_a_value_the_schema_rejects_is_reported_once_and_the_rest_of_its_list_is_checked(project_copy):
    edit(project_copy, S002, "  - kazakhstan\n", "  - Kazakhstan\n")
    edit(project_copy, S002, "  - kyrgyzstan\n", "  - kyrgystan\n")
    problems = check_problems(project_copy)
    assert errors(problems) == [
        (S002, *position(project_copy, S002, "Kazakhstan\n"), "countries[3] 'Kazakhstan' is not a valid name"),
        (S002, *position(project_copy, S002, "kyrgystan"), "unknown country 'kyrgystan'"),
    ]


def test_a_repeated_slug_is_reported_once_and_an_unknown_slug_beside_it_too(project_copy):
    edit(project_copy, S002, "  - russia\n", "  - russa\n  - kazakhstan\n")
    problems = check_problems(project_copy)
    assert [message for *_, message in errors(problems)] == [
        "countries lists the same value twice", "unknown country 'russa'"]


def test_a_trends_file_with_an_unknown_key_still_has_its_countries_and_quotes_checked(project_copy):
    edit(project_copy, TRENDS, "  - country: kazakhstan\n", "  - country: kazakstan\n    county: kazakhstan\n")
    edit(project_copy, TRENDS, "      - 002_279588a8956d5652-k1\n", "      - 002_279588a8956d5652-k99\n")
    problems = check_problems(project_copy)
    assert [message for *_, message in errors(problems)] == [
        "unknown country 'kazakstan'",
        "unknown key 'county' in trends[1]",
        "unknown claim reference '002_279588a8956d5652-k99'",
    ]


def test_a_taxonomy_with_an_unknown_key_still_has_its_repeated_slugs_found(project_copy):
    edit(project_copy, TAXONOMY, "  - slug: china\n", "  - slug: china\n    nmae: China\n")
    edit(project_copy, TAXONOMY, "  - slug: tajikistan\n", "  - slug: kazakhstan\n")
    assert errors(check_problems(project_copy)) == [
        (TAXONOMY, *position(project_copy, TAXONOMY, "kazakhstan", nth=2), "'kazakhstan' is defined twice in countries"),
        (TAXONOMY, *position(project_copy, TAXONOMY, "nmae:"), "unknown key 'nmae' in countries[8]"),
        (TAXONOMY, *position(project_copy, TAXONOMY, "tajikistan, turkmenistan]"),  # a region's member is gone too
         "'tajikistan' is not a country of this taxonomy"),
    ]


@pytest.mark.parametrize("seed_text, typed, kinds", [
    ("ever before—and Beijing", "ever before-and Beijing", "dashes"),
    ("ever before—and Beijing", "ever before - and Beijing", "dashes and spaces"),
])
def test_a_quote_that_differs_only_in_its_dashes_says_so(project_copy, seed_text, typed, kinds):
    edit(project_copy, S004, seed_text, typed)
    problem, = [p for p in check_problems(project_copy) if p.severity == "error"]
    assert (problem.line, problem.column) == position(project_copy, S004, '"bargaining power')
    assert problem.message == f"the quote differs from the seed only in its {kinds}"
    assert problem.hint == "quotes stay exact; paste the seed's text: \"bargaining power than ever before—and Beijing knows it\""


@pytest.mark.parametrize("typed", [
    "half of theregion’s residents are under thirty",
    "half of the\u200b region’s residents are under thirty",  # a zero-width space, invisible in an editor
    "half of the re\u00adgion’s residents are under thirty",  # a soft hyphen, invisible too
])
def test_a_quote_that_differs_only_in_its_spaces_says_so(project_copy, typed):
    edit(project_copy, S002, CURLY_QUOTE, typed)
    problem, = [p for p in check_problems(project_copy) if p.severity == "error"]
    assert problem.message == "the quote differs from the seed only in its spaces"
    assert problem.hint == f"quotes stay exact; paste the seed's text: \"{CURLY_QUOTE}\""


def test_several_kinds_of_difference_are_named_together(project_copy):
    edit(project_copy, S004, "ever before—and Beijing", "ever before – and Beijing")
    edit(project_copy, S002, CURLY_QUOTE, "half of the region's  residents are under thirty")
    messages = sorted(p.message for p in check_problems(project_copy) if p.severity == "error")
    assert messages == ["the quote differs from the seed only in its dashes and spaces",
                        "the quote differs from the seed only in its quote marks"]


def test_pasting_the_hint_makes_the_quote_right(project_copy):
    edit(project_copy, S002, CURLY_QUOTE, "half of the region's residents are under thirty")
    problem, = [p for p in check_problems(project_copy) if p.severity == "error"]
    pasted = re.search(r"paste the seed's text: (.*)$", problem.hint).group(1)
    assert yaml.safe_load(f"quote: {pasted}") == {"quote": CURLY_QUOTE}
    edit(project_copy, S002, "\"half of the region's residents are under thirty\"", pasted)
    assert not [p for p in check_problems(project_copy) if p.severity == "error"]


def test_a_quote_that_differs_in_its_words_too_still_shows_the_closest_passage(project_copy):
    edit(project_copy, S002, CURLY_QUOTE, "half of the region's people are under thirty")
    problem, = [p for p in check_problems(project_copy) if p.severity == "error"]
    assert problem.message == "the quote is not in the seed's text"
    assert "closest passage" in problem.hint


# --- any malformed metadata: checked without a crash, and no problem reported twice ---------------

CORPUS_INPUTS = load_inputs(Project.at(CORPUS))
ORIGINAL = next(f for f in CORPUS_INPUTS.metadata if f.path == S002)
PATHS = sorted(ORIGINAL.document.positions, key=repr)
KEYS = ["seed", "title", "date", "countries", "themes", "quote", "text", "items", "events", "id", "as_of", "titel"]
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
    | st.sampled_from(["kazakhstan", "kazakstan", "2022-02-30", "2999", "002_279588a8956d5652.txt", "reviewed",
                       "half of the region's residents", "Ukraine"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=3),
    max_leaves=8,
)
DELETE = object()
MUTATIONS = st.lists(st.tuples(st.sampled_from(PATHS), st.one_of(st.just(DELETE), VALUES)), min_size=1, max_size=6)


def mutated(data, mutations):
    data = copy.deepcopy(data)
    for path, value in mutations:
        if not path:
            continue
        parent = data
        for part in path[:-1]:
            try:
                parent = parent[part]
            except (KeyError, IndexError, TypeError):
                break
        else:
            last = path[-1]
            if isinstance(parent, dict) and isinstance(last, str) or isinstance(parent, list) and \
                    isinstance(last, int) and last < len(parent):
                if value is DELETE:
                    parent.pop(last, None) if isinstance(parent, dict) else parent.pop(last)
                else:
                    parent[last] = value
    return data


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(MUTATIONS)
def test_any_malformed_metadata_is_checked_without_a_crash_and_nothing_is_reported_twice(mutations):
    document = replace(ORIGINAL.document, data=mutated(ORIGINAL.document.data, mutations))
    found = placed(schema_problems(document, "source"), S002)
    metadata = [replace(ORIGINAL, document=document) if f is ORIGINAL else f for f in CORPUS_INPUTS.metadata]
    inputs = replace(CORPUS_INPUTS, metadata=metadata, problems=[*CORPUS_INPUTS.problems, *found])
    briefing, problems = assemble(inputs, dt.date(2025, 1, 1), analysis.kinships)
    assert len(set(problems)) == len(problems), "\n".join(p.format_text() for p in problems)
    assert briefing is None or not found
