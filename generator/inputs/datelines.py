"""What a text seed says about itself: its date, byline, publisher and headline.

Read only from the page's top: the short lines above the first paragraph of
body text (title, site line, byline, dateline, which the reader may already
have set aside), and the reader's leading ``date YYYY-MM-DD`` line. A date in
the body is an event's, not the page's ("On 24 February 2022 Russia invaded"),
so it is never looked at. Dates are kept to the precision the page states:
"March 2024" is 2024-03, "Spring/Summer 2023" is 2023, never a guessed day.

Spans that look like dates are found and read by generator/inputs/written_dates.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from generator.inputs.bylines import (
    byline_outlet,
    is_genre,
    is_place,
    masthead,
    name_tokens,
    name_with_role,
    person_name,
    site_line,
    standalone_name,
    title_parts,
)
from generator.inputs.page_meta import FoundDate, PageMeta, TopFacts
from generator.inputs.seed_text import Paragraph, RemovedLine
from generator.inputs.written_dates import TIME, DateReading, date_spans

ZONE_MAX_LINES = 15
ZONE_LINE_MAX_CHARS = 200
BODY_MIN_WORDS = 12  # a paragraph this long that ends a sentence starts the body
BODY_ANY_WORDS = 40
SKIPPED_REASONS = ("title", "repeated title", "attribution", "related links")
SENTENCE_END = (".", "!", "?", "…", '"', "”", "»")
PROSE_MIN_LOWER_CASE_WORDS = 6  # a line of a sentence; a dateline or a site line has fewer
LOWER_CASE_WORD = re.compile(r"(?<!\w)[a-zа-яё][\w'’-]*")
HEADLINE_MIN_WORDS = 4
MENU = re.compile(r"\|.*\||\s{3,}")
NAVIGATION_WORDS = frozenset(
    "menu search sign log in out login logout subscribe register account contact about donate "
    "home skip to content main".split()
)
BREADCRUMB = re.compile(r"\s[>»▾›]\s?|▾")
LISTING_DATELINE_MAX_CHARS = 60
LISTING_MAX_LINES = 400  # teasers come early on a listing page; a huge seed is not read to its end for them
TOP_MAX_LINES = 100

SEPARATOR = re.compile(r"(\s+(?:[|•·]|--|[–—-])\s+|\s*\|\s*|\s{3,})")
UPDATED = re.compile(  # 'Updated 5 June', 'обновлено: 12:40 10.10.2022'
    r"(?:updated|modified|обновлено|обновлен[аo]?|изменено)\W*(?:on\W*)?(?:\d{1,2}[:.]\d{2}\W*)?$", re.I
)
BY = re.compile(r"(?:^|(?<=\s))(?:written by|reporting by|words by|text by|posted by|by)\s+", re.I)
LABEL = re.compile(r"^(?:authors?|words|text|автор|авторы|текст|автор материала)\s*:\s*", re.I)
LABEL_INSIDE = re.compile(r"(?<!\w)(?:authors?|words|автор|авторы|текст)\s*:\s*", re.I)  # '4 min read Words: X'
# Lower-case words a dateline may have around its date; any other marks a sentence of body text.
DATELINE_WORDS = frozenset(
    """
