"""Where a value not stated in the text comes from: inferred from the text, or from cited outside reporting.

An editor writes, under `inferred:`, either a sentence saying what in the text a
value is inferred from, or `{why: ..., outside: [ids]}` naming the outside
sources (`outside_sources:` of the same file: publisher, title, date, URL and
the passage relied on) that it rests on. A value that rests on "outside
knowledge" without naming one is an error: a reader could not check it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from generator.model.dates import checked_date
from generator.model.entities import Inference, OutsideSource

if TYPE_CHECKING:
    from generator.inputs.yaml_report import Report

# Wording that says a value comes from beyond the text, which then needs a citation.
OUTSIDE_WORDING = re.compile(
    r"outside (knowledge|reporting|sources?)|other reporting|reported elsewhere|widely reported|"
    r"public reporting|according to (news )?reports",
    re.IGNORECASE,
)


def outside_sources(report: Report, path: tuple, items: list[dict[str, Any]] | None) -> tuple[OutsideSource, ...]:
    found = []
    for index, item in enumerate(items or ()):
        if not isinstance(item, dict):
            continue
        date = checked_date(
            report, (*path, index, "date"), item["date"], None, "write the date the page gives, as YYYY-MM-DD"
        )
        if date is None:
            continue
        found.append(OutsideSource(item["id"], item["publisher"], item["title"], date, item["url"], item["passage"]))
    ids = [source.id for source in found]
    for index, source_id in enumerate(ids):
        if source_id in ids[:index]:
            report.error(
                (*path, index, "id"),
                f"the outside source id '{source_id}' is used twice",
                "give each outside source an id of its own",
            )
    return tuple(found)


def inferences(
    report: Report, path: tuple, raw: dict[str, Any] | None, known: set[str], severity: str
) -> tuple[Inference, ...]:
    """The inferred values of one source or claim; problems for unknown ids and uncited outside knowledge."""
    found = []
    for field, basis in sorted((raw or {}).items()):
        if isinstance(basis, dict):
            why, outside = basis.get("why", ""), tuple(basis.get("outside", ()))
        else:
            why, outside = str(basis), ()
        for index, source_id in enumerate(outside):
            if source_id not in known:
                hint = f"known: {', '.join(sorted(known))}" if known else "list it under outside_sources: first"
                report.error((*path, field, "outside", index), f"no outside source has the id '{source_id}'", hint)
        if not outside and OUTSIDE_WORDING.search(why):
            report.error(
                (*path, field),
                f"the {field} rests on outside reporting that is not cited",
                "add the page you read under outside_sources: (publisher, title, date, url, passage) "
                f"and write {field}: {{why: ..., outside: [its id]}}",
                severity,
            )
        found.append(Inference(field, why, outside))
    return tuple(found)
