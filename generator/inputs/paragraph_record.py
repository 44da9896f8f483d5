"""The recorded paragraph numbering of curated sources, and the guard that keeps it.

Citations and outside links point at paragraph numbers (the p<N> anchors of a
source page), and a claim is matched to its paragraph by its quote. A change of
the reader, or an upgrade of a library it uses, could split, merge, drop or add
paragraphs and so move every citation after the change without a word. So
content/paragraphs.yml records, for every curated source (one with metadata), how
many paragraphs its seed reads as and a short digest of each paragraph's first
words; the build compares it with what reading gives now and fails, naming the
source, when they differ. Only the first words count (casefolded, punctuation and
spaces ignored): a cleanup inside a paragraph does not renumber anything.

The build only reads the record; `new` and `migrate` write it (generator/editors/paragraph_recording.py).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.common.problems import Problem, placed, problems_from_json, problems_to_json
from generator.common.project import Project
from generator.inputs.parse_cache import ParseCache
from generator.inputs.schema import schema_problems
from generator.inputs.seed_text import Paragraph, SeedText
from generator.inputs.yamlfile import parse_yaml

if TYPE_CHECKING:
    from generator.inputs.load import YamlFile

RECORD_NAME = "paragraphs.yml"
SCHEMA_NAME = "paragraphs"
FIRST_WORDS = 6  # enough to tell paragraphs apart, few enough that an edit inside one does not count
DIGEST_CHARS = 8
DIGESTS = re.compile(rf"^([0-9a-f]{{{DIGEST_CHARS}}}( [0-9a-f]{{{DIGEST_CHARS}}})*)?$")
WORD = re.compile(r"\w+")
FIRST_WORDS_SPAN = re.compile(rf"\w+(?:\W+\w+){{0,{FIRST_WORDS - 1}}}")
MAX_RECORD_BYTES = 20_000_000  # about 60,000 sources of 30 paragraphs
SHOWN_CHARS = 60
RESTORE = (
    "the file is written by python -m generator migrate; restore it (git checkout content/paragraphs.yml), "
    "or delete the source's entry and run migrate to record it again"
)


def start_digest(text: str) -> str:
    """A digest of a paragraph's first words, casefolded; punctuation, quote marks and spaces do not count."""
    first = FIRST_WORDS_SPAN.search(text)  # one search, not a loop over words: this runs for every paragraph
    words = " ".join(WORD.findall(first.group())).casefold() if first else ""
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


def numbering(paragraphs: tuple[Paragraph, ...]) -> tuple[str, ...]:
    """The fingerprint of a seed's numbering: one digest per paragraph, in order (so its length is the count)."""
    return tuple(start_digest(paragraph.text) for paragraph in paragraphs)


def record_path(project: Project) -> Path:
    return project.content_dir / RECORD_NAME


@dataclass
class RecordedSource:
    starts: tuple[str, ...]
    count_at: tuple[int, int]  # line and column of its paragraph count in the file
    first_digest_at: tuple[int, int] | None  # of its first digest, when the digests are written on one line


@dataclass
class Record:
    sources: dict[str, RecordedSource] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # unplaced: the record's own file


def read_record(project: Project, cache: ParseCache | None = None) -> Record | None:
    """The record as written, or None when the project has none (then no source is guarded)."""
    path = record_path(project)
    if not path.is_file():
        return None
    data = path.read_bytes()
    stored = (cache or ParseCache(None)).remember("paragraph-record", data, "", lambda: _parse(data))
    sources = {
        source_id: RecordedSource(tuple(starts), tuple(count_at), tuple(first) if first else None)
        for source_id, (starts, count_at, first) in stored["sources"].items()
    }
    return Record(sources, problems_from_json(stored["problems"]))


