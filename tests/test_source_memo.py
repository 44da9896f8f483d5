"""The memo of built metadata files (generator/model/source_memo.py) and the plain JSON it is kept in
(generator/common/plain.py): a model built with the memo equals one built without it, whatever was edited."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from generator.common.json_store import read_lines, write_lines
from generator.common.plain import from_plain, to_plain
from generator.common.project import Project
from generator.model.changes import Stamp
from generator.model.dates import PartialDate, Today, holds_on
from generator.model.entities import Event, Figure, KeyPoint, Source
from generator.model.source_memo import BuiltFile, SourceMemo
from generator.pipeline import KeptInMemory, build_model, generate
from generator.render.page_data import Fingerprints
from tests.helpers import S001, S002, copy_project, edit, tree_bytes

TODAY = dt.date(2026, 12, 1)


def through_json(kind, value):
    return from_plain(kind, json.loads(json.dumps(to_plain(value), ensure_ascii=False)))


def model(root, memo=None, day=TODAY):
    briefing, problems = build_model(Project.at(root), day, memo=memo)
    return briefing, sorted(problems)


def test_every_source_of_the_corpus_comes_back_from_json_the_same_to_the_last_type(project_copy):
    briefing, _ = model(project_copy)
    assert briefing is not None and len(briefing.sources) > 10
    for source in briefing.sources:
        source = replace(source, paragraphs=tuple(source.paragraphs))  # as read: the model leaves them on disk
        again = through_json(Source, source)
        assert again == source and repr(again) == repr(source)  # repr: 2 stays an int, 2.0 a float


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (PartialDate, PartialDate(2024, 3)),
        (Stamp, Stamp(2024, 3, 1, (9, 30, 0))),
        (tuple[PartialDate | None, ...], (None, PartialDate(2020))),
        (dict[tuple[str, str], int], {("kazakhstan", "soft-power"): 3}),
        (frozenset[str], frozenset({"b", "a"})),
        (dt.date, dt.date(2026, 1, 2)),
    ],
)
def test_values_of_each_shape_come_back_from_json(kind, value):
    assert through_json(kind, value) == value


@dataclass(frozen=True)
class Nothing:
    pass


@dataclass(frozen=True)
class EveryShape:
    """A field of each shape the written decoders treat apart (plain.py _expression)."""

    text: str
    number: int | None
    date: PartialDate | None
    dates: tuple[PartialDate, ...]
    words: tuple[str, ...]
    nothing: Nothing
    day: dt.date
    counts: dict[str, int]
    pair: tuple[str, PartialDate | None]
    optional_words: tuple[str, ...] | None


SHAPES = EveryShape("a", None, PartialDate(2024, 5), (PartialDate(2020),), ("x", "y"), Nothing(), dt.date(2026, 1, 2),
                    {"k": 1}, ("b", None), None)


@pytest.mark.parametrize("value", [SHAPES, replace(SHAPES, number=3, date=None, dates=(), optional_words=("z",))])
def test_a_dataclass_of_every_shape_comes_back_from_json(value):
    again = through_json(EveryShape, value)
    assert again == value and repr(again) == repr(value)


def test_plain_data_with_a_field_too_many_or_too_few_is_refused():
    plain = to_plain(PartialDate(2024, 3))
    for wrong in (plain[:-1], [*plain, None]):
        with pytest.raises(ValueError, match=f"PartialDate has {len(plain)} fields, not {len(wrong)}"):
            from_plain(PartialDate, wrong)
    with pytest.raises(ValueError, match="Nothing has 0 fields, not 1"):
        from_plain(Nothing, [1])


def test_a_value_of_an_unknown_type_is_refused_not_stored():
    with pytest.raises(TypeError, match="no plain form"):
        to_plain(object())


def remembered(memo: SourceMemo) -> SourceMemo:
    """The memo as the next run reads it back from its file."""
    return SourceMemo(dict(memo.used), memo.code)


def test_a_second_build_takes_every_file_from_the_memo_and_gives_the_same_model(project_copy):
    first = SourceMemo(code="test")
    without, problems = model(project_copy)
    assert model(project_copy, first) == (without, problems)
    files = len(list((project_copy / "content/sources").glob("*.yml")))
    second = remembered(first)
    assert model(project_copy, second) == (without, problems)
    assert second.hits == files and first.hits == 0


EDITS = {
    "a title": (S002, "\ntitle: Russian soft power", "\ntitle: Russia's soft power"),
    "review state (a warning appears)": (S001, "review: reviewed", "review: draft"),
    "a quote that is not in the seed (an error)": (S001, "quote: ", "quote: Not in the seed at all. "),
    "a comment moving every line": (S002, "seed: ", "# a comment\nseed: "),
    "a quoted sentence of the seed (an error)": (
        "seeds/001_66304f5fa3b57f47.txt",
        "have begun to forge stronger relationships",
        "have begun to build stronger relationships",
    ),
}


@pytest.mark.parametrize("change", EDITS)
def test_after_an_edit_the_memo_gives_what_a_build_without_it_gives(project_copy, change):
    memo = SourceMemo(code="test")
    model(project_copy, memo)
    edit(project_copy, *EDITS[change])
    again = remembered(memo)
    assert model(project_copy, again) == model(project_copy)
    assert again.hits == len(list((project_copy / "content/sources").glob("*.yml"))) - 1


def test_the_taxonomy_is_part_of_the_key(project_copy):
    memo = SourceMemo(code="test")
    model(project_copy, memo)
    edit(project_copy, "content/taxonomy.yml", "Rossotrudnichestvo", "Rossotrudnichestvo (Russia's agency)")
    again = remembered(memo)
    model(project_copy, again)
    assert again.hits == 0


def test_a_file_is_taken_from_the_memo_on_a_later_day_unless_one_of_its_dates_was_in_the_future(project_copy):
    """An entry holds on every day from its latest date on when none of its dates was after the day it was built,
    and on that day alone when one was (its problem names the day): a run on the next day, as CI's, builds again
    only such files, and a clock set back builds again those whose dates it now puts in the future."""
    files = len(list((project_copy / "content/sources").glob("*.yml")))
    memo = SourceMemo(code="test")
    model(project_copy, memo)
    later = remembered(memo)
    next_year = TODAY + dt.timedelta(days=400)
    assert model(project_copy, later, next_year) == model(project_copy, None, next_year)
    assert later.hits == files
    edit(project_copy, S001, 'added: "2026-11-22T00:02:19Z"', 'added: "2026-12-03T00:00:00Z"')
    runs = {}
    for day in (1, 2, 3, 4, 2):  # the last: the clock set back to before the added: date
        runs[day] = remembered(memo)
        expected = model(project_copy, None, dt.date(2026, 12, day))
        assert model(project_copy, runs[day], dt.date(2026, 12, day)) == expected
        future = [p for p in expected[1] if "in the future" in p.message]
        assert (len(future) == 1 and f"today is 2026-12-0{day}" in future[0].message) if day < 3 else not future
        memo = runs[day]
    assert [runs[day].hits for day in (1, 3, 4, 2)] == [files - 1, files - 1, files, files - 1]


def test_today_notes_the_days_its_comparisons_hold_on():
    today = Today(dt.date(2026, 12, 1))
    assert today.span() == ((), ())  # nothing compared: any day
    assert not today.is_before((2026, 11, 30)) and not today.is_before((2025, 1, 1))
    assert today.span() == ((2026, 11, 30), ())
    assert holds_on(today.span(), dt.date(2026, 11, 30)) and not holds_on(today.span(), dt.date(2026, 11, 29))
    assert today.is_before((2026, 12, 2))
    assert today.span() == ((2026, 12, 1), (2026, 12, 1))
    assert holds_on(today.span(), dt.date(2026, 12, 1)) and not holds_on(today.span(), dt.date(2026, 12, 2))


def test_an_id_taken_by_another_file_is_reported_as_in_a_build_without_the_memo(project_copy):
    """The memo's entry for 002 was made when its id was free; once 001 takes that id first, 002 is built again."""
    memo = SourceMemo(code="test")
    model(project_copy, memo)
    edit(project_copy, S001, "\nseed: 001_66304f5fa3b57f47.txt", "\nseed: 001_66304f5fa3b57f47.txt\nid: 002_279588a8956d5652")
    with_memo = model(project_copy, remembered(memo))
    assert with_memo == model(project_copy)
    assert any("duplicate source id '002_279588a8956d5652'" in p.message for p in with_memo[1])


