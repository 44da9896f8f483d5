"""Atom feeds, data downloads and the data page: on the real project and on a tiny hand-built briefing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import feedparser
import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.render import escape
from tests.helpers import renderer
from generator.render import export
from generator.render import feeds
from generator.render import locations
from generator.pipeline import build_model
from generator.model.changes import Change, Stamp
from generator.model.dates import PartialDate
from generator.inputs.seed_text import Paragraph
from generator.model.entities import Citation, Event, Figure, Inference, Measure, Metric, Period, Source, Term
from generator.model.briefing import Briefing, newest_first
from generator.common.project import Project
from tests.conftest import CORPUS

A = f"{{{feeds.ATOM}}}"  # ElementTree's prefix for Atom element names
BASE = "http://127.0.0.1:8000/"
ATOM_HEADERS = {"content-type": "application/atom+xml; charset=utf-8"}


def load_briefing() -> Briefing:
    briefing, problems = build_model(Project.at(CORPUS), dt.date.today())
    assert briefing is not None, [p.format_text() for p in problems]
    return briefing


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return load_briefing()


@pytest.fixture(scope="module")
def feed_bytes(briefing) -> dict[str, bytes]:
    return feeds.feed_files(briefing, None)


@pytest.fixture(scope="module")
def data(briefing) -> dict[str, bytes]:
    return export.data_files(briefing)


def parse_feed(content: bytes, path: str):
    """Parse as a reader would that fetched the feed from BASE + path."""
    return feedparser.parse(content, response_headers={**ATOM_HEADERS, "content-location": BASE + path})


def recorded(source: Source) -> str | None:
    """When the metadata says the briefing last changed what it says of the source, as Atom writes it."""
    if source.added is None:
        return None
    stamps = [source.added, *(change.date for change in source.changes)]
    newest = max(stamps, key=lambda s: (s.year, s.month, s.day, *(s.time or (0, 0, 0)), s.time is not None))
    return f"{newest.year:04d}-{newest.month:02d}-{newest.day:02d}T" + "{:02d}:{:02d}:{:02d}Z".format(*(newest.time or (0, 0, 0)))


def expected_sources(briefing: Briefing, path: str) -> list[Source]:
    """The sources a feed lists: those with a recorded time, the latest recorded first, then newest source first."""
    sources = [s for s in newest_first(briefing.sources) if recorded(s)]
    if path != feeds.ALL_FEED:  # a term's feed lists what its page rests on: the sources with a claim about it
        slug = posixpath.basename(path).removesuffix(".xml")
        sources = [s for s in sources if rests_on(s, slug)]
    return sorted(sources, key=recorded, reverse=True)


def rests_on(source: Source, slug: str) -> bool:
    """A source with a claim about the term, or tagged with it and making no claims (read here from the model)."""
    claims = source.key_points + source.events + source.figures
    about = [c.countries + c.themes for c in source.key_points + source.events]
    about += [(f.country, *f.themes) for f in source.figures]
    return any(slug in slugs for slugs in about) or (not claims and slug in source.countries + source.themes)


def source_page(source_id: str) -> str:
    return f"{BASE}sources/{source_id}/"


# --- the feeds of the real project ----------------------------------------------------------------

def test_one_feed_for_everything_and_each_country_and_theme_in_use(briefing, feed_bytes):
    expected = {"feeds/all.xml"}
    expected |= {f"feeds/countries/{t.slug}.xml" for t in briefing.countries_in_use()}
    expected |= {f"feeds/themes/{t.slug}.xml" for t in briefing.themes_in_use()}
    assert set(feed_bytes) == expected
    assert "feeds/countries/kazakhstan.xml" in feed_bytes and "feeds/themes/soft-power.xml" in feed_bytes


def test_every_feed_is_well_formed_atom_for_feedparser(feed_bytes):
    for path, content in feed_bytes.items():
        parsed = parse_feed(content, path)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10", path
        assert content.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">")
        content.decode("utf-8")  # strict UTF-8
        ET.fromstring(content)


def test_the_sources_sorted_once_are_in_newest_first_order_wherever_they_are_taken_from(briefing):
    from generator.derive import term_page
    from generator.derive.listing import by_year, listings

    assert briefing.sources_newest_first == tuple(newest_first(briefing.sources))
    assert listings(briefing)[0].sources == tuple(newest_first(briefing.sources))
    years = {listing.key.removeprefix("years/"): list(listing.sources) for listing in listings(briefing)
             if listing.key.startswith("years/")}
    assert years == by_year(reversed(briefing.sources)) and len(years) > 1
    for term in briefing.countries_in_use() + briefing.themes_in_use():
        view = term_page.term_view(briefing, term, 10)
        assert view.sources == tuple(newest_first(term_page.resting_on(briefing, term))), term.slug


def test_each_feed_has_one_entry_per_source_newest_first(briefing, feed_bytes):
    for path, content in feed_bytes.items():
        parsed = parse_feed(content, path)
        sources = expected_sources(briefing, path)
        assert sources or path != feeds.ALL_FEED
        assert [e.id for e in parsed.entries] == [f"tag:central-asia-briefing,2024:sources/{s.id}" for s in sources], path
    assert len(parse_feed(feed_bytes[feeds.ALL_FEED], feeds.ALL_FEED).entries) == len(briefing.sources)  # all described
    kazakhstan = parse_feed(feed_bytes["feeds/countries/kazakhstan.xml"], "feeds/countries/kazakhstan.xml")
    # the sources the Kazakhstan page rests on (a claim about it), not those that only name it
    from generator.derive import term_page
    resting = term_page.resting_on(briefing, briefing.term_by_slug["kazakhstan"])
    assert len(kazakhstan.entries) == len(resting) > 0
    china = briefing.term_by_slug["china"]
    assert len(term_page.resting_on(briefing, china)) < len(briefing.sources_about("china")), \
        "the corpus has an article that only names China: it is on no feed of China"


def test_teasers_are_entries_of_their_own(briefing, feed_bytes):
    teasers = [s.id for s in briefing.sources if s.listing_id]
    assert teasers
    ids = {e.id for e in parse_feed(feed_bytes[feeds.ALL_FEED], feeds.ALL_FEED).entries}
    assert {f"tag:central-asia-briefing,2024:sources/{t}" for t in teasers} <= ids


def test_entry_and_feed_links_resolve_to_the_site_pages(briefing, feed_bytes):
    for path, content in feed_bytes.items():
        parsed = parse_feed(content, path)
        base = BASE + path
        for entry, source in zip(parsed.entries, expected_sources(briefing, path), strict=True):
            assert urljoin(base, entry.link) == source_page(source.id)
        links = {link.rel: urljoin(base, link.href) for link in parsed.feed.links}
        assert links["self"] == base
        if path == feeds.ALL_FEED:
            assert links["alternate"] == BASE
        else:
            kind, slug = path.removesuffix(".xml").split("/")[1:]
            assert links["alternate"] == f"{BASE}{kind}/{slug}/"


def test_links_are_relative_to_the_feed_file_without_a_site_url(feed_bytes):
    root = ET.fromstring(feed_bytes["feeds/countries/kazakhstan.xml"])
    hrefs = [link.get("href") for link in root.iter(f"{A}link")]
    assert hrefs[:2] == ["kazakhstan.xml", "../../countries/kazakhstan/"]
    assert all(h.startswith("../../sources/") and h.endswith("/") for h in hrefs[2:])
    root = ET.fromstring(feed_bytes[feeds.ALL_FEED])
    assert [link.get("href") for link in root.findall(f"{A}link")] == ["all.xml", "../"]


def test_links_are_absolute_under_a_site_url(briefing):
    files = feeds.feed_files(briefing, "https://example.org/briefing/")
    for path, content in files.items():
        parsed = feedparser.parse(content)
        assert not parsed.bozo
        for entry, source in zip(parsed.entries, expected_sources(briefing, path), strict=True):
            assert entry.link == f"https://example.org/briefing/sources/{source.id}/"
        links = {link.rel: link.href for link in parsed.feed.links}
        assert links["self"] == f"https://example.org/briefing/{path}"
    assert feeds.feed_files(briefing, "https://example.org/briefing") == files  # trailing slash or not


def test_updated_is_the_recorded_time_and_published_a_stated_day(briefing, feed_bytes):
    corrected = published_seen = 0
    for path, content in feed_bytes.items():
        parsed = parse_feed(content, path)
        sources = expected_sources(briefing, path)
        assert parsed.feed.updated == recorded(sources[0]) if sources else parsed.feed.updated
        for entry, source in zip(parsed.entries, sources, strict=True):
            assert entry.updated == recorded(source)
            corrected += entry.updated != source.added.atom
            if source.date and source.date.day and source.date_basis == "stated":
                published_seen += 1
                assert entry.published == first_day(source.date)
            else:
                assert "published" not in entry, (path, source.id, source.date)
    assert corrected and published_seen  # the corpus has corrected sources and a stated day


def first_day(date: PartialDate) -> str:
    return f"{date.year:04d}-{date.month:02d}-{date.day:02d}T00:00:00Z"


def test_a_year_only_date_is_not_published(feed_bytes):
    root = ET.fromstring(feed_bytes[feeds.ALL_FEED])
    entry = next(e for e in root.iter(f"{A}entry") if e.findtext(f"{A}id").endswith("000_c1a27e0ec5b1e4f9"))
    assert entry.find(f"{A}published") is None  # the article is dated 2025, a year alone
    assert entry.findtext(f"{A}updated") == "2026-12-01T00:00:00Z"  # corrected on that day (a day alone)


def test_entries_carry_title_summary_author_and_categories(briefing, feed_bytes):
    parsed = parse_feed(feed_bytes[feeds.ALL_FEED], feeds.ALL_FEED)
    for entry, source in zip(parsed.entries, expected_sources(briefing, feeds.ALL_FEED), strict=True):
        assert entry.title == source.title
        assert entry.title_detail.type == "text/plain"
        if source.review == "reviewed":
            assert entry.summary == (source.summary or "Not yet summarised by an editor.")
        assert entry.summary_detail.type == "text/plain"
        assert entry.author == (source.author or source.publisher or "Unknown")
        assert [(t.term, t.label) for t in entry.tags] == [
            (slug, briefing.term_by_slug[slug].name) for slug in source.countries + source.themes]
    asia_times = next(e for e in parsed.entries if e.id.endswith("003_511358f27ee65db5"))
    assert asia_times.author == "Anastassiya Mahon"


def test_feed_titles_name_the_country_or_theme(briefing, feed_bytes):
    assert parse_feed(feed_bytes["feeds/countries/kazakhstan.xml"], "x").feed.title == "Central Asia Briefing: Kazakhstan"
    theme = briefing.term_by_slug["soft-power"]
    assert parse_feed(feed_bytes["feeds/themes/soft-power.xml"], "x").feed.title == f"Central Asia Briefing: {theme.name}"
    assert ET.fromstring(feed_bytes[feeds.ALL_FEED]).findtext(f"{A}id") == "tag:central-asia-briefing,2024:feeds/all"


def test_the_feeds_are_byte_identical_across_calls_and_loads(briefing, feed_bytes):
    assert feeds.feed_files(briefing, None) == feed_bytes
    assert feeds.feed_files(load_briefing(), None) == feed_bytes


# --- the data files of the real project -----------------------------------------------------------

def test_six_data_files(data):
    assert set(data) == {f"data/{name}.{ext}" for name in ("sources", "events", "figures") for ext in ("json", "csv")}


def expected_rows(briefing: Briefing) -> dict[str, list[dict]]:
    """The rows as this test reads the model, independently of export.py."""
    def para_page(citation):
        return f"/sources/{citation.source_id}/#p{citation.paragraph}"

    def shown(figure, unit):
        words = {"exact": "", "about": "about ", "more-than": "more than "}[figure.bound]
        number = f"{figure.value:,.0f}" if float(figure.value).is_integer() else f"{figure.value:,}"
        return f"{words}{number}{ {'percent': '%', 'times': '×'}.get(unit, '')}"


    def basis(date, inferred):
        dated = [i for i in inferred if i.field in ("date", "as_of", "period")]
        if date is None:
            return None
        return "outside" if any(i.outside for i in dated) else "inferred" if dated else "stated"
    sources = [{
        "id": s.id, "title": s.title, "publisher": s.publisher, "author": s.author,
        "date": s.date.iso if s.date else None, "date_basis": basis(s.date, s.inferred), "quality": s.quality, "review": s.review,
        "countries": list(s.countries), "themes": list(s.themes), "summary": s.summary, "url": s.url,
        "page": f"/sources/{s.id}/", "listing": s.listing_id, "added": s.added.iso if s.added else None,
        "last_changed": max((c.date.iso for c in s.changes), default=None),
    } for s in briefing.sources]
    events = [{
        "id": e.id, "date": e.date.iso, "date_basis": basis(e.date, e.inferred), "countries": list(e.countries), "themes": list(e.themes), "text": e.text,
        "quote": e.citation.quote, "source": e.citation.source_id, "paragraph": e.citation.paragraph,
        "page": para_page(e.citation), "inferred": [i.field for i in e.inferred],
    } for e in briefing.events]
    figures = [{
        "id": f.id, "metric": f.metric, "metric_name": briefing.metric_by_slug[f.metric].name,
        "unit": briefing.metric_by_slug[f.metric].unit, "country": f.country, "themes": list(f.themes),
        "value": f.value, "bound": f.bound, "shown": shown(f, briefing.metric_by_slug[f.metric].unit),
        "as_of": f.as_of.iso, "as_of_basis": basis(f.as_of, f.inferred),
        "period": f.period.label + ("" if basis(f.as_of, f.inferred) == "stated" else " (inferred)"),
        "period_start": f.period.start.iso if f.period.start else None,
        "period_end": f.period.end.iso if f.period.end else None,
        "measure": f.measure.name, "measure_known": f.measure.known,
        "elsewhere": [f"{shown(o, briefing.metric_by_slug[f.metric].unit)} ({o.source.publisher}, {o.source.date.iso}, "
                      f"{o.source.url})" for o in f.elsewhere],
        "text": f.text,
        "quote": f.citation.quote, "source": f.citation.source_id, "paragraph": f.citation.paragraph,
        "page": para_page(f.citation), "inferred": [i.field for i in f.inferred],
    } for f in briefing.figures]
    return {"sources": sources, "events": events, "figures": figures}


def test_json_files_load_and_match_the_model(briefing, data):
    expected = expected_rows(briefing)
    assert len(expected["sources"]) == len(briefing.sources) > 0
    assert len(expected["events"]) == len(briefing.events) > 0
    assert len(expected["figures"]) == len(briefing.figures) > 0
    for name, rows in expected.items():
        document = json.loads(data[f"data/{name}.json"].decode("utf-8"))
        assert document["dataset"] == name
        assert document["count"] == len(rows) == len(document["items"])
        assert document["licence"] == "Source texts belong to their publishers; the metadata is the editors' work."
        assert document["fields"] == list(rows[0])
        assert [item["id"] for item in document["items"]] == [row["id"] for row in rows]
        assert document["items"] == rows
        assert all(list(item) == document["fields"] for item in document["items"])


def csv_text(row: dict) -> dict[str, str]:
    def cell(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list):
            return ";".join(value)
        return str(value)
    return {key: cell(value) for key, value in row.items()}


def test_csv_files_load_and_match_the_model(briefing, data):
    for name, rows in expected_rows(briefing).items():
        raw = data[f"data/{name}.csv"]
        assert not raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8")
        reader = csv.DictReader(io.StringIO(text, newline=""))
        assert reader.fieldnames == list(rows[0])
        loaded = list(reader)
        assert len(loaded) == len(rows)
        assert loaded == [csv_text(row) for row in rows]  # the real texts start with no formula character


def test_csv_and_json_hold_the_same_rows(data):
    for name in ("sources", "events", "figures"):
        items = json.loads(data[f"data/{name}.json"])["items"]
        rows = list(csv.DictReader(io.StringIO(data[f"data/{name}.csv"].decode(), newline="")))
        assert [r["id"] for r in rows] == [i["id"] for i in items]


def test_csv_lines_end_with_a_bare_newline(data):
    for path, content in data.items():
        if path.endswith(".csv"):
            assert b"\r" not in content and content.endswith(b"\n")
        else:
            assert content.endswith(b"}\n")


def test_data_pages_are_site_relative_urls_of_existing_anchors(briefing, data):
    for item in json.loads(data["data/events.json"])["items"]:
        source = briefing.source_by_id[item["source"]]
        assert item["page"] == f"/sources/{source.id}/#p{item['paragraph']}"
        assert any(p.number == item["paragraph"] for p in source.paragraphs)


def test_data_files_are_byte_identical_across_calls_and_loads(briefing, data):
    assert export.data_files(briefing) == data
    assert export.data_files(load_briefing()) == data


# --- the data page ------------------------------------------------------------------------------

def render_data_page(briefing: Briefing) -> str:
    return renderer(briefing).data()


def test_data_page_links_every_download_and_every_feed(briefing, feed_bytes, data):
    page = render_data_page(briefing)
    targets = set(re.findall(r"\]\(([^)#\s]+)\)", page))
    assert targets == set(feed_bytes) | set(data) | {"corrections.md"}  # relative to data.md in the docs root
    for name, _, fields, _ in export.downloads():
        for field, _, _ in fields:
            assert f"<code>{escape.inline(field)}</code>" in page
    assert "\n## Licence\n\nSource texts belong to their publishers; the metadata is the editors' work.\n" in page


def test_feeds_and_downloads_never_collide_with_a_page(briefing, feed_bytes, data):
    pages = renderer(briefing).all_pages()
    assert not set(pages) & (set(feed_bytes) | set(data))
    assert "data.md" in pages  # the data page is one of the rendered pages
    assert all(path.startswith(("feeds/", "data/")) for path in set(feed_bytes) | set(data))


def test_data_page_renders_as_markdown_with_its_tables(briefing):
    html = markdown.markdown(render_data_page(briefing).split("---\n", 2)[2], extensions=["tables", "attr_list"])
    assert '<a href="data/sources.csv">data/sources.csv</a>' in html
    assert '<a href="feeds/countries/kazakhstan.xml">feeds/countries/kazakhstan.xml</a>' in html
    assert "<code>metric&#95;name</code>" in html
    assert 'id="figures"' in html
    assert html.count("<table>") == 1 + 3 + 2  # downloads, one per data set, countries and themes


# --- a tiny hand-built briefing for the edge cases --------------------------------------------------

HOSTILE_TITLE = "<script>alert(1)</script> ]]> & \"quotes\" 'apostrophes' \x0b\x01end"
HOSTILE_SUMMARY = "Summary ]]> <b>bold</b> &amp; & <![CDATA[x]]>"


def tiny_briefing() -> Briefing:
    def source(source_id, **fields):
        base = dict(id=source_id, seed=f"{source_id}.txt", title=source_id.title(), publisher=None, author=None,
                    url=None, date=None, quality="clean", review="reviewed", countries=(), themes=(),
                    summary=f"About {source_id}.", paragraphs=(Paragraph(1, "Text.", line=1),),
                    added=Stamp(2026, 11, 20, (14, 3, 11)))
        return Source(**{**base, **fields})
    citation = Citation("hostile", 1, "Text.")
    sources = (
        source("hostile", title=HOSTILE_TITLE, summary=HOSTILE_SUMMARY, date=PartialDate(2024, 4),
               author="=HYPERLINK(\"http://evil.example\",\"x\")", publisher="@SUM(A1)",
               countries=("kazakhstan",), themes=("soft-power",), url="javascript:alert(1)",
               events=(Event("hostile-e1", PartialDate(2024, 3, 5), ("russia",), (), "+1 then -2", citation,
                             (Inference("date", "guessed"),)),),
               figures=(Figure("hostile-f1", "migrants", "kazakhstan", 1500000, PartialDate(2023), Period("2023"),
                               "about", "-about 1.5 million", citation),
                        Figure("hostile-f2", "trade", "kazakhstan", -2.5, PartialDate(2023, 6),
                               Period("first half", PartialDate(2023, 1), PartialDate(2023, 6)),
                               "exact", "Trade fell 2.5 percent.", citation, ("soft-power",),
                               measure=Measure("=Rosstat", known=True)))),
        source("undated", countries=("kazakhstan",), author="An Author", publisher="A Publisher",
               url="https://example.org/a b", changes=(Change(Stamp(2026, 11, 21), "Corrected."),)),
        source("nowhere", themes=("soft-power",), date=PartialDate(2023, 12, 31), publisher="Only Publisher"),
        source("robot", review="automatic", summary="", quality="unassessed", themes=("soft-power",), added=None),
        source("drafty", review="draft", summary="Draft words.", themes=("soft-power",), date=PartialDate(2022)),
    )
    return Briefing(
        title="Tiny & <briefing>", bottom_line=(),
        countries=(Term("kazakhstan", "Kazakhstan", "A country.", kind="country"),
                   Term("russia", "Russia", "Named only by an event.", kind="country")),
        themes=(Term("soft-power", "Soft power", "A theme."),),
        metrics=(Metric("migrants", "Migrants", "people", "Migrant workers."),
                 Metric("trade", "Trade change", "percent", "Change in trade.")),
        sources=sources,
    )


@pytest.fixture(scope="module")
def tiny() -> Briefing:
    return tiny_briefing()


def entry_of(content: bytes, source_id: str) -> ET.Element:
    root = ET.fromstring(content)
    return next(e for e in root.iter(f"{A}entry") if e.findtext(f"{A}id").endswith(f"sources/{source_id}"))


def test_hostile_text_stays_text_in_the_xml(tiny):
    files = feeds.feed_files(tiny, None)
    content = files[feeds.ALL_FEED]
    entry = entry_of(content, "hostile")
    assert entry.findtext(f"{A}title") == HOSTILE_TITLE.replace("\x0b", "").replace("\x01", "")
    assert entry.findtext(f"{A}summary") == HOSTILE_SUMMARY
    assert b"<script>" not in content and b"<b>" not in content and b"]]>" not in content
    assert b"<![CDATA[" not in content
    for path, data in files.items():
        parsed = parse_feed(data, path)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    parsed = parse_feed(content, feeds.ALL_FEED)
    hostile = next(e for e in parsed.entries if e.id.endswith("hostile"))
    assert hostile.title == HOSTILE_TITLE.replace("\x0b", "").replace("\x01", "")
    assert ET.fromstring(content).findtext(f"{A}subtitle") == "Tiny & <briefing>"


def test_an_unsafe_original_url_is_left_out_and_a_safe_one_is_related(tiny):
    content = feeds.feed_files(tiny, None)[feeds.ALL_FEED]
    assert not [l for l in entry_of(content, "hostile").iter(f"{A}link") if l.get("rel") == "related"]
    related = [l.get("href") for l in entry_of(content, "undated").iter(f"{A}link") if l.get("rel") == "related"]
    assert related == ["https://example.org/a%20b"]
    assert b"javascript" not in content


def test_an_undated_source_is_dated_by_its_record_alone(tiny):
    files = feeds.feed_files(tiny, None)
    for path in (feeds.ALL_FEED, "feeds/countries/kazakhstan.xml"):
        root = ET.fromstring(files[path])
        entry = entry_of(files[path], "undated")
        assert entry.find(f"{A}published") is None
        assert entry.findtext(f"{A}updated") == root.findtext(f"{A}updated") == "2026-11-21T00:00:00Z"  # a day alone
    parsed = parse_feed(files[feeds.ALL_FEED], feeds.ALL_FEED)
    assert [e.id.rsplit("/", 1)[1] for e in parsed.entries] == ["undated", "hostile", "nowhere", "drafty"]
    assert entry_of(files[feeds.ALL_FEED], "nowhere").findtext(f"{A}published") == "2023-12-31T00:00:00Z"
    assert entry_of(files[feeds.ALL_FEED], "hostile").find(f"{A}published") is None  # April 2024: not a day


def test_a_source_without_countries_is_only_in_the_all_and_theme_feeds(tiny):
    files = feeds.feed_files(tiny, None)
    def ids(path):
        return [e.findtext(f"{A}id").rsplit("/", 1)[1] for e in ET.fromstring(files[path]).iter(f"{A}entry")]
    assert "nowhere" in ids(feeds.ALL_FEED) and "nowhere" in ids("feeds/themes/soft-power.xml")
    assert "nowhere" not in ids("feeds/countries/kazakhstan.xml")
    assert [c.get("term") for c in entry_of(files[feeds.ALL_FEED], "nowhere").iter(f"{A}category")] == ["soft-power"]
    assert entry_of(files[feeds.ALL_FEED], "nowhere").findtext(f"{A}author/{A}name") == "Only Publisher"


def test_a_country_named_only_by_an_event_lists_the_source_of_that_event(tiny):
    """Russia is named only by the hostile source's event: its page, and so its feed, rest on that source."""
    files = feeds.feed_files(tiny, None)
    parsed = parse_feed(files["feeds/countries/russia.xml"], "feeds/countries/russia.xml")
    assert not parsed.bozo and [e.id.rsplit("/", 1)[1] for e in parsed.entries] == ["hostile"]
    assert parsed.feed.updated == "2026-11-20T14:03:11Z"  # its one entry's recorded time, not the clock



