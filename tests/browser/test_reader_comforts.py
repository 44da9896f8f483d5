"""Reader comforts, on the built site: when each briefing was last updated, reading
time on source pages, print styles, copy-link buttons and a helpful 404 page.

The site is built once for the module (`python -m generator build`) on a copy of the
fixture corpus (tests/fixtures/corpus/), with two changes: source 000 gets an
original address (a link whose text is its address) and the About page a link to
another site (whose address print shows). Expected values come from content/ and
the seeds' pages, not from the generator. The browser tests use the session's
Chromium (tests/browser/conftest.py), each in a fresh context, against the
module's own build served as a static host serves it: a missing path gets 404.html.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import pytest

from generator.render.source_text import reading_time
from tests.browser.pagetools import served
from tests.helpers import S000, all_events, all_sources, collapse, copy_project, edit, latest_first, run_cli, texts_by_id

ORIGINAL_URL = "https://example.org/articles/russia-house-osh"
EXTERNAL_URL = "https://example.com/central-asia-report"
S002 = "002_279588a8956d5652"
WORDS_PER_MINUTE = 220
DEEP_MISSING = "sources/nope/deeper/"


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("comforts") / "project")
    edit(root, S000, "url: null", f"url: {ORIGINAL_URL}")
    edit(root, "content/pages/about.md", "\n", f"\n\nSee also [a report elsewhere]({EXTERNAL_URL}).\n")
    result = run_cli("build", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture(scope="module")
def site(root) -> Path:
    return root / "site"


# --- a small DOM on top of html.parser --------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)  # Nodes and strings

    def text(self) -> str:
        return collapse("".join(c if isinstance(c, str) else c.text() for c in self.children))

    def walk(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.walk()

    def find(self, tag: str, cls: str | None = None) -> list["Node"]:
        return [n for n in self.walk() if n.tag == tag and (cls is None or cls in (n.attrs.get("class") or "").split())]


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def article(site: Path, url_path: str) -> Node:
    """The <article> of a built page: its content, without the theme's navigation."""
    builder = TreeBuilder()
    builder.feed((site / url_path.lstrip("/") / "index.html").read_text(encoding="utf-8"))
    (found,) = builder.root.find("article")
    return found


def briefing_pages(site: Path) -> list[str]:
    pages = ["/"]
    for kind in ("countries", "themes"):
        pages += sorted(f"/{kind}/{p.parent.name}/" for p in (site / kind).glob("*/index.html"))
    assert len(pages) > 10
    return pages


# --- dates as the content gives them (YYYY, YYYY-MM, YYYY-MM-DD) and as pages print them ------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
HUMAN_DATE = re.compile(rf"^(?:(?:(\d{{1,2}}) )?({'|'.join(MONTHS)}) )?(\d{{4}})$")


def from_iso(text) -> tuple[int, int, int]:
    parts = [int(p) for p in str(text).split("-")]
    return tuple(parts + [0] * (3 - len(parts)))


def from_human(text: str) -> tuple[int, int, int] | None:
    match = HUMAN_DATE.match(text)
    if not match:
        return None
    day, month, year = match.groups()
    return int(year), MONTHS.index(month) + 1 if month else 0, int(day or 0)


def iso(date: tuple[int, int, int]) -> str:
    return "-".join(f"{part:02d}" if n else f"{part:04d}" for n, part in enumerate(date) if part)


# --- (1) last updated ----------------------------------------------------------------------------------

UPDATED_LINE = re.compile(r"^Last updated (.+) \(the newest source or event\) · \d+ sources? · \d+ dated events? "
                          r"· \d+ figures?$")


def shown_dates(site: Path, url_path: str, source_dates: dict) -> list[tuple[int, int, int]]:
    """Dates of what the page rests on: the sources its Sources table (on the home page, every table) links to,
    and the events its Timeline (on the home page, Latest events) lists, each line starting with its date."""
    page = article(site, url_path)
    page_url = urljoin("https://briefing.test/", url_path.lstrip("/"))
    parts = part_after(page, "sources" if url_path != "/" else None), part_after(page, "timeline" if url_path != "/" else None)
    linked = {urlsplit(urljoin(page_url, a.attrs.get("href", ""))).path for node in parts[0] for a in node.find("a")}
    dates = [source_dates[sid] for sid in source_dates if f"/sources/{sid}/" in linked and source_dates[sid]]
    for item in (li for node in parts[1] for li in ([node] if node.tag == "li" else node.find("li"))):
        first = next((c for c in item.children if not (isinstance(c, str) and not c.strip())
                      and not (isinstance(c, Node) and c.tag == "span")), None)
        if isinstance(first, Node) and first.tag == "strong" and from_human(first.text()):
            dates.append(from_human(first.text()))
    return dates


