"""Build the editors' trend readings from content/trends.yml, checking the evidence each cites.

A reading cites the key points, events or figures it rests on (`evidence:`, by
claim reference, see generator/model/cited.py). Readings written before that cited
quotes (`citations:`); check says how to replace them and which claims hold
those quotes.""" 

from __future__ import annotations

import datetime as dt

from generator.model.dates import PartialDate
from generator.inputs.load import YamlFile
from generator.model.cited import UNCITED, check_evidence
from generator.model.entities import Source, Trend
from generator.common.problems import Problem
from generator.inputs.seed_bytes import collapse_spaces
from generator.model.valid_part import present


def build_trends(file: YamlFile, sources: dict[str, Source], countries: set[str], today: dt.date,
                 problems: list[Problem], claims: set[str]) -> tuple[Trend, ...]:
    """The readings of trends.yml; claims are the references its evidence may use."""
    trends = []
    for index, item in present(file.document.data["trends"]):
        path = ("trends", index)
        found = [_problem(file, path + ("country",), f"unknown country '{item['country']}'",
                          "use a country slug from content/taxonomy.yml")] if item["country"] not in countries else []
        period = _period(file, path + ("period",), item["period"], today, found)
        if "citations" in item:
            found.append(_old_citations(file, path, item["citations"], sources))
        else:
            check_evidence(_Report(file, found), path, item.get("evidence"), claims, "reading")
        problems.extend(found)
        if not found and period:
            trends.append(Trend(item["country"], period, item["distance"], item["reason"], tuple(item["evidence"])))
    return tuple(trends)


class _Report:
    """Report.error's signature over one file, for the shared evidence check."""

    def __init__(self, file: YamlFile, found: list[Problem]):
        self.file, self.found = file, found

    def error(self, path: tuple, message: str, hint: str = "", severity: str = "error", code: str = "") -> None:
        line, column = self.file.document.where(path)
        self.found.append(Problem(self.file.path, line, column, message, hint, severity, code))


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


def _old_citations(file: YamlFile, path: tuple, citations, sources: dict[str, Source]) -> Problem:
    """Readings of an earlier version cite quotes; name the claims that hold them, to cite instead."""
    holding = []
    for citation in citations or ():
        source = sources.get(citation.get("source")) if isinstance(citation, dict) else None
        quote = collapse_spaces(str(citation.get("quote", ""))) if source else ""
        paragraph = next((p.number for p in source.paragraphs if quote and quote in p.text), None) if source else None
        holding += [claim.id for claim in (source.key_points + source.events + source.figures if source else ())
                    if claim.citation.paragraph == paragraph]
    suggestion = (f"; the claims in the paragraphs of those quotes are {', '.join(dict.fromkeys(holding))}"
                  if holding else "; add a key point holding each quote to its source's metadata first")
    line, column = file.document.where_key(path + ("citations",))
    return Problem(file.path, line, column, "citations: (quotes) are replaced by evidence: (claim references)",
                   "replace citations: with evidence: [<source id>-<claim id>, ...] listing the key points, events "
                   f"or figures the reading rests on{suggestion}", "error", UNCITED)
