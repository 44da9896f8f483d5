"""A Russian article found by search as readers type names: in the nominative, though it writes them inflected.

A one-seed site with a Russian seed that has no metadata (tests/fixtures/russian/),
built with `python -m generator build` and searched with the real Pagefind in
Chromium. The article writes «России», «в Москву», «в Кремле», never «Россия», «Москва»,
«Кремль»; Pagefind stems English only, so only the dictionary forms the source
page adds for search can find it (without them these three searches fail: tried). It stays
in the one English index (its language is on its text, not on <html>), so an
English search finds it too.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import served_with_seeds, watched_pages
from tests.browser.pagetools import SEARCH_URLS_JS, load, type_in_search_dialog, wait_until
from tests.conftest import ROOT

SEED = "04_sputnik-azerbaijan"
PAGE = f"/sources/{SEED}/"
NOMINATIVE_ONLY_IN_FORMS = ["Россия", "Москва", "Кремль"]


@pytest.fixture(scope="module")
def russian_site(tmp_path_factory):
    seeds = {f"{SEED}.txt": ROOT / "tests/fixtures/russian" / f"{SEED}.txt"}
    with served_with_seeds(tmp_path_factory.mktemp("russian-search") / "project", seeds) as (site, _):
        yield site


@pytest.fixture
def russian_page(browser, russian_site):
    yield from watched_pages(browser, russian_site)


def test_the_page_writes_the_names_only_inflected(russian_site):
    html = (russian_site.dir / PAGE.strip("/") / "index.html").read_text(encoding="utf-8")
    visible = re.sub(r'<span class="briefing-search-forms"[^>]*></span>', "", html)
    words = set(re.findall(r"[А-Яа-яЁё]+", visible))
    assert not words & set(NOMINATIVE_ONLY_IN_FORMS), "test setup: the page writes a nominative form itself"
    assert {"России", "Москву", "Кремле"} <= words


@pytest.mark.parametrize("query", NOMINATIVE_ONLY_IN_FORMS)
def test_a_search_for_the_nominative_finds_the_inflected_article(russian_page, query):
    page = russian_page.open()
    load(page, "/about/")
    assert PAGE in page.evaluate(SEARCH_URLS_JS, query), f"{query!r} does not find {PAGE}"


def test_an_english_search_still_finds_it_and_nonsense_does_not(russian_page):
    page = russian_page.open()
    load(page, "/about/")
    assert PAGE in page.evaluate(SEARCH_URLS_JS, "Sputnik")
    assert PAGE not in page.evaluate(SEARCH_URLS_JS, "Туркменистан")


def test_the_search_dialog_shows_it(russian_page):
    page = russian_page.open()
    load(page, "/about/")
    type_in_search_dialog(page, "России")
    wait_until(page, f"[...document.querySelectorAll('.pagefind-ui__result-link')].some(a => new URL(a.href).pathname === '{PAGE}')",
               "the dialog does not list the Russian article for «России»", timeout_ms=10_000)


def test_the_language_is_on_the_text_and_the_forms_are_hidden(russian_page):
    page = russian_page.open()
    load(page, PAGE)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator(".briefing-text").get_attribute("lang") == "ru"
    forms = page.locator(".briefing-search-forms")
    assert forms.count() > 3
    assert not any(forms.nth(index).is_visible() for index in range(forms.count()))
    assert forms.first.get_attribute("aria-hidden") == "true"
    numbers = page.locator(".briefing-para__number").all_inner_texts()
    assert numbers == [str(number) for number in range(1, len(numbers) + 1)]
    first = page.locator("#p1").inner_text()  # the dateline above it is set aside, not paragraph 1
    assert first.split(None, 1) == ["1", first.split(None, 1)[1]] and first.split(None, 1)[1].startswith("Баку.")
    assert "россия" not in first