def part_after(page: Node, heading_id: str | None) -> list[Node]:
    """The nodes between the h2 with this id and the next h2 (the whole article for None)."""
    if heading_id is None:
        return [page]
    nodes, inside = [], False
    for child in (c for c in page.walk() if isinstance(c, Node)):
        if child.tag == "h2":
            inside = child.attrs.get("id") == heading_id
        elif inside and child.tag in ("table", "ul"):
            nodes.append(child)
    return nodes


def test_home_and_every_briefing_page_say_when_they_were_last_updated_from_the_data(root, site):
    source_dates = {sid: from_iso(data["date"]) if data.get("date") else None for sid, data in all_sources(root)}
    event_dates = [from_iso(event["date"]) for _, event in all_events(root)]
    for url_path in briefing_pages(site):
        page = article(site, url_path)
        (line,) = page.find("p", "briefing-updated")
        dates = shown_dates(site, url_path, source_dates)
        if not dates:  # every source the page rests on is undated: no date is made up
            assert line.text().startswith("Last updated: no dated source yet · "), (url_path, line.text())
            continue
        assert UPDATED_LINE.match(line.text()), (url_path, line.text())
        (time,) = line.find("time")
        expected = max(dates, key=latest_first)
        assert time.attrs["datetime"] == iso(expected), url_path
        assert from_human(time.text()) == expected, (url_path, time.text())
        if url_path == "/":  # the home page counts everything, so it is the newest date of all
            assert expected == max([d for d in source_dates.values() if d] + event_dates, key=latest_first)
        else:  # and "Cite this page" gives the same date, marked the same way when inferred
            (cite,) = page.find("p", "briefing-cite")
            mark = " (inferred)" if f"{time.text()} (inferred) (the newest" in line.text() else ""
            assert f"Last updated {time.text()}{mark}." in cite.text(), url_path


NEWER = "2025-12-31"  # within the year of source 000 (an event may not come after its article), after all else


def test_last_updated_follows_the_data_not_the_clock(root, site):
    # An event newer than everything else moves the date of the pages that show it, and only those.
    dates = [data["date"] for _, data in all_sources(root) if data.get("date")]
    dates += [event["date"] for _, event in all_events(root)]
    assert max(from_iso(d) for d in dates) < from_iso(NEWER), "the fixture corpus has a date after the test's"
    kazakhstan = article(site, "/countries/kazakhstan/").find("time")[0].attrs["datetime"]
    edit(root, S000, "date: \"2025-04-22\"", f"date: \"{NEWER}\"")
    try:
        result = run_cli("generate", "--root", str(root), cwd=root)
        assert result.returncode == 0, result.stderr
        docs = root / "build/docs"
        assert f'<time datetime="{NEWER}">31 December 2025</time>' in (docs / "index.md").read_text(encoding="utf-8")
        assert f'<time datetime="{NEWER}">' in (docs / "countries/kyrgyzstan.md").read_text(encoding="utf-8")
        assert f'<time datetime="{kazakhstan}">' in (docs / "countries/kazakhstan.md").read_text(encoding="utf-8")
    finally:
        edit(root, S000, f"date: \"{NEWER}\"", "date: \"2025-04-22\"")
        assert run_cli("generate", "--root", str(root), cwd=root).returncode == 0


# --- (2) reading time ----------------------------------------------------------------------------------

def test_every_source_page_shows_its_reading_time_with_the_date_and_publisher(root, site):
    sources = dict(all_sources(root))
    assert len(sources) > 10
    for source_id, data in sources.items():
        url_path = f"/sources/{source_id}/"
        markup = (site / url_path.lstrip("/") / "index.html").read_text(encoding="utf-8")
        texts = texts_by_id(markup)
        paragraphs = [texts.text(key) for key in texts.by_id if re.fullmatch(r"p\d+", key)]
        assert paragraphs, url_path
        words = sum(len(text.split()) for text in paragraphs)
        minutes = max(1, int(words / WORDS_PER_MINUTE + 0.5))
        heading, byline = first_elements(article(site, url_path))
        assert heading.tag == "h1" and "briefing-byline" in byline.attrs.get("class", ""), url_path
        assert byline.text().endswith(f" · {minutes} min read"), (url_path, byline.text(), words)
        date = data.get("date")
        assert byline.text().startswith(iso_to_human(date) if date else "Undated"), (url_path, byline.text())
        if data.get("publisher"):
            assert f" · {collapse(data['publisher'])} · " in byline.text(), url_path


