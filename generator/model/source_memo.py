"""What each metadata file built last time, so an unchanged file with an unchanged seed is not built again.

Building a file's sources (source_builder.py) is most of the model's cost: every
quote found in its seed, every date checked against its text, its language
detected. The result depends only on the file's bytes, its seed's clean text, the
taxonomy and the code, which together make the entry's key; on today's date only
as far as its dates are checked against it, so an entry records the days it holds
on (model/dates.Today: every day from its latest date on, if none was in the
future) and is used on those days alone; and on which ids other files took first,
which is checked on every run: an entry is used only when none of its ids is
taken, else the file is built again (and its duplicate id reported as in a full
build). Entries are plain data (common/plain.py);
storing them between runs is the pipeline's business, keeping this stage free of I/O.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from generator.common.plain import from_plain, to_plain
from generator.common.problems import Problem
from generator.common.workers import run_all
from generator.inputs.load import YamlFile
from generator.inputs.seed_text import SeedText, StoredParagraphs, seed_text_to_json
from generator.inputs.yaml_report import Report
from generator.model.dates import holds_on
from generator.model.entities import Citation, Source
from generator.model.works import Decision


@dataclass(frozen=True)
class DecisionFields:
    """A Decision without its Report, which is made again for the file on use."""

    source_id: str
    prefix: tuple
    anchor: tuple
    same_work_as: str | None
    not_same_work_as: tuple[str, ...]
    severity: str


@dataclass(frozen=True)
class BuiltFile:
    """Everything building one metadata file gave, besides the ids it took (the keys of claimed)."""

    # The first and last day it holds on (() for no bound): first, so that its text tells without being decoded
    holds: tuple[tuple[int, ...], tuple[int, ...]]
    sources: tuple[Source, ...]
    whole_text: tuple[bool, ...]  # per source: its paragraphs are its seed's, stored once in the parse cache
    decisions: tuple[DecisionFields, ...]
    declared: tuple[str, ...]
    claimed: tuple[str, ...]  # the ids it registered, in order
    problems: tuple[Problem, ...]


@dataclass
class Built:
    """What the assembler needs from one file: as SourceBuilder gives it."""

    sources: list[Source]
    decisions: list[Decision]
    declared: list[str]
    holds: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())  # the days it holds on (model/dates.Today.span)


CLAIM_FIELDS = ("key_points", "events", "figures")
HOLDS = re.compile(r"\[\[\[([\d, ]*)\], \[([\d, ]*)\]\]")  # an entry's text begins with its days (BuiltFile.holds)

Build = Callable[[dict[str, str], list[Problem]], Built]  # builds the file with these owners and problems


# An entry as a process that generates again and again (the preview's worker) keeps it in memory, by key: decoded,
# with its sources as restored for the seed, so that the same objects (and the digests of them that pages take,
# render/page_data.py) serve the next generation. Entries and sources are frozen, so sharing them is safe.
InMemory = dict[str, tuple["BuiltFile", tuple[Source, ...]]]


class SourceMemo:
    """Entries by key: the last run's, and those this run used (which alone are kept for the next)."""

    def __init__(self, stored: dict[str, str] | None = None, code: str = "", in_memory: InMemory | None = None) -> None:
        self.code = code
        self.stored: dict[str, str] = dict(stored or {})  # each entry as one line of JSON text
        self.in_memory: InMemory = in_memory or {}  # the entries the last generation in this process used
        self.used_in_memory: InMemory = {}
        self.used: dict[str, str] = {}
        self.fresh: dict[str, str] = {}  # entries this run made in advance, on every core (prepare)
        self.hits = 0  # files taken from the last run's entries
        # The sources this run built or took from the memo, by id, each with its entry's key and place (name_of)
        self._places: dict[str, tuple[Source, str, int]] = {}
        self._keys: dict[tuple[str, str, str], tuple[SeedText, str]] = {}  # digesting a seed's text costs

    def _key(self, file: YamlFile, seed: SeedText, context: str) -> str:
        """entry_key, worked out once for a file and the very seed object it is asked with."""
        known = self._keys.get((file.path, file.digest, context))
        if known is None or known[0] is not seed:
            known = (seed, entry_key(self.code, file, seed, context))
            self._keys[(file.path, file.digest, context)] = known
        return known[1]

    def prepare(self, jobs: list[tuple[YamlFile, SeedText, Build]], context: str, today: dt.date) -> None:
        """Build on every core the files whose entries are missing or do not hold today, so that built() then
        finds them all."""
        missing = {}
        for file, seed, build in jobs:
            key = self._key(file, seed, context)
            if not _text_holds(self.stored.get(key), today):
                missing[key] = functools.partial(_entry_text, seed, build)
        self.fresh.update(zip(missing, run_all(list(missing.values())), strict=True))

    def built(
        self,
        file: YamlFile,
        seed: SeedText,
        context: str,
        today: dt.date,
        owners: dict[str, str],
        problems: list[Problem],
        build: Build,
    ) -> Built:
        """The file's sources, from the memo when its key is known, its entry holds today and its ids are free;
        else built and kept."""
        key = self._key(file, seed, context)
        stored = self.stored.get(key)
        held = stored if _text_holds(stored, today) else None
        text = held or self.fresh.get(key) or _entry_text(seed, build)
        in_memory = self.in_memory.get(key)
        entry, sources = in_memory if in_memory and holds_on(in_memory[0].holds, today) else _decoded(text, seed)
        if isinstance(seed.paragraphs, StoredParagraphs):
            for source in sources:  # kept from the last generation: read from this one's parse cache from now on
                if isinstance(source.paragraphs, StoredParagraphs):
                    source.paragraphs.rehome(seed.paragraphs)
        if any(source_id in owners for source_id in entry.claimed):
            return build(owners, problems)  # an id another file took first: built as a full run builds it, not kept
        self.used[key] = text
        self.used_in_memory[key] = (entry, sources)
        self._places.update((source.id, (source, key, number)) for number, source in enumerate(sources))
        self.hits += held is not None
        owners.update(dict.fromkeys(entry.claimed, file.path))
        problems.extend(entry.problems)
        return _restored(entry, sources, file, problems)  # its decisions report to this run's problems

    def name_of(self, value: object) -> str | None:
        """A name for a source or claim this run built or took from the memo, standing for its whole content: its
        entry's key, which names all that the entry is built from, and its place in the entry. Digesting the name
        (render/page_data.py) costs nothing like digesting the content (at 10,000 sources, seconds of every run).
        None for any other object, even an equal one: a copy may differ."""
        if isinstance(value, Source):
            found = self._places.get(value.id)
            return f"{found[1]}:{found[2]}" if found is not None and found[0] is value else None
        citation = getattr(value, "citation", None)
        found = self._places.get(citation.source_id) if isinstance(citation, Citation) else None
        if found is None:
            return None
        source, key, number = found
        for field in CLAIM_FIELDS:
            for place, claim in enumerate(getattr(source, field)):
                if claim is value:
                    return f"{key}:{number}:{field}:{place}"
        return None

    def handed_over(self) -> dict[str, str] | None:
        """The entries to store for the next run, if they are not the last run's; the memo then lets go of every
        entry's text (the model is built: at 10,000 sources they are 22 MB) and of the seeds it was asked with (their
        lines set aside and what their pages say of themselves), keeping only used_in_memory."""
        changed = self.used != self.stored
        used, self.used, self.stored, self.fresh, self._keys = self.used, {}, {}, {}, {}
        return used if changed else None


