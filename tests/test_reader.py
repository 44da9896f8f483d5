"""Reading seeds: decoding, normalising, paragraphs, boilerplate, dates."""

from __future__ import annotations

import pytest

from generator.inputs.reader import read_seed
from generator.inputs.seed_bytes import SeedDecodeError
from tests.conftest import CORPUS


def texts(seed):
    return [p.text for p in seed.paragraphs]


def test_bom_crlf_and_cr_are_tolerated():
    plain = read_seed("First paragraph here.\n\nSecond one.\n".encode())
    assert texts(read_seed(b"\xef\xbb\xbf" + "First paragraph here.\r\n\r\nSecond one.\r\n".encode())) == texts(plain)
    assert texts(read_seed("First paragraph here.\r\rSecond one.\r".encode())) == texts(plain)


def test_unicode_is_normalised_to_nfc_and_odd_spaces_are_plain():
    seed = read_seed("Cafe\u0301 in\u00a0Bishkek\u200b opened.".encode())
    assert texts(seed) == ["Café in Bishkek opened."]


def test_one_line_per_paragraph_and_blank_line_paragraphs():
    seed = read_seed(b"A long line that is a whole paragraph on its own, as scraped text often has it, ending here.\n"
                     b"Another long line that is also a paragraph, because the scraper put one per line.\n")
    assert len(seed.paragraphs) == 2


def test_hard_wrapped_lines_are_joined():
    seed = read_seed(b"This paragraph was wrapped\nat a narrow width by an\nemail client.\n\nNext paragraph.\n")
    assert texts(seed) == ["This paragraph was wrapped at a narrow width by an email client.", "Next paragraph."]


def test_leading_date_line_is_recognised_and_removed():
    seed = read_seed(b" date 2022-12-23 Moscow had every opportunity.\n\nMore text here.\n")
    assert seed.date == "2022-12-23"
    assert texts(seed)[0] == "Moscow had every opportunity."


@pytest.mark.parametrize("line, reason", [
    ('Press "Enter" to skip to content', "navigation"),
    ("Skip to main content", "navigation"),
    ("$RSX $ERUS", "ticker"),
    ("#CentralAsia #Russia #SoftPower", "hashtags"),
    ("Comments are closed.", "comments notice"),
    ("WP Twitter Auto Publish Powered By : XYZScripts.com", "widget credit"),
    ("1 to 10 of about 184", "pager"),
    ("Home | News | Kazakhstan | Kyrgyzstan | Tajikistan | Uzbekistan", "navigation menu"),
    ("© 2024 Example Media. All rights reserved.", "copyright notice"),
    ("Sign up for our weekly Central Asia newsletter", "newsletter prompt"),
    ("Share this article", "share buttons"),
])
def test_boilerplate_lines_are_removed(line, reason):
    seed = read_seed(f"{line}\n\nThe article body is this sentence.\n\nAnd this one.\n".encode())
    assert line not in " ".join(texts(seed))
    assert (line, reason) in [(r.text, r.reason) for r in seed.removed]


def test_related_links_after_the_article_are_removed():
    seed = read_seed("The article body is this sentence.\n\nAnd this one.\n\nRelated articles\n\n"
                     "Kazakhstan votes in snap election\nTajikistan and Kyrgyzstan agree border deal\n".encode())
    assert texts(seed) == ["The article body is this sentence.", "And this one."]
    assert [r.reason for r in seed.removed] == ["related links"] * 3


def test_title_and_its_repetition_are_removed():
    seed = read_seed("Wary of Ukraine – Asia Times\n\nWary of Ukraine - Asia Times\n\nBody text here.\n\nMore.\n".encode())
    assert seed.title == "Wary of Ukraine – Asia Times"
    assert texts(seed) == ["Body text here.", "More."]


def test_republication_notice_is_attribution_not_body():
    seed = read_seed(b"Body text of the article.\n\nJane Roe is Lecturer in Politics, Some University\n\n"
                     b"This article was republished from The Conversation under a Creative Commons license.\n")
    assert texts(seed) == ["Body text of the article."]
    assert seed.attribution == ("Jane Roe is Lecturer in Politics, Some University",
                                "This article was republished from The Conversation under a Creative Commons license.")


def test_invalid_utf8_names_the_byte_offset_and_suggests_an_encoding():
    data = "Россия".encode("cp1251")
    with pytest.raises(SeedDecodeError) as caught:
        read_seed(b"Hello " + data)
    assert "byte offset 6" in caught.value.message
    assert "encoding: cp1251" in caught.value.hint
    assert texts(read_seed(b"Hello " + data, encoding="cp1251")) == ["Hello Россия"]


@pytest.mark.parametrize("data, message", [(b"", "empty"), (b"   \n", "empty"), (b"abc\x00def", "binary")])
def test_empty_and_binary_seeds_are_rejected(data, message):
    with pytest.raises(SeedDecodeError, match=message):
        read_seed(data)


