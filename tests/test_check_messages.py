"""The messages editors see: exact place, what is wrong, and how to fix it.

Each test breaks a copy of the project with a small text edit and runs the
library's check (load_inputs + assemble) or the command line on it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from generator.common.problems import has_errors
from tests.helpers import (LISTING_ID, S000, S001, S002, S003, at, check_problems, edit, forget_sources,
                           position, run_cli)

TODAY = dt.date.today()
SEED_001 = "seeds/001_66304f5fa3b57f47.txt"


def only(problems, path, line, column):
    """The one problem at path:line:column (and fail with everything found otherwise)."""
    found = at(problems, path, line, column)
    assert len(found) == 1, "\n".join(p.format_text() for p in problems)
    return found[0]


def test_unknown_key_names_the_key_suggests_the_closest_and_lists_allowed_keys(project_copy):
    edit(project_copy, S001, "\ntitle: Central", "\ntitel: Central")
    line, column = position(project_copy, S001, "titel:")
    problem = only(check_problems(project_copy), S001, line, column)
    assert problem.severity == "error"
    assert problem.message == "unknown key 'titel'"
    assert "did you mean 'title'?" in problem.hint
    assert "allowed keys: added, author, changed, corrections, countries, date" in problem.hint
    assert "summary, themes, title, url" in problem.hint


def test_unknown_key_in_a_nested_mapping_says_where(project_copy):
    edit(project_copy, S000, "    text: >-\n      Kazakhstan and Kyrgyzstan",
         "    txet: >-\n      Kazakhstan and Kyrgyzstan")
    line, column = position(project_copy, S000, "txet:")
    found = check_problems(project_copy)
    problems = at(found, S000, line, column)
    assert [p.message for p in problems] == ["unknown key 'txet' in key_points[1]"]
    item_line, item_column = position(project_copy, S000, "id: k1")  # the key point's mapping starts there
    assert [p.message for p in at(found, S000, item_line, item_column)] == [
        "missing required key 'text' in key_points[1]"]
    problem = next(p for p in problems if p.message.startswith("unknown key"))
    assert "did you mean 'text'?" in problem.hint
    assert "allowed keys: countries, id, quote, text, themes" in problem.hint


def test_a_list_where_text_is_expected_is_a_type_error_at_the_list(project_copy):
    edit(project_copy, S001,
         "\ntitle: Central Asia challenges Russian soft power as it diversifies its partners\n",
         "\ntitle:\n  - Central Asia\n  - soft power\n")
    line, column = position(project_copy, S001, "- Central Asia")
    problem = only(check_problems(project_copy), S001, line, column)
    assert problem.message == "title should be text, not a list"
    assert "type" in problem.hint


def test_unquoted_no_is_read_as_false_and_the_hint_says_to_quote_it(project_copy):
    edit(project_copy, S003, "publisher: Asia Times", "publisher: NO")
    line, column = position(project_copy, S003, "NO\n")
    problem = only(check_problems(project_copy), S003, line, column)
    assert problem.message == "publisher: YAML reads NO as false, not text"
    assert problem.hint == 'put it in quotes: "NO"'


def test_unquoted_year_is_read_as_a_number_and_the_hint_says_to_quote_it(project_copy):
    edit(project_copy, S000, 'date: "2025"\n', "date: 2024\n")
    line, column = position(project_copy, S000, "2024\n")
    problem = only(check_problems(project_copy), S000, line, column)
    assert problem.message == "date: YAML reads 2024 as the number 2024, not text"
    assert problem.hint == 'put it in quotes: "2024"'


def test_impossible_date_says_why(project_copy):
    edit(project_copy, S000, 'date: "2025-04-22"', 'date: "2024-02-30"')
    line, column = position(project_copy, S000, '"2024-02-30"')
    problem = only(check_problems(project_copy), S000, line, column)
    assert problem.message.startswith("impossible date:")
    assert "February 2024 has 29 days" in problem.message
    assert "YYYY-MM-DD" in problem.hint


def test_unquoted_impossible_date_is_also_caught(project_copy):
    edit(project_copy, S000, 'date: "2025-04-22"', "date: 2024-02-30")
    line, column = position(project_copy, S000, "2024-02-30")
    problem = only(check_problems(project_copy), S000, line, column)
    assert "impossible date" in problem.message and "29 days" in problem.message


def test_a_date_in_the_future_names_today(project_copy):
    edit(project_copy, S000, 'date: "2025"\n', 'date: "2999"\n')
    line, column = position(project_copy, S000, '"2999"')
    problem = only(check_problems(project_copy, TODAY), S000, line, column)
    assert problem.message == f"the date 2999 is in the future (today is {TODAY.isoformat()})"
    assert "after today" in problem.hint


def test_an_event_dated_after_its_article_is_an_error(project_copy):
    edit(project_copy, S002, '    date: "2022-10"', '    date: "2023-05"')
    line, column = position(project_copy, S002, '"2023-05"')
    problem = only(check_problems(project_copy), S002, line, column)
    assert problem.message == "the event is dated 2023-05, after its article (2022-12-23)"
    assert "article's date" in problem.hint


def test_unknown_country_suggests_the_closest_slug(project_copy):
    edit(project_copy, S001, "  - kazakhstan\n", "  - kazakstan\n")
    line, column = position(project_copy, S001, "kazakstan")
    problem = only(check_problems(project_copy), S001, line, column)
    assert problem.message == "unknown country 'kazakstan'"
    assert problem.hint.startswith("did you mean 'kazakhstan'?")
    assert "content/taxonomy.yml" in problem.hint


def test_unknown_theme_suggests_the_closest_slug(project_copy):
    edit(project_copy, S001, "  - soft-power\n", "  - soft-powr\n")
    line, column = position(project_copy, S001, "soft-powr")
    problem = only(check_problems(project_copy), S001, line, column)
    assert problem.message == "unknown theme 'soft-powr'"
    assert problem.hint.startswith("did you mean 'soft-power'?")


def test_unknown_metric_suggests_the_closest_slug(project_copy):
    edit(project_copy, S002, "metric: blame-war-for-economy", "metric: blame-war-for-econ")
    line, column = position(project_copy, S002, "blame-war-for-econ\n")
    problem = only(check_problems(project_copy), S002, line, column)
    assert problem.message == "unknown metric 'blame-war-for-econ'"
    assert problem.hint.startswith("did you mean 'blame-war-for-economy'?")
    assert "Metrics are defined in content/taxonomy.yml" in problem.hint


def test_a_quote_not_in_the_seed_shows_the_closest_passage(project_copy):
    edit(project_copy, S000, "Russia House in Osh, under the management of", "Russia House in Osh, under the control of")
    line, column = position(project_copy, S000, '"Russia House in Osh, under the control of')
    problem = only(check_problems(project_copy), S000, line, column)
    assert problem.message == "the quote is not in the seed's text"
    assert "quote the seed exactly" in problem.hint
    assert "closest passage, paragraph 2:" in problem.hint
    assert "House in Osh, under the management of Rossotrudnichestvo" in problem.hint


def test_the_closest_passage_starts_where_the_quoted_passage_starts(project_copy):
    edit(project_copy, S000, "Russia House in Osh, under the management of", "Russia House in Osh, under the control of")
    line, column = position(project_copy, S000, '"Russia House in Osh, under the control of')
    problem = only(check_problems(project_copy), S000, line, column)
    assert 'paragraph 2: "Russia House in Osh, under the management of' in problem.hint


def test_a_correction_whose_wrong_words_are_not_in_its_quote(project_copy):
    edit(project_copy, S002, '    wrong: "were as solid as China’s growing', '    wrong: "were as firm as China’s growing')
    line, column = position(project_copy, S002, '"were as firm as')
    problem = only(check_problems(project_copy), S002, line, column)
    assert problem.message.startswith("'were as firm as China’s growing presence")
    assert problem.message.endswith("is not inside the quote")
    assert "wrong:" in problem.hint and "quote:" in problem.hint


def test_duplicate_source_ids_name_the_other_file(project_copy):
    edit(project_copy, S000, "\ntitle:", "\nid: shared\ntitle:")
    edit(project_copy, S001, "\ntitle:", "\nid: shared\ntitle:")
    line, column = position(project_copy, S001, "shared")
    problem = only(check_problems(project_copy), S001, line, column)
    assert problem.message == f"duplicate source id 'shared', also used by {S000}"
    assert "different id" in problem.hint


def test_a_source_id_that_clashes_with_a_teaser_id_is_reported(project_copy):
    edit(project_copy, S001, "\ntitle:", f"\nid: {LISTING_ID}-01\ntitle:")
    problems = check_problems(project_copy)
    assert has_errors(problems)
    assert any(f"'{LISTING_ID}-01'" in p.message for p in problems)


def test_metadata_whose_seed_is_missing(project_copy):
    (project_copy / SEED_001).unlink()
    line, column = position(project_copy, S001, "001_66304f5fa3b57f47.txt")
    problem = only(check_problems(project_copy), S001, line, column)
    assert problem.message == "the seed file seeds/001_66304f5fa3b57f47.txt does not exist"
    assert problem.severity == "error"


def test_a_seed_without_metadata_is_a_warning_not_an_error(project_copy):
    (project_copy / S001).unlink()
    forget_sources(project_copy, "001_66304f5fa3b57f47")
    problems = check_problems(project_copy)
    problem = only(problems, SEED_001, 1, 1)
    assert problem.severity == "warning"
    assert "no metadata" in problem.message and "published as unreviewed" in problem.message
    assert problem.hint == "start its metadata with: python -m generator new seeds/001_66304f5fa3b57f47.txt"
    assert not has_errors(problems)


def test_duplicate_key_names_both_lines(project_copy):
    edit(project_copy, S001, "review: reviewed\n", "review: reviewed\nquality: clean\n")
    first, _ = position(project_copy, S001, "quality:")
    line, column = position(project_copy, S001, "quality:", nth=2)
    problem = only(check_problems(project_copy), S001, line, column)
    assert problem.message == f"duplicate key 'quality' (first written on line {first})"
    assert "keep one" in problem.hint


def test_yaml_syntax_error_gives_line_and_column(project_copy):
    edit(project_copy, S001, "\ntitle: Central Asia challenges", "\ntitle: Central Asia: challenges")
    line, column = position(project_copy, S001, ": challenges")
    problem = only(check_problems(project_copy), S001, line, column)
    assert problem.message.startswith("YAML syntax error: mapping values are not allowed")
    assert "quote values containing ': '" in problem.hint


@pytest.mark.parametrize("text", ["- just\n- a list\n", "just some text\n"])
def test_metadata_that_is_not_a_mapping_is_reported_not_a_crash(project_copy, text):
    (project_copy / "content/sources/extra.yml").write_text(text, encoding="utf-8")
    problems = check_problems(project_copy)
    assert [p.path for p in problems if p.severity == "error"] == ["content/sources/extra.yml"]


def inject_several(root):
    """Errors in three source files and one deleted seed; returns the places expected."""
    edit(root, S001, "  - kazakhstan\n", "  - kazakstan\n")
    edit(root, S000, "Russia House in Osh, under the management of", "Russia House in Osh, under the control of")
    edit(root, S003, "publisher: Asia Times", "publisher: NO")
    edit(root, S002, '    date: "2022-10"', '    date: "2023-05"')
    return {
        (S001, *position(root, S001, "kazakstan")),
        (S000, *position(root, S000, '"Russia House in Osh, under the control of')),
        (S003, *position(root, S003, "NO\n")),
        (S002, *position(root, S002, '"2023-05"')),
    }


def test_several_errors_in_different_files_are_all_reported_in_one_run(project_copy):
    expected = inject_several(project_copy)
    problems = check_problems(project_copy)
    assert {(p.path, p.line, p.column) for p in problems if p.severity == "error"} == expected


def test_check_command_reports_them_all_and_exits_1(project_copy):
    expected = inject_several(project_copy)
    result = run_cli("check", "--root", str(project_copy))
    assert result.returncode == 1
    for path, line, column in expected:
        assert f"{path}:{line}:{column}: error:" in result.stderr
    assert "4 error(s)" in result.stderr


@pytest.mark.parametrize("broken_file, old, new", [
    ("content/briefing.yml", "\ntitle:", "\ntitel:"),
    ("content/taxonomy.yml", "  - slug: china\n", "  - slug: china\n    nmae: China\n"),
])
def test_an_error_in_briefing_or_taxonomy_does_not_hide_errors_in_sources(project_copy, broken_file, old, new):
    edit(project_copy, broken_file, old, new)
    edit(project_copy, S000, "Russia House in Osh, under the management of", "Russia House in Osh, under the control of")
    problems = check_problems(project_copy)
    assert any(p.path == broken_file for p in problems)
    assert any(p.path == S000 and "quote" in p.message for p in problems)


def test_check_on_the_fixture_corpus_exits_0_and_prints_no_problem(project_copy):
    result = run_cli("check", "--root", str(project_copy))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "0 error(s), 0 warning(s)" in result.stderr
    assert ": error:" not in result.stderr and ": warning:" not in result.stderr


def test_check_format_github_prints_annotations(project_copy):
    edit(project_copy, S001, "\ntitle: Central", "\ntitel: Central")
    (project_copy / "content/sources/004_6240f0bb353a09c8.yml").rename(project_copy / "content/sources/keep.txt")
    result = run_cli("check", "--root", str(project_copy), "--format", "github")
    assert result.returncode == 1
    line, column = position(project_copy, S001, "titel:")
    lines = result.stdout.splitlines()
    assert f"::error file={S001},line={line},col={column}::unknown key 'titel' (did you mean 'title'?" in result.stdout
    assert any(x.startswith("::warning file=seeds/004_6240f0bb353a09c8.txt,line=1,col=1::") for x in lines)
    assert all(x.startswith(("::error file=", "::warning file=")) for x in lines)


@pytest.mark.parametrize("name", ["briefing", "paragraphs", "source", "taxonomy", "trends"])
def test_each_shipped_schema_is_a_valid_json_schema_which_the_messages_rely_on(name):
    """The generator does not check its schemas against the meta-schema as it runs (generator/inputs/schema.py):
    this does, for each one shipped."""
    import json

    import jsonschema

    from generator.inputs.schema import SCHEMA_DIR

    assert sorted(path.name for path in SCHEMA_DIR.glob("*.schema.json")) == [
        f"{each}.schema.json" for each in ("briefing", "paragraphs", "source", "taxonomy", "trends")]
    jsonschema.Draft202012Validator.check_schema(json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8")))
