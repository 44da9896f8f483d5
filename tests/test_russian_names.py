"""Countries and themes named in Russian, in any grammatical case (generator/inputs/russian_names.py, content/taxonomy.yml).

Every country and theme of the shipped taxonomy is found through its Russian names
in oblique cases, multi-word names inflect word by word, abbreviations match as
written, and the Russian articles of tests/fixtures/russian/ are detected as
labelled, without their passing mentions.
"""

from __future__ import annotations

import pytest

from tests.detection_scoring import detector, evaluate, labelled_folder
from generator.inputs.reader import read_seed
from generator.inputs.russian_names import RussianNames, search_forms
from tests.conftest import ROOT

RUSSIAN_ARTICLES = ROOT / "tests" / "fixtures" / "russian"


@pytest.fixture(scope="module")
def found_by():
    """The detector of the shipped taxonomy."""
    return detector(ROOT)


@pytest.fixture(scope="module")
def shipped(found_by):
    """What a text names through the shipped taxonomy: (countries, themes)."""
    def names(text: str) -> tuple[list[str], list[str]]:
        return ([slug for slug, _ in found_by.countries.slugs_in(text)],
                [slug for slug, _ in found_by.themes.slugs_in(text)])
    return names


OBLIQUE_COUNTRIES = [
    ("Россия", "russia"), ("России", "russia"), ("Россией", "russia"), ("в РФ", "russia"),
    ("россиянам", "russia"), ("Кремлём", "russia"),
    ("Казахстан", "kazakhstan"), ("Казахстана", "kazakhstan"), ("Казахстане", "kazakhstan"),
    ("с Токаевым", "kazakhstan"), ("Токаева", "kazakhstan"), ("в Нур-Султане", "kazakhstan"),
    ("в Кыргызстане", "kyrgyzstan"), ("Киргизии", "kyrgyzstan"), ("в Оше", "kyrgyzstan"),
    ("Жапарову", "kyrgyzstan"),
    ("Узбекистану", "uzbekistan"), ("Ташкентом", "uzbekistan"), ("Мирзиёева", "uzbekistan"),
    ("Таджикистаном", "tajikistan"), ("таджиков", "tajikistan"), ("Душанбе", "tajikistan"),
    ("Туркменистана", "turkmenistan"), ("Туркмении", "turkmenistan"), ("Ашхабаде", "turkmenistan"),
    ("Азербайджана", "azerbaijan"), ("азербайджанцев", "azerbaijan"), ("в Баку", "azerbaijan"),
    ("Китаем", "china"), ("КНР", "china"), ("Украине", "ukraine"), ("Крыма", "ukraine"),
    ("Грузией", "georgia"), ("Соединёнными Штатами", "united-states"), ("Байдена", "united-states"),
    ("Германии", "germany"), ("Шольца", "germany"), ("Шольцем", "germany"),
    ("Центральной Азии", "central-asia"), ("центральноазиатских", "central-asia"),
]


@pytest.mark.parametrize("text, slug", OBLIQUE_COUNTRIES)
def test_a_country_is_found_in_any_case(shipped, text, slug):
    assert shipped(f"Заявление касается {text} и соседей.")[0] == [slug]


OBLIQUE_THEMES = [
    ("эпоха мягкой силы", "soft-power"), ("сотрудники Русского дома", "soft-power"),
    ("Россотрудничеством", "soft-power"), ("кремлёвской пропаганды", "soft-power"),
    ("учения ОДКБ", "security-csto"), ("Организации Договора о коллективной безопасности", "security-csto"),
    ("российской военной базы", "security-csto"), ("миротворцев", "security-csto"),
    ("трудовых мигрантов", "labour-migration"), ("денежных переводов", "labour-migration"),
    ("после теракта в «Крокусе»", "labour-migration"), ("депортировали", "labour-migration"),
    ("под санкциями", "trade-sanctions"), ("в ЕАЭС", "trade-sanctions"),
    ("Евразийского экономического союза", "trade-sanctions"), ("параллельного импорта", "trade-sanctions"),
    ("газопровода", "energy-transit"), ("нефтепроводу", "energy-transit"), ("«Росатома»", "energy-transit"),
    ("первой АЭС", "energy-transit"), ("атомной электростанции", "energy-transit"),
    ("русского языка", "language-culture-media"), ("закона о СМИ", "language-culture-media"),
    ("на латиницу", "language-culture-media"),
    ("вербовке", "war-recruitment"), ("наёмников", "war-recruitment"), ("завербовали", "war-recruitment"),
    ("ЧВК «Вагнер»", "war-recruitment"),
    ("опроса", "public-opinion"), ("общественного мнения", "public-opinion"), ("респондентов", "public-opinion"),
    ("многовекторной политики", "multi-vector-diplomacy"), ("саммите ШОС", "multi-vector-diplomacy"),
    ("Организации тюркских государств", "multi-vector-diplomacy"),
    ("на выборах", "domestic-politics"), ("референдума", "domestic-politics"),
    ("Партии исламского возрождения", "domestic-politics"),
    ("аннексии", "ukraine-war-stance"), ("Генассамблеи ООН", "ukraine-war-stance"),
    ("нейтралитета", "ukraine-war-stance"),
]


