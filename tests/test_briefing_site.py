"""Briefings worth reading, on the real shipped seeds: one real build, checked with html.parser.

Charts and tables of figures, measurements that differ told apart from sources that disagree, a teaser
and the article it summarises, one timeline entry per event with every source,
the country-by-theme matrix, distance-from-Moscow trends with citations,
numbered corrections, feeds with autodiscovery, data downloads and cite-this-page.

The site is built once for the module (`python -m generator build`) on a copy of
the project. Expected values come from content/ (read with PyYAML), not from
the generator.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
import yaml

from tests.helpers import all_events, all_sources, collapse, copy_project, latest_first, run_cli, texts_by_id

BASE = "https://briefing.test/"
HOST = urlsplit(BASE).netloc
S002 = "002_279588a8956d5652"
S003 = "003_511358f27ee65db5"
TEASER_06 = "004_6240f0bb353a09c8-06"
POLL_METRIC = "blame-war-for-economy"
# (country, value, source) of the poll figures in content/sources/00[23]*.yml
POLL = [("kyrgyzstan", 70, S002), ("kyrgyzstan", 49, S003), ("kazakhstan", 55, S002), ("kazakhstan", 43, S003),
        ("uzbekistan", 30, S002)]
# Two articles cite polls they do not name: different measurements, never one series or a contradiction.
DIFFERING = {"kyrgyzstan", "kazakhstan"}
DIFFERENCE_PAGES = ["/", "/countries/kazakhstan/", "/countries/kyrgyzstan/", "/themes/public-opinion/",
                    f"/sources/{S002}/", f"/sources/{S003}/"]


# --- a small DOM on top of html.parser --------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict
    parent: "Node | None" = None
    children: list = field(default_factory=list)  # Nodes and strings

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def text(self) -> str:
        return collapse("".join(c if isinstance(c, str) else c.text() for c in self.children))

    def iter(self, tag: str | None = None):
        for child in self.children:
            if isinstance(child, Node):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def find(self, tag: str | None = None, cls: str | None = None) -> list["Node"]:
        return [n for n in self.iter(tag) if cls is None or cls in n.classes]

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def closest(self, tag: str) -> "Node | None":
        return next((a for a in self.ancestors() if a.tag == tag), None)

    def following_siblings(self):
        siblings = [c for c in self.parent.children if isinstance(c, Node)]
        return siblings[siblings.index(self) + 1:]

    def hrefs(self) -> list[str]:
        return [a.attrs["href"] for a in self.iter("a") if a.attrs.get("href")]


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


@dataclass
class Doc:
    url: str
    root: Node
    html: str
    by_id: dict

    def resolve(self, href: str):
        """(path, fragment) of a link on this page."""
        target = urlsplit(urljoin(self.url, href))
        assert target.netloc == HOST, (self.url, href)
        return target.path, target.fragment

    def head(self) -> Node:
        (head,) = self.root.find("head")
        return head

    def article(self) -> Node:
        (article,) = self.root.find("article")
        return article


def parse_html(url: str, markup: str) -> Doc:
    builder = TreeBuilder()
    builder.feed(markup)
    builder.close()
    by_id = {}
    for node in builder.root.iter():
        if "id" in node.attrs:
            by_id.setdefault(node.attrs["id"], node)
    return Doc(url, builder.root, markup, by_id)


# --- the one build ---------------------------------------------------------------------------------

@dataclass
class Site:
    root: Path
    dir: Path
    cache: dict = field(default_factory=dict)

    def file(self, url_path: str) -> Path:
        relative = url_path.lstrip("/")
        return self.dir / (relative + "index.html" if relative == "" or relative.endswith("/") else relative)

    def page(self, url_path: str) -> Doc:
        if url_path not in self.cache:
            path = self.file(url_path)
            assert path.is_file(), f"no page at {url_path}"
            self.cache[url_path] = parse_html(urljoin(BASE, url_path.lstrip("/")), path.read_text(encoding="utf-8"))
        return self.cache[url_path]

    def url_paths(self) -> list[str]:
        found = []
        for path in sorted(self.dir.rglob("*.html")):
            relative = path.relative_to(self.dir).as_posix()
            found.append("/" + (relative.removesuffix("index.html") if relative.endswith("index.html") else relative))
        return found

    def paragraph_text(self, url_path: str, fragment: str) -> str | None:
        """The seed's own text of an element of a page (corrections read as the seed has them)."""
        return texts_by_id(self.file(url_path).read_text(encoding="utf-8")).text(fragment)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    root = copy_project(tmp_path_factory.mktemp("briefing") / "project")
    result = run_cli("build", "--root", str(root), cwd=root)  # run_cli sets NO_MKDOCS_2_WARNING=1
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(root, root / "site")


