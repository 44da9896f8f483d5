"""Read a seed: bytes in, clean text with numbered paragraphs out.

Seeds are scraped pages. Reading decodes them, normalises Unicode and line
endings, recognises a leading ``date YYYY-MM-DD`` line, and strips boilerplate
(navigation, tickers, hashtags, comment notices, widget credits, pagers, a
repeated title), keeping republication notices as attribution. The file on disk
is never changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.inputs.datelines import is_headline, page_meta
from generator.inputs.furniture import furniture_reason
from generator.inputs.furniture_lists import LinkList, link_list_heading
from generator.inputs.furniture_widgets import widget_lines
from generator.inputs.page_meta import PageMeta
from generator.inputs.seed_bytes import collapse_spaces, decode_seed, normalise_text
from generator.inputs.seed_text import Paragraph, RemovedLine, SeedText
from generator.inputs.toplines import ends_unfinished, is_top_line, material_lines, site_name

HARD_WRAP_WIDTH = 100  # lines at most this long inside a block are a wrapped paragraph
TITLE_MAX_CHARS = 150
HEADING_MAX_WORDS = 10
SENTENCE_ENDS = (".", "!", "?", "…", ":", '"', "”", "’")


# (reason, pattern) for a whole stripped line; the first that matches names the reason. Page furniture
# (appeals, share bars, comment widgets, lists of links, polls, ...) is found first, by generator/inputs/furniture.py.
BOILERPLATE = [
    (
        "navigation",
        re.compile(r"^(press\s+[\"“”']?enter[\"“”']?\s+to\s+)?skip\s+to\s+(the\s+)?(main\s+)?content\.?$", re.I),
    ),
    ("navigation", re.compile(r"^(menu|main menu|toggle navigation|search|search for:|home)$", re.I)),
    ("pager", re.compile(r"^\d[\d,]*\s+(to|-|–)\s+\d[\d,]*\s+of\s+(about\s+)?\d[\d,]*(\s+results)?$", re.I)),
    ("ticker", re.compile(r"^(\$[A-Z][A-Z0-9.]{0,9}[\s,]*)+$")),
    ("hashtags", re.compile(r"^(#\w+[\s,]*)+$")),
    ("widget credit", re.compile(r"^.{0,80}\bpowered by\b.{0,80}$", re.I)),
    # Atomic items: "Home | News | … |" with a trailing bar otherwise backtracks for minutes.
    ("navigation menu", re.compile(r"^[^|•·]{1,30}(?>\s*[|•·]\s*[^|•·]{1,30}){3,}$")),
    ("copyright notice", re.compile(r"^(©|\(c\)|copyright\s*(©|\(c\)|\d{4})).{0,160}$|\ball rights reserved\b", re.I)),
    (
        "byline",
        re.compile(
            r"^[Bb]y\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}(\s*(,|and|&)\s*[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3})*$"
        ),
    ),
    (
        "dateline",
        re.compile(
            r"^((published|updated|posted)( on)?:?\s*)?(\w+day,?\s+)?(\d{1,2}\s+[A-Z][a-z]+,?\s+\d{4}"
            r"|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})([,\s]+\d{1,2}:\d{2}(\s*[AP]M)?)?(\s*\([^)]{1,40}\))?$",
            re.I,
        ),
    ),
    ("section label", re.compile(r"^[A-Z][A-Z&/ -]{1,29}$")),
]
RELATED_LINK_MAX_CHARS = 160
REPUBLICATION = re.compile(
    r"\b(this (article|story|piece) (was|is|has been) (originally )?(re)?published|republished (from|with permission)"
    r"|originally (published|appeared) (in|on|at))\b",
    re.I,
)
AUTHOR_BIO = re.compile(r"^[A-Z][\w.'’-]+(\s[A-Z][\w.'’-]+){1,3} is (an? |the )?[A-Z]")
TITLE_SUFFIX = re.compile(r"\s[–—|-]\s([^–—|-]{2,40})$")  # "Title – Site name"
LEADING_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")


def read_seed(data: bytes, encoding: str | None = None) -> SeedText:
    """The whole reading step: bytes of one seed to its clean text."""
    lines = normalise_text(decode_seed(data, encoding)).split("\n")
    date = _take_leading_date(lines)
    as_read = list(lines)  # the page's own top lines, before boilerplate is blanked, for its date and byline
    removed: list[RemovedLine] = []
    attribution = _take_attribution(lines, removed)
    _blank_boilerplate(lines, removed)
    title = _take_title(lines, removed)
    paragraphs, set_aside = _paragraphs(lines), tuple(sorted(removed, key=lambda r: r.line))
    meta = page_meta(as_read, paragraphs, set_aside, title, date)
    if _set_aside_top_material(as_read, lines, paragraphs, removed, meta):
        paragraphs, set_aside = _paragraphs(lines), tuple(sorted(removed, key=lambda r: r.line))
    return SeedText(paragraphs, title, date, attribution, set_aside, meta)


def _set_aside_top_material(
    as_read: list[str], lines: list[str], paragraphs: Iterable[Paragraph], removed: list[RemovedLine], meta: PageMeta
) -> bool:
    """A dateline or byline above the body that the page's date or author was read from is not a paragraph
    (generator/inputs/toplines.py); True if any line was set aside."""
    found = material_lines(as_read, lines, paragraphs, tuple(removed), meta)
    for number, reason in found:
        removed.append(RemovedLine(number, lines[number - 1].strip(), reason))
        lines[number - 1] = ""
    return bool(found)


def _take_leading_date(lines: list[str]) -> str | None:
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        match = LEADING_DATE.match(line)
        if not match:
            return None
        lines[index] = line[match.end() :]
        return match.group(1)
    return None


def _take_attribution(lines: list[str], removed: list[RemovedLine]) -> tuple[str, ...]:
    found: list[int] = []
    for index, line in enumerate(lines):
        if REPUBLICATION.search(line) and len(line) < 400:
            found.append(index)
            bio = _previous_non_blank(lines, index)
            if bio is not None and AUTHOR_BIO.match(lines[bio].strip()) and len(lines[bio]) < 300:
                found.append(bio)
    kept = []
    for index in sorted(set(found)):
        kept.append(collapse_spaces(lines[index]))
        removed.append(RemovedLine(index + 1, lines[index].strip(), "attribution"))
        lines[index] = ""
    return tuple(kept)


def _previous_non_blank(lines: list[str], index: int) -> int | None:
    for earlier in range(index - 1, -1, -1):
        if lines[earlier].strip():
            return earlier
    return None


def _blank_boilerplate(lines: list[str], removed: list[RemovedLine]) -> None:
    """Blank every line of page furniture; a list of links runs from its heading over the
    headline-like lines after it, and furniture among them does not end it."""
    widgets = widget_lines(lines)
    links: LinkList | None = None
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            links = None if links and links.inline else links  # "Related: A | B" ends with its paragraph
            continue
        reason = _boilerplate_reason(stripped) or widgets.get(index)
        heading = link_list_heading(stripped)
        if heading:
            reason, links = heading.reason, heading
        elif links and _looks_like_headline(stripped) and links.takes(stripped):
            reason = reason or links.reason
        elif reason is None:
            links = None
        if reason:
            removed.append(RemovedLine(index + 1, stripped, reason))
            lines[index] = ""


def _boilerplate_reason(line: str) -> str | None:
    return furniture_reason(line) or next((name for name, pattern in BOILERPLATE if pattern.search(line)), None)


def _looks_like_headline(line: str) -> bool:
    """A line in a list of links: short, not a finished sentence of body text."""
    return len(line) <= RELATED_LINK_MAX_CHARS and not line.endswith((".", ":", ";"))


def _title_key(text: str) -> str:
    return collapse_spaces(re.sub(r"[‐-―−-]", "-", text)).casefold()


def _take_title(lines: list[str], removed: list[RemovedLine]) -> str | None:
    """The first line is the title when a blank line follows it, when it is repeated (scraped pages often
    show it twice, once with the site's name), or when it is a headline over top lines: a site name, a
    dateline or a byline right below it (then a site name below it is set aside too)."""
    non_blank = [i for i, line in enumerate(lines) if line.strip()]
    if len(non_blank) < 2:
        return None
    first = collapse_spaces(lines[non_blank[0]])
    if len(first) > TITLE_MAX_CHARS or first.endswith((".", ",", ";", ":")):
        return None
    suffix = TITLE_SUFFIX.search(first)
    keys = {_title_key(first), _title_key(first[: suffix.start()] if suffix else first)}
    site = _title_key(suffix.group(1)) if suffix else None
    alone = non_blank[1] > non_blank[0] + 1  # else it may start a hard-wrapped paragraph
    over_top_lines = not alone and _heads_top_lines(first, lines[non_blank[1]])
    if not alone and not over_top_lines and not any(_title_key(lines[i]) in keys for i in non_blank[1:]):
        return None
    for index in non_blank:
        key = _title_key(lines[index])
        if key in keys or key == site:
            reason = "title" if index == non_blank[0] else "site name" if key == site else "repeated title"
            removed.append(RemovedLine(index + 1, lines[index].strip(), reason))
            lines[index] = ""
    below = non_blank[1]
    if over_top_lines and lines[below].strip() and site_name(lines[below]):
        removed.append(RemovedLine(below + 1, lines[below].strip(), "site name"))
        lines[below] = ""
    return first


def _heads_top_lines(first: str, below: str) -> bool:
    """A headline with a top line right under it; not the first line of a hard-wrapped paragraph, whose
    next line continues its sentence."""
    return is_headline(first) and not ends_unfinished(first) and is_top_line(below)


def _paragraphs(lines: list[str]) -> tuple[Paragraph, ...]:
    paragraphs: list[Paragraph] = []
    for block in _blocks(lines):
        for start, text in _split_block(block):
            paragraphs.append(Paragraph(len(paragraphs) + 1, text, start))
    return tuple(_mark_headings(paragraphs))


def _blocks(lines: list[str]) -> list[list[tuple[int, str]]]:
    blocks: list[list[tuple[int, str]]] = [[]]
    for index, line in enumerate(lines):
        if line.strip():
            blocks[-1].append((index + 1, line.strip()))
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _split_block(block: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Lines of a block are paragraphs of their own, unless the block is hard-wrapped:
    then a line that does not end a sentence continues on the next line."""
    wrapped = max(len(text) for _, text in block) <= HARD_WRAP_WIDTH
    paragraphs: list[tuple[int, list[str]]] = []
    for line, text in block:
        continues = paragraphs and wrapped and not paragraphs[-1][1][-1].endswith(SENTENCE_ENDS)
        if continues:
            paragraphs[-1][1].append(text)
        else:
            paragraphs.append((line, [text]))
    return [(line, collapse_spaces(" ".join(parts))) for line, parts in paragraphs]


def _mark_headings(paragraphs: list[Paragraph]) -> list[Paragraph]:
    marked = []
    for index, paragraph in enumerate(paragraphs):
        is_last = index == len(paragraphs) - 1
        short = len(paragraph.text.split()) <= HEADING_MAX_WORDS
        unfinished = not paragraph.text.endswith((".", "!", "…", ":", ";", ",", "”", '"'))
        heading = short and unfinished and not is_last
        marked.append(Paragraph(paragraph.number, paragraph.text, paragraph.line, heading))
    return marked


def strip_furniture(lines: list[str]) -> tuple[tuple[str, ...], list[RemovedLine]]:
    """The text seeds' furniture filter, for lines another reader extracted (generator/inputs/html_reader.py), so that
    both kinds of seed lose the same lines: republication notices become attribution and boilerplate is blanked,
    in place. A RemovedLine's line is the line's index in lines plus one."""
    removed: list[RemovedLine] = []
    attribution = _take_attribution(lines, removed)
    _blank_boilerplate(lines, removed)
    return attribution, removed
