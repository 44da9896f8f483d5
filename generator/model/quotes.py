"""Explaining a quote that is not in its text: the closest passage, or the only kind of difference.

Quotes stay exact (after collapsing spaces): a quote typed with straight quote
marks where the seed has curly ones is still an error, because the site links
and highlights the exact words. But the message then says that this is the only
difference and shows the seed's exact words to paste.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable

from generator.inputs.seed_bytes import collapse_spaces
from generator.inputs.seed_text import Paragraph

# Characters that editors' keyboards and editors' tools swap for one another; each kind is
# compared as one canonical character, and spaces (of every width, zero too) as none at all.
LOOKALIKES = {
    "quote marks": dict.fromkeys(map(ord, "‘’‚‛′ʼ`´"), "'") | dict.fromkeys(map(ord, "“”„‟″«»"), '"'),
    "dashes": dict.fromkeys(map(ord, "‐‑‒–—―−⁃"), "-"),
}
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
SPACES = "spaces"
KINDS = [*LOOKALIKES, SPACES]


def _lookalike_passage(wanted: str, paragraphs: tuple[Paragraph, ...]) -> tuple[list[str], str] | None:
    """The kinds of character in which a quote differs from a passage, and that passage, if that is all."""
    folded = _fold(wanted, KINDS)[0]
    if not folded:
        return None
    for paragraph in paragraphs:
        text, origins = _fold(paragraph.text, KINDS)
        start = text.find(folded)
        if start >= 0:
            passage = paragraph.text[origins[start] : origins[start + len(folded) - 1] + 1]
            return _differing_kinds(wanted, passage), passage
    return None


def _differing_kinds(quote: str, passage: str) -> list[str]:
    """The kinds in which two texts differ that are alike once every kind is folded."""
    differing = []
    for kind in KINDS:
        others = [other for other in KINDS if other != kind]
        if _fold(quote, others)[0] != _fold(passage, others)[0]:
            differing.append(kind)
    return differing


def _fold(text: str, kinds: list[str]) -> tuple[str, list[int]]:
    """text with the given kinds of character made alike, and where each character came from."""
    folded, origins = [], []
    for index, char in enumerate(text):
        if SPACES in kinds and (char.isspace() or char in INVISIBLE):
            continue
        for kind in kinds:
            char = LOOKALIKES.get(kind, {}).get(ord(char), char)
        folded.append(char)
        origins.append(index)
    return "".join(folded), origins


def paragraph_with(quote: str, paragraphs: Iterable[Paragraph]) -> Paragraph | None:
    """The first paragraph holding the quote, spaces collapsed as in the seed's text; None for none (or no quote).
    The one rule by which a quote cites a paragraph."""
    wanted = collapse_spaces(quote)
    return next((p for p in paragraphs if p.text and wanted in p.text), None) if wanted else None


def lookalike_problem(wanted: str, paragraphs: tuple[Paragraph, ...], text_name: str) -> tuple[str, str] | None:
    """Message and hint for a quote that differs from text_name only in quote marks, dashes or spaces."""
    found = _lookalike_passage(wanted, paragraphs)
    if found is None:
        return None
    kinds, passage = found
    named = " and ".join(kinds) if len(kinds) < 3 else f"{kinds[0]}, {kinds[1]} and {kinds[2]}"
    # As a JSON string the passage is also a YAML double-quoted value, ready to paste.
    return (
        f"the quote differs from {text_name} only in its {named}",
        f"quotes stay exact; paste the seed's text: {json.dumps(passage, ensure_ascii=False)}",
    )


def closest_passage(quote: str, paragraphs: tuple[Paragraph, ...]) -> str:
    """The stretch of text most like a quote that was not found, for the hint."""
    best = (0, "", 0)
    for paragraph in paragraphs:
        matcher = difflib.SequenceMatcher(None, quote, paragraph.text, autojunk=False)
        match = matcher.find_longest_match(0, len(quote), 0, len(paragraph.text))
        if match.size > best[0]:
            start = _word_start(paragraph.text, max(0, match.b - match.a))
            best = (match.size, paragraph.text[start : start + len(quote)], paragraph.number)
    if not best[0]:
        return "nothing similar found; copy the words from the seed"
    return f'closest passage, paragraph {best[2]}: "{best[1]}"'


def _word_start(text: str, index: int) -> int:
    while 0 < index < len(text) and not text[index - 1].isspace():
        index -= 1
    return index