def test_the_memo_holds_no_seed_text_twice(project_copy):
    """A source's paragraphs are its seed's, kept in the parse cache; the memo stores them only for teasers."""
    memo = SourceMemo(code="test")
    briefing, _ = model(project_copy, memo)
    entries = [from_plain(BuiltFile, json.loads(text)) for text in memo.used.values()]
    stored = [(source, whole) for entry in entries for source, whole in zip(entry.sources, entry.whole_text)]
    assert len(stored) == len(briefing.sources)
    assert all(source.paragraphs == () for source, whole in stored if whole)
    teasers = [source for source, whole in stored if not whole]
    assert teasers and all(source.listing_id and len(source.paragraphs) == 1 for source in teasers)


def test_generate_keeps_the_memo_between_runs_as_json_lines_and_drops_it_when_the_code_changes(project_copy):
    files = len(list((project_copy / "content/sources").glob("*.yml")))
    assert generate(project_copy).files_reused == 0
    assert generate(project_copy).files_reused == files
    stored = Project.at(project_copy).source_memo_path
    header, *entries = stored.read_text(encoding="utf-8").splitlines()
    assert len(entries) == files and all(json.loads(line.split(" ", 1)[1]) for line in entries)
    assert read_lines(stored, "another code") == {}
    stored.write_text(header + "\n" + "not a key and JSON\n" + "\n".join(entries[1:]), encoding="utf-8")
    assert generate(project_copy).files_reused == files - 1  # a damaged line costs its file a build, no more