def _entry_text(seed: SeedText, build: Build) -> str:
    """One file built on its own (with no ids taken), as the memo keeps it: one line of JSON."""
    mine: dict[str, str] = {}
    found: list[Problem] = []
    built = build(mine, found)
    return json.dumps(to_plain(_entry(built, seed, tuple(mine), tuple(found))), ensure_ascii=False)


def _text_holds(text: str | None, today: dt.date) -> bool:
    """Whether an entry's text is there and holds today, read from its beginning without decoding the rest."""
    found = HOLDS.match(text) if text else None
    if found is None:
        return False
    first, last = (tuple(int(part) for part in group.split(",")) if group else () for group in found.groups())
    return holds_on((first, last), today)


def entry_key(code: str, file: YamlFile, seed: SeedText, context: str) -> str:
    """What an entry depends on: the code, the file's name and bytes, its seed's text, and the context (the
    taxonomy's bytes, see context_of; the days it holds on are in the entry)."""
    digest = hashlib.sha256(f"{code}\0{file.path}\0{file.digest}\0{context}\0".encode())
    digest.update(_seed_identity(seed).encode())
    return digest.hexdigest()


def _seed_identity(seed: SeedText) -> str:
    """The seed's clean text as keys take it. Paragraphs left on disk by the parse cache are named by its key
    (the seed's bytes, its encoding and the reader), which names all the rest of the seed as read too (the parse
    cache gives it whole, by the same key): nothing more is written out for each of 10,000s of seeds."""
    if isinstance(seed.paragraphs, StoredParagraphs):
        return repr(seed.paragraphs)
    return json.dumps(seed_text_to_json(seed), ensure_ascii=False)


def context_of(taxonomy: YamlFile) -> str:
    return taxonomy.digest


def _entry(built: Built, seed: SeedText, claimed: tuple[str, ...], problems: tuple[Problem, ...]) -> BuiltFile:
    whole = tuple(source.paragraphs == seed.paragraphs for source in built.sources)
    return BuiltFile(
        holds=built.holds,
        sources=tuple(replace(s, paragraphs=()) if w else s for s, w in zip(built.sources, whole, strict=True)),
        whole_text=whole,
        decisions=tuple(
            DecisionFields(d.source_id, d.prefix, d.anchor, d.same_work_as, d.not_same_work_as, d.severity)
            for d in built.decisions
        ),
        declared=tuple(built.declared),
        claimed=claimed,
        problems=problems,
    )


def _decoded(text: str, seed: SeedText) -> tuple[BuiltFile, tuple[Source, ...]]:
    """An entry from its text, and its sources with their paragraphs, which an entry keeps only when they are
    not its seed's own."""
    entry: BuiltFile = from_plain(BuiltFile, json.loads(text))
    sources = tuple(
        replace(s, paragraphs=seed.paragraphs) if whole else s
        for s, whole in zip(entry.sources, entry.whole_text, strict=True)
    )
    return entry, sources


def _restored(entry: BuiltFile, sources: tuple[Source, ...], file: YamlFile, problems: list[Problem]) -> Built:
    report = Report(file, problems)
    return Built(
        sources=list(sources),
        decisions=[
            Decision(d.source_id, report, d.prefix, d.anchor, d.same_work_as, d.not_same_work_as, d.severity)
            for d in entry.decisions
        ],
        declared=list(entry.declared),
    )