def first_elements(page: Node) -> tuple[Node, Node]:
    """The page's heading and the element right after it (a breadcrumb trail may come before the heading)."""
    for node in [page, *page.walk()]:
        elements = [c for c in node.children if isinstance(c, Node)]
        headings = [n for n, element in enumerate(elements) if element.tag == "h1"]
        if headings and headings[0] + 1 < len(elements):
            return elements[headings[0]], elements[headings[0] + 1]
    raise AssertionError("no h1")


def iso_to_human(text) -> str:
    year, month, day = from_iso(text)
    return " ".join(str(p) for p in ([day] if day else []) + ([MONTHS[month - 1]] if month else []) + [year])


def test_a_long_source_rounds_its_reading_time(root, site):
    # The longest shipped text (1,486 words): more than a minute, so rounding (not the minimum) decides.
    (byline,) = article(site, f"/sources/{S002}/").find("span", "briefing-reading-time")
    assert byline.text() == "7 min read"


@pytest.mark.parametrize("words, shown", [(0, "1 min read"), (1, "1 min read"), (329, "1 min read"),
                                          (330, "2 min read"), (1_200, "5 min read"), (1_320, "6 min read")])
def test_reading_time_is_rounded_to_the_nearest_minute_and_at_least_one(words, shown):
    # The shipped sources all round up either way; these tell rounding from ceiling.
    assert reading_time(SimpleNamespace(word_count=words)) == shown


# --- the browser ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(site):
    with served(site) as base:
        yield base


def on_page(browser, url: str, check, width: int = 1280, before=None, **options):
    """Open url in a fresh browser context and return check(page, response); a script error fails the test."""
    def work(chromium):
        context = chromium.new_context(viewport={"width": width, "height": 900}, **options)
        context.set_default_timeout(5_000)  # a page of this site loads in well under a second
        try:
            page = context.new_page()
            errors = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            if before:
                before(page)
            response = page.goto(url)
            page.wait_for_load_state("load")
            result = check(page, response)
            assert errors == [], errors
            return result
        finally:
            context.close()
    return work(browser)


# --- (3) print -----------------------------------------------------------------------------------------

CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-top",
          "[data-briefing-palette]", "button.briefing-copy", ".headerlink"]


