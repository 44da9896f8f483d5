"""What a source page shows of its source beyond the fields: the text with the editors' corrections marked in
it, and the values the text does not state (inferred, or detected automatically)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from markupsafe import Markup

from generator.model.changes import newest_changes_first
from generator.model.detected import DETECTED_FIELDS
from generator.model.entities import Correction, Inference, Source
from generator.render import escape
from generator.render.dated import last_updated

WORDS_PER_MINUTE = 220  # a common estimate of adult silent reading speed


def source_text(source: Source) -> dict[str, Any]:
    """What a source page shows of the source beyond its fields: its text with corrections, its marks, its
    reading time, its corrections newest first, and when it was last updated."""
    source = replace(source, paragraphs=tuple(source.paragraphs))  # read once: they may be on disk (seed_text.py)
    return {
        "reading_time": reading_time(source),
        "changes": newest_changes_first(source.changes),
        "updated": last_updated([source]),
        "paragraphs": _paragraph_html(source),
        "inferred": {i.field: i for i in source.inferred},
        "inferences": _inferences(source),
        "guessed": _guessed(source),
        "outside_number": {o.id: n for n, o in enumerate(source.outside_sources, 1)},
    }


def _inferences(source: Source) -> list[tuple[str, Inference]]:
    """Every value of a source and of its events and figures that the text does not state, labelled for readers."""
    rows = [(inference.field, inference) for inference in source.inferred]
    rows += [(f"{i.field} of the event “{event.text}”", i) for event in source.events for i in event.inferred]
    rows += [(f"{i.field} of the figure “{figure.text}”", i) for figure in source.figures for i in figure.inferred]
    return rows


def _guessed(source: Source) -> dict[str, str]:
    """The fields detection guessed, in the order the page shows them, and a phrase that lists them."""
    fields = [field for field in DETECTED_FIELDS if field in source.guessed]
    phrase = ", ".join(fields[:-1]) + (" and " if len(fields) > 1 else "") + (fields[-1] if fields else "")
    return dict.fromkeys(fields, phrase)


def _paragraph_html(source: Source) -> list[tuple[int, Markup, bool, str]]:
    """Each paragraph escaped, with corrections shown as marked edits, and its text as it is (for the search's
    word forms): indexed on a page, paragraphs left on disk would each be read with all the others."""
    rendered = []
    for paragraph in source.paragraphs:
        fixes = [(n, c) for n, c in enumerate(source.corrections, 1) if c.paragraph == paragraph.number]
        rendered.append((paragraph.number, _with_corrections(paragraph.text, fixes), paragraph.heading, paragraph.text))
    return rendered


def _with_corrections(text: str, fixes: list[tuple[int, Correction]]) -> Markup:
    """Escape text, marking each correction's wrong words where its quote has them,
    with a numbered link to the editor's note."""
    spans = []
    for number, fix in fixes:
        start = text.find(fix.quote)
        at = text.find(fix.wrong, start) if start >= 0 else -1
        if at >= 0:
            spans.append((at, at + len(fix.wrong), number, fix))
    pieces, done = [], 0
    for start, end, number, fix in sorted(spans, key=lambda span: span[:2]):
        if start < done:
            continue  # overlaps an earlier correction; its note is still listed on the page
        pieces.append(escape.fragment(text[done:start]))
        pieces.append(
            Markup(
                f'<span class="correction" title="Editor: {escape.attribute(fix.note)}">'
                f"<del>{escape.fragment(fix.wrong)}</del> <ins>{escape.fragment(fix.right)}</ins>"
                f'<sup><a href="#correction-{number}" title="Editor&#39;s note {number}">{number}</a></sup></span>'
            )
        )
        done = end
    pieces.append(escape.fragment(text[done:]))
    return Markup("").join(pieces)


def reading_time(source: Source) -> str:
    """How long the source's cleaned text takes to read, as a source page says it: "6 min read"."""
    minutes = (source.word_count + WORDS_PER_MINUTE // 2) // WORDS_PER_MINUTE  # rounded half up
    return f"{max(1, minutes)} min read"
