"""Theme detection rules (generator/model/detect.py): everyday words count half, but in full beside a specific
name; a specific name in the title or the lead counts on its own; and Russian names of themes are found in
any grammatical case."""

from __future__ import annotations

import pytest

from tests.detection_scoring import FIXTURES, detector, evaluate, labelled_folder
from generator.model.detect import Mention
from generator.inputs.reader import read_seed

DETECTOR = detector()
FILLER = ("Officials met on Tuesday and discussed the budget, the state of the roads and the repair of schools "
          "for the coming year in some detail.")


def themes(text: str) -> tuple[str, ...]:
    return DETECTOR.detect(read_seed(text.encode())).accepted("themes")


def article(title: str, *paragraphs: str) -> str:
    return "\n\n".join((title, *paragraphs)) + "\n"


@pytest.mark.parametrize("text, slug", [
    ("Власти отменили шествие «Бессмертного полка» в Бишкеке.", "soft-power"),
    ("В шествиях «Бессмертным полком» участвовали тысячи.", "soft-power"),
    ("Москва обещает помогать соотечественникам за рубежом.", "soft-power"),
    ("Выпускники поступают в российские вузы.", "soft-power"),
    ("Учителя приехали в русские школы Душанбе.", "soft-power"),
    ("Казахстан присоединился к БРИКС как партнёр.", "multi-vector-diplomacy"),
    ("Доля вещания на казахском языке вырастет.", "language-culture-media"),
])
def test_russian_names_of_themes_are_found_in_oblique_cases(text, slug):
    assert slug in [found for found, _ in DETECTOR.themes.slugs_in(text)]


def test_everyday_words_in_passing_do_not_make_a_theme():
    text = article(
        "Almaty opens a new tram line",
        f"The city opened its first tram line on Monday. {FILLER}",
        "Photos of the opening spread on social media, and local media praised the trams.",
        "The mayor said energy prices had risen, that energy savings mattered and that gas boilers would go.",
    )
    found = DETECTOR.detect(read_seed(text.encode()))
    media = next(m for m in found.themes if m.slug == "language-culture-media")
    assert media.count == 2 and not media.accepted  # two passing "media" are one mention's worth
    assert "energy-transit" not in found.accepted("themes")  # three passing words: 1.5, not 2


def test_the_same_words_count_when_the_article_is_about_them():
    text = article(
        "Parliament debates the budget",
        f"{FILLER}",
        "The media law obliges broadcasters to register; the media regulator may block media outlets.",
    )
    assert "language-culture-media" in themes(text)


def test_a_specific_name_in_the_title_is_enough():
    text = article("Kyrgyzstan cancels the Immortal Regiment march", FILLER, "The decision was announced by police.")
    assert "soft-power" in themes(text)


def test_a_specific_name_in_the_lead_is_enough_but_not_further_down():
    lead = ("Russia has paid for five new schools in Tajikistan and sends Russian teachers to staff them, "
            "officials in Dushanbe said on Monday.")
    assert "soft-power" in themes(article("Five schools open", lead, FILLER))
    assert "soft-power" not in themes(article("Five schools open", FILLER, lead))


def test_an_everyday_word_in_the_lead_is_not_enough():
    lead = "The minister said parliament would meet on Monday to discuss roads, schools and the budget for next year."
    assert "domestic-politics" not in themes(article("Roads and schools", lead, FILLER))


def test_mention_evidence_decides_acceptance_when_given():
    assert not Mention("x", count=3, paragraphs=(1,), names=("media",), evidence=1.5).accepted
    assert Mention("x", count=3, paragraphs=(1,), names=("media",), evidence=1.5, in_lead=True).accepted
    assert Mention("x", count=3, paragraphs=(1,), names=("Kazakhstan",), minimum=3).accepted  # countries: the count


def test_the_theme_development_set_keeps_its_scores():
    scores = evaluate(labelled_folder(FIXTURES / "dev-themes"), DETECTOR)["themes"]
    assert scores.recall >= 0.9 and scores.precision >= 0.85


def test_an_everyday_word_counts_in_full_beside_a_specific_name():
    """Seed 002: "polls show ..." and "several protests against the war" are public opinion; one protest
    alone, or two passing words alone, are not."""
    base = (f"{FILLER} Opinion polls show that most people blame the war for rising prices.",
            f"{FILLER} Bishkek has seen several protests against the war.")
    assert "public-opinion" in themes(article("Prices in Bishkek", *base))
    alone = (f"{FILLER} Bishkek has seen protests.", f"{FILLER} Almaty has seen protests too.")
    assert "public-opinion" not in themes(article("Prices in Bishkek", *alone))
