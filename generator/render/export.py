"""Data downloads: the sources, events and figures as JSON and CSV.

Pure: no I/O. data_files() returns {relative path: bytes}; the pipeline writes the
files into the docs tree and the site engine copies them into the site as they are.

Each data set comes twice, with the same rows in the same order:

- data/<name>.json: one UTF-8 JSON object, {"dataset", "title", "licence",
  "count", "fields", "items"}; "items" is a list of objects whose keys are
  always in the order of FIELDS[name]. Lists stay lists, a missing value is
  null, numbers are numbers and flags are true/false.
- data/<name>.csv: UTF-8 without a BOM, "\n" line ends, a header row with the
  same field names, minimal quoting. Lists are joined with ";", a missing value
  is an empty cell, flags are "true"/"false".

Rows: sources by id, events newest first (ties by id), figures by metric, country,
date and id (the model's orders). Ids are stable: a source's id is its seed name,
events and figures are "<source id>-e<N>" and "<source id>-f<N>".

Spreadsheet formula injection: the text comes from scraped articles and hurried
editors, and a spreadsheet runs a cell that starts with "=", "+", "-" or "@" (or
a tab or carriage return) as a formula. In the CSV files such a text cell gets a
leading apostrophe ("'=1+1"), which spreadsheets show as text; numbers we write
ourselves (a negative value) are left alone. The JSON files keep the text exactly.

Same briefing, same bytes: nothing depends on the clock or on dict order.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from generator.model import numbers
from generator.model.entities import Briefing, Event, Figure, Source
from generator.render import escape, evidence, locations
from generator.render.feeds import LICENCE

DATA_DIR = "data"
LIST_SEPARATOR = ";"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # also full-width forms

# Where an event or a figure is in its source: the same three fields in both data sets.
WHERE_CITED = [
    ("source", "string", "Id of the source."),
    ("paragraph", "integer", "Number of the source paragraph that holds the quote."),
    (
        "page",
        "URL",
        "That paragraph on this site: its full address once the site's address is set, else its path from the"
        " site root.",
    ),
]

# name -> [(field, type, meaning)]: the column order of both files, and the data page's tables.
FIELDS: dict[str, list[tuple[str, str, str]]] = {
    "sources": [
        (
            "id",
            "string",
            "Stable id of the source: the file name of its article; a teaser of a listing page adds -01, -02 and so"
            " on.",
        ),
        ("title", "string", "Title of the article, or the editors' title when it has none."),
        ("publisher", "string or empty", "Publisher, when known."),
        ("author", "string or empty", "Author, when known."),
        ("date", "date or empty", "Publication date as YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source allows."),
        (
            "date_basis",
            "string or empty",
            "stated when the source gives the date; inferred when the editors inferred it from the text; outside when"
            " it rests on reporting outside the source, cited on its page; empty when undated.",
        ),
        (
            "quality",
            "string",
            "State of the text: clean, machine-translated, reworded, excerpt, listing or unassessed.",
        ),
        (
            "review",
            "string",
            "reviewed, draft, or automatic (published from detection alone, not yet described by an editor).",
        ),
        ("countries", "list of slugs", "Countries and regions the source is about."),
        ("themes", "list of slugs", "Themes the source is about."),
        ("summary", "string", "The editors' summary in their own words; empty when there is none yet."),
        ("url", "URL or empty", "Address of the original article, when known (http and https only)."),
        (
            "page",
            "URL",
            "The source's page on this site: its full address once the site's address is set, else its path from the"
            " site root.",
        ),
        ("listing", "string or empty", "For a teaser, the id of the listing page it appears on."),
        (
            "added",
            "timestamp or empty",
            "When the editors added the source to the briefing: a UTC time (YYYY-MM-DDTHH:MM:SSZ), or a day"
            " (YYYY-MM-DD) when only the day is recorded; empty for a source no editor has described yet, or whose"
            " metadata does not record it (it is then in no feed).",
        ),
        (
            "last_changed",
            "timestamp or empty",
            "When the editors last corrected or updated what its page says, in the same form; empty when never. Each"
            " correction is listed on the Corrections and updates page.",
        ),
    ],
    "events": [
        ("id", "string", "Stable id: the source's id, -e and a number."),
        ("date", "date", "When it happened, as YYYY, YYYY-MM or YYYY-MM-DD."),
        (
            "date_basis",
            "string",
            "stated when the source gives the date; inferred when the editors inferred it from the text; outside when"
            " it rests on reporting outside the source, cited on its page.",
        ),
        ("countries", "list of slugs", "Countries and regions involved."),
        ("themes", "list of slugs", "Themes it belongs to."),
        ("text", "string", "What happened, in the editors' words."),
        ("quote", "string", "The exact words of the source the event rests on."),
        *WHERE_CITED,
        (
            "inferred",
            "list of field names",
            "Fields the editors inferred rather than read in the source (usually date); the source page gives the"
            " reason.",
        ),
    ],
    "figures": [
        ("id", "string", "Stable id: the source's id, -f and a number."),
        ("metric", "slug", "What is measured."),
        ("metric_name", "string", "The metric's name."),
        ("unit", "string", "Unit of the value: percent, people, count, usd or times."),
        ("country", "slug", "Country or region the figure is about."),
        ("themes", "list of slugs", "Themes the figure belongs to."),
        ("value", "number", "The value, in the unit."),
        (
            "bound",
            "string",
            "How exact the value is, as the source says it: exact, about, more-than, at-least, fewer-than or up-to.",
        ),
        ("shown", "string", 'The value as the pages show it, with its bound and unit, e.g. "more than 50".'),
        ("as_of", "date", "When the value applies (the end of its period), as YYYY, YYYY-MM or YYYY-MM-DD."),
        (
            "as_of_basis",
            "string",
            "stated when the source gives when the value applies; inferred when the editors inferred it from the"
            " text; outside when it rests on reporting outside the source, cited on its page.",
        ),
        (
            "period",
            "string",
            "The period the value covers, in words; marked (inferred) when the source does not state it.",
        ),
        (
            "period_start",
            "date or empty",
            "First month (or year, or day) of the period; empty when the editors gave the period in words only, and"
            " then it is compared with no other figure.",
        ),
        ("period_end", "date or empty", "Last month (or year, or day) of the period."),
        (
            "measure",
            "string",
            "What the value measures and where it comes from: the poll or statistics body, or that the source does"
            " not say.",
        ),
        (
            "measure_known",
            "boolean",
            "false when the source does not say which poll or statistics the value comes from; such figures from"
            " different sources are never compared as one measurement.",
        ),
        (
            "elsewhere",
            "list",
            "Different values for the same fact in reporting outside the source, each as value (bound), publisher,"
            " date and URL; the source page cites them.",
        ),
        ("text", "string", "The figure in the editors' words."),
        ("quote", "string", "The exact words of the source the figure rests on."),
        *WHERE_CITED,
        (
            "inferred",
            "list of field names",
            "Fields the editors inferred rather than read in the source; the source page gives the reason.",
        ),
    ],
}
DESCRIPTIONS = {
    "sources": "Every source, teasers of listing pages included, one row each.",
    "events": "Every dated event the editors took from the sources, each citing a paragraph.",
    "figures": "Every figure (poll result, count, share) the editors took from the sources, each citing a paragraph.",
}


def data_path(name: str, extension: str) -> str:
    return f"{DATA_DIR}/{name}.{extension}"


def downloads() -> list[tuple[str, str, list[tuple[str, str, str]], list[str]]]:
    """(name, description, fields, [json path, csv path]) of every data set, for the data page."""
    return [
        (name, DESCRIPTIONS[name], FIELDS[name], [data_path(name, "json"), data_path(name, "csv")]) for name in FIELDS
    ]


def data_files(briefing: Briefing) -> dict[str, bytes]:
    """Every download, as {path relative to the docs root: UTF-8 bytes}."""
    rows = {
        "sources": [source_row(s, briefing.site_url) for s in briefing.sources],
        "events": [event_row(e, briefing.site_url) for e in briefing.events],
        "figures": [figure_row(briefing, f) for f in briefing.figures],
    }
    files: dict[str, bytes] = {}
    for name, items in rows.items():
        files[data_path(name, "json")] = to_json(briefing, name, items)
        files[data_path(name, "csv")] = to_csv(name, items)
    return files


def source_row(source: Source, site_url: str | None) -> dict[str, Any]:
    original = escape.url(source.url)
    return _ordered(
        "sources",
        {
            "id": source.id,
            "title": source.title,
            "publisher": source.publisher,
            "author": source.author,
            "date": source.date.iso if source.date else None,
            "date_basis": source.date_basis,
            "quality": source.quality,
            "review": source.review,
            "countries": list(source.countries),
            "themes": list(source.themes),
            "summary": source.summary,
            "url": str(original) if original else None,
            "page": locations.public(locations.source(source.id), site_url),
            "listing": source.listing_id,
            "added": source.added.iso if source.added else None,
            "last_changed": source.last_changed.iso if source.last_changed else None,
        },
    )


def event_row(event: Event, site_url: str | None) -> dict[str, Any]:
    citation = event.citation
    return _ordered(
        "events",
        {
            "id": event.id,
            "date": event.date.iso,
            "date_basis": event.date_basis,
            "countries": list(event.countries),
            "themes": list(event.themes),
            "text": event.text,
            "quote": citation.quote,
            "source": citation.source_id,
            "paragraph": citation.paragraph,
            "page": locations.public(locations.paragraph(citation.source_id, citation.paragraph), site_url),
            "inferred": [inference.field for inference in event.inferred],
        },
    )


def figure_row(briefing: Briefing, figure: Figure) -> dict[str, Any]:
    citation = figure.citation
    metric = briefing.metric_by_slug.get(figure.metric)
    span = figure.period.span
    return _ordered(
        "figures",
        {
            "id": figure.id,
            "metric": figure.metric,
            "metric_name": metric.name if metric else figure.metric,
            "unit": metric.unit if metric else "",
            "country": figure.country,
            "themes": list(figure.themes),
            "value": _number(figure.value),
            "bound": figure.bound,
            "shown": numbers.format_value(figure.value, figure.bound, metric.unit if metric else ""),
            "as_of": figure.as_of.iso,
            "as_of_basis": figure.date_basis,
            "period": evidence.period_label(figure),
            "period_start": span[0].iso if span else None,
            "period_end": span[1].iso if span else None,
            "measure": figure.measure.name,
            "measure_known": figure.measure.known,
            "elsewhere": [
                f"{numbers.format_value(o.value, o.bound, metric.unit if metric else '')} ({o.source.publisher}, "
                f"{o.source.date.iso}, {o.source.url})"
                for o in figure.elsewhere
            ],
            "text": figure.text,
            "quote": citation.quote,
            "source": citation.source_id,
            "paragraph": citation.paragraph,
            "page": locations.public(locations.paragraph(citation.source_id, citation.paragraph), briefing.site_url),
            "inferred": [inference.field for inference in figure.inferred],
        },
    )


def to_json(briefing: Briefing, name: str, items: list[dict[str, Any]]) -> bytes:
    document = {
        "dataset": name,
        "title": briefing.title,
        "licence": LICENCE,
        "count": len(items),
        "fields": [field for field, _, _ in FIELDS[name]],
        "items": items,
    }
    # allow_nan=False: NaN and infinity are not JSON; fail rather than write a file nobody can read.
    return (json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


def to_csv(name: str, items: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([field for field, _, _ in FIELDS[name]])
    for item in items:
        writer.writerow([csv_cell(value) for value in item.values()])
    return buffer.getvalue().encode("utf-8")


def csv_cell(value: Any) -> str:
    """One CSV cell: lists joined, null empty, flags true/false, text made formula-safe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value, allow_nan=False)  # shortest exact form, as in the JSON file
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    return neutralise(str(value))


def neutralise(text: str) -> str:
    """Text a spreadsheet will not run as a formula: a leading apostrophe when it starts like one."""
    if text.startswith(FORMULA_START) or text.lstrip().startswith(FORMULA_START):
        return "'" + text
    return text


def _number(value: float) -> int | float:
    number = float(value)
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _ordered(name: str, row: dict[str, Any]) -> dict[str, Any]:
    """The row with its keys in FIELDS order, whatever order it was built in."""
    return {field: row[field] for field, _, _ in FIELDS[name]}