def test_a_memo_file_that_is_not_json_lines_is_ignored(tmp_path):
    path = tmp_path / "memo.jsonl"
    write_lines(path, "code", {"k1": "[1]", "k2": '{"a": "b c"}'})
    assert read_lines(path, "code") == {"k1": "[1]", "k2": '{"a": "b c"}'}
    path.write_bytes(b"\xff\xfe not text")
    assert read_lines(path, "code") == {}
    assert read_lines(tmp_path / "missing", "code") == {}



def digests(briefing, memo) -> dict[str, str]:
    """Each source's and claim's digest as pages take it (render/page_data.py), by id: those the memo named."""
    fingerprints = Fingerprints(None, memo.name_of)
    objects = [o for s in briefing.sources for o in (s, *s.key_points, *s.events, *s.figures) if memo.name_of(o)]
    return {o.id: fingerprints.of(o) for o in objects}


def test_sources_and_claims_are_digested_by_the_name_the_memo_gives_them_not_by_their_text(project_copy, monkeypatch):
    first = SourceMemo(code="test")
    before = digests(model(project_copy, first)[0], first)
    second = remembered(first)
    again = digests(model(project_copy, second)[0], second)
    assert second.hits and len(before) > 50 and again == before  # the same in every run
    edit(project_copy, S002, "No Central Asian state has supported", "No Central Asian state has backed")  # k1
    third = remembered(second)
    briefing, _ = model(project_copy, third)
    for kind in (Source, KeyPoint, Event, Figure):
        monkeypatch.setattr(kind, "__repr__", lambda self: pytest.fail("a named object was digested by its text"))
    after = digests(briefing, third)
    changed = {key for key in before if after[key] != before[key]}
    assert f"{Path(S002).stem}-k1" in changed  # the key point edited
    assert all(key.startswith(Path(S002).stem) for key in changed)  # that file's, and only those
    source = next(s for s in briefing.sources if s.key_points)
    assert third.name_of(source) and third.name_of(source.key_points[0])
    for copy in (replace(source), replace(source.key_points[0])):  # equal, yet not what the memo made: no name
        assert copy == source or copy == source.key_points[0]
        assert third.name_of(copy) is None


def test_a_process_that_generates_again_keeps_a_files_sources_across_days_only_while_they_hold(tmp_path):
    """The preview's worker keeps each file's sources in memory (KeptInMemory): on a later day they serve while
    their entry holds, and a file whose date was in the future is built again, giving what a fresh run gives.
    (A draft's future date is a warning, so every run here succeeds and keeps what it built.)"""
    root = copy_project(tmp_path / "project")
    edit(root, S001, "review: reviewed", "review: draft")
    edit(root, S001, 'added: "2026-11-22T00:02:19Z"', 'added: "2026-12-03T00:00:00Z"')
    kept = KeptInMemory()
    for day in (2, 3, 4):
        today = dt.date(2026, 12, day)
        result = generate(root, today=today, kept=kept)
        fresh = copy_project(tmp_path / f"fresh-{day}", root)
        expected = generate(fresh, today=today)
        assert sorted(result.problems) == sorted(expected.problems)
        assert tree_bytes(root / "build/docs") == tree_bytes(fresh / "build/docs")
        future = [p.message for p in result.problems if "in the future" in p.message]
        assert future == ([f"the date 2026-12-03T00:00:00Z is in the future (today is 2026-12-0{day})"] if day < 3 else [])
    files = len(list((root / "content/sources").glob("*.yml")))
    assert generate(root, today=dt.date(2026, 12, 5), kept=kept).files_reused == files
