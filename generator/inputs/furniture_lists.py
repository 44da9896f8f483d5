"""Lists of links on a scraped page: "Related", "Read also", "Most read" and the like, with the headline-like
lines after their heading (page furniture, like generator/inputs/furniture.py; used by the reader)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A heading line that starts a list of links: the lines after it that look like headlines go with it.
RELATED_HEADING = re.compile(
    r"^(related|related (articles|stories|posts|news|content|reading|coverage|topics)|read more|read next|read also|"
    r"also read|see also|more (on|about) (this|the) (story|topic|subject)|more from .{1,40}|more (stories|news"
    r"|articles)|"
    r"other news|you may also like|you might also like|recommended( for you| reading| stories)?|don[’']t miss|"
    r"editor[’']?s[’']? picks|читайте также|читайте (еще|ещё)|смотрите также|см\. также|по теме|новости по теме|"
    r"материалы по теме|(еще|ещё) по теме|другие новости|похожие (новости|материалы|статьи)|рекомендуем( прочитать)?|"
    r"вам (может быть|будет) интересно|выбор редакции|другие материалы( рубрики)?)\s*[:.]?$",
    re.I,
)
POPULAR_HEADING = re.compile(
    r"^(most (read|popular|viewed|shared|commented|discussed|emailed)( (stories|articles|news|this week|today|now))?|"
    r"trending( now| stories| news| topics)?|popular( now| today| stories| news| this week| articles)?|"
    r"top (stories|news|reads)|what[’']?s (hot|trending)|популярное|популярные (материалы|новости|статьи)|"
    r"самое (читаемое|популярное|обсуждаемое)|самые (читаемые|популярные|обсуждаемые)( материалы| новости)?|"
    r"сейчас читают|топ (новостей|материалов|недели)|в тренде)\s*[:.]?$",
    re.I,
)
# "Related: A | B", "Читайте также: …": a heading and its links on one (possibly hard-wrapped) line.
INLINE_RELATED = re.compile(
    r"^(?=.{1,300}$)(related|recommended|read (also|more|next)|also read|see also|читайте также|читайте (еще|ещё)|"
    r"смотрите также|по теме)\s*:\s*\S",
    re.I,
)


@dataclass
class LinkList:
    """An open list of links after a heading: which lines still belong to it."""

    reason: str
    inline: bool  # opened by "Related: A | B": only the rest of that paragraph belongs to it
    bulleted: bool | None = None  # set by the first item; later items must match it

    def takes(self, headline: str) -> bool:
        """Items of one list share their style: a bulleted list ends at the first line without a bullet."""
        bulleted = bool(LIST_MARKER.match(headline))
        if self.bulleted is None:
            self.bulleted = bulleted
        return bulleted == self.bulleted


LIST_MARKER = re.compile(r"^([-–—•*>»›▶►]+|\d{1,2}[.)])\s")


_ANY_LIST_HEADING = re.compile(
    rf"(?P<related>{RELATED_HEADING.pattern})|(?P<popular>{POPULAR_HEADING.pattern})|"
    rf"(?P<inline>{INLINE_RELATED.pattern})",
    re.I,
)


def link_list_heading(line: str) -> LinkList | None:
    """The list of links a line opens, if it is a heading of one (one match for all three kinds)."""
    match = _ANY_LIST_HEADING.match(line)
    if not match:
        return None
    return LinkList("most read list" if match.lastgroup == "popular" else "related links", match.lastgroup == "inline")
