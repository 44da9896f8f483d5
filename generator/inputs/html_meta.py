"""What a scraped HTML page says about itself, as a PageMeta.

Only what the page states is taken: its Open Graph and JSON-LD metadata, its
<title>, <html lang> and dates its metadata or markup gives (found by
trafilatura and htmldate, libraries made for this). A field the page does not
state stays None: no publisher from a title suffix or a host name, no date from
the running text (a "most read" list names other articles' dates).
"""

from __future__ import annotations

import logging
import re
from typing import TypedDict
from urllib.parse import urlsplit

import htmldate
from lxml.html import HtmlElement
from trafilatura.metadata import extract_metadata

from generator.inputs.page_meta import PageMeta

for _library in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_library).addHandler(logging.NullHandler())  # their warnings are not the editor's problems

FROM_METADATA = "page metadata"


class _DateSearch(TypedDict):
    """Keyword arguments of htmldate.find_date, typed so that they can be passed as **DATE_SEARCH."""

    extensive_search: bool
    deferred_url_extractor: bool


# what markup states, not running text
DATE_SEARCH: _DateSearch = {"extensive_search": False, "deferred_url_extractor": True}
TITLE_SEPARATOR = re.compile(r"\s+[|–—:·-]\s+")
HOST_NAME = re.compile(r"^(https?://)?[\w-]+(\.[\w-]+)+/?$", re.I)
LANGUAGE_CODE = re.compile(r"^([a-z]{2})(?:[-_][a-z0-9]{2,8})*$", re.I)
IN_LANGUAGE = re.compile(r'"inLanguage"\s*:\s*"([^"]{2,20})"')
MAX_FIELD_CHARS = 300
MARKUP = re.compile(r"<[a-z/!?]", re.I)


def page_meta(tree: HtmlElement) -> PageMeta:
    """The page's own title, byline, publisher, dates, address and language."""
    published = htmldate.find_date(tree, original_date=True, **DATE_SEARCH)
    found = extract_metadata(tree, date_config={"original_date": True, **DATE_SEARCH})
    publisher = _publisher(found.sitename)
    updated = htmldate.find_date(tree, original_date=False, **DATE_SEARCH)
    return PageMeta(
        title=_title(found.title, publisher),
        author=_author(found.author, publisher),
        publisher=publisher,
        published=published,
        published_from=FROM_METADATA if published else None,
        updated=updated if updated and published and updated > published else None,
        url=_web_address(tree),
        language=_language(tree),
    )


def _short(text: str | None) -> str | None:
    """A field as one line of text; markup where a name should be means the page is not to be believed."""
    text = " ".join((text or "").split())
    return text if 0 < len(text) <= MAX_FIELD_CHARS and not MARKUP.search(text) else None


def _publisher(sitename: str | None) -> str | None:
    """The site's name as its metadata states it; trafilatura falls back on the host name, which names no one."""
    name = _short(sitename)
    return None if name is None or HOST_NAME.match(name) or "://" in name else name


def _title(title: str | None, publisher: str | None) -> str | None:
    """The headline without the site's name after it ("Headline | Steppe Wire")."""
    title = _short(title)
    if title and publisher:
        parts = TITLE_SEPARATOR.split(title)
        if len(parts) > 1 and parts[-1].casefold() == publisher.casefold():
            title = title[: title.rfind(parts[-1])].rstrip(" |–—:·-")
    return title or None


def _author(author: str | None, publisher: str | None) -> str | None:
    """A person's name in normal case; an outlet named as its own author is not a byline."""
    author = _short((author or "").replace("; ", ", "))
    if author is None or (publisher and author.casefold() == publisher.casefold()):
        return None
    return " ".join(word.capitalize() if word.isupper() and len(word) > 1 else word for word in author.split())


def _web_address(tree: HtmlElement) -> str | None:
    """The canonical address, if it is an http(s) one: a javascript: or data: address is dropped."""
    candidates = [*tree.xpath('//link[@rel="canonical"]/@href'), *tree.xpath('//meta[@property="og:url"]/@content')]
    for candidate in candidates:
        address = "".join(str(candidate).split())
        try:
            parts = urlsplit(address)
        except ValueError:
            continue
        if (
            parts.scheme.lower() in ("http", "https")
            and parts.hostname
            and len(address) <= 2000
            and address.isprintable()
        ):
            return address
    return None


def _language(tree: HtmlElement) -> str | None:
    """From <html lang>, og:locale or JSON-LD inLanguage: the two-letter ISO 639-1 code."""
    candidates = [
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        *tree.xpath('//meta[@property="og:locale"]/@content'),
        *_json_ld_languages(tree),
    ]
    for candidate in candidates:
        match = LANGUAGE_CODE.match((candidate or "").strip())
        if match:
            return match.group(1).lower()
    return None


def _json_ld_languages(tree: HtmlElement) -> list[str]:
    return [
        language
        for script in tree.xpath('//script[@type="application/ld+json"]')
        for language in IN_LANGUAGE.findall(script.text or "")
    ]
