"""Build the editors' trend readings from content/trends.yml, checking the evidence each cites.

A reading cites the key points, events or figures it rests on (`evidence:`, by
claim reference, see generator/model/cited.py). Readings written before that cited
quotes (`citations:`); check says how to replace them and which claims hold
those quotes."""

from __future__ import annotations

from typing import Any, cast

from generator.common.problems import Problem
from generator.inputs.load import YamlFile
from generator.inputs.yaml_report import Report
from generator.model.cited import UNCITED, check_evidence
from generator.model.dates import Today, checked_date
from generator.model.entities import Source, Trend
from generator.model.quotes import paragraph_with
from generator.model.valid_part import present


def build_trends(
    file: YamlFile,
    sources: dict[str, Source],
    countries: set[str],
    today: Today,
    problems: list[Problem],
    claims: set[str],
) -> tuple[Trend, ...]:
    """The readings of trends.yml; claims are the references its evidence may use."""
    trends: list[Trend] = []
    for index, item in present(file.document.data["trends"]):
        path = ("trends", index)
        found: list[Problem] = []
        report = Report(file, found)
        if item["country"] not in countries:
            report.error(
                (*path, "country"),
                f"unknown country '{item['country']}'",
                "use a country slug from content/taxonomy.yml",
            )
        period = checked_date(report, (*path, "period"), item["period"], today)
        if "citations" in item:
            _old_citations(report, path, item["citations"], sources)
        else:
            check_evidence(report, path, item.get("evidence"), claims, "reading")
        problems.extend(found)
        if not found and period:
            trends.append(Trend(item["country"], period, item["distance"], item["reason"], tuple(item["evidence"])))
    return tuple(trends)


def _old_citations(report: Report, path: tuple, citations: Any, sources: dict[str, Source]) -> None:
    """Readings of an earlier version cite quotes; name the claims that hold them, to cite instead."""
    holding = []
    for citation in citations or ():
        # cast for mypy only: a source: that is missing (None) or not a string finds no source, as an unknown id
        source = sources.get(cast(str, citation.get("source"))) if isinstance(citation, dict) else None
        if source is None:
            continue
        paragraph = paragraph_with(str(citation.get("quote", "")), source.paragraphs)
        holding += [
            claim.id
            for claim in source.key_points + source.events + source.figures
            if paragraph and claim.citation.paragraph == paragraph.number
        ]
    suggestion = (
        f"; the claims in the paragraphs of those quotes are {', '.join(dict.fromkeys(holding))}"
        if holding
        else "; add a key point holding each quote to its source's metadata first"
    )
    report.error(
        (*path, "citations"),
        "citations: (quotes) are replaced by evidence: (claim references)",
        "replace citations: with evidence: [<source id>-<claim id>, ...] listing the key points, events "
        f"or figures the reading rests on{suggestion}",
        "error",
        UNCITED,
        at_key=True,
    )