def test_unreviewed_sources_say_so_in_the_summary(tiny):
    content = feeds.feed_files(tiny, None)[feeds.ALL_FEED]
    assert entry_of(content, "drafty").findtext(f"{A}summary") == "Not yet reviewed by an editor. Draft words."
    assert entry_of(content, "drafty").findtext(f"{A}author/{A}name") == "Unknown"
    assert b"robot" not in content  # no metadata, no entry


def test_a_briefing_with_no_record_at_all_still_has_a_fixed_updated():
    bare = tiny_briefing()
    bare = Briefing(bare.title, "", bare.countries, bare.themes, bare.metrics,
                    tuple(s for s in bare.sources if s.added is None))
    root = ET.fromstring(feeds.feed_files(bare, None)[feeds.ALL_FEED])
    assert root.findtext(f"{A}updated") == "1970-01-01T00:00:00Z"


def test_formula_cells_are_neutralised_in_csv_but_kept_in_json(tiny):
    files = export.data_files(tiny)
    sources = {r["id"]: r for r in csv.DictReader(io.StringIO(files["data/sources.csv"].decode(), newline=""))}
    assert sources["hostile"]["author"] == "'=HYPERLINK(\"http://evil.example\",\"x\")"
    assert sources["hostile"]["publisher"] == "'@SUM(A1)"
    assert sources["hostile"]["url"] == ""  # not a web address
    assert sources["undated"]["url"] == "https://example.org/a%20b"
    events = list(csv.DictReader(io.StringIO(files["data/events.csv"].decode(), newline="")))
    assert events[0]["text"] == "'+1 then -2"
    assert events[0]["inferred"] == "date"
    figures = {r["id"]: r for r in csv.DictReader(io.StringIO(files["data/figures.csv"].decode(), newline=""))}
    assert figures["hostile-f1"]["text"] == "'-about 1.5 million"
    assert figures["hostile-f2"]["value"] == "-2.5"  # a number, not text: left as it is
    json_sources = {i["id"]: i for i in json.loads(files["data/sources.json"])["items"]}
    assert json_sources["hostile"]["author"] == "=HYPERLINK(\"http://evil.example\",\"x\")"
    assert json_sources["hostile"]["title"] == HOSTILE_TITLE
    for path, content in files.items():
        if path.endswith(".csv"):
            for row in csv.reader(io.StringIO(content.decode(), newline="")):
                unsafe = [c for c in row if c[:1] in ("=", "+", "-", "@") and not re.fullmatch(r"-?[0-9.]+", c)]
                assert not unsafe, (path, row)  # only a number we wrote may start with "-"


