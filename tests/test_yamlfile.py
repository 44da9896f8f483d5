"""generator.inputs.yamlfile.parse_yaml: plain data only, with the place of every value."""

from __future__ import annotations

import pytest

from generator.inputs.yamlfile import MAX_DEPTH, parse_yaml

NESTED = "title: Hello\nlist:\n  - a\n  - b: c\n    d:   [1, 2]\n"


def test_values_and_keys_have_1_based_line_and_column():
    document, problems = parse_yaml(NESTED)
    assert problems == []
    assert document.data == {"title": "Hello", "list": ["a", {"b": "c", "d": [1, 2]}]}
    assert document.positions[("title",)] == (1, 8)
    assert document.key_positions[("title",)] == (1, 1)
    assert document.positions[("list", 0)] == (3, 5)
    assert document.positions[("list", 1, "b")] == (4, 8)
    assert document.key_positions[("list", 1, "b")] == (4, 5)
    assert document.positions[("list", 1, "d", 1)] == (5, 14)


def test_where_falls_back_to_the_nearest_written_ancestor():
    document, _ = parse_yaml(NESTED)
    assert document.where(("list", 1, "d", 7)) == (5, 10)
    assert document.where(("list", 1, "missing")) == (4, 5)
    assert document.where_key(("list", 1, "d")) == (5, 5)


def test_duplicate_key_is_reported_at_the_second_naming_the_first_line():
    document, problems = parse_yaml("title: one\nsummary: x\ntitle: two\n")
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.line, problem.column) == (3, 1)
    assert "duplicate key 'title'" in problem.message
    assert "line 1" in problem.message
    assert document.data["title"] == "one"  # the first is kept, not silently replaced


def test_duplicate_key_in_a_nested_mapping_is_reported_where_it_is():
    _, problems = parse_yaml("items:\n  - id: a\n    text: x\n    id: b\n")
    assert [(p.line, p.column) for p in problems] == [(4, 5)]
    assert "duplicate key 'id'" in problems[0].message and "line 2" in problems[0].message


@pytest.mark.parametrize("text, line, column", [
    ("a: !!python/object:os.system {}\n", 1, 4),
    ("a: !!python/object/apply:os.system [\"echo hi\"]\n", 1, 4),
    ("a: 1\nb: !!python/name:os.system ''\n", 2, 4),
    ("a:\n  - !!binary aGVsbG8=\n", 2, 5),
    ("a: !!set {x: null}\n", 1, 4),
    ("a: !custom value\n", 1, 4),
    ("!!python/object:os.system {}\n", 1, 1),
])
def test_non_standard_tags_are_rejected_with_line_and_column(text, line, column):
    document, problems = parse_yaml(text)
    assert [(p.line, p.column) for p in problems] == [(line, column)]
    assert "tag" in problems[0].message and "not allowed" in problems[0].message


def test_a_rejected_tag_constructs_nothing():
    document, problems = parse_yaml("a: !!python/object/apply:os.getcwd []\nb: text\n")
    assert problems
    assert document.data == {"a": None, "b": "text"}


def test_a_tag_on_a_key_is_rejected():
    _, problems = parse_yaml("!!python/name:os.system k: 1\n")
    assert [(p.line, p.column) for p in problems] == [(1, 1)]
    assert "tag" in problems[0].message


def test_an_alias_is_rejected_at_the_reused_value():
    document, problems = parse_yaml("x: &shared [1]\ny: *shared\n")
    assert len(problems) == 1
    assert (problems[0].line, problems[0].column) == (1, 4)
    assert "aliases (*name) are not allowed" in problems[0].message
    assert document.data["y"] is None


def test_a_merge_key_is_rejected():
    _, problems = parse_yaml("base: &b {a: 1}\nother:\n  <<: *b\n")
    assert any((p.line, p.column) == (3, 3) and "keys must be plain" in p.message for p in problems)


def test_an_anchor_that_nothing_reuses_is_harmless_and_accepted():
    document, problems = parse_yaml("a: &x 1\n")
    assert problems == []
    assert document.data == {"a": 1}


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    names = [f"l{i}" for i in range(levels + 1)]
    lines = [f"{names[0]}: &{names[0]} [{', '.join(['lol'] * width)}]"]
    for previous, name in zip(names, names[1:]):
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * width)}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_returns_with_a_problem_instead_of_expanding():
    text = billion_laughs()
    assert text.count("*") == 81
    document, problems = parse_yaml(text)
    assert problems
    assert all("aliases (*name) are not allowed" in p.message for p in problems)
    assert {p.line for p in problems} <= set(range(1, 11))
    assert document.data["l0"] == ["lol"] * 9
    assert all(value == [None] * 9 for key, value in document.data.items() if key != "l0")


