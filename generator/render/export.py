"""Data downloads: the sources, events and figures as JSON and CSV.

Pure: no I/O. each_data_file() gives (relative path, bytes) one data set at a time; the pipeline writes the
files into the docs tree and the site engine copies them into the site as they are
(a data set whose rows did not change since the last run is left as it is).

Each data set comes twice, with the same rows in the same order:

- data/<name>.json: one UTF-8 JSON object, {"dataset", "title", "licence",
  "count", "fields", "items"}; "items" is a list of objects whose keys are
  always in the order of FIELDS[name]. Lists stay lists, a missing value is
  null, numbers are numbers and flags are true/false.
- data/<name>.csv: UTF-8 without a BOM, "\n" line ends, a header row with the
  same field names, minimal quoting (every cell of a row holding a carriage return
  quoted). Lists are joined with ";", a missing value
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
import hashlib
import io
import json
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any

from generator.model import numbers
from generator.model.briefing import Briefing
from generator.model.entities import Event, Figure, Source
from generator.render import escape, evidence, locations
from generator.render.data_rows import KeptRows
from generator.render.export_fields import DESCRIPTIONS, FIELDS
from generator.render.feeds import LICENCE
from generator.render.page_cache import LastRun

DATA_DIR = "data"
LIST_SEPARATOR = ";"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # also full-width forms


def data_path(name: str, extension: str) -> str:
    return f"{DATA_DIR}/{name}.{extension}"


def downloads() -> list[tuple[str, str, list[tuple[str, str, str]], list[str]]]:
    """(name, description, fields, [json path, csv path]) of every data set, for the data page."""
    return [
        (name, DESCRIPTIONS[name], FIELDS[name], [data_path(name, "json"), data_path(name, "csv")]) for name in FIELDS
    ]


def data_files(briefing: Briefing, last_run: LastRun | None = None) -> dict[str, bytes | None]:
    """Every download, as {path relative to the docs root: UTF-8 bytes} (each_data_file, all at once)."""
    return dict(each_data_file(briefing, last_run))


def each_data_file(
    briefing: Briefing, last_run: LastRun | None = None, kept: KeptRows | None = None
) -> Iterator[tuple[str, bytes | None]]:
    """(path relative to the docs root, UTF-8 bytes) of every download, one data set at a time: at 100,000 sources
    the rows and files of all three at once took about a gigabyte. None for bytes: a data set whose rows last_run
    says are the same, its two files left as they are (most edits change one data set, if any). kept: each row's
    texts as the last run made them, by the model object it is made from (data_rows.py)."""
    kept = kept or KeptRows(None, "")
    makers: dict[str, tuple[Sequence[Any], Callable[[Any], dict[str, Any]]]] = {
        "sources": (briefing.sources, partial(source_row, site_url=briefing.site_url)),
        "events": (briefing.events, partial(event_row, site_url=briefing.site_url)),
        "figures": (briefing.figures, partial(figure_row, briefing)),
    }
    for name, (values, make) in makers.items():
        texts = kept.texts(name, values, partial(_texts, make, CsvRecords()))
        paths = (data_path(name, "json"), data_path(name, "csv"))
        if last_run is not None and last_run.unchanged(paths, (briefing.title, _digest(texts))):
            yield from ((path, None) for path in paths)
            continue
        yield paths[0], json_file(briefing, name, [json_text for json_text, _ in texts])
        yield paths[1], csv_file(name, [csv_text for _, csv_text in texts])


def _digest(texts: list[tuple[str, str]]) -> str:
    """A digest of rows by their JSON texts, which name every value exactly (text, numbers, flags, null, lists)."""
    digest = hashlib.sha256()
    for json_text, _ in texts:
        digest.update(json_text.encode("utf-8", "surrogatepass") + b"\n")  # JSON holds no raw line break
    return digest.hexdigest()


def _texts(make: Callable[[Any], dict[str, Any]], records: CsvRecords, value: Any) -> tuple[str, str]:
    """value's row as its data set's JSON file holds it (one line) and as its CSV file does (one record, which a
    quoted line break may span)."""
    row = make(value)
    return _json(row), records.of(row)


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
    return json_file(briefing, name, [_json(item) for item in items])


def json_file(briefing: Briefing, name: str, items: list[str]) -> bytes:
    """The data set as one JSON document, each item (its JSON text) on a line of its own: readable, and a change
    to an item is a changed line. Each value is written by json's C encoder (indent= would take its Python one,
    several times slower: 3.7 s for the three data sets at 10,000 sources)."""
    head = {
        "dataset": name,
        "title": briefing.title,
        "licence": LICENCE,
        "count": len(items),
        "fields": [field for field, _, _ in FIELDS[name]],
    }
    lines = [f"  {_json(key)}: {_json(value)}," for key, value in head.items()]
    listed = ",\n".join(f"    {item}" for item in items)
    lines.append(f'  "items": [\n{listed}\n  ]' if items else '  "items": []')
    return ("{\n" + "\n".join(lines) + "\n}\n").encode("utf-8")


def _json(value: Any) -> str:
    return _ENCODER.encode(value)


# allow_nan=False: NaN and infinity are not JSON; fail rather than write a file nobody can read. One encoder for
# every value: json.dumps with options makes a new one for each (80,000 at 10,000 sources)
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False)


def to_csv(name: str, items: list[dict[str, Any]]) -> bytes:
    records = CsvRecords()
    return csv_file(name, [records.of(item) for item in items])


def csv_file(name: str, records: list[str]) -> bytes:
    """The data set as CSV: the header, then each row's record (CsvRecords)."""
    return (CsvRecords().of_cells([field for field, _, _ in FIELDS[name]]) + "".join(records)).encode("utf-8")


