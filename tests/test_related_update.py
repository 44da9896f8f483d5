"""Related sources kept between runs and found again only where they can change (derive/remembered_related.py) are
exactly those found from scratch, whatever sources land, change or leave; a small window makes most sources lie
outside the changes' reach, so that the lists kept are really used."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.derive.remembered_related import RememberedRelated
from generator.model.works import Kinship
from tests.test_analysis import briefing, source

WINDOW = 2
COUNTRIES = ("kazakhstan", "kyrgyzstan", "uzbekistan")
THEMES = ("soft-power", "security", "migration")
DATES = (None, "2020", "2021-03", "2021-03-05", "2022-11-30", "2023")

ENTRY = st.tuples(
    st.sampled_from(DATES),
    st.lists(st.sampled_from(COUNTRIES), max_size=2, unique=True),
    st.lists(st.sampled_from(THEMES), max_size=2, unique=True),
)
EDIT = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 10**6), ENTRY),
    st.tuples(st.just("remove"), st.integers(0, 10**6), ENTRY),
    st.tuples(st.just("change"), st.integers(0, 10**6), ENTRY),
    st.tuples(st.just("kin"), st.integers(0, 10**6), ENTRY),
)


def corpus(entries: dict[str, tuple]) -> tuple:
    return tuple(
        source(source_id, date=date, countries=tuple(countries), themes=tuple(themes))
        for source_id, (date, countries, themes) in sorted(entries.items())
    )


def apply(entries: dict[str, tuple], kin: dict[str, tuple], edit: tuple, number: int) -> None:
    kind, pick, entry = edit
    ids = sorted(entries)
    chosen = ids[pick % len(ids)] if ids else None
    if kind == "add" or chosen is None:
        entries[f"new-{number:03d}"] = entry
    elif kind == "remove" and len(ids) > 1:
        del entries[chosen]
        kin.pop(chosen, None)
        for source_id in list(kin):
            kin[source_id] = tuple(k for k in kin[source_id] if k.source_id != chosen)
    elif kind == "change":
        entries[chosen] = entry
    elif kind == "kin":
        other = ids[(pick // 7) % len(ids)]
        if other != chosen:
            kin[chosen] = (Kinship("summarises", other, 0.7),)


def found(related: dict) -> dict[str, list[str]]:
    return {source_id: [s.id for s in others] for source_id, others in related.items()}


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(st.text("abcdefgh", min_size=1, max_size=3), ENTRY, min_size=1, max_size=30),
    st.lists(st.lists(EDIT, min_size=1, max_size=4), min_size=1, max_size=4),
)
def test_lists_kept_and_found_again_equal_lists_found_from_scratch(start, runs):
    entries, kin = dict(start), {}
    last = RememberedRelated(window=WINDOW)
    last(briefing(*corpus(entries)), kin)
    number = 0
    for edits in runs:
        for edit in edits:
            apply(entries, kin, edit, number)
            number += 1
        stored = json.loads(json.dumps(last.stored_form()))  # as the pipeline keeps it between runs
        last = RememberedRelated(stored, window=WINDOW)
        kept = last(briefing(*corpus(entries)), kin)
        fresh = RememberedRelated(window=WINDOW)
        assert found(kept) == found(fresh(briefing(*corpus(entries)), kin))
        assert last.stored_form() == fresh.stored_form()


def test_a_new_source_has_only_the_lists_near_it_found_again():
    entries = {f"s{n:03d}": (f"20{10 + n % 12}", [COUNTRIES[n % 3]], [THEMES[n % 2]]) for n in range(200)}
    first = RememberedRelated(window=WINDOW)
    first(briefing(*corpus(entries)), {})
    assert first.found_again == 200
    entries["s999"] = ("2023", ["kazakhstan"], ["security"])
    again = RememberedRelated(json.loads(json.dumps(first.stored_form())), window=WINDOW)
    kept = again(briefing(*corpus(entries)), {})
    assert 1 < again.found_again <= 4 * (2 * WINDOW + 1)  # the newcomer, and those near it under its two terms
    assert found(kept) == found(RememberedRelated(window=WINDOW)(briefing(*corpus(entries)), {}))
