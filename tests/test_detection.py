"""Detection of countries, themes, dates and bylines, including the traps."""

from __future__ import annotations

import pytest

from tests.detection_scoring import FIXTURES, curated_seeds, detector, evaluate, labelled_folder
from generator.inputs.reader import read_seed

DETECTOR = detector()


def detect(text: str):
    return DETECTOR.detect(read_seed(text.encode()))


@pytest.mark.parametrize("name, data, label", labelled_folder(FIXTURES / "traps"))
def test_traps_detect_exactly_the_labelled_terms(name, data, label):
    found = DETECTOR.detect(read_seed(data))
    assert set(found.accepted("countries")) == set(label["countries"]), name
    assert set(found.accepted("themes")) == set(label["themes"]), name


def test_a_menu_naming_every_country_does_not_count():
    found = DETECTOR.detect(read_seed((FIXTURES / "traps/01_menu-names-every-country.txt").read_bytes()))
    assert found.accepted("countries") == ("uzbekistan",)
    assert found.author == "Dilnoza Karimova"
    assert found.date.iso == "2024-05-14"
    assert found.title == "Uzbekistan opens new rail link to the Aral Sea region"


def test_one_passing_mention_is_listed_but_not_kept():
    found = DETECTOR.detect(read_seed((FIXTURES / "traps/02_moldova-mentions-kyrgyzstan-once.txt").read_bytes()))
    kyrgyzstan = next(m for m in found.countries if m.slug == "kyrgyzstan")
    assert (kyrgyzstan.count, kyrgyzstan.paragraphs, kyrgyzstan.accepted) == (1, (3,), False)


def test_a_single_mention_in_the_title_is_enough():
    found = detect("Tajikistan bans a Russian television channel\n\nThe ban was announced on Monday. "
                   "Viewers will need a satellite dish to watch it.\n")
    assert "tajikistan" in found.accepted("countries")


def test_aliases_find_their_term_and_plurals_of_common_words_count():
    found = detect("Remittances from Russia fell. Tokayev spoke in Astana about remittance flows and migrants in Kazakhstan.\n\n"
                   "The migrant workers who send remittances home were worried.\n")
    assert "kazakhstan" in found.accepted("countries")
    labour = next(m for m in found.themes if m.slug == "labour-migration")
    assert labour.count >= 4 and "Remittances" in labour.names


def test_names_inside_other_words_do_not_count():
    found = detect("The Oshkosh plant and the Ushuaia port were discussed at length by the board.\n\n"
                   "Nothing else was said about Kazakhstanis or Ghost towns.\n")
    assert found.accepted("countries") == ()


def test_candidate_events_are_exact_sentences_with_dates():
    found = detect(" date 2022-12-23 In October, Kyrgyzstan cancelled exercises of the CSTO on its soil. "
                   "Other news followed.\n\nIn 2014 nobody recognised the annexation of Crimea.\n")
    dates = [(c.date.iso, c.quote) for c in found.events]
    assert ("2022-10", "In October, Kyrgyzstan cancelled exercises of the CSTO on its soil.") in dates
    assert ("2014", "In 2014 nobody recognised the annexation of Crimea.") in dates


def test_detection_is_precise_on_the_shipped_seeds():
    scores = evaluate(curated_seeds(), DETECTOR)
    assert scores["countries"].precision == 1.0 and scores["themes"].precision >= 0.9