# --- expectations from content/ ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def content(site):
    taxonomy = yaml.safe_load((site.root / "content/taxonomy.yml").read_text(encoding="utf-8"))
    trends = yaml.safe_load((site.root / "content/trends.yml").read_text(encoding="utf-8"))["trends"]
    return Content(taxonomy, trends, all_sources(site.root), all_events(site.root))


@dataclass
class Content:
    taxonomy: dict
    trends: list
    sources: list  # (id, data), teasers included
    events: list  # (source id, event)

    @property
    def names(self) -> dict[str, str]:
        return {t["slug"]: t["name"] for kind in ("countries", "themes") for t in self.taxonomy[kind]}

    @property
    def metric_names(self) -> dict[str, str]:
        return {m["slug"]: m["name"] for m in self.taxonomy["metrics"]}

    @property
    def figures(self) -> list[tuple[str, dict]]:
        return [(source_id, f) for source_id, data in self.sources for f in data.get("figures") or []]

    def in_use(self, kind: str) -> list[str]:
        used = set()
        for _, data in self.sources:
            used.update(data.get(kind) or [])
            for item in (data.get("key_points") or []) + (data.get("events") or []):
                used.update(item.get(kind) or [])
            for f in data.get("figures") or []:
                used.update([f["country"]] if kind == "countries" else f.get("themes") or [])
        return [t["slug"] for t in self.taxonomy[kind] if t["slug"] in used]

    def sources_about(self, *slugs: str) -> list[tuple[str, dict]]:
        return [(i, d) for i, d in self.sources
                if all(s in (d.get("countries") or []) + (d.get("themes") or []) for s in slugs)]

    def events_about(self, slug: str) -> list[tuple[str, dict]]:
        """(source id, event) for the events that name slug, or whose source does when they name no term."""
        terms = {i: (d.get("countries") or [], d.get("themes") or []) for i, d in self.sources}
        return [(i, e) for i, e in self.events
                if slug in (e.get("countries") or terms[i][0]) + (e.get("themes") or terms[i][1])]

    def title(self, source_id: str) -> str:
        return dict(self.sources)[source_id]["title"]


def partial(text: str) -> tuple[int, int, int]:
    parts = [int(p) for p in str(text).split("-")]
    return tuple(parts + [0] * (3 - len(parts)))


def human(date: tuple[int, int, int]) -> str:
    year, month, day = date
    if day:
        return f"{day} {calendar.month_name[month]} {year}"
    return f"{calendar.month_name[month]} {year}" if month else str(year)


def newest_date(sources) -> str | None:
    """The newest date among items (sources or events), as pages show it: marked when no item states it."""
    dated = [(partial(d["date"]), "date" in (d.get("inferred") or {})) for _, d in sources if d.get("date")]
    if not dated:
        return None
    newest = max((date for date, _ in dated), key=latest_first)
    inferred = all(was_inferred for date, was_inferred in dated if date == newest)
    return human(newest) + (" (inferred)" if inferred else "")


def percent(value) -> str:
    return f"{value}%"


def section(doc: Doc, heading_id: str) -> list[Node]:
    """The elements after a heading, up to the next heading of the same or a higher level, or the block that
    holds one (a source page's links to other sources, which search leaves out, are wrapped in a div)."""
    heading = doc.by_id[heading_id]
    higher = {f"h{n}" for n in range(1, int(heading.tag[1]) + 1)}
    found = []
    for node in heading.following_siblings():
        if node.tag in higher or any(inner.tag in higher for inner in node.iter()):
            break
        found.append(node)
    return found


def table_after(doc: Doc, heading_id: str) -> Node:
    """The first table of a section, itself a block of the section or inside one (the heat grid's wrapper)."""
    return next(t for n in section(doc, heading_id) for t in ([n] if n.tag == "table" else n.find("table")))


def rows(table: Node) -> list[list[Node]]:
    return [[c for c in tr.children if isinstance(c, Node) and c.tag in ("td", "th")] for tr in table.iter("tr")]


