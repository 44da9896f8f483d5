"""What a text seed says about itself: dates, bylines, publishers and headlines from its top lines."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from tests.detection_scoring import detector
from generator.inputs.bylines import normal_case, person_name, title_parts
from generator.inputs.written_dates import read_date
from generator.inputs.page_meta import PageMeta
from generator.inputs.reader import read_seed

CASES = yaml.safe_load((Path(__file__).parent / "fixtures/datelines/top-lines.yml").read_text(encoding="utf-8"))
PAGE_TOPS = yaml.safe_load((Path(__file__).parent / "fixtures/datelines/page-tops.yml").read_text(encoding="utf-8"))
FIELDS = ("title", "author", "publisher", "published", "published_from", "updated")
BODY = {
    "en": "Officials in the region have been careful in public, but their decisions over the past three years "
          "show governments that want more room to choose their partners than they had before.",
    "ru": "Власти стран региона в публичных заявлениях осторожны, но их решения за последние три года "
          "показывают, что они хотят больше свободы в выборе партнеров, чем прежде.",
}
DETECTOR = detector()


def meta_of(text: str) -> PageMeta:
    return read_seed(text.encode()).meta


def article(case: dict) -> str:
    body = "" if case.get("own body") else "\n" + BODY[case.get("language", "en")] + "\n"
    return case["text"] + body


@pytest.mark.parametrize("name", sorted(CASES))
def test_top_lines_give_what_the_page_says_about_itself(name):
    case = CASES[name]
    meta = meta_of(article(case))
    found = {field: getattr(meta, field) for field in FIELDS}
    assert found == {field: case["expect"].get(field) for field in FIELDS}, name


def test_the_labelled_cases_cover_every_form():
    assert len(CASES) >= 20
    assert sum(case.get("language") == "ru" for case in CASES.values()) >= 8
    precisions = {len(case["expect"].get("published") or "") for case in CASES.values()}
    assert precisions == {0, 4, 7, 10}  # none, a year, a month and a day


def test_the_leading_date_line_of_a_scraped_seed_is_the_publication_date():
    meta = meta_of(" date 2022-12-23 Moscow had every opportunity to make the region gravitate towards it.\n")
    assert (meta.published, meta.published_from) == ("2022-12-23", "dateline")


def test_a_listing_of_dated_teasers_has_no_date_of_its_own():
    teaser = ("{title}\n{date} | Politics\n" + BODY["en"] + "\nRead more >\n\n")
    text = "Central Asia - Latest stories\nPage 3 of 41\n\n" + "".join(
        teaser.format(title=f"Headline number {n} about the region", date=f"{10 + n} December 2025") for n in range(3))
    assert meta_of(text).published is None


def test_dates_are_read_to_the_precision_the_text_states():
    assert read_date("24 ноября 2025", "day") == "2025-11-24"
    assert read_date("March 2024", "month") == "2024-03"
    assert read_date("ноябрь 2025", "month") == "2025-11"
    assert read_date("March 2024", "day") is None  # a day is never filled in
    assert read_date("Summer 2023", "month") is None


@pytest.mark.parametrize("written, expected", [
    ("Darya NESTEROVA", "Darya Nesterova"), ("ДАРЬЯ НЕСТЕРОВА", "Дарья Нестерова"),
    ("Dan O'SULLIVAN", "Dan O'Sullivan"), ("Ian McLEOD", "Ian McLEOD"),
])
def test_names_in_capitals_are_given_in_normal_case(written, expected):
    assert normal_case(written) == expected


@pytest.mark.parametrize("written", ["Asia Times Staff", "Kazakhstan", "Central Asia", "Kyrgyz Republic", "Opinion",
                                     "Staff Reporter", "Дарья", "Russia Today", "Kazakh Service"])
def test_outlets_countries_and_labels_are_never_people(written):
    assert person_name(written) is None


@pytest.mark.parametrize("title, expected", [
    ("Why Kazakhstan hedges | OpEd", ("Why Kazakhstan hedges", None)),
    ("Why Kazakhstan hedges | Op-Ed", ("Why Kazakhstan hedges", None)),
    ("Tashkent looks east - Analysis", ("Tashkent looks east", None)),
    ("Dushanbe and Moscow – Commentary", ("Dushanbe and Moscow", None)),
    ("Russia – Kazakhstan relations after the war", ("Russia – Kazakhstan relations after the war", None)),
    ("Bishkek signs the border treaty – Kyrgyzstan", ("Bishkek signs the border treaty – Kyrgyzstan", None)),
    ("Protest in the capital - Bishkek", ("Protest in the capital - Bishkek", None)),
    ("Why Tashkent waits - Eurasianet", ("Why Tashkent waits", "Eurasianet")),
    ("Wary of Ukraine, Central Asia slowly distancing from Russia - Asia Times",
     ("Wary of Ukraine, Central Asia slowly distancing from Russia", "Asia Times")),
])
def test_a_title_suffix_is_the_publisher_only_when_it_names_an_outlet(title, expected):
    assert title_parts(title) == expected


def test_detection_takes_the_page_meta_first():
    text = read_seed(article(CASES["an op-ed label is not the publisher"]).encode())
    found = DETECTOR.detect(text)
    assert (found.title, found.publisher, found.author, found.date.iso) == (
        "Why Kazakhstan hedges", None, "Marat Seitkali", "2024-05-12")
    russian = read_seed(article(CASES["russian agency dateline, byline in capitals, site line"]).encode())
    found = DETECTOR.detect(russian)
    assert (found.date.iso, found.author, found.publisher) == ("2025-11-24", "Дарья Нестерова", "24-kg.com news agency")


def test_detection_without_page_meta_never_takes_a_genre_label_for_the_publisher():
    text = replace(read_seed(article(CASES["an op-ed label is not the publisher"]).encode()), meta=PageMeta())
    found = DETECTOR.detect(text)
    assert (found.title, found.publisher) == ("Why Kazakhstan hedges", None)
    outlet = replace(read_seed(b"Wary of Ukraine - Asia Times\n\n" + BODY["en"].encode()), meta=PageMeta())
    assert DETECTOR.detect(outlet).publisher == "Asia Times"


def test_an_update_date_alone_is_not_taken_for_the_publication_date():
    text = read_seed(("Kazakhstan drops Mir cards\n\nUpdated: 5 April 2024\n\n" + BODY["en"]).encode())
    assert (DETECTOR.detect(text).date, text.meta.published, text.meta.updated) == (None, None, "2024-04-05")


@pytest.mark.parametrize("name", sorted(PAGE_TOPS))
def test_a_headline_run_together_with_its_top_lines_is_the_title(name):
    case = PAGE_TOPS[name]
    seed = read_seed(case["text"].encode())
    assert {field: getattr(seed.meta, field) for field in FIELDS} == {
        field: case["expect"].get(field) for field in FIELDS}, name
    assert seed.title == case["expect"]["title"]
    assert seed.paragraphs[0].text.startswith(case["first"]), seed.paragraphs[0].text
    set_aside = {r.reason: r.line for r in seed.removed if r.reason in ("title", "site name", "dateline", "byline")}
    assert set_aside == case["set aside"]


def test_the_page_top_layouts_cover_both_languages_and_many_outlets():
    assert len(PAGE_TOPS) >= 6
    assert sum(case.get("language") == "ru" for case in PAGE_TOPS.values()) >= 3
    assert {"author", "publisher", "updated"} <= {field for case in PAGE_TOPS.values() for field in case["expect"]}


def test_detection_takes_the_headline_of_a_run_together_top():
    seed = read_seed(PAGE_TOPS["times of central asia, site line and menu under the headline"]["text"].encode())
    found = DETECTOR.detect(seed)
    assert (found.title, found.publisher, found.date.iso) == (
        "Gazprom agrees a five-year deal to buy Turkmen gas again", "The Times of Central Asia", "2019-07-04")
