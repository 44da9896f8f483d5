"""Build the editors' trend readings from content/trends.yml, checking every citation."""

from __future__ import annotations

import datetime as dt

from generator.dates import PartialDate
from generator.load import YamlFile
from generator.model import Citation, Source, Trend
from generator.problems import Problem
from generator.quotes import lookalike_problem
from generator.reader import collapse_spaces
from generator.valid_part import present


def build_trends(file: YamlFile, sources: dict[str, Source], countries: set[str], today: dt.date,
                 problems: list[Problem]) -> tuple[Trend, ...]:
    trends = []
    for index, item in present(file.document.data["trends"]):
        path = ("trends", index)
        found = [_problem(file, path + ("country",), f"unknown country '{item['country']}'",
                          "use a country slug from content/taxonomy.yml")] if item["country"] not in countries else []
        period = _period(file, path + ("period",), item["period"], today, found)
        cited = [_citation(file, path + ("citations", n), c, sources, found) for n, c in present(item["citations"])]
        citations = tuple(c for c in cited if c)
        problems.extend(found)
        if not found and period:
            trends.append(Trend(item["country"], period, item["distance"], item["reason"], citations))
    return tuple(trends)


def _problem(file: YamlFile, path: tuple, message: str, hint: str) -> Problem:
    line, column = file.document.where(path)
    return Problem(file.path, line, column, message, hint)


def _period(file: YamlFile, path: tuple, value: str, today: dt.date, found: list[Problem]) -> PartialDate | None:
    try:
        period = PartialDate.parse(value)
    except ValueError as error:
        found.append(_problem(file, path, f"impossible date: {error}", "write YYYY, YYYY-MM or YYYY-MM-DD"))
        return None
    if period.earliest_day() > today.timetuple()[:3]:
        found.append(_problem(file, path, f"the period {period.iso} is in the future", "check the year"))
    return period


def _citation(file: YamlFile, path: tuple, item: dict, sources: dict[str, Source], found: list[Problem]):
    source = sources.get(item["source"])
    if source is None:
        found.append(_problem(file, path + ("source",), f"unknown source '{item['source']}'",
                              "use a source id, as in the address /sources/<id>/"))
        return None
    quote = collapse_spaces(item["quote"])
    paragraph = next((p for p in source.paragraphs if quote in p.text), None)
    if paragraph is None:
        text_name = f"the text of {source.id}"
        message, hint = lookalike_problem(quote, source.paragraphs, text_name) or (
            f"the quote is not in {text_name}", "quote the source exactly, within one paragraph")
        found.append(_problem(file, path + ("quote",), message, hint))
        return None
    return Citation(source.id, paragraph.number, quote)