def charts_of(doc: Doc, metric_name: str) -> list[Node]:
    """Every <svg role="img"> in a <figure class="briefing-chart"> whose title is the metric's name."""
    found = []
    for figure in doc.root.find("figure", "briefing-chart"):
        for svg in figure.find("svg"):
            titles = svg.find("title")
            # Several charts of one metric on a page are numbered: "Name (1 of 2)".
            named = titles and re.fullmatch(re.escape(metric_name) + r"( \(\d+ of \d+\))?", titles[0].text())
            if svg.attrs.get("role") == "img" and named:
                found.append(svg)
    return found


def bars(svg: Node) -> list[tuple[str, str, bool]]:
    """(label, value, flagged) of every bar, in order."""
    labels = [t.text() for t in svg.find("text", "briefing-chart__label")]
    values = [t.text() for t in svg.find("text", "briefing-chart__value")]
    flagged = ["briefing-chart__bar--flagged" in r.classes for r in svg.find("rect", "briefing-chart__bar")]
    assert len(labels) == len(values) == len(flagged) > 0
    return list(zip(labels, values, flagged))


# --- (a) the poll figures: chart, table, and the disagreement ------------------------------------------

def test_the_poll_figures_in_content_are_the_ones_this_module_expects(content):
    found = sorted((f["country"], f["value"], source_id) for source_id, f in content.figures
                   if f["metric"] == POLL_METRIC)
    assert found == sorted(POLL)


def test_each_article_s_polls_are_a_chart_of_their_own(site, content):
    doc = site.page("/")
    svgs = charts_of(doc, content.metric_names[POLL_METRIC])
    assert len(svgs) == 2, "one chart per article's unnamed polls, never one series"
    for svg in svgs:
        assert svg.closest("figure") is not None and "briefing-chart" in svg.closest("figure").classes
        labelled_by = svg.attrs["aria-labelledby"].split()
        assert svg.find("title")[0].attrs["id"] in labelled_by and svg.find("desc")[0].attrs["id"] in labelled_by
        desc = svg.find("desc")[0].text()
        assert "Measured by: polls the author does not name, as cited in “" in desc
        assert all(not flagged for _, _, flagged in bars(svg))
        # every period is inferred: the subtitle says so once, and the description of each bar
        assert desc.startswith("Per cent, ") and desc.split(". ")[0].endswith("(inferred)")
        assert all(f"{label}: " in desc and "(period inferred)" in desc for label, _, _ in bars(svg))
    shown = [sorted(value for _, value, _ in bars(svg)) for svg in svgs]
    for source_id in (S002, S003):
        values = sorted(percent(v) for _, v, s in POLL if s == source_id)
        assert values in shown, (source_id, shown)


@pytest.mark.parametrize("url_path", ["/countries/kazakhstan/", "/countries/kyrgyzstan/"])
def test_a_country_page_with_one_value_per_poll_draws_no_poll_chart(site, content, url_path):
    assert charts_of(site.page(url_path), content.metric_names[POLL_METRIC]) == []


@pytest.mark.parametrize("url_path, countries", [("/", {"kyrgyzstan", "kazakhstan", "uzbekistan"}),
                                                 ("/countries/kazakhstan/", {"kazakhstan"}),
                                                 ("/countries/kyrgyzstan/", {"kyrgyzstan"})])
def test_the_poll_figures_are_in_the_figures_table_with_their_source(site, content, url_path, countries):
    doc = site.page(url_path)
    table = table_after(doc, "key-figures")
    metric = content.metric_names[POLL_METRIC]
    header = [cell.text() for cell in rows(table)[0]]
    column = {name: header.index(name) for name in header}
    poll_rows = [r for r in rows(table) if r and r[0].text().startswith(metric)]
    expected = [(c, v, s) for c, v, s in POLL if c in countries]
    assert len(poll_rows) == len(expected), url_path
    # A table whose figures are all about one place has no "Where" column: the line above it names the place.
    assert ("Where" in column) == (len(countries) > 1), header
    for country, value, source_id in expected:
        matching = [r for r in poll_rows if ("Where" not in column or r[column["Where"]].text() == content.names[country])
                    and r[column["Value"]].text().startswith(percent(value))]
        assert len(matching) == 1, (url_path, country, value)
        assert matching[0][column["Period"]].text().endswith("(inferred)"), "the poll's date is not stated"
        assert matching[0][column["Measured by"]].text() == "polls the author does not name"
        cited = {doc.resolve(h)[0] for h in matching[0][column["Source"]].hrefs()}
        assert cited == {f"/sources/{source_id}/"}
        flag = [doc.resolve(h) for h in matching[0][column["Value"]].hrefs()]
        assert flag == ([(urlsplit(doc.url).path, "measurements-differ")] if country in DIFFERING else [])