on in at by and of the published posted updated last first modified date dated min mins minute minutes read
reading time views view comments comment words from local gmt utc am pm a.m. p.m. issue no vol edition
в и от опубликовано обновлено изменено дата публикации публикация мин минут минуты чтения просмотров
просмотры просмотра комментариев комментарии г года гг выпуск номер время
""".split()
)
DATELINE_MAX_WORDS = 6
# Words a line of pure dateline or byline material may have besides dates, times, places, labels and names.
TOP_WORDS = DATELINE_WORDS | frozenset("category section filed under рубрика раздел категория".split())
AGENCY_CODE = re.compile(r"\((?:[^\W\d_][\w.-]{1,20})\)")  # 'ASHGABAT (TCA)', 'Bishkek (Kabar)'


def page_meta(
    lines: list[str],
    paragraphs: Iterable[Paragraph],
    removed: Sequence[RemovedLine],
    title: str | None,
    leading_date: str | None,
) -> PageMeta:
    """PageMeta of a text seed: `lines` as read (before boilerplate was blanked), the reader's paragraphs,
    removed lines and title, and the date of a leading `date YYYY-MM-DD` line."""
    zone, end = top_lines(lines, paragraphs, removed)
    title_line = next((r.line for r in removed if r.reason == "title"), zone[0][0] if zone else 0)
    headline, title_outlet = title_parts(title, tuple(text for _, text in zone))
    facts = TopFacts()
    if headline and is_furniture(headline):  # the reader took a masthead, a menu or a section for the title
        facts.masthead = masthead(headline) or site_line(headline)
        headline = next((text for number, text in zone if number > title_line and is_headline(text)), None)
    for position, (number, text) in enumerate(zone):
        before = zone[position - 1][0] if position else 0
        read_line(text, facts, near_title=number < title_line or before <= title_line)
    if facts.published and _is_listing(lines, end, removed):
        facts.published = facts.published_from = facts.updated = None  # a teaser's date, not the page's
    return PageMeta(
        title=headline,
        author=facts.author,
        publisher=facts.site or title_outlet or facts.byline_outlet or facts.masthead,
        published=leading_date or facts.published,
        published_from="dateline" if leading_date else facts.published_from,
        updated=facts.updated,
    )


def top_lines(
    lines: list[str], paragraphs: Iterable[Paragraph], removed: Iterable[RemovedLine]
) -> tuple[list[tuple[int, str]], int]:
    """(line number, text) of the short lines above the first line of body text, but the title; and the
    number of that first line."""
    end = _first_body_line(lines, paragraphs)
    skipped = {r.line for r in removed if r.reason in SKIPPED_REASONS}
    zone = []
    for number, line in enumerate(lines[: end - 1], start=1):
        text = " ".join(line.split())
        if text and number not in skipped and len(text) <= ZONE_LINE_MAX_CHARS and not _is_caption(text):
            zone.append((number, text))
            if len(zone) == ZONE_MAX_LINES:
                break
    return zone, end


def _first_body_line(lines: list[str], paragraphs: Iterable[Paragraph]) -> int:
    """The first line of prose in the first paragraph of body text. A hard-wrapped block can join a site line
    and a dateline to the sentences below them; those lines stay above the body."""
    for paragraph in paragraphs:
        if paragraph.line > TOP_MAX_LINES:
            break  # a page whose body starts no higher has no top lines worth reading; nor are all of its lines read
        if not _is_body(paragraph.text):
            continue
        for number in range(paragraph.line, len(lines) + 1):
            if not lines[number - 1].strip():
                break
            if len(LOWER_CASE_WORD.findall(lines[number - 1])) >= PROSE_MIN_LOWER_CASE_WORDS:
                return number
        return paragraph.line
    return min(len(lines), TOP_MAX_LINES) + 1


def is_headline(text: str) -> bool:
    """Not a masthead, a menu, a breadcrumb trail or a section label; not a dateline or a byline."""
    words = text.split()
    if len(words) < HEADLINE_MIN_WORDS or text.isupper() or SEPARATOR.search(text) or is_furniture(text):
        return False
    if _dateline_spans(text)[0] or BY.match(text) or LABEL.match(text):
        return False
    return not standalone_name(text)


def is_furniture(title: str) -> bool:
    if MENU.search(title) or BREADCRUMB.search(title) or masthead(title) or site_line(title):
        return True
    if all(word.casefold() in NAVIGATION_WORDS for word in title.split()):
        return True
    return all(is_genre(part) or all(is_place(word) for word in part.split()) for part in SEPARATOR.split(title)[0::2])


def only_top_words(text: str) -> bool:
    """Nothing but dateline words, numbers, places, section labels and agency codes ('ASHGABAT (TCA)',
    '4 min read', 'Category: Politics / South Caucasus'): no word of a sentence or of a name."""
    pieces = re.split(r"[/,;]", AGENCY_CODE.sub(" ", text))
    parts = [_words_left(piece) for piece in pieces]
    if all(not left or is_place(" ".join(left)) for left in parts):
        return True
    # 'Minsk / Vilnius': beside a city the datelines know, a capitalised word or two is a city too.
    known = any(is_place(piece.strip()) for piece in pieces)
    return known and all(len(left) <= 2 and all(word[0].isupper() for word in left) for left in parts)


def _words_left(text: str) -> list[str]:
    """The words of a dateline part that are not dateline words, capitals, labels or places."""
    words = re.findall(r"[^\W\d_][\w.'’-]*", text)
    return [
        word
        for word in words
        if word.casefold().rstrip(".") not in TOP_WORDS
        and word.casefold() not in TOP_WORDS
        and not (word.isupper() and len(word) > 1)
        and not is_genre(word)
        and not is_place(word)
    ]


def _label_after_top_words(text: str) -> re.Match[str] | None:
    """'Общество Автор: Дилноза АХМЕДОВА': a label after a section name or reading time, not inside a sentence."""
    label = LABEL_INSIDE.search(text)
    return label if label and only_top_words(text[: label.start()]) else None


def _is_body(text: str) -> bool:
    words = len(text.split())
    return words >= BODY_ANY_WORDS or (words >= BODY_MIN_WORDS and text.endswith(SENTENCE_END))


def _is_caption(text: str) -> bool:
    return text.startswith("[") and text.endswith("]")


def _is_listing(lines: list[str], end: int, removed: Iterable[RemovedLine]) -> bool:
    """A page of teasers repeats its dateline under every headline: then no date is the page's own."""
    skipped = {r.line for r in removed}
    later = [
        line.strip()
        for number, line in enumerate(lines[end - 1 : end - 1 + LISTING_MAX_LINES], start=end)
        if number not in skipped and 0 < len(line.strip()) <= LISTING_DATELINE_MAX_CHARS
    ]
    return sum(bool(_dateline_spans(SEPARATOR.split(line)[0])[0]) for line in later) >= 2


