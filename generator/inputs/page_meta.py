"""What a page says about itself: title, byline, publisher, dates, address and language.

Found while reading (generator/inputs/reader.py for text, generator/inputs/html_reader.py for
scraped HTML), from the page's own lines and metadata, never guessed from the
article's body. Every field is None when the page does not say. Dates are text
to the precision the page states ("2025-11-24", "2023-07", "2023"), with where
they were found, so that a reader can be told how a date was known.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class PageMeta:
    title: str | None = None  # the article's headline, without a site-name suffix
    author: str | None = None  # a person's name in normal case ("Darya Nesterova")
    publisher: str | None = None  # the outlet, from a site line or page metadata; never a title suffix like "OpEd"
    published: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY: to the precision stated
    published_from: str | None = None  # where the date was found: "dateline", "byline", "issue line", "page metadata"
    updated: str | None = None  # as published
    url: str | None = None  # the canonical address, http(s) only
    language: str | None = None  # ISO 639-1 code of the article text ("en", "ru")

    def to_json(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value is not None}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> PageMeta:
        return cls(**(data or {}))


@dataclass(frozen=True)
class FoundDate:
    iso: str
    updated: bool  # said to be the date of an update ("Updated 5 June 2025", "Обновлено: ...")
    issue: bool = False  # a journal issue's year or season


@dataclass
class TopFacts:
    """What the top lines said so far; the first of each kind counts."""

    author: str | None = None
    published: str | None = None
    published_from: str | None = None
    updated: str | None = None
    site: str | None = None  # '24-kg.com news agency', 'Kun.uz'
    byline_outlet: str | None = None  # 'By Eurasianet'
    masthead: str | None = None  # 'Caspian Ledger', on a line next to the title

    def add_date(self, date: FoundDate, byline: bool) -> None:
        if date.updated:
            self.updated = self.updated or date.iso
        elif not self.published:
            self.published = date.iso
            self.published_from = "issue line" if date.issue else "byline" if byline else "dateline"
