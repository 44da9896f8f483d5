"""Citations for reference managers: the original article of a source, and a page of the briefing itself.

Pure: no I/O, and the same input gives the same bytes. Each citation is built once as a CSL-JSON item (the data
model of Zotero, Mendeley and every citeproc); its BibTeX and RIS are derived from that item, one mapping a field:
id → key; author → author, AU; title → title, TI; container-title → journaltitle and organization, T2; issued →
year, month and date, PY and DA; URL → url, UR; language → language, LA; note (lines) → note, N1 (one a line).

Every item is a "webpage" (@online, ELEC): every source is an article read on a website, and the editors record
no medium, so "newspaper article" would claim more than the data says. It is also the one type that Zotero imports
alike from all three files (CSL webpage, BibTeX @online and RIS ELEC all become its "Web Page", the publisher its
website title), whereas a newspaper article would come in from BibTeX as a journal article.

Never invented: a field the source lacks is left out (no "Anonymous", no made-up date); a date the article does
not state is marked circa, with a note saying where it comes from; only http(s) addresses are written.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

import bibtexparser
import rispy
from bibtexparser import model

from generator.inputs.bylines import has_outlet_word
from generator.model.dates import PartialDate
from generator.model.entities import DATE_FIELDS, Source
from generator.render import escape
from generator.render.latex_text import latex_text, protected

ITEM_TYPE = "webpage"
BIBTEX_TYPES = {"webpage": "online"}
RIS_TYPES = {"webpage": "ELEC"}
BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
DATE_NOTES = {
    "inferred": "Date inferred by the briefing's editors, not stated in the article",
    "outside": "Date taken from outside reporting, not stated in the article",
}
CHECKED_FIELDS = ("title", "author", "publisher", "date")  # the fields of a citation that detection may guess
PAGE_ID_PREFIX = "briefing:"  # source ids never hold a colon, so a page's key never equals a source's

# A name is split into family and given only when that is safe: two capitalised words in Latin letters. Russian
# writes both "Имя Фамилия" and "Фамилия Имя", and longer names hide particles and double surnames: those stay
# whole ({"literal": ...}), which every reference manager prints as written.
LATIN = "A-Za-zÀ-ÖØ-öø-ɏ"
LATIN_NAME_WORD = re.compile(rf"[{LATIN}]\.|[{LATIN}]+(?:['’-][{LATIN}]+)*")
NAME_JOINERS = re.compile(r"\s*(?:,|&|\band\b|\bи\b)\s*")


def csl_item(source: Source, page_url: str | None) -> dict[str, Any]:
    """The CSL-JSON item of the source's original article; page_url, the briefing's page of it, goes in a note."""
    basis = source.date_basis
    guessed = [field for field in CHECKED_FIELDS if field in source.guessed]
    notes = (
        *_date_notes(source, basis),
        *([f"Detected automatically, not yet checked by an editor: {', '.join(guessed)}."] if guessed else []),
        *([f"Briefing page: {page_url}"] if page_url else []),
    )
    return _item(
        source.id,
        title=source.title,
        author=_names(source.author),
        container=source.publisher,
        url=source.url,
        issued=_issued(source.date, circa=basis in DATE_NOTES),
        language=source.language,
        notes=notes,
    )


def page_item(
    site_title: str,
    page_title: str,
    page_url_or_path: str,
    updated: PartialDate | None,
    editors: list[str],
    inferred: bool = False,
) -> dict[str, Any]:
    """The CSL-JSON item of a briefing page (locations.public of its path), dated by its last update (inferred: that
    date rests on dates the articles do not state).

    The editors are its authors. Without them it has none, rather than the site as a literal author: the site is
    already the container, styles that print both show its name twice, and reference managers start an authorless
    web page with its title. Only an absolute address is a URL: a site-relative one opens nothing.
    """
    path = "-".join(part for part in urlsplit(page_url_or_path).path.split("/") if part)
    authors = [name for editor in editors for name in _names(editor)]
    return _item(
        PAGE_ID_PREFIX + (path or "home"),
        title=page_title,
        author=authors,
        container=site_title,
        url=page_url_or_path,
        issued=_issued(updated, circa=inferred),  # a page dated by an inferred date is dated approximately
    )


def bibtex(source: Source, page_url: str | None) -> str:
    return bibtex_of_item(csl_item(source, page_url))


def ris(source: Source, page_url: str | None) -> str:
    return ris_of_item(csl_item(source, page_url))


def csl_json(items: list[dict[str, Any]]) -> str:
    """A CSL-JSON file: the items in the order given, keys sorted, non-ASCII kept, a closing newline."""
    return json.dumps(items, ensure_ascii=False, sort_keys=True, indent=2, allow_nan=False) + "\n"


def bibtex_of_item(item: dict[str, Any]) -> str:
    """One biblatex @online entry, readable by classic BibTeX too (year and month beside date).

    Zotero's BibTeX import reads the website's name from journaltitle; biblatex prints an @online's organization:
    both are written. The escaping is done here: bibtexparser's LatexEncodingMiddleware turns every Cyrillic
    letter into a \\CYR… command (which needs Cyrillic fonts in LaTeX) and leaves a lone brace to break the file.
    """
    fields = {
        "author": " and ".join(_bibtex_name(name) for name in item.get("author", [])),
        "title": protected(latex_text(item.get("title", ""))),
        "journaltitle": latex_text(item.get("container-title", "")),
        "organization": latex_text(item.get("container-title", "")),
        **_bibtex_dates(item.get("issued")),
        "url": item.get("URL", ""),
        "language": latex_text(item.get("language", "")),
        "note": latex_text(" ".join(_note_lines(item))),
    }
    # a month is BibTeX's macro (dec), which must stay unbraced; every other value is braced
    written = [model.Field(key, value if key == "month" else f"{{{value}}}") for key, value in fields.items() if value]
    library = bibtexparser.Library([model.Entry(BIBTEX_TYPES[item["type"]], _bibtex_key(item["id"]), written)])
    layout = bibtexparser.BibtexFormat()
    layout.indent = "  "
    return bibtexparser.write_string(library, unparse_stack=[], bibtex_format=layout)


def ris_of_item(item: dict[str, Any]) -> str:
    """One RIS record. The website's name is T2, which Zotero reads as a web page's website title (JO would be a
    journal abbreviation, and PB lands in a note: Zotero's web pages have no publisher)."""
    parts = _date_parts(item.get("issued"))
    record = {
        "type_of_reference": RIS_TYPES[item["type"]],
        "authors": [name.get("literal") or f"{name['family']}, {name['given']}" for name in item.get("author", [])],
        "title": item.get("title"),
        "secondary_title": item.get("container-title"),
        "year": str(parts[0]) if parts else None,
        "date": _joined(parts, "/") + "/" * (4 - len(parts)) if parts else None,  # YYYY/MM/DD/, unknown parts empty
        # RIS separates several addresses with ";", so one inside an address is written %3B
        "urls": [item["URL"].replace(";", "%3B")] if "URL" in item else [],
        "language": item.get("language"),
        "notes": _note_lines(item),
    }
    return rispy.dumps([{key: value for key, value in record.items() if value}], implementation=_RisWriter)


class _RisWriter(rispy.RisWriter):
    """rispy's writer without the "1." line it puts before each record, which is no RIS tag."""

    def set_header(self, count: int) -> str:
        return ""


def _item(
    item_id: str, *, title: str, container: str | None, url: str | None, notes: tuple[str, ...] = (), **fields: Any
) -> dict[str, Any]:
    """A CSL-JSON item of the one type: text on one line, only a web address kept, the fields it lacks left out."""
    address = escape.url(url)
    item = {
        "id": item_id,
        "type": ITEM_TYPE,
        "title": _clean(title),
        "container-title": _clean(container or ""),
        "URL": str(address) if address else None,
        "note": "\n".join(_clean(note) for note in notes),
        **fields,
    }
    return {key: value for key, value in item.items() if value}


def _clean(text: str) -> str:
    """Text on one line: a citation's fields hold no line breaks (RIS cannot), nor control characters."""
    return "".join(char for char in " ".join(text.split()) if unicodedata.category(char) != "Cc")


def _names(author: str | None) -> list[dict[str, str]]:
    """CSL names of a byline: several people only when every part is a person's name, else one literal name."""
    author = _clean(author or "")
    people = [part for part in NAME_JOINERS.split(author) if part]
    if len(people) > 1 and all(_looks_like_person(person) for person in people):
        return [_name(person) for person in people]
    return [_name(author)] if author else []


def _looks_like_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and all(word[0].isupper() for word in words) and not has_outlet_word(name)


def _name(name: str) -> dict[str, str]:
    words = name.split()
    splittable = len(words) == 2 and all(word[0].isupper() and LATIN_NAME_WORD.fullmatch(word) for word in words)
    if splittable and not has_outlet_word(name):  # "Eurasianet Staff" is no Mr Staff
        return {"family": words[1], "given": words[0]}
    return {"literal": name}


def _issued(date: PartialDate | None, circa: bool) -> dict[str, Any] | None:
    """CSL date-parts to the precision known: [[2022]], [[2022, 12]] or [[2022, 12, 5]]."""
    if date is None:
        return None
    parts = [date.year, date.month, date.day][: 3 if date.day else 2 if date.month else 1]
    return {"date-parts": [parts], **({"circa": True} if circa else {})}


def _date_notes(source: Source, basis: str | None) -> list[str]:
    if basis not in DATE_NOTES:
        return []
    reasons = [inference.why for inference in source.inferred if inference.field in DATE_FIELDS and inference.why]
    note = DATE_NOTES[basis] + (": " + "; ".join(reasons) if reasons else "")
    return [note if note.endswith((".", "!", "?")) else note + "."]  # a sentence: BibTeX runs the notes together


def _note_lines(item: dict[str, Any]) -> list[str]:
    return item["note"].split("\n") if item.get("note") else []


def _date_parts(issued: dict[str, Any] | None) -> list[int]:
    return list(issued["date-parts"][0]) if issued else []


def _joined(parts: list[int], separator: str) -> str:
    return separator.join([f"{parts[0]:04d}", *(f"{part:02d}" for part in parts[1:])])


def _bibtex_dates(issued: dict[str, Any] | None) -> dict[str, str]:
    """year and month for classic BibTeX, then biblatex's date (last: Zotero lets the last date field win).

    A circa date ends in "~", biblatex's mark of an approximate date (ISO 8601-2); classic BibTeX keeps the year
    and reads the note."""
    parts = _date_parts(issued)
    if not parts:
        return {}
    circa = "~" if issued and issued.get("circa") else ""
    month = BIBTEX_MONTHS[parts[1] - 1] if len(parts) > 1 else ""
    return {"year": str(parts[0]), "month": month, "date": _joined(parts, "-") + circa}


def _bibtex_name(name: dict[str, str]) -> str:
    """BibTeX's "Family, Given"; a literal name braced, so that BibTeX neither splits nor abbreviates it."""
    if "literal" in name:
        return "{" + latex_text(name["literal"]) + "}"
    return f"{latex_text(name['family'])}, {latex_text(name['given'])}"


def _bibtex_key(item_id: str) -> str:
    """The entry key: the id when BibTeX can carry it, else its safe characters and a hash that keeps it unique."""
    safe = re.sub(r"[^A-Za-z0-9_:.-]+", "-", item_id).strip("-") or "item"
    return safe if safe == item_id else f"{safe}-{hashlib.sha256(item_id.encode('utf-8')).hexdigest()[:8]}"
