"""Editorial sentences that cite their evidence: bottom lines and trend readings.

Every sentence the editors write in their own voice (a bottom line in
content/briefing.yml or content/taxonomy.yml, a reading in content/trends.yml)
lists the key points, events or figures it rests on by claim reference
(`<source id>-<claim id>`), so a reader can follow each one to its quote. Those
files are always the editors' word, so a sentence that cites nothing, or cites
a claim that does not exist, is an error (code uncited-sentence).

On the page each sentence is followed by small numbered marks, each a link to
the claim on its source page (generator/render/citations.py).
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from generator.model.entities import Sentence

if TYPE_CHECKING:
    from generator.inputs.yaml_report import Report

UNCITED = "uncited-sentence"  # Problem.code
EXAMPLE = "002_279588a8956d5652-k3"
HOW_TO_CITE = (
    f"list the key points, events or figures it rests on under evidence:, by claim reference "
    f"(<source id>-<claim id>, e.g. evidence: [{EXAMPLE}]); a passage with no claim yet needs "
    "a key point in its source's metadata first"
)


def sentences(raw: Any) -> tuple[Sentence, ...]:
    """A bottom line as sentences; an old single string becomes one sentence without evidence."""
    if not raw:
        return ()
    if isinstance(raw, str):
        return (Sentence(" ".join(raw.split())),)
    return tuple(
        Sentence(" ".join(str(item.get("text", "")).split()), tuple(item.get("evidence") or ()))
        for item in raw
        if isinstance(item, dict)
    )


def check_bottom_lines(report: Report, data: Any, claims: Collection[str]) -> None:
    """Every bottom line of content/taxonomy.yml (data has countries and themes) or content/briefing.yml."""
    if not isinstance(data, dict):
        return
    for key in ("countries", "themes"):
        for index, term in enumerate(data.get(key) or ()):
            if isinstance(term, dict):
                check_bottom_line(report, (key, index, "bottom_line"), term.get("bottom_line"), claims)
    check_bottom_line(report, ("bottom_line",), data.get("bottom_line"), claims)


def check_bottom_line(report: Report, path: tuple, raw: Any, claims: Collection[str]) -> None:
    """Report every sentence of one bottom line that cites nothing or an unknown claim."""
    if not raw:
        return
    if isinstance(raw, str):
        report.error(
            path,
            "this bottom line is one block of text that cites no evidence",
            "run python -m generator migrate to split it into sentences (- text: ...), then give each "
            f"sentence its evidence: {HOW_TO_CITE}",
            "error",
            UNCITED,
        )
        return
    for index, item in enumerate(raw):
        if isinstance(item, dict):
            check_evidence(report, (*path, index), item.get("evidence"), claims, "sentence")


def check_evidence(report: Report, path: tuple, evidence: Any, claims: Collection[str], what: str) -> None:
    """One sentence's (or reading's) evidence list: present, and every reference a known claim."""
    if not evidence:
        report.error(
            path + (("evidence",) if evidence is not None else ()),
            f"this {what} cites no evidence, so no reader can check it",
            HOW_TO_CITE,
            "error",
            UNCITED,
        )
        return
    for index, reference in enumerate(evidence):
        if reference not in claims:
            report.error(
                (*path, "evidence", index),
                f"unknown claim reference '{reference}'",
                _closest(str(reference), claims),
                "error",
                UNCITED,
            )


def _closest(reference: str, claims: Collection[str]) -> str:
    close = difflib.get_close_matches(reference, sorted(claims), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return hint + (
        "a reference is <source id>-<claim id>, where the claim id is the id: of a key point, event "
        "or figure in content/sources/<source id>.yml (a teaser's source id ends in -<item id>)"
    )