@pytest.mark.parametrize("url_path", DIFFERENCE_PAGES)
def test_the_two_polls_are_shown_as_measurements_that_differ(site, content, url_path):
    doc = site.page(url_path)
    assert "sources-disagree" not in doc.by_id, "two unnamed polls cannot contradict each other"
    heading = doc.by_id.get("measurements-differ")
    assert heading is not None, f"{url_path}: no element id=measurements-differ"
    assert heading.tag in ("h2", "h3") and heading.text().startswith("Measurements that differ")
    items = [li for node in section(doc, "measurements-differ") for li in ([node] if node.tag == "li" else node.iter("li"))]
    countries = DIFFERING & ({url_path.split("/")[2]} if url_path.startswith("/countries/") else DIFFERING)
    quotes = {(s, f["country"], f["value"]): f["quote"] for s, f in content.figures if f["metric"] == POLL_METRIC}
    blocks = [n.text() for node in section(doc, "measurements-differ") for n in
              ([node] if "briefing-difference" in node.classes else node.find(cls="briefing-difference"))]
    assert sorted(b.split(":")[0] for b in blocks) == sorted(
        f"{content.metric_names[POLL_METRIC]}, {content.names[c]}" for c in countries)
    assert all("do not contradict each other and are not a change over time" in b for b in blocks)
    for country, value, source_id in [p for p in POLL if p[0] in countries]:
        holding = [li for li in items if li.text().startswith(percent(value) + ", ")]
        assert len(holding) == 1, (url_path, value)
        assert "polls the author does not name" in holding[0].text()
        (target,) = [doc.resolve(h) for h in holding[0].hrefs()]
        assert target[0] == f"/sources/{source_id}/"
        assert collapse(quotes[(source_id, country, value)]) in site.paragraph_text(*target)
    assert len(items) == 2 * len(countries)


def test_a_page_without_a_difference_has_no_such_section(site):
    doc = site.page("/countries/uzbekistan/")
    assert "sources-disagree" not in doc.by_id and "measurements-differ" not in doc.by_id
    assert not doc.root.find("rect", "briefing-chart__bar--flagged")


def test_every_in_page_link_to_a_comparison_resolves(site):
    for url_path in site.url_paths():
        doc = site.page(url_path)
        for href in doc.article().hrefs() if doc.root.find("article") else []:
            target = urlsplit(urljoin(doc.url, href))
            fragment = target.fragment
            if target[:3] == urlsplit(doc.url)[:3] and fragment in ("sources-disagree", "measurements-differ",
                                                                     "other-reporting"):
                assert fragment in doc.by_id, (url_path, fragment)


# --- (b) a teaser and the article it summarises ------------------------------------------------------

def kin(doc: Doc, relation: str) -> list[str]:
    items = [li for node in section(doc, "also-published") for li in node.iter("li")]
    return [doc.resolve(h)[0] for li in items if li.text().startswith(f"{relation}:") for h in li.hrefs()]


def test_the_teaser_summarises_the_article_and_the_article_links_back(site):
    assert kin(site.page(f"/sources/{TEASER_06}/"), "Summarises") == [f"/sources/{S002}/"]
    assert kin(site.page(f"/sources/{S002}/"), "Summarised in") == [f"/sources/{TEASER_06}/"]


def test_the_listing_is_not_said_to_summarise_its_own_teaser(site):
    doc = site.page("/sources/004_6240f0bb353a09c8/")
    if "also-published" in doc.by_id:
        linked = kin(doc, "Summarises") + kin(doc, "Summarised in") + kin(doc, "Also published as")
        assert not [p for p in linked if p.startswith("/sources/004_6240f0bb353a09c8-")]


# --- (c) one event, several sources ----------------------------------------------------------------

@pytest.mark.parametrize("year, word", [("2014", "Crimea"), ("2008", "Georgia")])
def test_an_event_from_two_sources_is_on_the_timeline_once_with_both(site, content, year, word):
    reports = [(s, e) for s, e in content.events if str(e["date"]) == year]
    assert sorted(s for s, _ in reports) == [S002, S003], "test setup: the content changed"
    # The timeline page, and the page of that year when the timeline has one.
    pages = [p for p in ("/timeline/", f"/timeline/{year}/") if site.file(p).is_file()]
    shown = 0
    for url_path in pages:
        doc = site.page(url_path)
        items = [li for li in doc.article().iter("li") if li.find("strong") and li.find("strong")[0].text() == year]
        mentions = [li for li in doc.article().iter("li") if word in li.text() and not li.find("li")]
        assert len(items) <= 1 and len(mentions) == len(items), f"{url_path}: {len(items)} entries for {year}"
        for item in items:
            shown += 1
            assert word in item.text()
            assert item.text().count("(2 sources)") == 1
            targets = [doc.resolve(h) for h in item.hrefs() if "#p" in h]
            assert sorted(p for p, _ in targets) == [f"/sources/{S002}/", f"/sources/{S003}/"]
            for source_id, event in reports:
                (fragment,) = [f for p, f in targets if p == f"/sources/{source_id}/"]
                assert collapse(event["quote"]) in site.paragraph_text(f"/sources/{source_id}/", fragment)
    assert shown >= 1, f"the {year} event is on no timeline page"


