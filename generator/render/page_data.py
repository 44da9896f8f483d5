"""What a page's template receives besides its own values, and the page's fingerprint.

A template never sees the whole briefing. It gets its page's prepared values, the
site's few shared values (Site, the term labels, the metrics), and PageRefs: the
titles, claims and works of exactly the sources those values refer to, found by
walking them (refs_of). The page cache's fingerprint is a digest of all of that
(Fingerprints), so whatever a template can print is in the fingerprint, and no
list of "what a page depends on" is kept by hand.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.model.briefing import Briefing
from generator.model.changes import Change
from generator.model.entities import Citation, Source
from generator.model.works import WorkEntry, Works

MODEL_PACKAGE = "generator.model."
RENDER_PACKAGE = "generator.render."


@dataclass(frozen=True)
class Site:
    title: str
    site_url: str | None


@dataclass(frozen=True)
class TermLabel:
    """A country, region or theme as other pages name and link it."""

    slug: str
    name: str
    kind: str
    has_page: bool  # terms that nothing in the briefing names have no page


@dataclass(frozen=True)
class ClaimRef:
    source_id: str
    text: str


@dataclass(frozen=True)
class PageRefs:
    """The sources and claims a page's values refer to by id, with what links to them print."""

    titles: Mapping[str, str]  # source id -> title
    claims: Mapping[str, ClaimRef]  # claim reference -> its source and text
    works: Mapping[str, WorkEntry]  # source id -> its work, for "(N sources)"

    def source_ids(self, evidence: Iterable[str]) -> list[str]:
        """The source ids of the claims cited, in order, without repeats; unknown references are left out."""
        return list(dict.fromkeys(self.claims[r].source_id for r in evidence if r in self.claims))


class References:
    """Finds the sources and claims that values refer to; each object is walked once per run."""

    def __init__(self, briefing: Briefing, works: Works):
        self.briefing = briefing
        self.works = works
        self._memo: dict[int, tuple[Any, frozenset[str], frozenset[str]]] = {}
        self._sets: dict[frozenset[str], frozenset[str]] = {}

    def refs_of(self, values: Any) -> PageRefs:
        sources, claims = self._walk(values)
        claim_by_id = self.briefing.claim_by_id
        found = {
            ref: ClaimRef(claim_by_id[ref].citation.source_id, claim_by_id[ref].text)
            for ref in sorted(claims)
            if ref in claim_by_id
        }
        ids = sorted(sources | {claim.source_id for claim in found.values()})
        by_id = self.briefing.source_by_id
        return PageRefs(
            {i: by_id[i].title for i in ids if i in by_id},
            found,
            {i: self.works.entries[i] for i in ids if i in self.works.entries},
        )

    def _walk(self, value: Any) -> tuple[frozenset[str], frozenset[str]]:
        kind = type(value)
        if kind in PLAIN or isinstance(value, PLAIN_TYPES):
            return NOTHING
        if kind is tuple or kind is list or isinstance(value, (tuple, list, set, frozenset)):
            return self._union(value)
        if isinstance(value, dict):
            return self._union(item for pair in value.items() for item in pair)
        if field_names(kind) is None:
            raise TypeError(f"a page value of type {type(value).__name__} cannot be walked for references")
        memo = self._memo.get(id(value))
        if memo is None:
            sources, claims = self._walk_object(value)
            if not lives_through_the_run(value) or is_flat(value):
                return sources, claims
            # Kept, the object's id is not reused; its sets are shared with every equal one (most are one source's
            # id, found in each of its claims), since a big briefing has millions of such objects
            memo = self._memo[id(value)] = (value, self._shared(sources), self._shared(claims))
        return memo[1], memo[2]

    def _shared(self, found: frozenset[str]) -> frozenset[str]:
        return self._sets.setdefault(found, found)

    def _walk_object(self, value: Any) -> tuple[frozenset[str], frozenset[str]]:
        if isinstance(value, Source):
            return frozenset({value.id}), frozenset()  # its claims all cite the source itself
        own: set[str] = set()
        if isinstance(value, Citation | Change) and value.source_id:
            own.add(value.source_id)
        evidence = getattr(value, "evidence", ())  # bottom-line sentences and trend readings cite claims
        cited = [e for e in evidence if isinstance(e, str)]
        sources, claims = self._union(getattr(value, name) for name in field_names(type(value)) or ())
        if not own and not cited:
            return sources, claims  # the same frozensets (most often NOTHING's), not copies, for each of 100,000s
        return sources | own, claims | frozenset(cited)

    def _union(self, items: Iterable[Any]) -> tuple[frozenset[str], frozenset[str]]:
        """What the items refer to, together; plain items (most of them) are passed over without a call."""
        sources: set[str] = set()
        claims: set[str] = set()
        for item in items:
            if type(item) in PLAIN:
                continue
            found_sources, found_claims = self._walk(item)
            sources |= found_sources
            claims |= found_claims
        return (frozenset(sources), frozenset(claims)) if sources or claims else NOTHING


def lives_through_the_run(value: Any) -> bool:
    """Whether an object is the model's or derived from it, and so kept for the whole run, rather than one of a
    page's prepared values (render/): remembering what was found in those would keep every page's values until
    the end, walked again though they seldom are."""
    return not type(value).__module__.startswith(RENDER_PACKAGE)


