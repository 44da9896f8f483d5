"""Numbers as a text states them: value, bound ("more than", "about") and how a reader sees them.

`stated_numbers` finds every number in a sentence, in digits or in words ("fifty",
"ten million", "70 percent", "sevenfold", "half"), with the qualifier in front of
it. The figure rule (generator/model/figure_text.py) compares them with a figure's value
and bound, so that "more than fifty" is never shown as "about 50".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BOUNDS = ("exact", "about", "more-than", "at-least", "fewer-than", "up-to")
BOUND_WORDS = {
    "exact": "",
    "about": "about",
    "more-than": "more than",
    "at-least": "at least",
    "fewer-than": "fewer than",
    "up-to": "up to",
}
UNIT_SUFFIX = {"percent": "%", "times": "×", "count": "", "people": "", "usd": " USD"}

# Words in front of a number that qualify it; longer phrases first, so "no more than" is not "more than".
QUALIFIERS = sorted(
    [
        ("no more than", "up-to"),
        ("not more than", "up-to"),
        ("up to", "up-to"),
        ("at most", "up-to"),
        ("a maximum of", "up-to"),
        ("no fewer than", "at-least"),
        ("no less than", "at-least"),
        ("at least", "at-least"),
        ("a minimum of", "at-least"),
        ("more than", "more-than"),
        ("over", "more-than"),
        ("above", "more-than"),
        ("in excess of", "more-than"),
        ("upwards of", "more-than"),
        ("fewer than", "fewer-than"),
        ("less than", "fewer-than"),
        ("under", "fewer-than"),
        ("below", "fewer-than"),
        ("about", "about"),
        ("around", "about"),
        ("approximately", "about"),
        ("roughly", "about"),
        ("an estimated", "about"),
        ("estimated", "about"),
        ("some", "about"),
        ("nearly", "about"),
        ("almost", "about"),
        ("close to", "about"),
        ("circa", "about"),
        ("approx.", "about"),
        ("~", "about"),
    ],
    key=lambda pair: -len(pair[0]),
)

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}
FOLD = {
    "twofold": 2,
    "threefold": 3,
    "fourfold": 4,
    "fivefold": 5,
    "sixfold": 6,
    "sevenfold": 7,
    "eightfold": 8,
    "ninefold": 9,
    "tenfold": 10,
    "hundredfold": 100,
}
FRACTIONS = {
    "half": 0.5,
    "a third": 1 / 3,
    "one third": 1 / 3,
    "a quarter": 0.25,
    "one quarter": 0.25,
    "two thirds": 2 / 3,
    "three quarters": 0.75,
}
# A number followed by one of these is a length of time ("ten months"), not a value.
DURATION = re.compile(r"\s*-?(days?|weeks?|months?|quarters?|years?|decades?|centuries)\b", re.IGNORECASE)
PERCENT = re.compile(r"\s*(%|percent\b|per cent\b|percentage points?\b)", re.IGNORECASE)
TIMES = re.compile(r"\s*(-?fold\b|times\b)", re.IGNORECASE)

_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
NUMBER = re.compile(
    r"(?<![\w.])(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<short>k|mn|m|bn)\b|\s+(?P<scale>hundred|thousand|million|billion|trillion)\b)?"
    rf"|\b(?P<words>(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*)\b"
    rf"|\b(?P<fold>{'|'.join(FOLD)})\b"
    rf"|\b(?P<fraction>{'|'.join(sorted(FRACTIONS, key=len, reverse=True))})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Stated:
    """One number in a text: its value, the bound its qualifier gives, and the words that say it."""

    value: float
    bound: str
    words: str  # qualifier and number as written, e.g. "more than fifty"
    number: str  # the number alone as written, e.g. "fifty"
    unit: str = ""  # "percent", "times" or "fraction" when the text says so
    kind: str = "value"  # "value", "year" or "duration"


def stated_numbers(text: str) -> list[Stated]:
    """Every number the text states, in order."""
    found = []
    for match in NUMBER.finditer(text):
        value, unit = _value(match)
        if value is None:
            continue
        rest = text[match.end() :]
        if PERCENT.match(rest):
            unit = "percent"
        elif TIMES.match(rest) and unit != "times":
            unit = "times"
        kind = "value"
        if DURATION.match(rest):
            kind = "duration"
        elif (
            match["digits"]
            and not unit
            and not match["short"]
            and not match["scale"]
            and re.fullmatch(r"(1[89]|20)\d\d", match["digits"])
        ):
            kind = "year"
        bound, qualifier = _qualifier(text[: match.start()])
        found.append(Stated(value, bound, f"{qualifier} {match[0]}".strip(), match[0], unit, kind))
    return found


def _value(match: re.Match) -> tuple[float | None, str]:
    if match["digits"]:
        number = float(match["digits"].replace(",", ""))
        scale = SCALES.get((match["scale"] or "").lower()) or SHORT_SCALES.get((match["short"] or "").lower(), 1)
        return number * scale, ""
    if match["fold"]:
        return float(FOLD[match["fold"].lower()]), "times"
    if match["fraction"]:
        return FRACTIONS[match["fraction"].lower()], "fraction"
    return words_to_number(match["words"]), ""


def words_to_number(words: str) -> float | None:
    """ "fifty" → 50, "ten million" → 10000000, "two hundred and twelve" → 212; None if not a number."""
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s-]+", words.lower()):
        if word == "and":
            continue
        if word in UNITS or word in TENS:
            current += UNITS.get(word, TENS.get(word, 0))
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def _qualifier(before: str) -> tuple[str, str]:
    """The bound given by the words just before a number, and those words."""
    tail = before.rstrip().lower()
    for phrase, bound in QUALIFIERS:
        if tail.endswith(phrase) and (len(tail) == len(phrase) or not tail[-len(phrase) - 1].isalnum()):
            return bound, before.rstrip()[-len(phrase) :]
    return "exact", ""


def matches(stated: Stated, value: float, unit: str) -> bool:
    """Whether a stated number is the figure's value in its unit ("half" is 50 percent)."""
    if stated.kind != "value":
        return False
    number = stated.value * 100 if stated.unit == "fraction" and unit == "percent" else stated.value
    return abs(number - value) <= 1e-9 * max(abs(value), 1)


def format_value(value: float, bound: str, unit: str) -> str:
    """The value as readers see it, with its bound: "more than 50", "about 10,000,000", "45%"."""
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return f"{BOUND_WORDS[bound]} {number}{UNIT_SUFFIX.get(unit, '')}".strip()
