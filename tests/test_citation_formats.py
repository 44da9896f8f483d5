"""The citation downloads (generator/render/citation_formats.py), read back by the parsers reference managers use:
bibtexparser for BibTeX, rispy for RIS, json and citeproc-py for CSL-JSON."""

from __future__ import annotations

import dataclasses
import json

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from generator.model.dates import PartialDate
from generator.model.entities import Inference, Source
from generator.render import citation_formats as cf

PAGE = "https://briefing.example/sources/012_eurasianet-csto/"
FULL = Source(
    id="012_eurasianet-csto",
    seed="012_eurasianet-csto.html",
    title="Kazakhstan quietly reconsiders its CSTO ties",
    publisher="Eurasianet",
    author="Anastassiya Mahon",
    url="https://eurasianet.org/kazakhstan-quietly-reconsiders-its-csto-ties",
    date=PartialDate(2022, 12, 5),
    quality="clean",
    review="reviewed",
    countries=("kazakhstan",),
    themes=("security",),
    summary="",
    paragraphs=(),
    language="en",
)
INFERRED_YEAR = Inference("date", "the article calls the invasion 'last year' and cites 2022 polls")
SOURCES = {
    "full": FULL,
    "no author": dataclasses.replace(FULL, id="no-author", author=None),
    "inferred year": dataclasses.replace(FULL, id="inferred", date=PartialDate(2022), inferred=(INFERRED_YEAR,)),
    "outside month": dataclasses.replace(
        FULL, id="outside", date=PartialDate(2024, 3), inferred=(Inference("date", "RFE/RL dates it", ("o1",)),)
    ),
    "no date": dataclasses.replace(FULL, id="no-date", date=None),
    "no url": dataclasses.replace(FULL, id="no-url", url=None),
    "javascript url": dataclasses.replace(FULL, id="js-url", url="javascript:alert(1)"),
    "hostile": dataclasses.replace(
        FULL,
        id="hostile",
        title='Kazakhstan {quietly} cuts 100% of ties & \\ "friends" -- or?\nКазахстан }{ # $ _ ~ @news{x} <<a>>',
        author="Дарья Нестерова",
        publisher="Asia_Times & {Co} 50%",
        url="https://example.org/a b?q=1;2&r=%7B#frag",
        language="ru",
    ),
    "starts with an escape": dataclasses.replace(FULL, id="percent", title="% of Kyrgyz who see Russia as a friend"),
}


def one_line(text: str) -> str:
    return " ".join(text.split())


def bibtex_entry(text: str, *middleware: object) -> dict[str, str]:
    library = bibtexparser.parse_string(text, append_middleware=list(middleware))
    assert not library.failed_blocks and len(library.entries) == 1
    entry = library.entries[0]
    return {"type": entry.entry_type, "key": entry.key, **{field.key: field.value for field in entry.fields}}


def bibtex_text(text: str) -> dict[str, str]:
    """The text fields as LaTeX prints them (the url field is verbatim, read it from bibtex_entry)."""
    return bibtex_entry(text, LatexDecodingMiddleware())


def ris_entry(text: str) -> dict:
    entries = rispy.loads(text)
    assert len(entries) == 1
    return entries[0]


def bibliography(items: list[dict]) -> list[str]:
    """What citeproc-py makes of the CSL-JSON, as a reference manager would, in a bundled Harvard style."""
    source = CiteProcJSON(json.loads(cf.csl_json(items)))
    bib = CitationStylesBibliography(
        CitationStylesStyle("harvard-cite-them-right", validate=False), source, formatter.plain
    )
    for item in items:
        bib.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bib.bibliography()]


@pytest.mark.parametrize("name", SOURCES)
def test_each_format_gives_back_title_author_url_and_date(name: str) -> None:
    source = SOURCES[name]
    item = cf.csl_item(source, PAGE)
    entry = cf.bibtex(source, PAGE)
    raw, text, record = bibtex_entry(entry), bibtex_text(entry), ris_entry(cf.ris(source, PAGE))
    assert item["title"] == text["title"] == record["title"] == one_line(source.title)
    names = [name.get("literal") or f"{name['family']}, {name['given']}" for name in item.get("author", [])]
    assert text.get("author", "") == " and ".join(names) and record.get("authors", []) == names
    assert item["container-title"] == text["journaltitle"] == text["organization"] == record["secondary_title"]
    assert text["journaltitle"] == source.publisher
    if "URL" in item:
        assert raw["url"] == item["URL"] and record["urls"] == [item["URL"].replace(";", "%3B")]
    if "issued" in item:
        parts = item["issued"]["date-parts"][0]
        assert raw["date"].rstrip("~") == source.date.iso and raw["year"] == record["year"] == str(parts[0])
        assert record["date"].split("/") == [
            source.date.iso[:4],
            *[f"{p:02d}" for p in parts[1:]],
            *[""] * (4 - len(parts)),
        ]
    assert raw["type"] == "online" and record["type_of_reference"] == "ELEC" and item["type"] == "webpage"
    assert item["language"] == raw["language"] == record["language"] == source.language


