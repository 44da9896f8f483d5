"""The short lines between a text seed's headline and its body: which lines they are, and which are only
dateline or byline material that the reader sets aside once generator/inputs/datelines.py has read them.

A scraped page often runs its headline, site name, menu, dateline and byline together with no blank line
between them. The reader takes the first line for the title when the line below it is such a top line
(is_top_line), and drops a top line that is nothing but a date, a time, a place, a section label, an agency
code and a byline (top_material) when the page's date or author was read from it. A line that also carries
a sentence of body text ('BISHKEK -- With troops almost ready ...') is never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.inputs.bylines import byline_outlet, masthead, name_tokens, person_name, site_line, standalone_name
from generator.inputs.datelines import (
    BY,
    LABEL,
    LABEL_INSIDE,
    LOWER_CASE_WORD,
    PROSE_MIN_LOWER_CASE_WORDS,
    SEPARATOR,
    is_furniture,
    only_top_words,
    read_line,
    top_lines,
)
from generator.inputs.page_meta import PageMeta, TopFacts
from generator.inputs.seed_text import Paragraph, RemovedLine
from generator.inputs.written_dates import TIME, date_spans

TOP_LINE_MAX_CHARS = 120
# A headline does not end on these words; a hard-wrapped sentence often breaks after them.
UNFINISHED_ENDINGS = frozenset(
    "a an the of in on at to for from with by and or but that as is are was were "
    "в во на с со по о об для из от к ко и а но что как у за до при".split()
)


def is_top_line(text: str) -> bool:
    """A site line, masthead, menu, section label, dateline or byline: what a page sets under its headline."""
    text = " ".join(text.split())
    if not text or len(text) > TOP_LINE_MAX_CHARS or text[0].islower():
        return False
    if len(LOWER_CASE_WORD.findall(text)) >= PROSE_MIN_LOWER_CASE_WORDS:
        return False  # a sentence, even a short one, is body text or a deck
    if is_furniture(text) or standalone_name(text) or top_material(text):
        return True
    return any(site_name(segment) for segment in SEPARATOR.split(text)[0::2])  # 'Bishkek Dispatch — Media & Rights'


def ends_unfinished(line: str) -> bool:
    """A first line that stops on an article or preposition is half a wrapped sentence, not a headline."""
    words = line.split()
    return bool(words) and words[-1].casefold() in UNFINISHED_ENDINGS


def site_name(text: str) -> str | None:
    """A line that is only the outlet's name: 'The Times of Central Asia', 'Газета.uz', '24-kg.com news agency'."""
    text = " ".join(text.split())
    return site_line(text) or masthead(text)


def top_material(line: str) -> str | None:
    """'dateline' or 'byline' when every part of the line is dateline or byline material (dates, times,
    places, section labels, agency codes, 'By ...', 'Автор: ...', a name in capitals), else None."""
    segments = [segment.strip() for segment in SEPARATOR.split(" ".join(line.split()))[0::2]]
    kinds = [_segment_kind(segment) for segment in segments if segment]
    if not kinds or None in kinds:
        return None
    return "dateline" if "dateline" in kinds else "byline" if "byline" in kinds else None


def _segment_kind(segment: str) -> str | None:
    """'dateline', 'byline' or 'label' for a segment of pure top material; None for anything else."""
    spans = date_spans(segment)
    rest = segment
    for start, end, _ in reversed(spans):
        rest = rest[:start] + " " + rest[end:]
    rest = " ".join(TIME.sub(" ", rest).split())
    timed = rest != " ".join(segment.split()) and not spans  # a time alone, as '11:20'
    named, rest = _without_names(rest)
    if not only_top_words(rest):
        return None
    return "dateline" if spans or timed else "byline" if named else "label"


def _without_names(text: str) -> tuple[bool, str]:
    """(True, the text before them) if the text ends with a byline's names: 'By X', 'Автор: X', 'X Y'."""
    for pattern in (BY, LABEL, LABEL_INSIDE):
        if found := pattern.search(text):
            names = name_tokens(text[found.end() :])
            after = text[found.end() + len(names) :].strip(" .,;")
            if names and (person_name(names) or byline_outlet(names)) and not after:
                return True, text[: found.start()]
            return False, text
    if standalone_name(text) or (person_name(text) and _capitalised_surname(text)):
        return True, ""
    return False, text


def _capitalised_surname(text: str) -> bool:
    return bool(re.search(r"(?<!\w)[A-ZА-ЯЁ]{2,}(?!\w)", text))  # 'Darya NESTEROVA': an agency's byline


def material_lines(
    as_read: list[str],
    lines: list[str],
    paragraphs: Iterable[Paragraph],
    removed: Iterable[RemovedLine],
    meta: PageMeta,
) -> list[tuple[int, str]]:
    """(line number, 'dateline', 'byline' or 'site name') of the top lines still in `lines` that are pure dateline
    or byline material and gave the page its date, update date, author or byline outlet, or that are only the
    site's name the page's publisher was read from."""
    zone, _ = top_lines(as_read, paragraphs, removed)
    found = []
    for number, text in zone:
        if not lines[number - 1].strip():
            continue
        if meta.publisher and site_name(text) == meta.publisher:
            found.append((number, "site name"))  # the page's publisher, read from this line alone
            continue
        if not (kind := top_material(text)):
            continue
        facts = TopFacts()
        read_line(text, facts, near_title=False)
        dates = {facts.published, facts.updated} - {None}
        if (
            dates & {meta.published, meta.updated}
            or (facts.author and facts.author == meta.author)
            or (facts.byline_outlet and facts.byline_outlet == meta.publisher)
        ):
            found.append((number, kind))
    return found
