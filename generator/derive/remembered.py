"""Near-duplicates (derive/analysis.py kinships), computed across all sources, taken by the next run as they are
when everything they read is the same (related sources: derive/remembered_related.py).

They are kept with a key, a digest of everything their computation reads of the sources, in their order; a run
whose key is the same uses what was kept, an edit that changes no seed's text among them. Any other finds them all
again, but from each text's word pairs as the last run stored them (derive/word_pairs.py), reading only new texts.
The stored forms are plain data (ids, not objects); storing them is the pipeline's business, keeping this stage
free of I/O.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from generator.derive.analysis import kinships
from generator.derive.word_pairs import WordPairs, text_digest
from generator.model.entities import Source
from generator.model.works import Kinship


class RememberedKinships:
    """kinships() of the last sources asked about, in any order: the works check (model/works.py) and the
    derive stage both need those of one run's sources, and finding them is the costliest step of either.

    stored: what the last run found (stored_form), which is used when every text it depends on is the same
    (kinship_key): an edit that changes no seed's text, the most common one, then finds none of them again.
    word_pairs: each text's word pairs, read in this run or stored by the last one (derive/word_pairs.py), so
    that when they must all be found again, a text read before is not read again.
    """

    def __init__(self, stored: Mapping[str, Any] | None = None, word_pairs: WordPairs | None = None) -> None:
        self.word_pairs = word_pairs or WordPairs()
        self._sources: tuple[Source, ...] = ()  # kept, so that the ids below stay theirs
        self._ids: frozenset[int] = frozenset()
        self._found: dict[str, tuple[Kinship, ...]] = {}
        self._stored = stored or {}
        self.key = ""

    def __call__(self, sources: tuple[Source, ...]) -> dict[str, tuple[Kinship, ...]]:
        ids = frozenset(map(id, sources))
        if not self._sources or ids != self._ids or len(sources) != len(self._sources):
            digests = {source.id: text_digest(source) for source in sources}
            self._sources, self._ids, self.key = tuple(sources), ids, kinship_key(sources, digests)
            if self._stored.get("key") == self.key:
                self._found = _kin_from_stored(self._stored["found"])
                self.word_pairs.used.update(digests.values())  # still those of the texts in use
            else:
                self._found = kinships(sources, lambda source: self.word_pairs.of(source, digests[source.id]))
        return self._found

    def stored_form(self) -> dict[str, Any]:
        """Plain data for the next run: the key of the texts, and what was found in them."""
        found = {source_id: [[k.relation, k.source_id, k.share] for k in kin] for source_id, kin in self._found.items()}
        return {"key": self.key, "found": found}


def kinship_key(sources: tuple[Source, ...], digests: Mapping[str, str]) -> str:
    """A digest of everything kinships() reads of the sources, in their order; digests: each one's text_digest."""
    return json_digest([source.id, source.listing_id, source.item_ids, digests[source.id]] for source in sources)


def _kin_from_stored(found: Mapping[str, list[list[Any]]]) -> dict[str, tuple[Kinship, ...]]:
    return {source_id: tuple(Kinship(*kin) for kin in kins) for source_id, kins in found.items()}


def json_digest(items: Any) -> str:
    """A digest of items, each as JSON on a line of its own."""
    digest = hashlib.sha256()
    for item in items:
        digest.update(json.dumps(item, ensure_ascii=False).encode() + b"\n")
    return digest.hexdigest()