@pytest.mark.parametrize("name", SOURCES)
def test_the_csl_json_renders_in_citeproc_with_title_and_year(name: str) -> None:
    source = SOURCES[name]
    item = cf.csl_item(source, PAGE)
    (entry,) = bibliography([item])
    assert (one_line(source.title) if name != "hostile" else "Казахстан") in entry
    assert (str(source.date.year) if source.date else "no date") in entry


def test_a_full_source() -> None:
    item = cf.csl_item(FULL, PAGE)
    assert item == {
        "id": "012_eurasianet-csto",
        "type": "webpage",
        "title": "Kazakhstan quietly reconsiders its CSTO ties",
        "author": [{"family": "Mahon", "given": "Anastassiya"}],
        "container-title": "Eurasianet",
        "URL": "https://eurasianet.org/kazakhstan-quietly-reconsiders-its-csto-ties",
        "issued": {"date-parts": [[2022, 12, 5]]},
        "language": "en",
        "note": f"Briefing page: {PAGE}",
    }
    raw = bibtex_entry(cf.bibtex(FULL, PAGE))
    assert raw["key"] == "012_eurasianet-csto"
    assert (raw["year"], raw["month"], raw["date"]) == ("2022", "dec", "2022-12-05")
    names = bibtex_entry(cf.bibtex(FULL, PAGE), SeparateCoAuthors(), SplitNameParts())["author"]
    assert [(name.last, name.first) for name in names] == [(["Mahon"], ["Anastassiya"])]
    record = ris_entry(cf.ris(FULL, PAGE))
    assert record["authors"] == ["Mahon, Anastassiya"] and record["notes"] == [f"Briefing page: {PAGE}"]
    assert "1." not in cf.ris(FULL, PAGE).splitlines()  # rispy's numbering line is no RIS tag


@pytest.mark.parametrize(
    ("date", "parts", "bibtex_date", "ris_date"),
    [
        (PartialDate(2022), [2022], "2022", "2022///"),
        (PartialDate(2022, 12), [2022, 12], "2022-12", "2022/12//"),
        (PartialDate(2022, 12, 5), [2022, 12, 5], "2022-12-05", "2022/12/05/"),
    ],
)
def test_dates_to_the_precision_known(date: PartialDate, parts: list[int], bibtex_date: str, ris_date: str) -> None:
    source = dataclasses.replace(FULL, date=date)
    assert cf.csl_item(source, None)["issued"] == {"date-parts": [parts]}
    assert bibtex_entry(cf.bibtex(source, None))["date"] == bibtex_date
    assert ris_entry(cf.ris(source, None))["date"] == ris_date
    assert ("month" in bibtex_entry(cf.bibtex(source, None))) == (len(parts) > 1)


@pytest.mark.parametrize(
    ("name", "words"), [("inferred year", "Date inferred"), ("outside month", "outside reporting")]
)
def test_a_date_the_article_does_not_state_is_circa_with_a_note_in_all_three(name: str, words: str) -> None:
    source = SOURCES[name]
    item = cf.csl_item(source, PAGE)
    assert item["issued"]["circa"] is True and words in item["note"]
    assert bibtex_entry(cf.bibtex(source, PAGE))["date"].endswith("~")  # biblatex's approximate date
    assert words in bibtex_text(cf.bibtex(source, PAGE))["note"]
    assert any(words in note for note in ris_entry(cf.ris(source, PAGE))["notes"])
    if name == "inferred year":
        assert INFERRED_YEAR.why in item["note"]


@pytest.mark.parametrize(
    ("name", "csl", "bibtex_fields", "ris_fields"),
    [
        ("no author", ["author"], ["author"], ["authors"]),
        ("no date", ["issued"], ["year", "month", "date"], ["year", "date"]),
        ("no url", ["URL"], ["url"], ["urls"]),
        ("javascript url", ["URL"], ["url"], ["urls"]),
    ],
)
def test_nothing_appears_for_a_missing_field(name: str, csl: list, bibtex_fields: list, ris_fields: list) -> None:
    source = SOURCES[name]
    item = cf.csl_item(source, None)
    raw, record = bibtex_entry(cf.bibtex(source, None)), ris_entry(cf.ris(source, None))
    assert not set(csl) & set(item) and not set(bibtex_fields) & set(raw) and not set(ris_fields) & set(record)
    assert "note" not in item and "note" not in raw and "notes" not in record  # and no note without a page
    everything = cf.csl_json([item]) + cf.bibtex(source, None) + cf.ris(source, None)
    assert "Anonymous" not in everything and "javascript" not in everything and "n.d." not in everything


def braces_close_only_at_the_end(entry: str) -> bool:
    """As classic BibTeX reads an entry: every brace counts, escaped or not; a value ends where its braces close,
    which must be at the end of a field (",\n" or "\n" follows), and the entry where all of them close."""
    depth, ends = 0, []
    for at, char in enumerate(entry):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == "}" and depth <= 1:
            ends.append((depth, entry[at + 1 : at + 2]))
    return all(follows in (",", "\n") for _, follows in ends[:-1]) and ends[-1] == (0, "\n") and depth == 0


