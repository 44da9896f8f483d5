"""A page's fingerprint (generator/render/page_data.py) tells apart any two values a template could print
differently: the page cache would otherwise keep a stale page."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from markupsafe import Markup

from generator.model.entities import Citation, KeyPoint
from generator.render.page_data import Fingerprints, References


@dataclass(frozen=True)
class Shown:
    text: str
    count: int


DIFFERENT = [
    ("a&b", Markup("a&b")),  # printed escaped, and as it is
    (("ab", "c"), ("a", "bc")),
    (("a", "b"), ["a", "b"]),
    (1, 1.0),
    (1, True),
    (0, None),
    ("1", 1),
    ({"a": "b"}, {"b": "a"}),
    ({"ab": "c"}, {"a": "bc"}),
    ((("a",), "b"), ("a", ("b",))),
    (Shown("x", 1), Shown("x", 2)),
    (Shown("x", 1), ("x", 1)),
    (frozenset({"a"}), frozenset({"b"})),
    ("", ()),
]


@pytest.mark.parametrize(("first", "second"), DIFFERENT)
def test_different_values_have_different_fingerprints(first, second):
    assert Fingerprints().of(first) != Fingerprints().of(second)


def test_equal_values_have_the_same_fingerprint_in_any_run():
    value = {"rows": (Shown("x", 1), Markup("<b>y</b>")), "set": frozenset({"b", "a"}), "n": None}
    again = {"rows": (Shown("x", 1), Markup("<b>y</b>")), "set": frozenset({"a", "b"}), "n": None}
    assert Fingerprints().of(value) == Fingerprints().of(again)


def test_a_value_of_an_unknown_type_is_refused_not_digested_by_identity():
    with pytest.raises(TypeError, match="no fingerprint"):
        Fingerprints().of(object())


def test_references_remember_objects_that_hold_others_and_walk_flat_ones_again():
    """A flat object (a citation: plain fields only) is walked again rather than remembered, one in every claim of
    a big briefing; what it refers to is found either way."""
    references = References(briefing=None, works=None)  # walking values reads neither
    citation = Citation("001_a", 3, "a quote")
    point = KeyPoint("A point.", citation, ("kazakhstan",), ())
    values = {"points": [point, point], "cited": citation}
    for _ in range(2):
        assert references._walk(values) == (frozenset({"001_a"}), frozenset())
    assert [entry[0] for entry in references._memo.values()] == [point]
