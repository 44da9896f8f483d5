"""Distinct works: what "(N sources)" and the site's totals count.

A teaser and the article it summarises, or two copies of one article, are one
work. Near-duplicate detection (derive/analysis.py kinships) only proposes that; the
editors decide, with `same_work_as: <source id>` (one work) or
`not_same_work_as: [<source id>, ...]` (two works that share text). Until they
decide, `check` reports the pair (code same-work-undecided), since every count
would otherwise count the work twice.

A listing page is a container: where any of its teasers is counted, the listing
itself is not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.model.entities import Source

if TYPE_CHECKING:
    from generator.inputs.yaml_report import Report

UNDECIDED = "same-work-undecided"  # Problem.code


@dataclass(frozen=True)
class Kinship:
    """A near-duplicate of a source, as derive/analysis.py finds them: what the editors must decide on."""

    relation: str  # "also published as", "summarised in", "summarises"
    source_id: str
    share: float  # of the word pairs of one text found in the other


@dataclass(frozen=True)
class WorkEntry:
    """One source as counting sees it: the work it belongs to, and the teasers it lists (if a listing page)."""

    work: str
    items: tuple[str, ...]


def count_works(source_ids: Iterable[str], entries: Mapping[str, WorkEntry]) -> int:
    """Distinct works among the given sources (ids may repeat; ids without an entry count as themselves)."""
    ids = set(source_ids)
    works: set[str] = set()
    for source_id in ids:
        entry = entries.get(source_id)
        if entry is not None and entry.items and not ids.isdisjoint(entry.items):
            continue  # a listing whose teasers are counted is not a work of its own
        works.add(entry.work if entry else source_id)
    return len(works)


class Works:
    """Maps each source to its work, and counts distinct works among sources."""

    def __init__(self, sources: Sequence[Source]) -> None:
        ids = [source.id for source in sources]
        parent = {source_id: source_id for source_id in ids}

        def root(source_id: str) -> str:
            while parent[source_id] != source_id:
                parent[source_id] = parent[parent[source_id]]
                source_id = parent[source_id]
            return source_id

        for source in sources:
            if source.same_work_as in parent:
                first, second = sorted((root(source.id), root(source.same_work_as)))
                parent[second] = first  # the smallest id names the work: deterministic
        self.entries = {source.id: WorkEntry(root(source.id), tuple(source.item_ids)) for source in sources}

    def same(self, first: str, second: str) -> bool:
        return (
            first in self.entries and second in self.entries and self.entries[first].work == self.entries[second].work
        )

    def count(self, source_ids: Iterable[str]) -> int:
        return count_works(source_ids, self.entries)


@dataclass(frozen=True)
class Decision:
    """Where one source's metadata records (or would record) its same-work decisions."""

    source_id: str
    report: Report  # of the source's file
    prefix: tuple  # () for a file's own source, ("items", n) for a teaser
    anchor: tuple  # path of the key the problem is placed at
    same_work_as: str | None
    not_same_work_as: tuple[str, ...]
    severity: str  # error for a reviewed source, warning for a draft


def check_works(
    sources: tuple[Source, ...],
    decisions: list[Decision],
    kinships: Mapping[str, tuple[Kinship, ...]],
    unbuilt: frozenset[str] = frozenset(),
) -> None:
    """Report unknown ids in same_work_as/not_same_work_as, and every likely pair no editor decided.

    unbuilt: the ids of sources whose metadata has errors, so were not built. They are not unknown: their own
    file's errors are reported, and "names an unknown source" about them would send the editor the wrong way."""
    known = {source.id for source in sources} | unbuilt
    by_id = {decision.source_id: decision for decision in decisions}
    works = Works(sources)
    for decision in decisions:
        _check_ids(decision, known)
    for source_id in sorted(kinships):
        for kin in kinships[source_id]:
            first, second = source_id, kin.source_id
            if kin.relation == "summarised in" or (kin.relation == "also published as" and first < second):
                continue  # each pair once: on the summary, or on the later id of two copies
            if works.same(first, second) or _dismissed(by_id, first, second):
                continue
            where = by_id.get(first) or by_id.get(second)
            if where is None:
                continue  # neither has metadata to record a decision in; both are unreviewed anyway
            other = second if where.source_id == first else first
            severity = (
                "error" if any(by_id[s].severity == "error" for s in (first, second) if s in by_id) else "warning"
            )
            relation = "is a copy of" if kin.relation == "also published as" else "summarises"
            where.report.error(
                where.prefix + where.anchor,
                f"{where.source_id} and {other} look like one work ({first} {relation} {second}: {kin.share:.0%} of "
                f"its word pairs are in the other), so every source count would count that work twice",
                f"if they are one work, add same_work_as: {other} to this source; if they are two works, add "
                f"not_same_work_as: [{other}]",
                severity,
                UNDECIDED,
            )


def _dismissed(by_id: Mapping[str, Decision], first: str, second: str) -> bool:
    return (first in by_id and second in by_id[first].not_same_work_as) or (
        second in by_id and first in by_id[second].not_same_work_as
    )


def _check_ids(decision: Decision, known: set[str]) -> None:
    report, prefix = decision.report, decision.prefix
    if decision.same_work_as is not None:
        if decision.same_work_as == decision.source_id:
            report.error(
                (*prefix, "same_work_as"),
                "same_work_as names this source itself",
                "name the other source that is the same work, or remove same_work_as:",
            )
        elif decision.same_work_as not in known:
            report.error(
                (*prefix, "same_work_as"),
                f"same_work_as names an unknown source '{decision.same_work_as}'",
                "use a source id, as in the address /sources/<id>/",
            )
        elif decision.same_work_as in decision.not_same_work_as:
            report.error(
                (*prefix, "same_work_as"),
                f"{decision.same_work_as} is both the same work and not the same work",
                "keep it in one of same_work_as: and not_same_work_as:",
            )
    for index, other in enumerate(decision.not_same_work_as):
        if other not in known:
            report.error(
                (*prefix, "not_same_work_as", index),
                f"not_same_work_as names an unknown source '{other}'",
                "use a source id, as in the address /sources/<id>/",
            )