def read_line(line: str, facts: TopFacts, near_title: bool) -> None:
    """Dates, author and outlet of one top line, read segment by segment ('By X | 4 June 2025 | Analysis')."""
    pieces = SEPARATOR.split(line)
    segments, separators = pieces[0::2], ["", *pieces[1::2]]
    dates: list[FoundDate] = []
    byline, after_date = False, False
    for segment, separator in zip(segments, separators, strict=False):
        segment = segment.strip(" ()[]")
        found, rest = _dates_in(segment, wanted=not (facts.published and facts.updated))
        is_byline = _names_in(rest, segment, facts, near_title)
        if after_date and not found and not is_byline and separator.strip() in ("--", "–", "—", "-"):
            author = person_name(segment)  # 'June 24, 2024 -- Aigerim Nurlanqyzy'
            facts.author, is_byline = facts.author or author, bool(author)
        dates += found
        byline = byline or is_byline
        after_date = bool(found)
    for date in dates:
        facts.add_date(date, byline)


def _dates_in(segment: str, wanted: bool = True) -> tuple[list[FoundDate], str]:
    """The dates of a dateline segment (read only if `wanted`), and the segment without them."""
    spans, rest = _dateline_spans(segment)
    found = []
    for start, _, read in spans if wanted else ():
        if iso := read():  # dateparser runs only here, on a dateline's few spans
            found.append(FoundDate(iso, bool(UPDATED.search(segment[max(0, start - 20) : start])), read.issue))
    return found, rest


def _dateline_spans(segment: str) -> tuple[list[tuple[int, int, DateReading]], str]:
    """The spans of a segment that look like dates, if the segment is a dateline, and the segment without them;
    no span from a sentence of body text."""
    spans = date_spans(segment)
    rest = segment
    for start, end, _ in reversed(spans):
        rest = rest[:start] + " " + rest[end:]
    return (spans, rest) if spans and _is_dateline(TIME.sub(" ", rest)) else ([], segment)


def _is_dateline(rest: str) -> bool:
    """What is left around a date: a few words of a dateline or byline, not a sentence."""
    if by := BY.search(rest):  # the byline's names, or a user name ('Posted by tolgonai_k'), are not checked
        after = rest[by.end() :].split()
        named = len(name_tokens(" ".join(after)).split()) or min(1, len(after))
        rest = rest[: by.start()] + " " + " ".join(after[named:])
    words = re.findall(r"[^\W\d_][\w.'’-]*", rest)
    lowercase = [
        w
        for w in words
        if w[0].islower() and w.casefold().rstrip(".") not in DATELINE_WORDS and w.casefold() not in DATELINE_WORDS
    ]
    return not lowercase and len(words) <= DATELINE_MAX_WORDS


def _names_in(rest: str, segment: str, facts: TopFacts, near_title: bool) -> bool:
    """Take the author or outlet a segment names once its dates are out; True if it is a byline."""
    text = " ".join(rest.split())
    if label := LABEL.match(text) or _label_after_top_words(text):
        facts.author = facts.author or person_name(name_tokens(text[label.end() :]))
        return True
    if by := BY.search(text):
        names = name_tokens(text[by.end() :])
        posted = text[: by.start()].strip(" :").casefold().endswith("posted")
        if len(names.split()) == 1 and not posted:  # 'By Eurasianet September 8, 2022'
            facts.byline_outlet = facts.byline_outlet or byline_outlet(names)
        else:
            facts.author = facts.author or person_name(names)
        return True
    if text != " ".join(segment.split()):
        return False  # a dateline's leftovers ('Published:') name nobody
    author = standalone_name(text) or name_with_role(text)
    facts.author = facts.author or author
    facts.site = facts.site or site_line(text)
    if near_title:
        facts.masthead = facts.masthead or masthead(text)
    return bool(author)