def test_the_fixture_corpus_seeds_read_as_expected():
    seed = read_seed((CORPUS / "seeds/000_c1a27e0ec5b1e4f9.txt").read_bytes())
    assert seed.title == "Central Asia Pushes Back Against Russian Soft-Power"
    assert len(seed.paragraphs) == 4
    assert all("XYZScripts" not in p.text and "#CentralAsia" not in p.text for p in seed.paragraphs)
    listing = read_seed((CORPUS / "seeds/004_6240f0bb353a09c8.txt").read_bytes())
    assert len(listing.paragraphs) == 10
    dated = read_seed((CORPUS / "seeds/002_279588a8956d5652.txt").read_bytes())
    assert dated.date == "2022-12-23" and dated.paragraphs[0].text.startswith("Moscow had every opportunity")


def test_reading_never_changes_the_file(tmp_path):
    path = tmp_path / "seed.txt"
    path.write_bytes(b"\xef\xbb\xbfTitle\r\n\r\nBody.\r\n")
    before = path.read_bytes()
    read_seed(path.read_bytes())
    assert path.read_bytes() == before


def removed_reasons(seed):
    return [(r.line, r.reason) for r in seed.removed]


@pytest.mark.parametrize("text", [
    # ~80 characters, then the sentence goes on in lower case: one wrapped paragraph, no title
    "Kazakhstan and Kyrgyzstan have spent the past year rewriting their language laws\n"
    "while keeping close ties with Moscow, officials in both capitals said.\n",
    # a line that stops on a preposition, then a date that ends the sentence
    "Kazakhstan and China signed a new agreement on freight transit through Khorgos on\n"
    "12 March 2024.\n",
    # a headline-like line over a line that is a sentence (a deck), not a top line
    "Central Asia weighs the cost of Russian gas and Chinese loans\n"
    "Governments in the region are trying to keep both partners.\n",
])
def test_a_hard_wrapped_first_paragraph_is_not_taken_for_a_title(text):
    seed = read_seed((text + "\nThe second paragraph of the article.\n").encode())
    assert seed.title is None and seed.meta.title is None
    assert seed.paragraphs[0].text == " ".join(text.split())
    assert not [reason for _, reason in removed_reasons(seed) if reason in ("title", "dateline", "byline")]


def test_a_wrapped_first_paragraph_keeps_its_lines_together():
    text = ("Kazakhstan and Kyrgyzstan have spent the past year rewriting their language laws\n"
            "while keeping close ties with Moscow, officials in both capitals said.\n")
    assert texts(read_seed(text.encode())) == [" ".join(text.split())]


def test_a_headline_over_a_site_line_is_the_title_and_both_are_set_aside():
    seed = read_seed("Gazprom signs a five-year deal to import Turkmen gas\nThe Times of Central Asia\n"
                     "Home | Central Asia | Kazakhstan | Kyrgyzstan | Tajikistan | Turkmenistan\n\n"
                     "Gazprom will buy gas from Turkmenistan again under a new contract, the companies said.\n".encode())
    assert seed.title == seed.meta.title == "Gazprom signs a five-year deal to import Turkmen gas"
    assert removed_reasons(seed) == [(1, "title"), (2, "site name"), (3, "navigation menu")]
    assert texts(seed) == ["Gazprom will buy gas from Turkmenistan again under a new contract, the companies said."]


def test_a_dateline_that_carries_body_text_stays_a_paragraph():
    seed = read_seed("Kyrgyzstan calls off a CSTO exercise hours before it starts\n10 October 2022\n"
                     "BISHKEK -- With troops almost ready, Kyrgyzstan has called off the exercise it was to host.\n".encode())
    assert seed.meta.published == "2022-10-10"
    assert removed_reasons(seed) == [(1, "title"), (2, "dateline")]
    assert texts(seed)[0].startswith("BISHKEK -- With troops almost ready")


def test_a_top_line_is_kept_when_the_page_date_was_not_read_from_it():
    text = ("Kazakhstan drops Mir cards\n\nDate: 5 April 2024 | Views: 1 200\n\n"
            "Published 4 April 2024 | Banks across Kazakhstan have stopped accepting the cards this week.\n")
    seed = read_seed(text.encode())
    assert seed.meta.published == "2024-04-05"
    assert (3, "dateline") in removed_reasons(seed)
    assert texts(seed)[0].startswith("Published 4 April 2024 | Banks")


def test_a_site_line_of_its_own_below_the_title_is_set_aside_once_it_gave_the_publisher():
    text = ("В Киргизии русский язык изучают более 870 тысяч школьников\n\n"
            "Информационное агентство «Ала-Тоо Пресс»\n\n28 ноября 2025, 10:20\n\n"
            "Более 870 тысяч детей изучают русский язык в 260 школах Киргизии, сообщил представитель министерства.\n\n"
            "Информационное агентство «Ала-Тоо Пресс» обратилось к министерству за подробностями и ждёт ответа.\n")
    seed = read_seed(text.encode())
    assert seed.meta.publisher == "Информационное агентство «Ала-Тоо Пресс»"
    assert removed_reasons(seed) == [(1, "title"), (3, "site name"), (5, "dateline")]
    assert texts(seed)[0].startswith("Более 870 тысяч детей")
    assert texts(seed)[1].startswith("Информационное агентство «Ала-Тоо Пресс» обратилось")  # body: stays