def test_print_shows_the_article_alone_black_on_white_and_full_width(browser, server):
    def check(page, _):
        page.emulate_media(media="print")
        for selector in CHROME:
            shown = page.eval_on_selector_all(
                selector, "els => els.filter(e => getComputedStyle(e).display !== 'none').length")
            total = page.eval_on_selector_all(selector, "els => els.length")
            assert total and shown == 0, (selector, shown, total)
        style = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.md-typeset'));
            const b = getComputedStyle(document.body); return [s.color, b.backgroundColor]; }""")
        assert style == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
        width = page.evaluate("document.querySelector('.md-content').getBoundingClientRect().width / window.innerWidth")
        assert width > 0.95
        avoid = page.evaluate("""() => ['figure', '.md-typeset table', '.briefing-cite'].map(sel =>
            getComputedStyle(document.querySelector(sel)).breakInside)""")
        assert avoid == ["avoid", "avoid", "avoid"]
        assert page.pdf(format="A4")[:5] == b"%PDF-"

    # In dark mode too: the printout is black on white.
    on_page(browser, server + "themes/public-opinion/", check, color_scheme="dark")  # a page with a chart


def test_print_shows_the_address_of_links_to_other_sites(browser, server):
    def after(page, selector: str):
        return page.eval_on_selector(selector, "a => [a.textContent, getComputedStyle(a, '::after').content]")

    def check(page, _):
        page.emulate_media(media="print")
        assert after(page, f'a[href="{EXTERNAL_URL}"]') == ["a report elsewhere", f'" ({EXTERNAL_URL})"']
        internal = page.eval_on_selector_all(".md-content a[href]:not([href^='http'])",
                                             "els => els.map(a => getComputedStyle(a, '::after').content)")
        assert internal and set(internal) <= {"none", "normal"}
        page.goto(server + "sources/000_c1a27e0ec5b1e4f9/")
        assert after(page, f'a[href="{ORIGINAL_URL}"]') == [ORIGINAL_URL, "none"]  # its text is its address
        page.emulate_media(media="screen")
        page.goto(server + "about/")
        assert after(page, f'a[href="{EXTERNAL_URL}"]')[1] == "none"

    on_page(browser, server + "about/", check)


# --- (4) copy-link buttons -----------------------------------------------------------------------------

BUTTONS = """() => [...document.querySelectorAll('.md-content button.briefing-copy')].map(b => ({
    type: b.getAttribute('type'), label: b.getAttribute('aria-label'), href: b.dataset.href,
    prev: b.previousElementSibling && b.previousElementSibling.getAttribute('href')}))"""
# Headings and citations, but not a citation in a table cell, which it fills: a button beside it would be cramped.
TARGETS = """() => [...document.querySelectorAll('.md-content a.headerlink, .md-content a[href]')]
    .filter(a => a.classList.contains('headerlink') || (/#p\\d+$/.test(a.getAttribute('href')) && !a.closest('td')))
    .length"""


def test_copy_buttons_sit_beside_every_permalink_and_citation(browser, server):
    page_url = server + "countries/kazakhstan/"

    def check(page, _):
        buttons = page.evaluate(BUTTONS)
        assert len(buttons) == page.evaluate(TARGETS) > 20
        assert all(b["type"] == "button" and b["label"].startswith("Copy link to ") for b in buttons)
        citations = [b for b in buttons if b["prev"] and re.search(r"#p\d+$", b["prev"])]
        headings = [b for b in buttons if b["prev"] and b["prev"].startswith("#") and b not in citations]
        assert citations and headings and len(citations) + len(headings) == len(buttons)
        assert all(b["href"] == urljoin(page_url, b["prev"]) for b in buttons)
        assert all(urlsplit(b["href"]).path.startswith("/sources/") for b in citations)

    on_page(browser, page_url, check)


def copy_with(page, press) -> str:
    """Empty the clipboard and the status, press a button (a function), and return what it copied."""
    page.evaluate("navigator.clipboard.writeText(''); document.querySelector('.briefing-copy-status').textContent = ''")
    press()
    page.wait_for_function("document.querySelector('.briefing-copy-status').textContent === 'Link copied'")
    return page.evaluate("navigator.clipboard.readText()")


def test_a_copy_button_copies_the_absolute_address_and_says_so(browser, server):
    page_url = server + f"sources/{S002}/"

    def check(page, _):
        status = page.locator(".briefing-copy-status")
        assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
        paragraph = page.locator("#p5 button.briefing-copy")
        assert paragraph.get_attribute("aria-label") == "Copy link to paragraph 5"
        assert copy_with(page, paragraph.click) == page_url + "#p5"
        heading = page.locator("h2#summary button.briefing-copy")
        assert heading.get_attribute("aria-label") == "Copy link to the section “Summary”"
        assert copy_with(page, heading.click) == page_url + "#summary"
        citation = page.locator("#key-points ~ ul a[href='#p4'] + button.briefing-copy").first
        assert citation.get_attribute("aria-label") == "Copy link to paragraph 4"
        assert copy_with(page, citation.click) == page_url + "#p4"
        # Keyboard: Tab from the paragraph's last link reaches its button, and Enter copies.
        page.evaluate("[...document.querySelectorAll('#p6 a')].pop().focus()")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.matches('#p6 > button.briefing-copy[type=button]')")
        assert copy_with(page, lambda: page.keyboard.press("Enter")) == page_url + "#p6"

    on_page(browser, page_url, check, permissions=["clipboard-read", "clipboard-write"])


def test_cite_this_page_copies_the_citation_with_the_address_the_page_was_opened_at(browser, server):
    page_url = server + "countries/kazakhstan/"

    def check(page, _):
        button = page.locator("p.briefing-cite-copy > button.briefing-copy-citation")
        assert button.is_visible() and button.get_attribute("type") == "button"
        cite = page.locator("p.briefing-cite")
        title, shown_address = cite.inner_text(), cite.locator("a").inner_text()
        assert title.endswith(shown_address) and not shown_address.startswith("http")  # no site_url here
        page.evaluate("navigator.clipboard.writeText(''); document.querySelector('.briefing-copy-status').textContent = ''")
        button.click()
        page.wait_for_function("document.querySelector('.briefing-copy-status').textContent === 'Citation copied'")
        assert page.evaluate("navigator.clipboard.readText()") == title[: -len(shown_address)] + page_url

    on_page(browser, page_url, check, permissions=["clipboard-read", "clipboard-write"])


@pytest.mark.parametrize("url_path", ["", "countries/kazakhstan/", f"sources/{S002}/", "timeline/"])
def test_no_horizontal_scrolling_at_375_pixels(browser, server, url_path):
    def check(page, _):
        assert page.evaluate("document.querySelectorAll('button.briefing-copy').length") > 0
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        # Buttons in a wide table scroll with the table, inside its own scroll box.
        rights = page.evaluate("""[...document.querySelectorAll('button.briefing-copy')]
            .filter(b => !b.closest('.md-typeset__scrollwrap')).map(b => b.getBoundingClientRect().right)""")
        assert rights and max(rights) <= 375

    on_page(browser, server + url_path, check, width=375, has_touch=True, is_mobile=True)


def test_without_javascript_the_page_is_whole_and_has_no_buttons(browser, server, site):
    markup = (site / "countries/kazakhstan/index.html").read_text(encoding="utf-8")
    assert "briefing-copy--" not in markup  # the link buttons come from the script alone
    assert markup.count('class="briefing-copy-citation"') == 1  # the citation's is in the page, shown by the script
    assert re.search(r'<script src="[./]*assets/briefing\.js"></script>', markup)
    assert (site / "assets/briefing.js").is_file()

    def check(page, _):
        assert page.locator("button.briefing-copy").count() == 0
        assert page.locator("button.briefing-copy-citation").is_hidden()  # it could not copy
        note = page.locator("p.briefing-cite-note")
        assert note.count() == 1  # the corpus sets no public address; the note must not point at the hidden button
        assert "Copy citation" not in note.inner_text() and "relative to the site" in note.inner_text()
        assert page.locator(".md-content a.headerlink").count() > 3
        assert page.locator(".md-content a[href*='#p']").count() > 10
        assert page.locator("p.briefing-updated").is_visible()

    on_page(browser, server + "countries/kazakhstan/", check, java_script_enabled=False)


# --- (5) the 404 page ----------------------------------------------------------------------------------

NOT_FOUND_LINKS = {"Home": "/", "Countries": "/countries/", "Themes": "/themes/", "All sources": "/sources/",
                   "the indexes by country, theme and year": "/browse/", "Timeline": "/timeline/"}


def not_found_links(site: Path, page_url: str) -> dict[str, str]:
    builder = TreeBuilder()
    builder.feed((site / "404.html").read_text(encoding="utf-8"))
    (page,) = builder.root.find("article")
    (heading,) = page.find("h1")
    assert heading.text() == "Page not found"
    text = page.text()
    assert "may have moved" in text and "sources/<id>/" in text and "search" in text
    return {a.text(): urlsplit(urljoin(page_url, a.attrs["href"])).path for a in page.find("a")}


def test_the_404_page_links_to_the_indexes_from_any_depth(site):
    for missing in ("nope/", DEEP_MISSING, "a/b/c/d/e/"):
        links = not_found_links(site, "https://briefing.test/" + missing)
        assert links == NOT_FOUND_LINKS, missing
    for path in NOT_FOUND_LINKS.values():
        assert (site / path.lstrip("/") / "index.html").is_file(), path


def test_a_missing_deep_address_gets_a_styled_404_whose_links_work(browser, server):
    assets = []

    def watch(page):
        page.on("response", lambda r: assets.append((urlsplit(r.url).path, r.status))
                if r.request.resource_type in ("stylesheet", "script") else None)

    def check(page, response):
        assert response.status == 404
        assert page.locator("h1").first.text_content() == "Page not found"
        # Every stylesheet and script, ours included, loads from the site root, not from the missing folder.
        paths = [path for path, _ in assets]
        assert "/assets/briefing.css" in paths and "/assets/briefing.js" in paths
        assert [a for a in assets if a[1] != 200] == []
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        page.locator("article").get_by_role("link", name="Countries", exact=True).click()
        page.wait_for_url(server + "countries/")
        assert page.locator("h1").first.text_content().startswith("Countries")

    on_page(browser, server + DEEP_MISSING, check, before=watch)


def test_with_a_site_url_below_the_host_root_the_404_links_stay_inside_the_site(tmp_path):
    root = copy_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "site_url: https://briefing.test/central-asia/\n",
                      encoding="utf-8")
    result = run_cli("build", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    links = not_found_links(root / "site", "https://briefing.test/central-asia/" + DEEP_MISSING)
    assert links == {name: "/central-asia" + path for name, path in NOT_FOUND_LINKS.items()}