def _parse(data: bytes) -> dict[str, Any]:
    """The work the cache saves: decode, parse, schema-check, and keep only what the comparison needs."""
    if len(data) > MAX_RECORD_BYTES:
        return _broken(
            1,
            1,
            f"the file is {len(data):,} bytes, over the limit of {MAX_RECORD_BYTES:,}",
            "raise MAX_RECORD_BYTES in generator/inputs/paragraph_record.py",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return _broken(1, 1, f"not valid UTF-8 (byte offset {error.start})", RESTORE)
    document, yaml_problems = parse_yaml(text)
    problems = problems_to_json(yaml_problems)
    if document is not None:
        problems += problems_to_json(schema_problems(document, SCHEMA_NAME))
    if document is None or problems:
        return {"sources": {}, "problems": problems}
    lines = text.splitlines()
    sources = {}
    for source_id, entry in document.data["sources"].items():
        starts, count_at = entry["starts"], document.where(("sources", source_id, "paragraphs"))
        starts_at = document.where(("sources", source_id, "starts"))
        digests = starts.split()
        if not DIGESTS.match(starts):
            problems.append(
                [*starts_at, f"sources.{source_id}.starts is not a list of {DIGEST_CHARS}-digit digests", RESTORE]
            )
        elif len(digests) != entry["paragraphs"]:
            problems.append(
                [
                    *count_at,
                    f"sources.{source_id} records {entry['paragraphs']} paragraphs but {len(digests)} digests",
                    RESTORE,
                ]
            )
        sources[source_id] = [digests, list(count_at), _first_digest_at(lines, starts_at, starts)]
    return {"sources": sources, "problems": problems}


def _broken(line: int, column: int, message: str, hint: str) -> dict[str, Any]:
    return {"sources": {}, "problems": [[line, column, message, hint]]}


def _first_digest_at(lines: list[str], where: tuple[int, int], starts: str) -> list[int] | None:
    """Where the first digest is, when the value is written on one line (as migrate writes it); else None."""
    line, column = where
    written = lines[line - 1][column - 1 :] if line <= len(lines) else ""
    if written.startswith(starts):
        return [line, column]
    quoted = written[:1] in ("'", '"') and written[1:].startswith(starts)
    return [line, column + 1] if quoted else None


def curated_sources(metadata: list[YamlFile], seeds: dict[str, SeedText]) -> dict[str, tuple[str, SeedText]]:
    """source id -> (seed file name, its reading) for every metadata file whose seed could be read."""
    found = {}
    for file in metadata:
        data = file.document.data if isinstance(file.document.data, dict) else {}
        seed, given_id = data.get("seed"), data.get("id")
        if isinstance(seed, str) and seed in seeds and (given_id is None or isinstance(given_id, str)):
            found[given_id or source_id_of(seed)] = (seed, seeds[seed])
    return found


def source_id_of(seed_name: str) -> str:
    """The id of a source whose metadata gives none: its seed's name without the extension."""
    return Path(seed_name).stem


def numbering_problems(
    project: Project, metadata: list[YamlFile], seeds: dict[str, SeedText], cache: ParseCache | None = None
) -> list[Problem]:
    """One error per curated source whose reading would renumber its recorded paragraphs; the record's own
    problems, if it has any. Sources without a record are new: not an error."""
    record = read_record(project, cache)
    if record is None:
        return []
    shown = project.display(record_path(project))
    if record.problems:
        return placed(record.problems, shown)
    found = []
    for source_id, (seed, text) in sorted(curated_sources(metadata, seeds).items()):
        recorded = record.sources.get(source_id)
        if recorded is not None and recorded.starts != numbering(text.paragraphs):
            change = compare(recorded, text.paragraphs)
            found.append(Problem(shown, *change.where, change.message(source_id, seed), fix(source_id)))
    return found


def fix(source_id: str) -> str:
    return (
        f"if the seed itself was edited on purpose, run python -m generator migrate --renumber {source_id} to "
        "record the new numbering and check the claims' citations; if a library was upgraded, pin its previous "
        "version (requirements.lock)"
    )


@dataclass
class Change:
    """Where a record and a reading first part, and how."""

    where: tuple[int, int]  # in the record: the digest of that paragraph, or the count
    number: int  # of the first paragraph that differs
    detail: str  # paragraph <n> was "…", now "…"
    renumbers: bool  # False when paragraphs were only appended: no number moved

    def message(self, source_id: str, seed: str) -> str:
        verb = "be renumbered" if self.renumbers else "change"
        return f"the paragraphs of source {source_id} (seeds/{seed}) would {verb}: {self.detail}"


def compare(recorded: RecordedSource, paragraphs: tuple[Paragraph, ...]) -> Change:
    """The first paragraph whose start differs: the paragraph the record knew there, and what is there now,
    each traced to where it went or came from."""
    now, was = numbering(paragraphs), recorded.starts
    index = next((i for i, (old, new) in enumerate(zip(was, now, strict=False)) if old != new), min(len(was), len(now)))
    counts = f" ({len(now)} paragraphs, recorded {len(was)})" if len(now) != len(was) else ""
    where = recorded.count_at
    if recorded.first_digest_at and index < len(was):
        line, column = recorded.first_digest_at
        where = (line, column + index * (DIGEST_CHARS + 1))  # the digest of that very paragraph
    if index >= len(was):
        return Change(
            where,
            index + 1,
            f'paragraph {index + 1} would be new, "{first_words(paragraphs[index].text)}"{counts}',
            False,
        )
    before = f"paragraph {index + 1} was {_traced(was[index], paragraphs, index)}"
    if index >= len(now):
        return Change(where, index + 1, f"{before}, now there is none{counts}", True)
    came_from = was.index(now[index]) + 1 if now[index] in was else None
    after = f'"{first_words(paragraphs[index].text)}"' + (f" (was paragraph {came_from})" if came_from else "")
    return Change(where, index + 1, f"{before}, now {after}{counts}", True)


def _traced(digest: str, paragraphs: tuple[Paragraph, ...], index: int) -> str:
    """The recorded paragraph's first words, found where they are now: at the start of another paragraph, or
    near index (merged into a paragraph, or split across two); the digest alone when they are gone."""
    for paragraph in paragraphs:
        if start_digest(paragraph.text) == digest:
            return f'"{first_words(paragraph.text)}" (now paragraph {paragraph.number})'
    nearby = paragraphs[max(0, index - 1) : index + 2]
    words = [
        (position, rank, match)
        for position, paragraph in enumerate(nearby)
        for rank, match in enumerate(WORD.finditer(paragraph.text))
    ]
    for first, (position, rank, match) in enumerate(words):
        for length in range(1, FIRST_WORDS + 1):
            if start_digest(" ".join(word.group() for _, _, word in words[first : first + length])) == digest:
                place = "inside" if rank else "the start of"
                shown = " ".join([nearby[position].text[match.start() :], *(p.text for p in nearby[position + 1 :])])
                return f'"{first_words(shown)}" (now {place} paragraph {nearby[position].number})'
    return f"a passage no longer in the text (digest {digest})"


def first_words(text: str) -> str:
    """A paragraph's first words as written, to name it in a message; "…" when it goes on."""
    words = list(islice(WORD.finditer(text), FIRST_WORDS + 1))
    end = words[FIRST_WORDS - 1].end() if len(words) > FIRST_WORDS else len(text)
    shown = " ".join(text[:end].split())
    if len(shown) > SHOWN_CHARS:
        shown = shown[:SHOWN_CHARS].rstrip()
    return shown + ("…" if len(shown) < len(" ".join(text.split())) else "")