def is_flat(value: Any) -> bool:
    """Whether an object's fields are all plain (a date, say): walking it again costs less than remembering it,
    and a big briefing has one in every citation."""
    return all(type(getattr(value, name)) in PLAIN for name in field_names(type(value)) or ())


def field_names(kind: type) -> tuple[str, ...] | None:
    """The names of a dataclass's fields, in order; None for any other type. Asked of every object of every page,
    so kept per type: dataclasses.fields() builds its answer anew on each call."""
    try:
        return _FIELD_NAMES[kind]
    except KeyError:
        names = tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None
        _FIELD_NAMES[kind] = names
        return names


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}
_MODEL_CLASSES: set[type] = set()  # the model's dataclasses met so far (Fingerprints._feed)


PLAIN_TYPES = (str, int, float, bool, type(None))
PLAIN = frozenset(PLAIN_TYPES)  # exact types, looked up at once; their subclasses (Markup) by isinstance
NOTHING: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


class Fingerprints:
    """Digests of page values. The model's objects are digested by their repr, which shows every field, or by the
    name the source memo gave them, which stands for all of it; the renderer's and derive stage's objects field by
    field; each object once per run.

    A value is written out as text that names each item's exact type and length before its content, so two
    different values never give the same text, and the text is digested once: tens of thousands of pages with
    millions of items cost seconds less than digesting item by item."""

    def __init__(
        self, kept: dict[int, tuple[Any, str]] | None = None, name_of: Callable[[Any], str | None] | None = None
    ) -> None:
        self._memo: dict[int, tuple[Any, str]] = {}
        # The model's objects digested by the last generation in this process (the preview's worker), each kept
        # with its digest: the model is frozen, and an object that is still the same object has the same digest.
        self._kept = kept or {}
        # A name that stands for a model object's whole content in every run, if it has one (model/source_memo.py
        # name_of): digested instead of its repr
        self._name_of = name_of or _no_name
        self.model_digests: dict[int, tuple[Any, str]] = {}  # this run's, to keep for the next

    def of(self, value: Any) -> str:
        parts: list[str] = []
        self._feed(parts, value)
        return hashlib.sha256("".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def part(self, value: Any) -> str:
        """What value adds to a digest: an object's digest as remembered for this run, anything else digested."""
        return self._object(value) if field_names(type(value)) is not None else self.of(value)

    def _feed(self, parts: list[str], value: Any) -> None:
        kind = type(value)
        if kind is str:
            parts.append(f"s{len(value)}:")
            parts.append(value)
        elif kind is int or kind is float or kind is bool or value is None:
            parts.append(f"{kind.__name__}:{value!r};")
        elif kind is tuple or kind is list:
            parts.append(f"{kind.__name__}{len(value)}[")
            for item in value:
                if type(item) is str:  # the commonest item, written here rather than in a call
                    parts.append(f"s{len(item)}:")
                    parts.append(item)
                else:
                    self._feed(parts, item)
        elif kind in _MODEL_CLASSES:  # the commonest object, a figure or source: straight to its remembered digest
            parts.append(self._model_object(value))
        elif kind is dict:
            parts.append(f"dict{len(value)}{{")
            for key, item in value.items():
                if type(key) is str:
                    parts.append(f"s{len(key)}:")
                    parts.append(key)
                else:
                    self._feed(parts, key)
                self._feed(parts, item)
        elif isinstance(value, str):  # Markup, which templates print unescaped, named apart from str
            parts.append(f"{kind.__qualname__}{len(value)}:")
            parts.append(value)
        elif isinstance(value, (int, float)):  # an enumeration's member, say
            parts.append(f"{kind.__qualname__}:{value!r};")
        elif isinstance(value, (set, frozenset)):
            parts.append(f"set{len(value)}<" + "".join(sorted(self.of(item) for item in value)))
        elif field_names(kind) is not None:
            if kind.__module__.startswith(MODEL_PACKAGE):
                _MODEL_CLASSES.add(kind)  # found by the branches above to be none of the others: so it stays
            parts.append(self._object(value))
        else:
            raise TypeError(f"a page value of type {kind.__name__} has no fingerprint")

    def _object(self, value: Any) -> str:
        if type(value).__module__.startswith(MODEL_PACKAGE):
            return self._model_object(value)
        memo = self._memo.get(id(value))
        if memo is None:
            fields = tuple(getattr(value, name) for name in field_names(type(value)) or ())
            memo = (value, f"o{type(value).__qualname__}:{self.of(fields)};")
            if not lives_through_the_run(value):
                return memo[1]
            self._memo[id(value)] = memo
        return memo[1]

    def _model_object(self, value: Any) -> str:
        """A model object's digest, remembered in model_digests alone (one entry per object of a big model)."""
        memo = self.model_digests.get(id(value))
        if memo is None:
            memo = self._kept.get(id(value))
            if memo is None or memo[0] is not value:
                named = self._name_of(value)
                text = repr(value) if named is None else f"named {named}"
                name = type(value).__qualname__
                digest = hashlib.sha256(f"{name}:{len(text)}:{text}".encode("utf-8", "surrogatepass")).hexdigest()
                memo = (value, f"o{digest};")
            self.model_digests[id(value)] = memo
        return memo[1]


def _no_name(value: Any) -> None:
    return None
