"""Stable ids of key points, events and figures.

A claim's id is part of its public address (`<source id>-<claim id>`, in the data
downloads and in the editors' citations of evidence), so it must not change when
a claim is inserted before it. Each claim carries an explicit `id:` in the YAML;
metadata written before ids existed still builds, with each claim numbered by
its position as before (k1…, e1…, f1…), and a warning saying how to write the
ids once: `python -m generator migrate`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.inputs.yaml_report import Report

CLAIM_KINDS = {"key_points": ("k", "key point"), "events": ("e", "event"), "figures": ("f", "figure")}
POSITIONAL = "positional-id"  # Problem.code of the warning about claims without an id
CLAIM_ID = re.compile(r"[a-z][a-z0-9-]{0,39}")
# A source id is a page name (/sources/<id>/); the schemas' $defs source_id has the same pattern (a test keeps them
# equal), and a seed's file name without its suffix is its source's id unless its metadata gives one.
SOURCE_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")


def is_source_id(text: str) -> bool:
    return SOURCE_ID.fullmatch(text) is not None


def positional_id(kind: str, index: int) -> str:
    """The id a claim had before ids were written: its kind's letter and its place in the list."""
    return f"{CLAIM_KINDS[kind][0]}{index + 1}"


class ClaimIds:
    """Hands out the ids of one source's claims, reporting missing and repeated ones."""

    def __init__(self, source_id: str, report: Report, prefix: tuple, declared: list[str] | None = None) -> None:
        self.source_id = source_id
        self.report = report
        self.prefix = prefix
        self.taken: dict[str, tuple] = {}
        self.declared = [] if declared is None else declared  # every public id handed out, built or not

    def assign(self, kind: str, index: int, item: dict[str, Any]) -> str:
        path = (*self.prefix, kind, index)
        local = item.get("id")
        if local is None:
            local = positional_id(kind, index)
            self._warn_positional(path, kind, local)
        if local in self.taken:
            self.report.error(
                (*path, "id"),
                f"the id '{local}' is used twice in this file",
                "give each key point, event and figure an id of its own; ids are never reused",
            )
        self.taken.setdefault(local, path)
        self.declared.append(f"{self.source_id}-{local}")
        return f"{self.source_id}-{local}"

    def _warn_positional(self, path: tuple, kind: str, local: str) -> None:
        if not self.report.first_time(POSITIONAL):
            return  # one notice per file is enough: the fix is one command for all of them
        self.report.error(
            path,
            f"this {CLAIM_KINDS[kind][1]} has no id, so its id is its position ({local}) and "
            "changes when a claim is inserted before it",
            "write an id into every claim once with: python -m generator migrate",
            "warning",
            POSITIONAL,
        )