@pytest.mark.parametrize("text, safe", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\t=x", "'\t=x"), (" =x", "' =x"),
    ("\uff1dx", "'\uff1dx"), ("a=b", "a=b"), ("'quoted", "'quoted"), ("", ""),
])
def test_neutralise(text, safe):
    assert export.neutralise(text) == safe


def test_figures_keep_their_bound_period_measure_and_unit(tiny):
    files = export.data_files(tiny)
    figures = {i["id"]: i for i in json.loads(files["data/figures.json"])["items"]}
    assert figures["hostile-f1"]["bound"] == "about" and figures["hostile-f1"]["value"] == 1500000
    assert figures["hostile-f1"]["shown"] == "about 1,500,000"
    assert figures["hostile-f1"]["unit"] == "people" and figures["hostile-f1"]["metric_name"] == "Migrants"
    assert figures["hostile-f1"]["period_start"] is None and figures["hostile-f1"]["measure_known"] is False
    assert figures["hostile-f2"]["bound"] == "exact" and figures["hostile-f2"]["value"] == -2.5
    assert figures["hostile-f2"]["period"] == "first half" and figures["hostile-f2"]["as_of"] == "2023-06"
    assert (figures["hostile-f2"]["period_start"], figures["hostile-f2"]["period_end"]) == ("2023-01", "2023-06")
    assert figures["hostile-f2"]["measure"] == "=Rosstat"
    assert figures["hostile-f1"]["page"] == "/sources/hostile/#p1"
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(files["data/figures.csv"].decode(), newline=""))}
    assert rows["hostile-f1"]["bound"] == "about" and rows["hostile-f1"]["value"] == "1500000"
    assert rows["hostile-f2"]["measure"] == "'=Rosstat", "text that starts like a formula is neutralised"
    assert rows["hostile-f2"]["themes"] == "soft-power"


