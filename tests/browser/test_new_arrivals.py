"""Articles as they arrive (issue 14): a scraped HTML page and a Russian agency report, dropped into seeds/ with
no metadata, are published with what was detected, found by search, and drafted by `new`.

A one-seed site (tests/helpers.one_seed_project) gains the two seeds of tests/fixtures/arrivals-demo/README.md,
is built with `python -m generator build` (MkDocs, then Pagefind) and read in Chromium. The Russian report
writes «Киргизии», «в Кыргызстане», «населения», never the dictionary forms searched for here.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
import yaml

from tests.browser.conftest import served_with_seeds, watched_pages
from tests.browser.pagetools import SEARCH_URLS_JS, load, type_in_search_dialog
from tests.conftest import ROOT
from tests.helpers import run_cli

HTML_SEED, RUSSIAN_SEED = "910_kazakh-media-law.html", "911_kyrgyz-russian-schools.txt"
ARRIVING = {HTML_SEED: ROOT / "tests/fixtures/html/kazakh-media-law-en.html",
            RUSSIAN_SEED: ROOT / "tests/fixtures/arrivals-demo/kyrgyz-russian-schools-ru.txt"}
# Per seed: the title, the date, a word of the publisher, the countries a reader should see on its page.
EXPECTED = {
    HTML_SEED: ("Kazakhstan plans more Kazakh, less Russian, on air", "6 October 2023", "Steppe Wire",
                {"Kazakhstan", "Russia"}),
    RUSSIAN_SEED: ("В Киргизии русский язык изучают более 870 тысяч школьников", "28 November 2025", "Ала-Тоо Пресс",
                   {"Kyrgyzstan", "Russia"}),
}


def page_of(seed: str) -> str:
    return f"/sources/{seed.rsplit('.', 1)[0]}/"


@pytest.fixture(scope="module")
def arrivals_site(tmp_path_factory):
    with served_with_seeds(tmp_path_factory.mktemp("arrivals") / "project", ARRIVING) as (site, stderr):
        for name in ARRIVING:
            assert f"seeds/{name}:1:1: warning: this seed has no metadata" in stderr
            assert (site.root / "seeds" / name).read_bytes() == ARRIVING[name].read_bytes(), "a build changes no seed"
        yield site


@pytest.fixture
def arrivals_page(browser, arrivals_site):
    yield from watched_pages(browser, arrivals_site)


def about_rows(html: str) -> dict[str, str]:
    """The 'About this source' table of a built page: label -> the text of its value."""
    rows = re.findall(r"<tr>\s*<td>([^<]+)</td>\s*<td>(.*?)</td>\s*</tr>", html, re.S)
    return {label.strip(): unescape(re.sub(r"<[^>]+>", "", value)).strip() for label, value in rows}


@pytest.mark.parametrize("seed", list(ARRIVING))
def test_each_is_published_with_its_detected_title_date_publisher_and_countries(arrivals_site, seed):
    html = (arrivals_site.dir / page_of(seed).strip("/") / "index.html").read_text(encoding="utf-8")
    title, date, publisher, countries = EXPECTED[seed]
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert unescape(re.sub(r"<a class=\"headerlink\".*?</a>", "", heading)).strip() == title
    rows = about_rows(html)
    assert rows["Date"] == f"{date} (detected automatically)"
    assert publisher in rows["Publisher"] and rows["Publisher"].endswith("(detected automatically)")
    shown = set(rows["Countries"].removesuffix(" (detected automatically)").split(", "))
    assert countries <= shown, rows["Countries"]


@pytest.mark.parametrize(("query", "seed"), [
    ("broadcasters", HTML_SEED),  # English, in the HTML page's article text
    ("Tokayev", HTML_SEED),
    ("Киргизия", RUSSIAN_SEED),  # dictionary forms of «Киргизии», «в Кыргызстане», «населения»
    ("Кыргызстан", RUSSIAN_SEED),
    ("население", RUSSIAN_SEED),
    ("Рассуханов", RUSSIAN_SEED),  # as written
])
def test_search_finds_each_by_a_word_of_its_text(arrivals_site, arrivals_page, query, seed):
    html = (arrivals_site.dir / page_of(seed).strip("/") / "index.html").read_text(encoding="utf-8")
    visible = re.sub(r'<span class="briefing-search-forms"[^>]*></span>', "", html)
    if query in ("Киргизия", "Кыргызстан", "население"):
        assert not re.search(rf"(?<!\w){query}(?!\w)", visible), "test setup: the page writes the searched form itself"
    page = arrivals_page.open()
    load(page, "/about/")
    assert page_of(seed) in page.evaluate(SEARCH_URLS_JS, query), f"{query!r} does not find {page_of(seed)}"


def test_the_search_dialog_shows_the_text_and_names_the_form_that_matched(arrivals_page):
    page = arrivals_page.open()
    load(page, "/about/")
    type_in_search_dialog(page, "население")
    result = page.locator(".pagefind-ui__result", has=page.locator(f'a[href*="{page_of(RUSSIAN_SEED)}"]'))
    result.first.wait_for(state="visible", timeout=10_000)
    excerpts = " ".join(result.first.locator(".pagefind-ui__result-excerpt").all_inner_texts())
    assert "found by the dictionary form «население»" in excerpts
    assert "·" not in excerpts and "половина" not in excerpts, "the hidden dictionary forms are not for reading"


def test_page_furniture_is_not_published(arrivals_site):
    for seed, furniture in ((HTML_SEED, ("newsletter", "Most read", "cookies")),
                            (RUSSIAN_SEED, ("Поделиться", "Подписывайтесь", "Читайте также", "Главная | Политика",
                                           "Информационное агентство", "28 ноября 2025"))):
        html = (arrivals_site.dir / page_of(seed).strip("/") / "index.html").read_text(encoding="utf-8")
        text = html[html.index('<div class="briefing-text"'):]
        assert [word for word in furniture if word in text] == [], seed


def test_new_drafts_both_with_what_was_detected(arrivals_site):
    root = arrivals_site.root
    for seed in ARRIVING:
        result = run_cli("new", "--root", str(root), f"seeds/{seed}", cwd=root)
        assert result.returncode == 0, result.stderr
        draft_text = (root / "content/sources" / f"{seed.rsplit('.', 1)[0]}.yml").read_text(encoding="utf-8")
        draft = yaml.safe_load(draft_text)
        title, date, publisher, countries = EXPECTED[seed]
        assert (draft["seed"], draft["title"], draft["review"]) == (seed, title, "draft")
        assert publisher in draft["publisher"]
        assert {"title", "publisher", "date", "countries"} <= set(draft["guessed"])
        assert {name.lower() for name in countries} <= set(draft["countries"])
    russian = (root / "content/sources/911_kyrgyz-russian-schools.yml").read_text(encoding="utf-8")
    assert '# language: "ru"' in russian and "write it in English" in russian
    assert '#   line 17, share buttons: "Поделиться: Telegram | WhatsApp | VK | Скопировать ссылку"' in russian
    english = yaml.safe_load((root / "content/sources/910_kazakh-media-law.yml").read_text(encoding="utf-8"))
    assert english["url"].startswith("https://steppewire.example.org/")
    assert english["date"] == "2023-10-06" and yaml.safe_load(russian)["date"] == "2025-11-28"
    check = run_cli("check", "--root", str(root), cwd=root)
    assert check.returncode == 0, check.stderr  # both drafts are valid metadata
