"""Atom 1.0 feeds of the sources: one for everything, one per country and per theme.

Pure: no I/O. feed_files() returns {relative path: bytes}; the pipeline writes the
files into the docs tree and the site engine copies them into the site as they are
(a feed made from the same entries as in the last run is left as it is).

- feeds/all.xml, feeds/countries/<slug>.xml, feeds/themes/<slug>.xml
- One entry per source with metadata (teasers included), the most recently added
  or corrected first. A seed nobody has described yet stays out until an editor
  gives it metadata, and so does old metadata without added: (check says so).
- Dates are never invented. An entry's updated is when its source entered the
  briefing or was last corrected, as recorded in the metadata (added:, changed:;
  see generator/model/changes.py), so one source has the same timestamps in every feed.
  published appears only for a publication day the article itself states: a
  year or month alone is not a day, and an inferred day would lose its
  "(inferred)" mark here, where Atom has no room for it. Atom requires a time:
  a day alone is written as 00:00:00Z, the start of that day.
- A feed's updated is its newest entry's; an empty feed takes the newest
  record of the whole briefing (or 1970-01-01 when there is none): fixed, never "now".
- Deterministic: elements and attributes are always written in the same order,
  so the same briefing gives the same bytes.
- Safe: the XML is built with ElementTree, which escapes every text and
  attribute value; characters XML 1.0 cannot carry are dropped first.
- Links: with a site_url they are absolute (site_url + page URL); without one
  they are relative to the feed file itself, which RFC 4287 readers resolve
  against the feed's own address (xml:base defaults to the document's URI).
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from generator.derive import term_page
from generator.model.briefing import Briefing
from generator.model.changes import Stamp
from generator.model.dates import newest
from generator.model.entities import Source, Term
from generator.render import escape, locations
from generator.render.page_cache import LastRun

ATOM = "http://www.w3.org/2005/Atom"
SITE_NAME = "Central Asia Briefing"
TAG = "tag:central-asia-briefing,2024:"  # RFC 4151 tag URIs: stable ids whatever the site's address
FEEDS_DIR = "feeds"
FEED_ENTRIES = 50
ALL_FEED = f"{FEEDS_DIR}/all.xml"
LICENCE = "Source texts belong to their publishers; the metadata is the editors' work."
NO_DATE = Stamp(1970, 1, 1, (0, 0, 0))  # an empty feed's date when the briefing records none: fixed, never "now"
UNREVIEWED_PREFIX = "Not yet reviewed by an editor. "
NO_SUMMARY = "Not yet summarised by an editor."
# Characters XML 1.0 cannot carry at all (ElementTree would write them and break the feed).
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def country_feed(slug: str) -> str:
    return f"{FEEDS_DIR}/countries/{slug}.xml"


def theme_feed(slug: str) -> str:
    return f"{FEEDS_DIR}/themes/{slug}.xml"


def term_feed(term: Term) -> str:
    """The feed of a country, region or theme (a region lives with the countries, as its page does)."""
    return theme_feed(term.slug) if term.kind == "theme" else country_feed(term.slug)


def href(target: str, from_file: str, site_url: str | None) -> str:
    """A link to a site-relative URL: absolute under site_url, else relative to from_file."""
    if site_url:
        return site_url.rstrip("/") + "/" + target
    return locations.url_from(target, from_file)


def in_feeds(newest: Iterable[Source]) -> list[Source]:
    """The sources (given newest first, as Briefing.sources_newest_first) with a recorded time, most recently added
    or corrected first (ties: newest source first)."""
    recorded = [source for source in newest if source.updated is not None]
    return sorted(recorded, key=lambda source: _updated(source).key, reverse=True)  # stable: keeps the ties' order


def _latest(everything: list[Source], sources: Iterable[Source]) -> list[Source]:
    """The first FEED_ENTRIES of in_feeds(sources), taken from everything (in_feeds of all the sources): its order
    is one total order (ties end at the ids), so any part of it is in that order too, and each feed need not sort
    its sources, nor work out when each was updated, again. Feed readers want the latest, not the archive."""
    wanted = {source.id for source in sources}
    return list(itertools.islice((source for source in everything if source.id in wanted), FEED_ENTRIES))


def published(source: Source) -> str | None:
    """The publication day, for a day the article states; None for a year, a month or an inferred day."""
    date = source.date
    if date is None or not date.day or source.date_basis != "stated":
        return None
    return Stamp(date.year, date.month, date.day).atom


def feed_list(briefing: Briefing) -> list[tuple[str, str, str]]:
    """(kind, title, path) of every feed, in the order the data page lists them; kind is all, country or theme."""
    listed = [("all", "All sources", ALL_FEED)]
    listed += [("country", t.name, term_feed(t)) for t in briefing.countries_in_use()]
    listed += [("theme", t.name, term_feed(t)) for t in briefing.themes_in_use()]
    return listed


def feed_files(
    briefing: Briefing, site_url: str | None, *, site_name: str = SITE_NAME, last_run: LastRun | None = None
) -> dict[str, bytes | None]:
    """Every feed of the briefing, as {path relative to the docs root: UTF-8 Atom bytes}. None for bytes: a feed
    last_run says was made from the same entries and values, left as it is."""
    everything = in_feeds(briefing.sources_newest_first)
    empty = newest([source.updated for source in everything[:1]] + [c.date for c in briefing.changes]) or NO_DATE
    feeds = [(ALL_FEED, f"{site_name}: all sources", briefing.title, locations.HOME, everything[:FEED_ENTRIES])]
    feeds += [
        (
            term_feed(term),
            f"{site_name}: {term.name}",
            term.description,
            locations.term(term.kind, term.slug),
            _latest(everything, term_page.resting_on(briefing, term)),
        )
        for term in briefing.countries_in_use() + briefing.themes_in_use()
    ]
    files: dict[str, bytes | None] = {}
    for path, title, subtitle, page, sources in feeds:
        entries = tuple(_entry_values(briefing, source) for source in sources)
        updated = entries[0].updated if entries else empty.atom
        values = (title, subtitle, page, updated, entries, site_url)
        if last_run is not None and last_run.unchanged([path], values):
            files[path] = None
            continue
        files[path] = _feed(path, title, subtitle, page, updated, entries, site_url)
    return files


@dataclass(frozen=True)
class Entry:
    """What a feed prints of one source: all that its fingerprint needs to cover."""

    source_id: str
    title: str
    url: str | None
    published: str | None
    updated: str
    author: str
    summary: str
    categories: tuple[tuple[str, str, str], ...]  # term, scheme, label


def _entry_values(briefing: Briefing, source: Source) -> Entry:
    categories = []
    for slug in source.countries + source.themes:
        term = briefing.term_by_slug.get(slug)
        scheme = TAG + ("themes" if term is not None and term.kind == "theme" else "countries")
        categories.append((slug, scheme, term.name if term else slug))
    original = escape.url(source.url)
    return Entry(
        source.id,
        source.title,
        str(original) if original else None,
        published(source),
        _updated(source).atom,
        source.author or source.publisher or "Unknown",
        summary(source),
        tuple(categories),
    )


def _feed(
    path: str, title: str, subtitle: str, page: str, updated: str, entries: tuple[Entry, ...], site_url: str | None
) -> bytes:
    feed = ET.Element("feed", {"xmlns": ATOM})
    _text(feed, "id", TAG + path.removesuffix(".xml"))
    _text(feed, "title", title, type="text")
    if subtitle:
        _text(feed, "subtitle", subtitle, type="text")
    _text(feed, "updated", updated)
    _link(feed, "self", href(path, path, site_url), "application/atom+xml")
    _link(feed, "alternate", href(locations.url(page), path, site_url), "text/html")
    _text(feed, "rights", LICENCE, type="text")
    _text(feed, "generator", "Central Asia Briefing generator")
    for entry in entries:
        _entry(feed, entry, path, site_url)
    ET.indent(feed, space="  ")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _updated(source: Source) -> Stamp:
    """When a source in a feed was added or last corrected: every source in a feed has it (see in_feeds)."""
    if source.updated is None:
        raise ValueError(f"{source.id} has no recorded time and cannot be in a feed")
    return source.updated


def _entry(feed: ET.Element, values: Entry, path: str, site_url: str | None) -> None:
    entry = ET.SubElement(feed, "entry")
    _text(entry, "id", f"{TAG}sources/{values.source_id}")
    _text(entry, "title", values.title, type="text")
    _link(entry, "alternate", href(locations.url(locations.source(values.source_id)), path, site_url), "text/html")
    if values.url:
        _link(entry, "related", values.url, "text/html")
    if values.published:
        _text(entry, "published", values.published)
    _text(entry, "updated", values.updated)
    author = ET.SubElement(entry, "author")
    _text(author, "name", values.author)
    _text(entry, "summary", values.summary, type="text")
    for term, scheme, label in values.categories:
        ET.SubElement(entry, "category", {"term": term, "scheme": scheme, "label": _clean(label)})


def summary(source: Source) -> str:
    """The editors' summary; a draft says it is unreviewed (a source without metadata is in no feed)."""
    text = source.summary or NO_SUMMARY
    return text if source.review == "reviewed" else UNREVIEWED_PREFIX + text


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = _clean(text)
    return element


def _link(parent: ET.Element, rel: str, target: str, media_type: str) -> None:
    ET.SubElement(parent, "link", {"rel": rel, "type": media_type, "href": _clean(target)})


def _clean(text: str) -> str:
    return NOT_XML.sub("", str(text))
