"""Russian-language articles on their source pages (issue 14, point 4).

A curated Russian source (tests/fixtures/russian/sources/) and a Russian seed
with no metadata, added to a one-seed project: the article text is marked with
its language on its own element, each paragraph carries the dictionary forms of
its words for search only (hidden, outside the numbered text), and a quote in
Russian is shown beside the editor's translation.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil

import pytest

from generator.pipeline import build_model
from generator.pipeline import generate
from generator.common.project import Project
from generator.inputs.reader import read_seed
from generator.inputs.russian_names import FORM_MARK
from tests.conftest import ROOT
from tests.helpers import ONE_SEED, check_problems, one_seed_project

RUSSIAN = ROOT / "tests" / "fixtures" / "russian"
CURATED, AUTOMATIC = "01_osh-russkiy-dom", "04_sputnik-azerbaijan"
TODAY = dt.date(2026, 12, 1)
PARAGRAPH = re.compile(r'<p class="briefing-para[^"]*" id="p(\d+)"><a [^>]*>\d+</a> (.*?)</p>$', re.M)
FORMS = re.compile(r'<span class="briefing-search-forms" hidden aria-hidden="true" data-search-forms="([^"<>]*)" '
                   r'data-pagefind-index-attrs="data-search-forms"></span>')


def add_russian_articles(root):
    for stem in (CURATED, AUTOMATIC):
        shutil.copy2(RUSSIAN / f"{stem}.txt", root / "seeds" / f"{stem}.txt")
    shutil.copy2(RUSSIAN / "sources" / f"{CURATED}.yml", root / "content/sources" / f"{CURATED}.yml")
    return root


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    root = add_russian_articles(one_seed_project(tmp_path_factory.mktemp("russian") / "project"))
    out = root / "build" / "docs"
    generate(root, out_dir=out, today=TODAY)
    return {stem: (out / "sources" / f"{stem}.md").read_text(encoding="utf-8") for stem in (CURATED, AUTOMATIC, ONE_SEED)}


def form_words(forms: str) -> list[str]:
    """The words of a data-search-forms attribute, each marked for the search dialog to leave out of excerpts."""
    words = forms.split()
    assert all(word.startswith(FORM_MARK) for word in words), forms
    return [word.removeprefix(FORM_MARK) for word in words]


def text_block(page: str) -> str:
    start = page.index('<div class="briefing-text"')
    return page[start:page.index("</div>", start)]


@pytest.mark.parametrize("stem", [CURATED, AUTOMATIC])
def test_the_article_text_is_marked_russian_on_its_own_element(pages, stem):
    assert text_block(pages[stem]).startswith('<div class="briefing-text" lang="ru">')
    assert 'lang="' not in pages[stem][:pages[stem].index('<div class="briefing-text"')].replace('<q lang="ru">', "")


def test_an_english_article_is_not_marked_and_has_no_search_forms(pages):
    block = text_block(pages[ONE_SEED])
    assert block.startswith('<div class="briefing-text">') and "briefing-search-forms" not in block


@pytest.mark.parametrize("stem", [CURATED, AUTOMATIC])
def test_each_paragraph_keeps_its_number_and_text_and_gains_hidden_forms(pages, stem):
    seed = read_seed((RUSSIAN / f"{stem}.txt").read_bytes())
    shown = PARAGRAPH.findall(text_block(pages[stem]))
    assert [int(number) for number, _ in shown] == [p.number for p in seed.paragraphs]
    for (number, body), paragraph in zip(shown, seed.paragraphs):
        forms = FORMS.search(body)
        assert forms and forms.end() == len(body), f"¶{number} does not end with its search forms"
        assert html.unescape(body[:forms.start()]) == paragraph.text  # the numbered text is the seed's, unchanged
        written = {word.lower().replace("ё", "е") for word in re.findall(r"[А-Яа-яЁё]+", paragraph.text)}
        assert forms.group(1) and not set(form_words(forms.group(1))) & written


def test_nominative_forms_of_inflected_names_are_there_for_search(pages):
    block = text_block(pages[AUTOMATIC])
    forms = " ".join(FORMS.search(body).group(1) for _, body in PARAGRAPH.findall(block))
    visible = set(re.findall(r"[а-яё]+", FORMS.sub("", block).lower()))
    for nominative in ("россия", "москва", "кремль", "задержать", "журналист"):
        assert nominative in form_words(forms) and nominative not in visible, nominative


def test_a_quote_in_russian_is_shown_with_the_editor_s_translation(pages):
    page = pages[CURATED]
    assert ('<q lang="ru">она является гражданкой Кыргызстана</q> <span class="briefing-translation">'
            "(editor's translation: “she is a citizen of Kyrgyzstan”)</span>") in page
    event = next(line for line in page.splitlines() if "01_osh-russkiy-dom-e1" in line)
    assert event.endswith('<q lang="ru">заключил её под стражу до 17 июня</q> <span class="briefing-translation">'
                          "(editor's translation: “remanded her in custody until 17 June”)</span></span>")
    assert page.count("briefing-translation") == 3


def test_each_event_is_a_list_item_of_its_own(pages):
    events = pages[ONE_SEED].split("## Events", 1)[1].split("\n## ", 1)[0]
    items = [line for line in events.splitlines() if line.startswith("- ")]
    assert len(items) == events.count('<span class="briefing-claim"') > 1


def test_metadata_may_state_the_language(tmp_path):
    root = add_russian_articles(one_seed_project(tmp_path / "project"))
    path = root / "content/sources" / f"{CURATED}.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("quality: clean\n", "quality: clean\nlanguage: kk\n"),
                    encoding="utf-8")
    briefing, problems = build_model(Project.at(root), TODAY)
    assert [p for p in problems if p.severity == "error"] == []
    languages = {source.id: source.language for source in briefing.sources}
    assert (languages[CURATED], languages[AUTOMATIC], languages[ONE_SEED]) == ("kk", "ru", "en")


@pytest.mark.parametrize("field, value, expected", [
    ("language", "russian", "language 'russian' is not a language code"),
    ("translation", "x" * 4001, "key_points[1].translation is longer than 4,000 characters"),
])
def test_a_bad_language_or_translation_is_reported_where_it_is(tmp_path, field, value, expected):
    root = add_russian_articles(one_seed_project(tmp_path / "project"))
    path = root / "content/sources" / f"{CURATED}.yml"
    text = path.read_text(encoding="utf-8")
    if field == "language":
        text = text.replace("quality: clean\n", f"quality: clean\nlanguage: {value}\n")
    else:
        text = text.replace("translation: she is a citizen of Kyrgyzstan", f"translation: {value}")
    path.write_text(text, encoding="utf-8")
    problems = [p for p in check_problems(root, TODAY) if p.severity == "error"]
    assert len(problems) == 1, problems
    line = next(number for number, line in enumerate(text.splitlines(), 1) if line.lstrip().startswith(f"{field}:"))
    assert (problems[0].path.endswith(f"{CURATED}.yml"), problems[0].line) == (True, line)
    assert problems[0].message == expected


def test_a_russian_page_reads_its_text_from_disk_a_few_times_not_once_per_paragraph(tmp_path, monkeypatch):
    """Its search forms are made from each paragraph's text: indexed one by one, paragraphs left on disk by the
    parse cache would each be read with all the others (a seed of thousands of paragraphs, millions of reads)."""
    from collections import Counter

    from generator.inputs.seed_text import StoredParagraphs

    root = add_russian_articles(one_seed_project(tmp_path / "project"))
    seed = root / "seeds" / f"{CURATED}.txt"
    added = "".join(f"\nДобавленный абзац номер {n} о школах в Оше.\n" for n in range(60))
    seed.write_text(seed.read_text(encoding="utf-8") + added, encoding="utf-8")
    reads, read = Counter(), StoredParagraphs.read
    monkeypatch.setattr(StoredParagraphs, "read", lambda self: reads.update([repr(self)]) or read(self))
    monkeypatch.setenv("BRIEFING_WORKERS", "1")  # every page in this process, where reads are counted
    generate(root, out_dir=root / "build" / "docs", today=TODAY)
    assert len(read_seed(seed.read_bytes()).paragraphs) > 60
    assert reads and max(reads.values()) < 20, reads
