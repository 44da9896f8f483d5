"""A reader's path through the site: home page, tabs, back links, citations and tags, in a desktop browser."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import yaml

from tests.browser.pagetools import (COUNTRY, S002, S003, click_and_wait, h1, links, load, paragraph_number,
                                     taxonomy, wait_until)
from tests.helpers import collapse

CENTRAL_ASIA = ["kazakhstan", "kyrgyzstan", "uzbekistan", "tajikistan", "turkmenistan"]


# --- 1. the home page --------------------------------------------------------------------------------

def test_home_page_shows_the_bottom_line(page, site):
    load(page, "/")
    briefing = yaml.safe_load((site.root / "content/briefing.yml").read_text(encoding="utf-8"))
    assert h1(page) == briefing["title"]
    box = page.locator("article .briefing-bottom-line")
    assert box.count() == 1, "the home page has no (or more than one) .briefing-bottom-line"
    assert box.is_visible()
    shown = collapse(box.inner_text())
    assert shown.startswith("Bottom line. ")
    for sentence in briefing["bottom_line"]:  # each sentence, then its numbered evidence marks
        assert collapse(sentence["text"]) in shown
    marks = box.locator("sup.briefing-evidence a")
    assert marks.count() == sum(len(set(sentence["evidence"])) for sentence in briefing["bottom_line"])
    numbers = {int(n) for n in marks.all_inner_texts()}  # a claim cited twice keeps its number
    assert numbers == set(range(1, len({r for s in briefing["bottom_line"] for r in s["evidence"]}) + 1))
    assert all("/sources/" in href and "#" in href for href in marks.evaluate_all("links => links.map(a => a.href)"))
    # It is near the top, above the fold of a 1280x800 window, not buried under the tables.
    assert box.bounding_box()["y"] < 800, "the bottom line is below the first screen of the home page"


def test_home_page_lists_every_country_and_theme_with_a_link_to_its_page(page, site):
    load(page, "/")
    shown = {}
    for link in links(page):
        if link["visible"]:
            shown.setdefault(link["href"], set()).add(link["text"])
    terms = taxonomy(site.root)
    expected = {}
    for kind in ("countries", "themes"):
        for term in terms[kind]:
            if (site.dir / kind / term["slug"] / "index.html").is_file():
                expected[site.url(f"{kind}/{term['slug']}/")] = term["name"]
    assert {site.url(f"countries/{slug}/") for slug in CENTRAL_ASIA} <= set(expected)
    assert sum(1 for url in expected if "/themes/" in url) >= 5
    missing = {url: name for url, name in expected.items() if name not in shown.get(url, set())}
    assert not missing, f"the home page has no visible link, with the term's name, to: {missing}"


def test_a_country_and_a_theme_on_the_home_page_open_their_pages(page, site):
    terms = taxonomy(site.root)
    for kind, term in (("countries", terms["countries"][0]), ("themes", terms["themes"][0])):
        load(page, "/")
        link = page.locator(f'article a[href="{kind}/{term["slug"]}/"]').first
        click_and_wait(page, link)
        assert page.url == site.url(f"{kind}/{term['slug']}/")
        assert h1(page) == term["name"]


# --- 2. navigation -----------------------------------------------------------------------------------

def test_every_navigation_tab_leads_to_its_section(page, site):
    load(page, "/")
    names = [name.strip() for name in page.locator(".md-tabs__link").all_inner_texts()]
    assert {"Countries", "Themes", "Timeline", "Sources"} <= set(names), f"tabs: {names}"
    for index, name in enumerate(names):
        tab = page.locator(".md-tabs__link").nth(index)
        assert tab.is_visible(), f"the tab {name!r} is not visible at 1280x800 on {page.url}"
        href = tab.evaluate("a => a.href")
        click_and_wait(page, tab)
        assert page.url == href, f"the tab {name!r} led to {page.url}, not {href}"
        assert h1(page), f"the {name!r} section has an empty h1"
        active = page.locator(".md-tabs__item--active .md-tabs__link")
        assert active.count() == 1 and active.inner_text().strip() == name, \
            f"after clicking {name!r} the highlighted tab is {active.all_inner_texts()}"


def test_a_source_page_links_back_to_its_country_and_theme_which_list_it(page, site):
    source = site.url(f"sources/{S003}/")
    for row in ("Countries", "Themes"):
        load(page, source)
        link = page.locator(f'article tr:has(td:text-is("{row}")) a[href*="/{row.lower()}/"]').first
        assert link.count() == 1, f"the source page has no link in its {row!r} row"
        name = link.inner_text().strip()
        click_and_wait(page, link)
        assert h1(page) == name
        assert source in {a["href"] for a in links(page) if a["visible"]}, \
            f"{page.url} does not link back to the source page {source}"


def test_the_sources_tab_and_the_browse_link_lead_back_to_the_indexes(page, site):
    source = site.url(f"sources/{S003}/")
    load(page, source)
    click_and_wait(page, page.locator(".md-tabs__link", has_text="Sources"))
    assert page.url == site.url("sources/")
    assert source in {a["href"] for a in links(page) if a["visible"]}, "the sources index does not list the source"
    click_and_wait(page, page.locator("article a", has_text="Browse by country, theme or year"))
    assert page.url == site.url("browse/")
    listing = site.url(f"browse/countries/{COUNTRY}/")
    assert listing in {a["href"] for a in links(page) if a["visible"]}
    click_and_wait(page, page.locator(f'article a[href="countries/{COUNTRY}/"]'))
    assert page.url == listing
    click_and_wait(page, page.locator("article a", has_text="Browse by country, theme or year"))
    assert page.url == site.url("browse/"), "a listing page does not lead back to the browse index"


# --- 3. citations ------------------------------------------------------------------------------------

TARGET_JS = """(el) => {
  const box = el.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const other = [...document.querySelectorAll('.briefing-para')].find(p => p !== el && !p.classList.contains('briefing-para--heading'));
  const look = (p) => { const s = getComputedStyle(p);
    return {background: s.backgroundColor, outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`}; };
  return {target: el.matches(':target'), top: box.top, bottom: box.bottom, height: window.innerHeight,
          header: header.bottom, scrolled: window.scrollY, marked: look(el), plain: other ? look(other) : null};
}"""


def test_a_citation_opens_the_source_scrolled_to_the_visibly_marked_paragraph(page, site):
    load(page, f"/countries/{COUNTRY}/")
    citations = page.locator('article a[href*="/sources/"][href*="#p"]')
    hrefs = citations.evaluate_all("links => links.map(a => a.href)")
    assert hrefs, f"countries/{COUNTRY}/ has no citation of a source paragraph"
    # The citation of the deepest paragraph: the source page must really scroll to reach it.
    index = max(range(len(hrefs)), key=lambda i: paragraph_number(hrefs[i]))
    href = hrefs[index]
    click_and_wait(page, citations.nth(index))
    assert page.url == href
    fragment = href.rsplit("#", 1)[1]
    paragraph = page.locator(f"[id='{fragment}']")
    assert paragraph.count() == 1, f"{href}: no element with id={fragment}"
    wait_until(page, "() => window.scrollY > 0", f"{href}: the source page did not scroll to the cited paragraph")
    state = paragraph.evaluate(TARGET_JS)
    assert state["target"], f"{href}: the cited paragraph does not match :target"
    assert state["top"] >= state["header"] - 1, \
        f"{href}: the cited paragraph starts under the sticky header (top {state['top']}, header ends {state['header']})"
    assert state["top"] < state["height"] and state["bottom"] > 0, f"{href}: the cited paragraph is not in view: {state}"
    assert state["plain"] is not None
    assert state["marked"] != state["plain"], \
        f"{href}: the cited paragraph looks like any other ({state['marked']})"
    assert paragraph.locator(".briefing-para__number").inner_text().strip() == fragment.removeprefix("p")


# --- 4. tags -----------------------------------------------------------------------------------------

def test_tags_on_a_source_page_lead_to_listings_that_list_the_source(page, site):
    source = site.url(f"sources/{S002}/")
    load(page, source)
    tags = page.locator("article a.briefing-tag")
    hrefs = tags.evaluate_all("links => links.map(a => a.href)")
    assert hrefs, f"the source page {source} shows no tags (a.briefing-tag)"
    # A reader clicks the first country tag and the first theme tag ...
    for kind in ("countries", "themes"):
        index = next((i for i, h in enumerate(hrefs) if f"/browse/{kind}/" in h), None)
        assert index is not None, f"the source page has no tag leading to browse/{kind}/: {hrefs}"
        load(page, source)
        tag = page.locator("article a.briefing-tag").nth(index)
        assert tag.is_visible()
        name = tag.inner_text().strip()
        click_and_wait(page, tag)
        assert page.url == hrefs[index]
        assert name in h1(page), f"the listing behind the tag {name!r} is headed {h1(page)!r}"
        assert source in {a["href"] for a in links(page) if a["visible"]}, \
            f"the listing behind the tag {name!r} ({page.url}) does not list the source"
    # ... and every other tag's listing lists the source too (fetched, not clicked, to keep the suite fast).
    for href in hrefs:
        response = page.request.get(href)
        assert response.status == 200, f"the tag link {href} gives HTTP {response.status}"
        listed = re.findall(r'<a href="([^"]+)"', response.text())
        assert source in {urljoin(href, h) for h in listed}, f"the listing {href} does not list {source}"


# --- corrections ---------------------------------------------------------------------------------

def test_the_method_page_leads_to_the_dated_corrections_and_each_to_its_source(page, site):
    load(page, "/method/")
    click_and_wait(page, page.locator("article a", has_text="Corrections and updates"))
    assert page.url == site.url("corrections/") and h1(page) == "Corrections and updates"
    entries = page.locator("article li:not(.briefing-crumbs li)")
    assert entries.count() > 0 and all(text.startswith("1 December 2026") for text in entries.all_inner_texts())
    source = entries.locator('a[href*="/sources/"]').first
    title = source.inner_text().strip()
    click_and_wait(page, source)
    assert h1(page) == title and page.url.endswith("#corrections-and-updates")
    section = page.locator("article h2#corrections-and-updates")
    assert section.is_visible() and section.bounding_box()["y"] < 200, "the source page opens at its corrections"