# --- (d) the country-by-theme matrix ------------------------------------------------------------------

def test_the_matrix_has_a_row_per_country_and_a_column_per_theme_in_use(site, content):
    doc = site.page("/")
    header, *body = rows(table_after(doc, "countries-and-themes"))
    assert header[0].text() == "Country"
    columns = [doc.resolve(c.hrefs()[0])[0] for c in header[1:]]
    assert columns == [f"/themes/{slug}/" for slug in content.in_use("themes")]
    assert [c.text() for c in header[1:]] == [content.names[s] for s in content.in_use("themes")]
    assert [doc.resolve(r[0].hrefs()[0])[0] for r in body] == [f"/countries/{s}/" for s in content.in_use("countries")]
    assert all(len(r) == len(header) for r in body)


def claims_about(briefing, country: str, theme: str) -> int:
    """Key points, events and figures about both: what a cell of the grid counts."""
    claims = [(c.countries, c.themes) for s in briefing.sources for c in s.key_points + s.events]
    claims += [((f.country,), f.themes) for f in briefing.figures]
    return sum(country in countries and theme in themes for countries, themes in claims)


def test_each_matrix_cell_leads_to_its_section_or_shows_a_dash(site, content):
    from generator.pipeline import build_model
    from generator.common.project import Project

    model, _ = build_model(Project.at(site.root), dt.date.today())
    doc = site.page("/")
    _, *body = rows(table_after(doc, "countries-and-themes"))
    themes = content.in_use("themes")
    linked = 0
    for row, country in zip(body, content.in_use("countries"), strict=True):
        country_page = site.page(f"/countries/{country}/")
        for cell, theme in zip(row[1:], themes, strict=True):
            section_heading = country_page.by_id.get(theme)
            if cell.hrefs():
                linked += 1
                (href,) = cell.hrefs()
                assert doc.resolve(href) == (f"/countries/{country}/", theme)
                assert section_heading is not None, f"/countries/{country}/ has no id={theme}"
                assert section_heading.text().startswith(content.names[theme])
                assert int(cell.text()) == claims_about(model, country, theme) > 0, (country, theme)
            else:
                assert cell.text() == "—", (country, theme, cell.text())
                assert section_heading is None, f"/countries/{country}/ has a section on {theme} the matrix omits"
    assert linked > 20
    assert any(c.text() == "—" for r in body for c in r[1:]), "expected at least one gap"


# --- (e) distance from Moscow ------------------------------------------------------------------------

def trend_evidence_lands(site, doc: Doc, node: Node, trend: dict) -> None:
    """Each claim a reading cites is linked, in order, to its anchor on its source page."""
    targets = [doc.resolve(h) for h in node.hrefs() if "#" in h]
    assert len(targets) == len(trend["evidence"]), (doc.url, trend["period"])
    for (path, fragment), reference in zip(targets, trend["evidence"], strict=True):
        assert (path, fragment) == (f"/sources/{reference.rsplit('-', 1)[0]}/", reference)
        assert site.paragraph_text(path, fragment) is not None, f"{path} has no id={fragment}"


def test_the_kyrgyzstan_page_shows_the_newest_reading_first_and_the_earlier_one_below(site, content):
    doc = site.page("/countries/kyrgyzstan/")
    paragraphs = doc.article().find("p")
    (current,) = [p for p in paragraphs if p.text().startswith("Distance from Moscow:")]
    assert "Growing as of April 2025 (inferred)" in current.text()  # the arrest is dated from other reporting
    assert [s.text() for s in current.find("span", "briefing-trend")] == ["▲ Growing"]
    (earlier_label,) = [p for p in paragraphs if p.text() == "Earlier readings:"]
    assert paragraphs.index(current) < paragraphs.index(earlier_label)
    earlier_list = earlier_label.following_siblings()[0]
    assert earlier_list.tag == "ul"
    (earlier,) = earlier_list.find("li")
    assert "Growing as of October 2022" in earlier.text()
    kyrgyz = {t["period"]: t for t in content.trends if t["country"] == "kyrgyzstan"}
    trend_evidence_lands(site, doc, current, kyrgyz["2025-04"])
    trend_evidence_lands(site, doc, earlier, kyrgyz["2022-10"])


