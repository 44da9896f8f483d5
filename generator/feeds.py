"""Atom 1.0 feeds of the sources: one for everything, one per country and per theme.

Pure: no I/O. feed_files() returns {relative path: bytes}; the pipeline writes the
files into the docs tree and the site engine copies them into the site as they are.

- feeds/all.xml, feeds/countries/<slug>.xml, feeds/themes/<slug>.xml
- One entry per source (teasers included), newest first by the source's own date.
- Deterministic: every date comes from the sources (never the wall clock), and
  elements and attributes are always written in the same order, so the same
  briefing gives the same bytes.
- Safe: the XML is built with ElementTree, which escapes every text and
  attribute value; characters XML 1.0 cannot carry are dropped first.
- Links: with a site_url they are absolute (site_url + page URL); without one
  they are relative to the feed file itself, which RFC 4287 readers resolve
  against the feed's own address (xml:base defaults to the document's URI).
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET

from generator import escape, locations
from generator.dates import PartialDate
from generator.model import Briefing, Source, Term, newest_first
from generator.unreviewed import AUTOMATIC_NOTE

ATOM = "http://www.w3.org/2005/Atom"
SITE_NAME = "Central Asia Briefing"
TAG = "tag:central-asia-briefing,2024:"  # RFC 4151 tag URIs: stable ids whatever the site's address
FEEDS_DIR = "feeds"
FEED_ENTRIES = 50
ALL_FEED = f"{FEEDS_DIR}/all.xml"
LICENCE = "Source texts belong to their publishers; the metadata is the editors' work."
NO_DATE = PartialDate(1970, 1, 1)  # the feed date when nothing at all is dated: fixed, never "now"
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
    path, hash_, fragment = target.partition("#")
    link = posixpath.relpath(path or ".", posixpath.dirname(from_file) or ".")
    if path == "" or path.endswith("/"):
        link = "./" if link == "." else link + "/"
    return f"{link}{hash_}{fragment}"


def timestamp(date: PartialDate) -> str:
    """RFC 3339 at the first day a partial date can mean: 2024-04 -> 2024-04-01T00:00:00Z."""
    year, month, day = date.earliest_day()
    return f"{year:04d}-{month:02d}-{day:02d}T00:00:00Z"


def feed_list(briefing: Briefing) -> list[tuple[str, str, str]]:
    """(kind, title, path) of every feed, in the order the data page lists them; kind is all, country or theme."""
    listed = [("all", "All sources", ALL_FEED)]
    listed += [("country", t.name, term_feed(t)) for t in briefing.countries_in_use()]
    listed += [("theme", t.name, term_feed(t)) for t in briefing.themes_in_use()]
    return listed


def feed_files(briefing: Briefing, site_url: str | None, *, site_name: str = SITE_NAME) -> dict[str, bytes]:
    """Every feed of the briefing, as {path relative to the docs root: UTF-8 Atom bytes}."""
    files = {ALL_FEED: _feed(briefing, ALL_FEED, f"{site_name}: all sources", briefing.title,
                             locations.HOME, newest_first(briefing.sources), site_url)}
    for term in briefing.countries_in_use() + briefing.themes_in_use():
        path = term_feed(term)
        files[path] = _feed(briefing, path, f"{site_name}: {term.name}", term.description,
                            locations.term(term.kind, term.slug), briefing.sources_about(term.slug), site_url)
    return files


def _feed(briefing: Briefing, path: str, title: str, subtitle: str, page: str, sources, site_url) -> bytes:
    sources = tuple(sources)[:FEED_ENTRIES]  # feed readers want the latest, not the archive
    dates = [s.date for s in sources if s.date is not None]
    updated = timestamp(max(dates) if dates else briefing.latest_date or NO_DATE)
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
    for source in sources:
        _entry(feed, briefing, source, path, updated, site_url)
    ET.indent(feed, space="  ")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _entry(feed: ET.Element, briefing: Briefing, source: Source, path: str, feed_updated: str, site_url) -> None:
    entry = ET.SubElement(feed, "entry")
    _text(entry, "id", f"{TAG}sources/{source.id}")
    _text(entry, "title", source.title, type="text")
    _link(entry, "alternate", href(locations.url(locations.source(source.id)), path, site_url), "text/html")
    original = escape.url(source.url)
    if original:
        _link(entry, "related", str(original), "text/html")
    if source.date is not None:
        _text(entry, "published", timestamp(source.date))
    _text(entry, "updated", timestamp(source.date) if source.date is not None else feed_updated)
    author = ET.SubElement(entry, "author")
    _text(author, "name", source.author or source.publisher or "Unknown")
    _text(entry, "summary", summary(source), type="text")
    for slug in source.countries + source.themes:
        term = briefing.term_by_slug.get(slug)
        scheme = TAG + ("themes" if term is not None and term.kind == "theme" else "countries")
        ET.SubElement(entry, "category", {"term": slug, "scheme": scheme,
                                          "label": _clean(term.name if term else slug)})


def summary(source: Source) -> str:
    """The editors' summary; an automatic or draft source says it is unreviewed."""
    if source.review == "automatic":
        return AUTOMATIC_NOTE
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