def test_undated_and_countryless_sources_in_the_data(tiny):
    files = export.data_files(tiny)
    items = {i["id"]: i for i in json.loads(files["data/sources.json"])["items"]}
    assert items["undated"]["date"] is None and items["nowhere"]["countries"] == []
    assert items["hostile"]["listing"] is None and items["robot"]["review"] == "automatic"
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(files["data/sources.csv"].decode(), newline=""))}
    assert rows["undated"]["date"] == "" and rows["nowhere"]["countries"] == ""


def test_tiny_outputs_are_byte_identical_across_calls():
    assert feeds.feed_files(tiny_briefing(), None) == feeds.feed_files(tiny_briefing(), None)
    assert export.data_files(tiny_briefing()) == export.data_files(tiny_briefing())


def test_tiny_data_page_escapes_nothing_it_should_not(tiny):
    page = render_data_page(tiny)
    assert "feeds/countries/russia.xml" in page
    assert "<script" not in page


# --- the URL helpers --------------------------------------------------------------------------------

@pytest.mark.parametrize("path, url", [
    (locations.HOME, ""), (locations.COUNTRIES, "countries/"), (locations.TIMELINE, "timeline/"),
    (locations.source("a_b-1"), "sources/a_b-1/"), (locations.paragraph("x", 5), "sources/x/#p5"),
    (locations.country("kazakhstan"), "countries/kazakhstan/"), ("data.md", "data/"),
    ("feeds/all.xml", "feeds/all.xml"), ("data/sources.csv", "data/sources.csv"),
])
def test_page_url_follows_directory_urls(path, url):
    assert locations.url(path) == url