@pytest.mark.parametrize("text, line, column", [
    ("a: b: c\n", 1, 5),
    ("a: [1, 2\n", 2, 1),
    ("- a\nb: c\n", 2, 1),
    ("a: 1\n---\nb: 2\n", 2, 1),
])
def test_syntax_errors_give_line_and_column(text, line, column):
    document, problems = parse_yaml(text)
    assert document is None
    assert [(p.line, p.column) for p in problems] == [(line, column)]
    assert problems[0].message.startswith("YAML syntax error")
    assert "indentation" in problems[0].hint


@pytest.mark.parametrize("quote", ["'", '"'])
def test_an_unclosed_quote_names_the_line_and_column_where_it_opened(quote):
    text = f"a: 1\nb: 2\nc: 3\nd: x\ntitle: {quote}Unclosed\ne: 5\nf: 6\n"
    document, problems = parse_yaml(text)
    assert document is None
    assert [(p.line, p.column) for p in problems] == [(8, 1)]  # where PyYAML gave up: the end of the file
    assert problems[0].message == "YAML syntax error: a quoted value opened at line 5, column 8 is never closed"
    assert "same quote mark" in problems[0].hint


def test_an_unclosed_list_names_where_it_starts():
    _, problems = parse_yaml("a: [1, 2\nb: 3\n")
    assert "(while parsing a flow sequence that starts at line 1, column 4)" in problems[0].message


@pytest.mark.parametrize("text, line, column", [
    ("key:\n\t- x\n", 2, 1),
    ("a:\n  b: 1\n\tc: 2\n", 3, 1),
    ("ж: |\n\tтекст\n", 2, 1),
])
def test_a_tab_in_the_indentation_says_to_replace_it_with_spaces(text, line, column):
    document, problems = parse_yaml(text)
    assert document is None
    assert [(p.line, p.column) for p in problems] == [(line, column)]
    assert "tab" in problems[0].message
    assert problems[0].hint == "replace the tab with spaces"


def test_nesting_deeper_than_any_metadata_needs_is_one_problem_not_a_crash():
    """Found on the event stream, before composing: the first value too deep is reported, and nothing is read."""
    depth = 5000
    document, problems = parse_yaml("seed: " + "[" * depth + "]" * depth + "\nnext: {" + "a: {" * depth + "}" * depth + "}\n")
    assert [p.message for p in problems] == ["the value is nested more than 100 levels deep"]
    assert (problems[0].line, problems[0].column) == (1, len("seed: ") + MAX_DEPTH + 1)
    assert document is None


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file_is_one_problem_at_the_start(text):
    document, problems = parse_yaml(text)
    assert document is None
    assert [(p.line, p.column) for p in problems] == [(1, 1)]
    assert "no content" in problems[0].message


def test_plain_scalars_are_recorded_with_what_was_written():
    document, problems = parse_yaml("a: NO\nb: 10:00\nc: 2024-02-30\nd: '10:00'\ne: \"NO\"\nf: ~\n")
    assert problems == []
    assert document.data["a"] is False
    assert document.data["b"] == 600
    assert document.data["c"] == "2024-02-30"  # a date stays text, even an impossible one
    assert document.data["d"] == "10:00" and document.data["e"] == "NO"
    assert document.plain_scalars[("a",)] == "NO"
    assert document.plain_scalars[("b",)] == "10:00"
    assert document.plain_scalars[("c",)] == "2024-02-30"
    assert document.plain_scalars[("f",)] == "~"
    assert ("d",) not in document.plain_scalars and ("e",) not in document.plain_scalars


def test_plain_text_is_not_recorded_as_a_misread_scalar():
    document, _ = parse_yaml("title: Central Asia\n")
    assert document.data == {"title": "Central Asia"}
    assert ("title",) not in document.plain_scalars


def test_a_real_date_also_stays_text():
    document, problems = parse_yaml("date: 2022-12-23\n")
    assert problems == []
    assert document.data["date"] == "2022-12-23"


def test_places_kept_as_text_are_decoded_only_when_asked_and_give_the_same_places():
    import json

    from generator.inputs.load import _decode_yaml, _encode_yaml

    document, problems = parse_yaml(NESTED + "'quoted key': yes\nplain: on\n7: seven\n")
    entry = _encode_yaml(document, problems)
    head, rest = (json.loads(json.dumps(part)) for part in (entry.head, entry.rest))  # as the parse cache keeps them
    reads = []
    again, _ = _decode_yaml(head, lambda: reads.append(1) or rest)
    assert again.positions._decoded is None and reads == []  # nothing read until a problem is placed
    for places in ("positions", "key_positions", "plain_scalars"):
        assert dict(getattr(again, places)) == dict(getattr(document, places)) != {}
    assert again.where(("list", 1, "d", 9)) == document.where(("list", 1, "d", 9)) == (5, 10)