@pytest.mark.parametrize("title", ["}{ reversed", "an {unclosed one", "a closing } one", "{{x}", "pairs {a} {b}"])
def test_a_lone_brace_keeps_the_entry_whole(title: str) -> None:
    text = cf.bibtex(dataclasses.replace(FULL, title=title, publisher=title), PAGE)
    assert braces_close_only_at_the_end(text)
    assert bibtex_text(text)["title"] == bibtex_text(text)["journaltitle"] == title


def test_a_hostile_title_stays_one_balanced_entry() -> None:
    text = cf.bibtex(SOURCES["hostile"], PAGE)
    assert braces_close_only_at_the_end(text)
    assert bibtex_text(text)["author"] == "Дарья Нестерова"  # braced: BibTeX neither splits nor abbreviates it
    assert bibtex_entry(text)["url"] == "https://example.org/a%20b?q=1;2&r=%7B#frag"
    assert "\n" not in cf.ris(SOURCES["hostile"], PAGE).split("TI  - ")[1].split("\nT2")[0]


@pytest.mark.parametrize(
    ("author", "names"),
    [
        ("Aida Joldoshbekova and Marat Seitkali", [("Joldoshbekova", "Aida"), ("Seitkali", "Marat")]),
        ("Eurasianet Staff", ["Eurasianet Staff"]),
        ("Smith, John", ["Smith, John"]),
        ("Ursula von der Leyen", ["Ursula von der Leyen"]),
        ("Дарья Нестерова и Иван Петров", ["Дарья Нестерова", "Иван Петров"]),
    ],
)
def test_names_are_split_only_when_safe(author: str, names: list) -> None:
    item = cf.csl_item(dataclasses.replace(FULL, author=author), None)
    expected = [{"family": n[0], "given": n[1]} if isinstance(n, tuple) else {"literal": n} for n in names]
    assert item["author"] == expected
    assert ris_entry(cf.ris_of_item(item))["authors"] == [n if isinstance(n, str) else ", ".join(n) for n in names]


def test_a_page_of_the_briefing() -> None:
    url = "https://briefing.example/countries/kazakhstan/"
    item = cf.page_item("Central Asia Briefing", "Kazakhstan", url, PartialDate(2026, 11, 22), ["Jane Doe"])
    assert item == {
        "id": "briefing:countries-kazakhstan",
        "type": "webpage",
        "title": "Kazakhstan",
        "author": [{"family": "Doe", "given": "Jane"}],
        "container-title": "Central Asia Briefing",
        "URL": url,
        "issued": {"date-parts": [[2026, 11, 22]]},
    }
    raw = bibtex_entry(cf.bibtex_of_item(item))
    assert raw["key"] == "briefing:countries-kazakhstan" and raw["url"] == url and raw["date"] == "2026-11-22"
    assert ris_entry(cf.ris_of_item(item))["secondary_title"] == "Central Asia Briefing"
    (entry,) = bibliography([item])
    assert "Kazakhstan" in entry and "2026" in entry


def test_a_page_without_editors_or_site_address_has_no_author_and_no_url() -> None:
    item = cf.page_item("Central Asia Briefing", "Home", "/", None, [])
    assert item == {
        "id": "briefing:home",
        "type": "webpage",
        "title": "Home",
        "container-title": "Central Asia Briefing",
    }
    assert set(bibtex_entry(cf.bibtex_of_item(item))) == {"type", "key", "title", "journaltitle", "organization"}


@pytest.mark.parametrize("name", SOURCES)
def test_the_same_bytes_on_every_call(name: str) -> None:
    source = SOURCES[name]
    assert cf.bibtex(source, PAGE) == cf.bibtex(dataclasses.replace(source), PAGE)
    assert cf.ris(source, PAGE) == cf.ris(dataclasses.replace(source), PAGE)
    first, second = cf.csl_json([cf.csl_item(source, PAGE)]), cf.csl_json([cf.csl_item(source, PAGE)])
    assert first == second and first.endswith("]\n") and first.encode("utf-8") == second.encode("utf-8")
    assert list(json.loads(first)[0]) == sorted(json.loads(first)[0])


def test_a_title_is_kept_from_lowercasing_without_becoming_a_special_character() -> None:
    """plain.bst lowercases a title outside braces; a brace group opening with a backslash is one "special
    character" to BibTeX, whose letters it lowercases all the same."""
    for name in ("full", "starts with an escape"):
        raw = bibtex_entry(cf.bibtex(SOURCES[name], None))["title"]
        assert raw.startswith("{") and raw.endswith("}") and not raw.startswith("{\\")


def test_a_guess_of_detection_is_marked_as_unchecked() -> None:
    source = dataclasses.replace(FULL, guessed=("title", "date", "countries"))
    item = cf.csl_item(source, None)
    assert item["note"] == "Detected automatically, not yet checked by an editor: title, date."
    assert ris_entry(cf.ris(source, None))["notes"] == [item["note"]]
