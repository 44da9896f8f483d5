"""Search as a reader uses it: Pagefind in the header's dialog, in Chromium.

Typing a name, an alias or a phrase shows the expected pages among the first
results; a result opens its page with the words marked; hostile text in the
index shows as text, never as markup.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.pagetools import click_and_wait, load, served, type_in_search_dialog, wait_until

FIRST = 5  # "among the first results": what a reader sees without scrolling
RESULTS_JS = """() => [...document.querySelectorAll('.pagefind-ui__result-link')]
    .filter(link => !link.closest('.pagefind-ui__result-nested'))
    .map(link => new URL(link.href).pathname)"""

EXPECTED = {
    "CSTO": "/themes/security-csto/",
    "Tokayev": "/countries/kazakhstan/",
    "Osh": "/countries/kyrgyzstan/",
    "Rossotrudnichestvo": "/themes/soft-power/",
    "Sekerina": "/sources/000_c1a27e0ec5b1e4f9/",
    "illegally recruiting locals": "/sources/000_c1a27e0ec5b1e4f9/",
    "Crocus City Hall": "/sources/003_511358f27ee65db5/",
}


def search(page, query: str) -> list[str]:
    """Open search with the keyboard, type the query, return the result pages in order."""
    type_in_search_dialog(page, query)
    wait_until(page, "document.querySelectorAll('.pagefind-ui__result-link').length > 0",
               f"no search results for {query!r}", timeout_ms=10_000)
    page.wait_for_timeout(300)  # Pagefind fills results in as their fragments arrive
    return page.evaluate(RESULTS_JS)


@pytest.mark.parametrize("query", sorted(EXPECTED))
def test_a_search_shows_the_expected_page_among_the_first_results(page, site, query):
    load(page, site.url("/about/"))
    results = search(page, query)
    assert EXPECTED[query] in results[:FIRST], f"{query!r}: first results {results[:FIRST]}"


def test_a_result_opens_its_page_with_the_words_marked(page, site, screenshots):
    load(page, site.url("/"))
    search(page, "Sekerina")
    page.screenshot(path=str(screenshots / "search-results.png"))
    first = page.locator(f'.pagefind-ui__result-link[href*="{EXPECTED["Sekerina"]}"]').first
    click_and_wait(page, first)
    assert page.url.split("?")[0].endswith(EXPECTED["Sekerina"])
    wait_until(page, "document.querySelectorAll('mark.pagefind-highlight').length > 0",
               "the opened page marks no match", timeout_ms=5_000)
    mark = page.locator("mark.pagefind-highlight").first
    assert mark.inner_text().lower() == "sekerina"
    assert mark.is_visible() and mark.evaluate("m => getComputedStyle(m).backgroundColor") not in (
        "rgba(0, 0, 0, 0)", "transparent"), "the match is not visibly marked"
    box, height = mark.bounding_box(), page.viewport_size["height"]
    assert box and 0 <= box["y"] < height, "the page did not scroll to the match"


def test_search_opens_with_the_button_and_closes_with_escape(page, site):
    load(page, site.url("/countries/kazakhstan/"))
    page.locator(".briefing-search-open").click()
    dialog = page.locator("dialog.briefing-search")
    page.locator(".pagefind-ui__search-input").wait_for(state="visible")
    assert page.evaluate("document.activeElement.classList.contains('pagefind-ui__search-input')")
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")


def test_a_link_with_a_query_opens_search_with_it(phone, site, screenshots):
    load(phone, site.url("/?q=Osh"))
    wait_until(phone, "document.querySelectorAll('.pagefind-ui__result-link').length > 0",
               "?q=Osh showed no results", timeout_ms=10_000)
    phone.wait_for_timeout(300)
    assert EXPECTED["Osh"] in phone.evaluate(RESULTS_JS)[:FIRST]
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.screenshot(path=str(screenshots / "search-results-phone.png"))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The project with the hostile seeds and metadata of tests/test_safety_markup.py, built and served."""
    from tests.helpers import copy_project, run_cli
    from tests.test_safety_markup import add_hostile_inputs

    root = copy_project(tmp_path_factory.mktemp("hostile-search") / "project")
    add_hostile_inputs(root)
    result = run_cli("build", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stderr
    with served(root / "site") as base:
        yield base


@pytest.mark.parametrize("query", ["alert", "script", "onerror", "javascript"])
def test_hostile_text_in_results_stays_text(pages, hostile_site, query):
    page = pages.open()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    load(page, hostile_site)
    results = search(page, query)
    assert "/sources/hostile/" in results
    page.wait_for_timeout(500)
    injected = page.evaluate("""() => [...document.querySelectorAll(
        '#briefing-search img, #briefing-search script, #briefing-search iframe, #briefing-search [onerror],'
        + '#briefing-search [onmouseover], #briefing-search a[href^="javascript:"]')].map(e => e.outerHTML)""")
    assert injected == [] and dialogs == []
    assert "<script>" in page.locator("#briefing-search").inner_text()  # shown as text


BUNDLED: dict = {}  # the bundled site's folder and its bundles, for the facet tests


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory):
    """The real project indexed as a big site is: in several Pagefind bundles (sources by year, 4 a bundle)."""
    import json

    from generator.engines import pagefind as site_search
    from tests.helpers import copy_project, run_cli, search_documents

    root = copy_project(tmp_path_factory.mktemp("bundled-search") / "project")
    assert run_cli("build", "--root", str(root), cwd=root).returncode == 0
    site_dir = root / "site"
    whole = sorted(d["url"] for d in search_documents(site_dir))
    from generator.engines import search_bundles

    sizes = search_bundles.ONE_BUNDLE_UP_TO, search_bundles.SOURCES_PER_BUNDLE
    search_bundles.ONE_BUNDLE_UP_TO, search_bundles.SOURCES_PER_BUNDLE = 4, 4
    try:
        assert site_search.index_site(site_dir) > 3  # the 15 source pages by year, the undated ones split
    finally:
        search_bundles.ONE_BUNDLE_UP_TO, search_bundles.SOURCES_PER_BUNDLE = sizes
    extra = json.loads((site_dir / "pagefind/bundles.json").read_text(encoding="utf-8"))
    split = sorted(d["url"] for bundle in ["pagefind/", *extra] for d in search_documents(site_dir, bundle))
    assert split == whole, "every page must be in exactly one bundle"
    BUNDLED["site_dir"], BUNDLED["bundles"] = site_dir, ["pagefind/", *extra]
    with served(site_dir) as base:
        yield base


