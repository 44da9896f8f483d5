"""Event groups kept between runs (derive/remembered_groups.py): the same groups as grouping every list whole, and
the events of a date are grouped again exactly when what grouping reads of them changed."""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import replace

import pytest

from generator.common.project import Project
from generator.derive import analysis, remembered_groups
from generator.derive.remembered_groups import RememberedGroups
from generator.model.dates import PartialDate
from generator.pipeline import build_model, generate
from tests.helpers import copy_project, edit, tree_bytes
from tests.test_analysis import CSTO_A, CSTO_B, event

TODAY = dt.date(2026, 12, 1)
EVENTS = (
    event("a", 1, "2014", ["central-asia"], "No Central Asian state recognises the annexation of Crimea."),
    event("c", 1, "2022-10", ["kyrgyzstan", "russia"], CSTO_A),
    event("a", 2, "2008", ["central-asia"], "Central Asia does not support Russia's war against Georgia."),
    event("b", 1, "2014", ["central-asia"], "Central Asian states stay neutral on the annexation of Crimea."),
    event("d", 1, "2022-10", ["kyrgyzstan"], CSTO_B),
    event("b", 2, "2008", ["central-asia"], "Central Asian states do not support Russia's war with Georgia."),
)


def through_json(found: RememberedGroups) -> RememberedGroups:
    """What the next run starts from: the stored form, written and read back as JSON."""
    return RememberedGroups(json.loads(json.dumps(found.stored_form())))


def test_groups_taken_from_the_last_run_are_those_grouping_finds():
    first = RememberedGroups()
    assert first(EVENTS) == analysis.group_events(EVENTS)
    assert [len(group.events) for group in first(EVENTS)] == [2, 2, 2]
    assert first.grouped_again == 3  # each date's two events; asked twice in one run, grouped once
    second = through_json(first)
    assert second(EVENTS) == analysis.group_events(EVENTS)
    assert second.grouped_again == 0
    assert second.key == first.key


def test_a_list_holding_one_event_twice_is_not_grouped_again_in_the_next_run():
    twice = (*EVENTS, EVENTS[0])
    first = RememberedGroups()
    assert first(twice) == analysis.group_events(twice)
    second = through_json(first)
    assert second(twice) == analysis.group_events(twice)
    assert second.grouped_again == 0


@pytest.mark.parametrize(
    ("change", "dates_grouped"),
    [
        (lambda e: replace(e, text=e.text + " Again."), 1),
        (lambda e: replace(e, countries=("kazakhstan",)), 1),
        (lambda e: replace(e, date=PartialDate.parse("2015")), 0),  # two dates of one event each: nothing to compare
        (lambda e: replace(e, citation=replace(e.citation, source_id="a")), 1),
    ],
)
def test_a_date_is_grouped_again_when_what_grouping_reads_of_its_events_changed(change, dates_grouped):
    last = RememberedGroups()
    last(EVENTS)
    changed = (*EVENTS[:3], change(EVENTS[3]), *EVENTS[4:])
    found = through_json(last)
    assert found(changed) == analysis.group_events(changed)
    assert found.grouped_again == dates_grouped
    reordered = tuple(reversed(EVENTS))
    assert found(reordered) == analysis.group_events(reordered)


@pytest.mark.parametrize("places", [[[0, 1], [2]], [[0, 1, 2, 3, 4, 5, 5]], [[0, 1, 2], [3, 4, "5"]], [[]], "x", None])
def test_stored_groups_that_do_not_fit_the_list_are_not_trusted(places):
    last = RememberedGroups()
    last(EVENTS)
    stored = {key: places for key in last.stored_form()["groups"]}
    found = RememberedGroups({"groups": stored})
    assert found(EVENTS) == analysis.group_events(EVENTS)
    assert found.grouped_again == 3


WORDS = ["Kazakhstan", "Russia", "summit", "gas", "pipeline", "signed", "treaty", "language", "law", "protest"]


@pytest.mark.parametrize("seed", range(30))
def test_grouping_date_by_date_gives_the_groups_of_the_whole_list_in_its_order(seed):
    """Random lists: few dates and countries, so that events share both, with similar and repeated wordings, an
    event object twice; grouped fresh, then from the last run's groups after some events changed."""
    rng = random.Random(seed)

    def random_event(number):
        countries = rng.sample(["kazakhstan", "kyrgyzstan", "russia"], rng.randint(0, 2))
        text = " ".join(rng.choices(WORDS[:6], k=4) if rng.random() < 0.7 else rng.choices(WORDS, k=4))
        return event(rng.choice("abcd"), number, rng.choice(["2024", "2024-05", "2024-05-02", "2025"]), countries, text)

    events = [random_event(number) for number in range(rng.randint(1, 40))]
    events.append(rng.choice(events))
    first = RememberedGroups()
    assert first(tuple(events)) == analysis.group_events(tuple(events))
    for number in rng.sample(range(len(events)), min(3, len(events))):
        events[number] = random_event(100 + number)
    rng.shuffle(events)
    again = through_json(first)
    assert again(tuple(events)) == analysis.group_events(tuple(events))


def test_a_run_groups_again_only_the_lists_an_edit_changed(tmp_path, monkeypatch):
    root = copy_project(tmp_path / "project")
    generate(root, today=TODAY)
    calls: list[int] = []
    real = remembered_groups.group_events
    monkeypatch.setattr(remembered_groups, "group_events", lambda events: calls.append(len(events)) or real(events))
    edit(root, "content/sources/001_66304f5fa3b57f47.yml", "title: Central", "title: Edited, Central")
    generate(root, today=TODAY)
    assert calls == []  # a title is not read by grouping
    edit(root, "content/sources/000_c1a27e0ec5b1e4f9.yml", "Authorities in Osh", "Police in Osh")
    generate(root, today=TODAY)
    briefing, _ = build_model(Project.at(root), TODAY)
    lists = 1 + len(briefing.countries_in_use() + briefing.themes_in_use())
    # the edited event's date (two events) in the timeline's list, and in those of its terms that hold another
    assert 0 < len(calls) < lists and set(calls) == {2}
    fresh = copy_project(tmp_path / "fresh", root)
    generate(fresh, today=TODAY)
    assert tree_bytes(root / "build/docs") == tree_bytes(fresh / "build/docs")