class CsvRecords:
    """Rows as CSV records, their line ends included, one at a time through one buffer and writer: a writer for
    each record cost more than the record."""

    def __init__(self) -> None:
        self._buffer = io.StringIO(newline="")
        self._minimal = csv.writer(self._buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        # QUOTE_MINIMAL quotes a cell holding a line end only as lineterminator names it ("\n"), not a carriage
        # return, which readers take for the end of a row: a row with one is written with every cell quoted
        self._quoting_all = csv.writer(self._buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def of(self, item: dict[str, Any]) -> str:
        # most cells are text that cannot start a formula: those are taken as they are, without a call each
        return self.of_cells(
            [
                value if type(value) is str and value[:1] not in _MAYBE_FORMULA else csv_cell(value)
                for value in item.values()
            ]
        )

    def of_cells(self, cells: list[str]) -> str:
        self._buffer.seek(0)
        self._buffer.truncate()
        (self._quoting_all if "\r" in "".join(cells) else self._minimal).writerow(cells)
        return self._buffer.getvalue()


def csv_cell(value: Any) -> str:
    """One CSV cell: lists joined, null empty, flags true/false, text made formula-safe."""
    kind = type(value)  # the exact types first: a data set at 10,000 sources has 600,000 cells
    if kind is str:
        return neutralise(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return neutralise(LIST_SEPARATOR.join(map(str, value)))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _ENCODER.encode(value)  # shortest exact form, as in the JSON file
    return neutralise(str(value))


def neutralise(text: str) -> str:
    """Text a spreadsheet will not run as a formula: a leading apostrophe when it starts like one."""
    first = text[:1]
    if first in _FORMULA_CHARACTERS or (first.isspace() and text.lstrip().startswith(FORMULA_START)):
        return "'" + text
    return text


_FORMULA_CHARACTERS = frozenset(FORMULA_START)  # each one character
# What a text may start with for neutralise to change it: a formula's first character, or space before one (no
# character above U+3000 is space)
_MAYBE_FORMULA = _FORMULA_CHARACTERS | {chr(code) for code in range(0x3001) if chr(code).isspace()}


def _number(value: float) -> int | float:
    number = float(value)
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _ordered(name: str, row: dict[str, Any]) -> dict[str, Any]:
    """The row with its keys in FIELDS order, whatever order it was built in."""
    return {field: row[field] for field, _, _ in FIELDS[name]}