@pytest.mark.parametrize("target, from_file, site_url, expected", [
    ("sources/x/", "feeds/countries/kazakhstan.xml", None, "../../sources/x/"),
    ("", "feeds/countries/kazakhstan.xml", None, "../../"),
    ("", "feeds/all.xml", None, "../"),
    ("sources/x/#p2", "feeds/all.xml", None, "../sources/x/#p2"),
    ("feeds/all.xml", "feeds/all.xml", None, "all.xml"),
    ("sources/x/", "feeds/all.xml", "https://example.org/site/", "https://example.org/site/sources/x/"),
    ("", "feeds/all.xml", "https://example.org", "https://example.org/"),
])
def test_href(target, from_file, site_url, expected):
    assert feeds.href(target, from_file, site_url) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(),
            st.sampled_from(["=1+1", " =cmd", "\u3000+x", "\uff1dA1", "\t@x", "\x85-1", "plain"]),
            st.none(),
            st.booleans(),
            st.integers(),
            st.floats(allow_nan=False, allow_infinity=False),
            st.lists(st.text(max_size=5), max_size=3),
        ),
        min_size=1,
        max_size=6,
    )
)
@example(["\r"])  # a carriage return, which minimal quoting alone leaves bare, and readers take for a row's end
@example(["x\ry", 1, None])
def test_every_csv_cell_is_written_as_csv_cell_says_whatever_its_type_and_first_character(values):
    """to_csv takes most text as it is without asking csv_cell: it must write exactly what csv_cell gives."""
    names = [f"f{number}" for number in range(len(values))]
    item = dict(zip(names, values, strict=True))
    fields = {"cells": [(name, "", "") for name in names]}
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(export, "FIELDS", fields)
        written = export.to_csv("cells", [item]).decode("utf-8")
    rows = list(csv.reader(io.StringIO(written, newline="")))
    assert rows[1] == [export.csv_cell(value) for value in values]
