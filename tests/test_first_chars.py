"""The characters a pattern can open with (generator/inputs/first_chars.py), which decide the furniture rules a line
is tried against: a key left out would let furniture through, so each construct is checked."""

from __future__ import annotations

import pytest

from generator.inputs.first_chars import char_key, opening


@pytest.mark.parametrize(("pattern", "keys"), [
    ("subscribe|Donate", {"s", "d"}),
    ("(please )?support", {"p", "s"}),
    ("Подпишитесь", {"п"}),
    (r"[\[(]?ad", {"[", "(", "a"}),
    (r"\d{1,2}:\d{2}", {"0"}),
    (r"(?!.*\bsaid\b)(our mission|we are)", {"o", "w"}),
    (r"(?-i:[A-C])\w+", {"a", "b", "c"}),
    (r"(?>x|y)z", {"x", "y"}),
])
def test_the_opening_characters_of_a_pattern(pattern, keys):
    assert opening(pattern).keys == frozenset(keys)


@pytest.mark.parametrize("pattern", [r"\w+ is", r".{0,3}x", r"[^a]b", r"a?", r"(x|)", r"\s*ad", "[\u0000-\uffff]"])
def test_a_pattern_that_can_open_with_anything_has_no_keys(pattern):
    assert opening(pattern).keys is None


def test_a_character_keys_as_case_insensitive_matching_folds_it():
    assert char_key("S") == char_key("s") == "s"
    assert char_key("П") == "п"
    assert char_key("7") == "0"
    assert char_key("«") == "«"
    for unusual in ["ſ", "\u212a", "٣", "İ"]:  # long s, Kelvin sign, Arabic-Indic three, dotted capital I
        assert char_key(unusual) is None


@pytest.mark.parametrize(("pattern", "shortest"), [("subscribe", 9), ("(please )?support", 7), (r"\d{1,2}:\d{2}", 4),
                                                 ("a|bc", 1), (r"(?!x)y\s*", 1)])
def test_the_shortest_match_of_a_pattern(pattern, shortest):
    assert opening(pattern).shortest == shortest