def test_every_trend_is_on_its_country_page_newest_first_with_evidence_that_lands(site, content):
    by_country = defaultdict(list)
    for trend in content.trends:
        by_country[trend["country"]].append(trend)
    for country, trends in by_country.items():
        trends.sort(key=lambda t: partial(t["period"]), reverse=True)
        doc = site.page(f"/countries/{country}/")
        paragraphs = doc.article().find("p")
        (current,) = [p for p in paragraphs if p.text().startswith("Distance from Moscow:")]
        assert re.search(rf"{trends[0]['distance'].capitalize()} as of {human(partial(trends[0]['period']))}( \(inferred\))?:",
                         current.text())
        assert f"briefing-trend--{trends[0]['distance']}" in current.find("span", "briefing-trend")[0].classes
        trend_evidence_lands(site, doc, current, trends[0])
        earlier = [p for p in paragraphs if p.text() == "Earlier readings:"]
        if len(trends) == 1:
            assert earlier == []
            continue
        items = earlier[0].following_siblings()[0].find("li")
        assert len(items) == len(trends) - 1
        for item, trend in zip(items, trends[1:], strict=True):
            assert re.search(rf"as of {human(partial(trend['period']))}( \(inferred\))?:", item.text())
            trend_evidence_lands(site, doc, item, trend)


def test_the_home_countries_table_has_a_distance_badge_or_a_dash(site, content):
    doc = site.page("/")
    header, *body = rows(table_after(doc, "countries"))
    column = [c.text() for c in header].index("Distance from Moscow")
    newest = {}
    for trend in sorted(content.trends, key=lambda t: partial(t["period"])):
        newest[trend["country"]] = trend
    seen = set()
    for row in body:
        country = doc.resolve(row[0].hrefs()[0])[0].split("/")[2]
        seen.add(country)
        cell = row[column]
        if country in newest:
            trend = newest[country]
            (badge,) = cell.find("span", "briefing-trend")
            assert f"briefing-trend--{trend['distance']}" in badge.classes
            assert trend["distance"].capitalize() in badge.text()
            assert human(partial(trend["period"])) in cell.text()
        else:
            assert cell.text() == "—", (country, cell.text())
    assert seen == set(content.in_use("countries"))
    assert set(newest) <= seen


# --- (f) numbered corrections ----------------------------------------------------------------------

def test_every_correction_in_the_text_links_to_its_numbered_note(site, content):
    checked = 0
    for source_id, data in content.sources:
        corrections = data.get("corrections") or []
        doc = site.page(f"/sources/{source_id}/")
        marks = [a for sup in doc.article().iter("sup") for a in sup.iter("a")]
        assert len(marks) == len(corrections), source_id
        numbers = sorted(int(a.attrs["href"].removeprefix("#correction-")) for a in marks)
        assert numbers == list(range(1, len(corrections) + 1)), source_id
        for mark in marks:
            path, fragment = doc.resolve(mark.attrs["href"])
            assert path == urlsplit(doc.url).path and fragment.startswith("correction-")
            number = int(fragment.removeprefix("correction-"))
            fix = corrections[number - 1]
            target = doc.by_id.get(fragment)
            assert target is not None, f"{source_id}: no element id={fragment}"
            note = target if target.tag == "li" else target.closest("li")  # the note the number leads to
            assert note is not None, f"{source_id}: {fragment} is not in a note"
            assert collapse(fix["wrong"]) in note.text() and collapse(fix["right"]) in note.text(), (source_id, number)
            marked = mark.closest("span")
            assert marked is not None and "correction" in marked.classes
            assert [n.text() for n in marked.find("del")] == [collapse(fix["wrong"])]
            assert [n.text() for n in marked.find("ins")] == [collapse(fix["right"])]
            assert marked.closest("p") is not None and marked.closest("p").attrs["id"].startswith("p")
            checked += 1
    assert checked > 40


# --- (g) feeds and their autodiscovery ------------------------------------------------------------------

def feed_links(doc: Doc) -> list[str]:
    return [link.attrs.get("href") for link in doc.head().find("link")
            if "alternate" in link.attrs.get("rel", "").split() and link.attrs.get("type") == "application/atom+xml"]