@pytest.mark.parametrize("query, expected", [
    ("contentious", "/sources/000_c1a27e0ec5b1e4f9/"),  # in a bundle of its year, and on no other page
    ("recasts himself", "/sources/004_6240f0bb353a09c8-09/"),  # in a bundle of undated sources
    ("Tokayev", "/countries/kazakhstan/"),
])
def test_a_site_indexed_in_several_bundles_finds_pages_in_each(pages, bundled_site, query, expected):
    page = pages.open()
    load(page, bundled_site)
    assert expected in search(page, query)[:FIRST]


FACET_LABELS_JS = """() => Object.fromEntries([...document.querySelectorAll('.pagefind-ui__filter-label')]
    .map(label => label.textContent.trim().match(/^(.*) \\((\\d+)\\)$/)).filter(Boolean).map(m => [m[1], +m[2]]))"""


def results_for(page, url: str) -> list[str]:
    load(page, url)
    wait_until(page, "document.querySelectorAll('.pagefind-ui__result-link').length > 0", f"no results at {url}",
               timeout_ms=10_000)
    page.wait_for_timeout(600)  # results and counts settle as each bundle answers
    more = page.locator("button.pagefind-ui__button")  # Pagefind shows five results, then "Load more results"
    while more.count() and more.first.is_visible():
        more.first.click()
        page.wait_for_timeout(400)
    return page.evaluate(RESULTS_JS)


def countries_of(page, path: str) -> set[str]:
    html = page.request.get(path).text()
    return set(re.findall(r'data-pagefind-filter="country:([^"]+)"', html))


def bundle_of(path: str) -> str:
    from tests.helpers import search_documents

    return next(b for b in BUNDLED["bundles"] for d in search_documents(BUNDLED["site_dir"], b) if d["url"] == path)


def test_a_search_narrowed_to_a_country_shows_only_its_pages_with_counts_from_every_bundle(pages, bundled_site):
    page = pages.open()
    every = results_for(page, bundled_site + "?q=CSTO")
    about = [path for path in every if "Kyrgyzstan" in countries_of(page, path)]
    assert len(about) >= 2 and len(about) < len(every), (about, every)
    assert len({bundle_of(path) for path in every}) >= 2, "the results should come from several bundles"
    assert page.evaluate(FACET_LABELS_JS)["Kyrgyzstan"] == len(about), "the count sums every bundle's pages"
    narrowed = results_for(page, bundled_site + "?q=CSTO&country=Kyrgyzstan")
    assert sorted(narrowed) == sorted(about)
    assert page.locator('.pagefind-ui__filter-checkbox[name="country"][value="Kyrgyzstan"]').is_checked()
    assert page.evaluate(FACET_LABELS_JS)["Kyrgyzstan"] == len(about)
    tags = page.locator(".pagefind-ui__result-tag").all_inner_texts()
    assert any(tag.startswith("Kind: ") for tag in tags) and any(tag.startswith("Date: ") for tag in tags)


def test_the_address_keeps_the_search_and_its_facets(pages, bundled_site):
    page = pages.open()
    results_for(page, bundled_site + "?q=CSTO&country=Kyrgyzstan")
    page.locator('.pagefind-ui__filter-checkbox[name="kind"][value="Source"]').check()
    wait_until(page, "location.search.includes('kind=Source')", "ticking a facet did not reach the address")
    shared = page.url
    assert "q=CSTO" in shared and "country=Kyrgyzstan" in shared
    page.wait_for_timeout(600)
    sources_only = page.evaluate(RESULTS_JS)
    assert sources_only and all(path.startswith("/sources/") for path in sources_only)
    reopened = pages.open()
    assert sorted(results_for(reopened, shared)) == sorted(sources_only), "a shared address gives the same results"
    assert reopened.locator('.pagefind-ui__filter-checkbox[name="kind"][value="Source"]').is_checked()
