"""Results computed across all sources that the next run can take as they are, when everything they read is
the same: near-duplicates (derive/analysis.py kinships) and related sources (Relatedness).

Each is kept with a key, a digest of everything its computation reads of the sources, in their order; a run whose
key is the same uses what was kept, any other finds it all again. An edit that changes no seed's text keeps the
near-duplicates; one that changes no source's date, countries, themes or listing keeps the related sources. The
stored forms are plain data (ids, not objects); storing them is the pipeline's business, keeping this stage free
of I/O.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from generator.common.progress import QUIET, Progress
from generator.derive.analysis import Relatedness, kinships
from generator.model.briefing import Briefing
from generator.model.entities import Source
from generator.model.works import Kinship


class RememberedKinships:
    """kinships() of the last sources asked about, in any order: the works check (model/works.py) and the
    derive stage both need those of one run's sources, and finding them is the costliest step of either.

    stored: what the last run found (stored_form), which is used when every text it depends on is the same
    (kinship_key): an edit that changes no seed's text, the most common one, then finds none of them again.
    """

    def __init__(self, stored: Mapping[str, Any] | None = None) -> None:
        self._sources: tuple[Source, ...] = ()  # kept, so that the ids below stay theirs
        self._ids: frozenset[int] = frozenset()
        self._found: dict[str, tuple[Kinship, ...]] = {}
        self._stored = stored or {}
        self.key = ""

    def __call__(self, sources: tuple[Source, ...]) -> dict[str, tuple[Kinship, ...]]:
        ids = frozenset(map(id, sources))
        if not self._sources or ids != self._ids or len(sources) != len(self._sources):
            self._sources, self._ids, self.key = tuple(sources), ids, kinship_key(sources)
            stored = self._stored
            self._found = _kin_from_stored(stored["found"]) if stored.get("key") == self.key else kinships(sources)
        return self._found

    def stored_form(self) -> dict[str, Any]:
        """Plain data for the next run: the key of the texts, and what was found in them."""
        found = {source_id: [[k.relation, k.source_id, k.share] for k in kin] for source_id, kin in self._found.items()}
        return {"key": self.key, "found": found}


def kinship_key(sources: tuple[Source, ...]) -> str:
    """A digest of everything kinships() reads of the sources, in their order."""
    return _digest(
        [source.id, source.listing_id, source.item_ids, [p.text for p in source.paragraphs]] for source in sources
    )


def _kin_from_stored(found: Mapping[str, list[list[Any]]]) -> dict[str, tuple[Kinship, ...]]:
    return {source_id: tuple(Kinship(*kin) for kin in kins) for source_id, kins in found.items()}


class RememberedRelated:
    """Each source's related sources (Relatedness), besides its kin, taken from the last run when its key is the
    same: what Relatedness reads of every source (id, date, countries, themes, listing and items), and the
    near-duplicates' key, whose kin are left out of the lists."""

    def __init__(self, stored: Mapping[str, Any] | None = None) -> None:
        self._stored = stored or {}
        self.key = ""
        self._found: dict[str, tuple[str, ...]] = {}

    def __call__(
        self, briefing: Briefing, kin: Mapping[str, tuple[Kinship, ...]], kin_key: str, progress: Progress = QUIET
    ) -> dict[str, tuple[Source, ...]]:
        self.key = related_key(briefing.sources, kin_key)
        if self._stored.get("key") == self.key:
            self._found = {source_id: tuple(ids) for source_id, ids in self._stored["found"].items()}
        else:
            relatedness = Relatedness(briefing)
            self._found = {}
            for source in progress.counted(briefing.sources, "related sources found"):
                exclude = frozenset(k.source_id for k in kin.get(source.id, ()))
                self._found[source.id] = tuple(other.id for other in relatedness.related(source, exclude))
        by_id = briefing.source_by_id
        return {source_id: tuple(by_id[other] for other in ids) for source_id, ids in self._found.items()}

    def stored_form(self) -> dict[str, Any]:
        return {"key": self.key, "found": {source_id: list(ids) for source_id, ids in self._found.items()}}


def related_key(sources: tuple[Source, ...], kin_key: str) -> str:
    """A digest of everything Relatedness reads of the sources, in their order, and of their kin."""
    return _digest(
        [[kin_key]]
        + [
            [s.id, s.date.earliest_day() if s.date else None, s.countries, s.themes, s.listing_id, s.item_ids]
            for s in sources
        ]
    )


def _digest(items: Any) -> str:
    digest = hashlib.sha256()
    for item in items:
        digest.update(json.dumps(item, ensure_ascii=False).encode() + b"\n")
    return digest.hexdigest()