def test_every_page_head_offers_the_feed_and_it_exists(site):
    for url_path in site.url_paths():
        doc = site.page(url_path)
        hrefs = feed_links(doc)
        assert hrefs, f"{url_path}: no feed link in <head>"
        targets = [doc.resolve(h)[0] for h in hrefs]
        assert "/feeds/all.xml" in targets, url_path
        for target in targets:
            assert site.file(target).is_file(), (url_path, target)


def test_country_and_theme_pages_also_offer_their_own_feed(site, content):
    pages = [("countries", s) for s in content.in_use("countries")] + [("themes", s) for s in content.in_use("themes")]
    for kind, slug in pages:
        doc = site.page(f"/{kind}/{slug}/")
        targets = [doc.resolve(h)[0] for h in feed_links(doc)]
        assert targets == ["/feeds/all.xml", f"/feeds/{kind}/{slug}.xml"], (kind, slug)


def test_every_link_in_every_feed_resolves_to_a_page_of_the_site(site, content):
    feeds = sorted((site.dir / "feeds").rglob("*.xml"))
    assert len(feeds) == 1 + len(content.in_use("countries")) + len(content.in_use("themes"))
    for path in feeds:
        relative = path.relative_to(site.dir).as_posix()
        feed_url = urljoin(BASE, relative)
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (relative, parsed.get("bozo_exception"))
        links = [(link.rel, link.href) for link in parsed.feed.links]
        links += [(link.rel, link.href) for entry in parsed.entries for link in entry.links]
        assert len(parsed.entries) > 0 and len(links) >= 2 + len(parsed.entries)
        for rel, href in links:
            target = urlsplit(urljoin(feed_url, href))
            if rel == "related" and target.netloc != HOST:
                continue  # the original article's own address
            assert target.netloc == HOST, (relative, href)
            if rel == "self":
                assert target.path == "/" + relative
                continue
            assert target.path.endswith("/"), (relative, href)
            assert site.file(target.path).is_file(), (relative, href)


# --- (h) data downloads -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def data(site) -> dict:
    loaded = {}
    for name in ("sources", "events", "figures"):
        document = json.loads((site.dir / f"data/{name}.json").read_text(encoding="utf-8"))
        table = list(csv.DictReader(io.StringIO((site.dir / f"data/{name}.csv").read_text(encoding="utf-8"))))
        loaded[name] = (document, table)
    return loaded


def test_the_downloads_load_and_their_counts_match_the_content(data, content):
    expected = {"sources": len(content.sources), "events": len(content.events), "figures": len(content.figures)}
    assert expected["sources"] > 10 and expected["events"] > 10 and expected["figures"] > 10
    for name, (document, table) in data.items():
        assert document["dataset"] == name
        assert document["count"] == len(document["items"]) == len(table) == expected[name], name
        assert [row["id"] for row in table] == [item["id"] for item in document["items"]]
        assert list(table[0]) == document["fields"]
    assert sorted(item["id"] for item in data["sources"][0]["items"]) == sorted(i for i, _ in content.sources)


def test_every_event_row_leads_to_the_paragraph_holding_its_quote(site, data):
    for row in data["events"][0]["items"]:
        target = urlsplit(urljoin(BASE, row["page"]))
        assert target.path == f"/sources/{row['source']}/" and target.fragment == f"p{row['paragraph']}"
        text = site.paragraph_text(target.path, target.fragment)
        assert text is not None, row["page"]
        assert collapse(row["quote"]) in text, (row["id"], row["page"])


def test_every_figure_row_value_appears_on_its_source_page(site, data, content):
    for row in data["figures"][0]["items"]:
        target = urlsplit(urljoin(BASE, row["page"]))
        assert target.path == f"/sources/{row['source']}/"
        assert collapse(row["quote"]) in site.paragraph_text(target.path, target.fragment)
        doc = site.page(target.path)
        matching = [r for r in rows(table_after(doc, "figures")) if len(r) == 6
                    and r[0].text().startswith(row["metric_name"])
                    and r[1].text() == content.names[row["country"]]
                    and r[2].text().startswith(row["shown"])
                    and r[3].text() == row["period"] and r[4].text() == row["measure"]]
        assert matching, (row["id"], row["shown"])


# --- (i) cite this page, last updated --------------------------------------------------------------

def cite_text(doc: Doc) -> str:
    assert "cite-this-page" in doc.by_id, doc.url
    assert doc.by_id["cite-this-page"].text().startswith("Cite this page")
    (block,) = doc.article().find("p", "briefing-cite")
    return block.text()