@pytest.mark.parametrize("text, slug", OBLIQUE_THEMES)
def test_a_theme_is_found_in_any_case(shipped, text, slug):
    assert shipped(f"Речь шла о {text}, сообщили в ведомстве.")[1] == [slug]


def test_every_country_and_theme_has_a_russian_name(found_by):
    for index in (found_by.countries, found_by.themes):
        named = {name.slug for names in index.russian.by_form.values() for name in names}
        slugs = set(index.exact.values()) | set(index.folded.values())
        assert slugs - named == set(), f"terms without a Russian name or alias: {sorted(slugs - named)}"


def test_a_multi_word_name_is_one_mention_not_two(shipped):
    assert shipped("Русский дом в Бишкеке") == (["russia", "kyrgyzstan"], ["soft-power"])  # as "Russia House"
    assert shipped("Организация Договора о коллективной безопасности") == ([], ["security-csto"])


def test_a_compound_adjective_names_both_countries(shipped):
    assert shipped("на кыргызско-таджикской границе")[0] == ["kyrgyzstan", "tajikistan"]
    assert shipped("российско-казахстанские переговоры")[0] == ["russia", "kazakhstan"]


def test_a_name_is_not_read_across_a_sentence_or_a_number():
    names = RussianNames({"мягкая сила": "soft-power", "военная база": "security-csto"})
    assert names.slugs_in("Он мягкий человек. Сила его в другом.") == []
    assert names.slugs_in("военная 201 база") == []
    assert names.slugs_in("военной «базы»") == [("security-csto", "военной «базы")]


def test_a_word_that_only_looks_like_a_name_is_not_one():
    names = RussianNames({"выборы": "domestic-politics", "Русский дом": "soft-power"})
    assert names.slugs_in("Это был трудный выбор.") == []  # a choice, not an election
    assert names.slugs_in("Досрочные выборы назначены") == [("domestic-politics", "выборы")]
    assert names.slugs_in("Мы говорим по-русски дома.") == []


def test_the_forms_for_search_are_those_the_text_does_not_write():
    forms = search_forms("Власти России и Казахстана договорились. Россия")
    assert forms.split()[:2] == ["власть", "казахстан"]
    assert "россия" not in forms.split()  # written as it is in the text already
    assert "россия" in search_forms("Власти России").split()
    assert search_forms("Only English here.") == ""


def test_the_russian_articles_are_detected_as_labelled(found_by):
    """tests/fixtures/russian/: eleven articles, one of them a trap naming Kazakhstan once."""
    cases = labelled_folder(RUSSIAN_ARTICLES)
    assert len(cases) == 11
    scores = evaluate(cases, found_by)
    countries, themes = scores["countries"], scores["themes"]
    assert countries.precision >= 0.9 and countries.recall >= 0.9, countries
    assert themes.precision >= 0.85 and themes.recall >= 0.8, themes


def test_a_name_named_once_in_passing_is_not_a_label(found_by):
    text = read_seed((RUSSIAN_ARTICLES / "07_moldova-gas-trap.txt").read_bytes())
    detection = found_by.detect(text)
    kazakhstan = next(m for m in detection.countries if m.slug == "kazakhstan")
    assert (kazakhstan.count, kazakhstan.accepted) == (1, False)
