"""An editorial sentence that gives a date its evidence only infers says so.

Bottom lines and trend readings are the editors' own words, so no template can
add the "(inferred)" mark to a date written inside them. When a sentence names
the date of a claim it cites (an event's date, or a key point's or figure's
article date) and the text does not state that date, the sentence must mark it
"(inferred)" right after it, unless another claim it cites states the same date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from generator.model.dates import MONTHS, PartialDate
from generator.model.entities import Event, Figure, KeyPoint, Source

if TYPE_CHECKING:
    from generator.inputs.yaml_report import Report

UNMARKED = "inferred-date-unmarked"  # Problem.code
MARK = re.compile(r"\s*\(inferred\)")
IN_A_MONTH = re.compile(rf"(?:{'|'.join(MONTHS[1:])})(?: \d{{1,2}},)? $")


def claim_date(
    briefing_sources: Mapping[str, Source], claim: KeyPoint | Event | Figure
) -> tuple[PartialDate | None, str | None]:
    """The date a claim is read at, with its basis: an event's own, else its article's."""
    if isinstance(claim, Event):
        return claim.date, claim.date_basis
    source = briefing_sources[claim.citation.source_id]
    return source.date, source.date_basis


def unmarked_dates(
    text: str, evidence: Iterable[str], claims: Mapping[str, KeyPoint | Event | Figure], sources: Mapping[str, Source]
) -> list[str]:
    """The inferred dates of the cited claims that the sentence writes without the mark."""
    dated = [claim_date(sources, claims[ref]) for ref in evidence if ref in claims]
    stated = {date for date, basis in dated if date and basis == "stated"}
    found: list[str] = []
    for date, basis in dated:
        if date is None or basis == "stated" or _covered(date, stated):
            continue
        for written in _forms(date):
            matches = [
                m
                for m in re.finditer(rf"(?<![\w]){re.escape(written)}(?![\w])", text)
                if date.month or not IN_A_MONTH.search(text, 0, m.start())
            ]  # "March 2024" is not "2024"
            marked = [m for m in matches if MARK.match(text, m.end())]
            # A year alone may also be another date's ("in Russia in 2024"): one marked mention is enough.
            if matches and not (marked if date.month == 0 else len(marked) == len(matches)) and written not in found:
                found.append(written)
    return found


def _covered(date: PartialDate, stated: set[PartialDate]) -> bool:
    """A stated date of the same year (and month, if any) stands for the same words in the sentence."""
    return any(s.year == date.year and (not date.month or s.month == date.month) for s in stated)


def _forms(date: PartialDate) -> list[str]:
    """How a sentence writes the date, most precise first; a year alone only for a year-only date."""
    if date.day:
        return [
            f"{date.day} {MONTHS[date.month]} {date.year}",
            f"{MONTHS[date.month]} {date.day}, {date.year}",
            f"{MONTHS[date.month]} {date.year}",
        ]
    if date.month:
        return [f"{MONTHS[date.month]} {date.year}"]
    return [str(date.year)]


def check_editorial_dates(
    report: Report, data: dict[str, Any], claims: Mapping[str, KeyPoint | Event | Figure], sources: Mapping[str, Source]
) -> None:
    """Every bottom-line sentence of briefing.yml or taxonomy.yml, and every reading of trends.yml (data)."""
    for path, item in _sentences(data):
        if isinstance(item, dict) and isinstance(item.get("text", item.get("reason")), str):
            key = "text" if "text" in item else "reason"
            _check(report, (*path, key), item[key], item.get("evidence"), claims, sources)


def _sentences(data: Any) -> Iterator[tuple[tuple, Any]]:
    if not isinstance(data, dict):
        return
    for key in ("countries", "themes"):
        for index, term in enumerate(data.get(key) or ()):
            if isinstance(term, dict) and isinstance(term.get("bottom_line"), list):
                yield from (((key, index, "bottom_line", n), item) for n, item in enumerate(term["bottom_line"]))
    if isinstance(data.get("bottom_line"), list):
        yield from ((("bottom_line", n), item) for n, item in enumerate(data["bottom_line"]))
    yield from ((("trends", n), item) for n, item in enumerate(data.get("trends") or ()))


def _check(
    report: Report,
    path: tuple,
    text: str,
    evidence: Any,
    claims: Mapping[str, KeyPoint | Event | Figure],
    sources: Mapping[str, Source],
) -> None:
    for written in unmarked_dates(" ".join(text.split()), evidence or (), claims, sources):
        report.error(
            path,
            f"the sentence gives the date {written}, which its evidence does not state but infers",
            f"write “{written} (inferred)”, as the pages mark such dates, or cite a claim that states it",
            "error",
            UNMARKED,
        )