def resting_on(site, kind: str, slug: str) -> list[tuple[str, dict]]:
    """(source id, source or event) for what a country or theme page rests on: the sources with a claim about
    the term (or tagged with it and making no claims at all) and the events about it; not the sources that only
    mention the term, nor the region's claims."""
    from generator.pipeline import build_model
    from generator.common.project import Project

    model, _ = build_model(Project.at(site.root), dt.date.today())

    def about(claim) -> bool:
        slugs = claim.themes if kind == "themes" else (claim.country,) if hasattr(claim, "metric") else claim.countries
        return slug in slugs

    found = []
    for source in model.sources:
        claims = source.key_points + source.events + source.figures
        tagged = slug in source.countries + source.themes
        if any(about(c) for c in claims) or (tagged and not claims):
            found.append((source.id, _dated(source)))
        found += [(source.id, _dated(event)) for event in source.events if about(event)]
    return [(i, d) for i, d in found if d]


def _dated(item) -> dict:
    if not item.date:
        return {}
    return {"date": item.date.iso, "inferred": {"date": "…"} if item.date_basis != "stated" else {}}


def test_country_and_theme_pages_say_how_to_cite_them_and_when_they_were_updated(site, content):
    pages = [("countries", s) for s in content.in_use("countries")] + [("themes", s) for s in content.in_use("themes")]
    for kind, slug in pages:
        url_path = f"/{kind}/{slug}/"
        doc = site.page(url_path)
        text = cite_text(doc)
        assert f"“{content.names[slug]}”" in text and text.endswith(url_path), (url_path, text)
        updated = newest_date(resting_on(site, kind, slug))
        (line,) = [p for p in doc.article().find("p") if p.text().startswith("Last updated")]
        if updated is None:  # every source the page rests on is undated (China here): no date is made up
            assert "Last updated" not in text and line.text().startswith("Last updated: no dated source yet"), url_path
            continue
        assert f"Last updated {updated}." in text, (url_path, text)
        assert line.text().startswith(f"Last updated {updated} (the newest source or event)"), (url_path, line.text())


def test_every_source_page_says_how_to_cite_it(site, content):
    for source_id, data in content.sources:
        url_path = f"/sources/{source_id}/"
        text = cite_text(site.page(url_path))
        assert f"“{collapse(data['title'])}”" in text, (url_path, text)
        assert text.endswith(url_path), (url_path, text)


# --- (j) inert charts, nothing from another host ----------------------------------------------------

def test_no_script_inside_any_svg_and_the_charts_are_there(site):
    charts_seen = 0
    for url_path in site.url_paths():
        for svg in site.page(url_path).root.find("svg"):
            assert not svg.find("script"), url_path
            assert not svg.find("foreignobject"), url_path
            for node in [svg, *svg.iter()]:
                assert not [a for a in node.attrs if a.startswith("on")], (url_path, node.tag)
                for name in ("href", "xlink:href"):
                    assert not (node.attrs.get(name) or "").strip().lower().startswith("javascript:"), url_path
            if svg.attrs.get("role") == "img":
                charts_seen += 1
    assert charts_seen >= 6


LOADERS = {"script": ["src"], "link": ["href"], "img": ["src", "srcset"], "iframe": ["src"], "source": ["src", "srcset"],
           "video": ["src", "poster"], "audio": ["src"], "embed": ["src"], "object": ["data"], "track": ["src"],
           "image": ["href", "xlink:href"], "use": ["href", "xlink:href"], "input": ["src"], "frame": ["src"]}


def test_no_page_requests_another_host(site):
    offenders = []
    for url_path in site.url_paths():
        doc = site.page(url_path)
        for node in doc.root.iter():
            for name in LOADERS.get(node.tag, []):
                value = (node.attrs.get(name) or "").strip()
                if value and urlsplit(urljoin(doc.url, value.split()[0])).netloc != HOST:
                    offenders.append((url_path, node.tag, value))
            style = (node.attrs.get("style") or "") + ("".join(node.children) if node.tag == "style"
                                                       and all(isinstance(c, str) for c in node.children) else "")
            if "url(" in style and ("http:" in style or "https:" in style or "url(//" in style):
                offenders.append((url_path, node.tag, style[:80]))
    assert offenders == []
    css = (site.dir / "assets/briefing.css").read_text(encoding="utf-8")
    assert "@import" not in css and "http:" not in css and "https:" not in css
