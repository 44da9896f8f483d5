"""Load the inputs: YAML files parsed and schema-checked, seeds read and cleaned.

Nothing stops at the first problem: every file is tried and every problem kept.
"""

from __future__ import annotations

import codecs
import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.common.problems import Problem, placed, problems_from_json, problems_to_json, unplaced
from generator.common.progress import QUIET, Progress
from generator.common.project import Project
from generator.inputs.paragraph_record import numbering_problems
from generator.inputs.parse_cache import ParseCache, Parted, bytes_digest
from generator.inputs.safe_listing import matching_names, safe_listing
from generator.inputs.schema import schema_problems
from generator.inputs.seed_bytes import SeedDecodeError
from generator.inputs.seed_formats import SEED_SUFFIXES, read_any_seed, reading_kind, seed_names_for
from generator.inputs.seed_text import Paragraph, SeedText, seed_text_from_json, seed_text_to_json
from generator.inputs.yamlfile import PlacesText, YamlDocument, parse_yaml, places_to_json

MAX_YAML_BYTES = 1_000_000
SEED_PATTERNS = tuple(f"*{suffix}" for suffix in SEED_SUFFIXES)


@dataclass
class YamlFile:
    path: str  # as shown to editors
    document: YamlDocument
    schema_name: str  # generator/schemas/<schema_name>.schema.json
    digest: str = ""  # SHA-256 of the file's bytes: what a memo of what was built from it is keyed by


@dataclass
class Inputs:
    """Everything read from disk, before it becomes a model."""

    taxonomy: YamlFile | None
    briefing: YamlFile | None
    trends: YamlFile | None  # optional file
    metadata: list[YamlFile]
    metadata_stems: list[str]  # names of every metadata file, readable or not
    seeds: dict[str, SeedText]  # seed file name -> clean text
    seed_names: list[str]  # every seed file present, even those skipped
    problems: list[Problem]


def load_inputs(project: Project, cache: ParseCache | None = None, progress: Progress = QUIET) -> Inputs:
    """Read every input; with a cache, files whose bytes did not change are not parsed again."""
    cache = cache or ParseCache(None)
    problems: list[Problem] = []
    taxonomy = load_yaml_file(project, project.taxonomy_path, "taxonomy", problems, cache)
    briefing = load_yaml_file(project, project.briefing_path, "briefing", problems, cache)
    trends = (
        load_yaml_file(project, project.trends_path, "trends", problems, cache)
        if project.trends_path.exists()
        else None
    )
    metadata_paths = safe_listing(project, project.sources_dir, "*.yml", problems)
    keys = _prepared(cache, metadata_paths, lambda path, data: _yaml_job(path, "source", data))
    metadata = [
        loaded
        for path in progress.counted(metadata_paths, "metadata files read")
        if (loaded := load_yaml_file(project, path, "source", problems, cache, keys.get(path)))
    ]
    seed_names = matching_names(project.seeds_dir, SEED_PATTERNS)
    encodings = {_seed_name(f): _encoding(f, problems) for f in metadata}
    seeds = {}
    curated = _curated_seeds(metadata_paths, metadata)
    listed = safe_listing(project, project.seeds_dir, SEED_PATTERNS, problems, curated)
    keys = _prepared(cache, listed, lambda path, data: _seed_job(path, encodings.get(path.name), data))
    for path in progress.counted(listed, "seeds read"):
        text = load_seed(project, path, encodings.get(path.name), problems, cache, keys.get(path))
        if text is not None:
            seeds[path.name] = text
    problems.extend(numbering_problems(project, metadata, seeds, cache))  # a reading that would move citations
    stems = [path.stem for path in metadata_paths]
    return Inputs(taxonomy, briefing, trends, metadata, stems, seeds, seed_names, problems)


def _prepared(cache: ParseCache, paths: list[Path], job: Callable[[Path, bytes], Job]) -> dict[Path, str]:
    """The cache key of each file that can be read, its entry computed on every core if missing. Each file is read
    here once; what loads it then finds its entry by the key, without reading and hashing its bytes again."""
    readable = ((path, data) for path in paths if (data := _read_bytes_or_none(path)) is not None)
    return cache.prepare((path, job(path, data)) for path, data in readable)


def _curated_seeds(metadata_paths: list[Path], metadata: list[YamlFile]) -> frozenset[str]:
    """The seeds metadata describes: those its seed: names, and for a file too broken to name one, any seed
    named after it."""
    named = {Path(f.path).stem: name for f in metadata if isinstance(name := _seed_name(f), str)}
    unnamed = [path.stem for path in metadata_paths if path.stem not in named]
    return frozenset(named.values()).union(*map(seed_names_for, unnamed))


def _seed_name(loaded: YamlFile) -> str | None:
    data = loaded.document.data
    return data.get("seed") if isinstance(data, dict) else None


def _encoding(loaded: YamlFile, problems: list[Problem]) -> str | None:
    """The seed's encoding as the metadata names it, if Python can decode text with it (else a problem, and None:
    the seed is then read as UTF-8, so that its other problems still show)."""
    data = loaded.document.data
    name = data.get("encoding") if isinstance(data, dict) else None
    if not isinstance(name, str):
        return None  # a number or a list: the schema reports it
    unusable = unusable_encoding(name)
    if unusable:
        problems.append(
            Problem(
                loaded.path,
                *loaded.document.where(("encoding",)),
                unusable,
                "write a codec name such as utf-8 or cp1251, or remove the line",
            )
        )
        return None
    return name


def unusable_encoding(name: str) -> str | None:
    """Why bytes cannot be decoded as text with the codec called name; None when they can."""
    try:
        codec = codecs.lookup(name)
        if not getattr(codec, "_is_text_encoding", True):  # rot13, base64, zlib_codec: bytes to bytes, or text to text
            return f"'{name}' is not a text encoding"
        codec.decode(b"")  # 'undefined' is found like any codec, and refuses every input
    except (LookupError, ValueError):  # ValueError: a NUL in the name, or the UnicodeError of 'undefined'
        return f"unknown encoding '{name}'"
    return None


def load_yaml_file(
    project: Project,
    path: Path,
    schema_name: str,
    problems: list[Problem],
    cache: ParseCache | None = None,
    key: str | None = None,
) -> YamlFile | None:
    """Parse and schema-check one YAML file; None when it cannot be used at all. key: its entry's key in the cache,
    if prepared (_prepared), so that the file is not read again."""
    shown = project.display(path)
    if key is None and not path.is_file():  # with a key, its bytes were read (_prepared): it was there
        problems.append(
            Problem(shown, 1, 1, "the file is missing", f"create it; see generator/schemas/{schema_name}.schema.json")
        )
        return None
    cache = cache or ParseCache(None)
    if key is None:
        kind, data, variant, _ = _yaml_job(path, schema_name, path.read_bytes())
        key = cache.key(kind, data, variant)
    stored, places = cache.remember_parted(key, lambda: _parse_and_encode(path.read_bytes(), schema_name))
    document, found = _decode_yaml(stored, places)
    problems.extend(placed(found, shown))
    return YamlFile(shown, document, schema_name, bytes_digest(key)) if document is not None else None


def _parse_and_check(data: bytes, schema_name: str) -> tuple[YamlDocument | None, list[Problem]]:
    """The work the cache saves: decode, parse and schema-check one file's bytes."""
    found: list[Problem] = []
    if len(data) > MAX_YAML_BYTES:
        return None, [
            unplaced(1, 1, f"the file is {len(data):,} bytes, over the limit of {MAX_YAML_BYTES:,}", "split it up")
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = line_and_column(data, error.start)
        return None, [unplaced(line, column, f"not valid UTF-8 (byte offset {error.start})", "save the file as UTF-8")]
    document, yaml_problems = parse_yaml(text)
    found.extend(yaml_problems)
    if document is not None:
        found.extend(schema_problems(document, schema_name))
    return document, found


def _encode_yaml(document: YamlDocument | None, problems: list[Problem]) -> dict[str, Any] | Parted:
    """The parse cache's entry: the data and problems, then the places (decoded only to place a problem)."""
    found = problems_to_json(problems)
    if document is None:
        return {"document": None, "problems": found}
    places = {
        "positions": places_to_json(document.positions),
        "keys": places_to_json(document.key_positions),
        "plain": places_to_json(document.plain_scalars),
    }
    return Parted({"document": {"data": document.data}, "problems": found}, places)


def _decode_yaml(stored: dict[str, Any], places: Callable[[], Any]) -> tuple[YamlDocument | None, list[Problem]]:
    """The document and problems of an entry (_encode_yaml); places: the function that gives its places."""
    found = problems_from_json(stored["problems"])
    raw = stored["document"]
    if raw is None:
        return None, found
    read_once = functools.cache(places)  # the three kinds of place are stored, and read, together
    kinds = ("positions", "keys", "plain")
    positions, keys, plain = (PlacesText(functools.partial(_places_of, read_once, kind)) for kind in kinds)
    return YamlDocument(raw["data"], positions, keys, plain), found


def _places_of(places: Callable[[], Any], kind: str) -> Any:
    return places()[kind]


def load_seed(
    project: Project,
    path: Path,
    encoding: str | None,
    problems: list[Problem],
    cache: ParseCache | None = None,
    key: str | None = None,
) -> SeedText | None:
    """One seed's clean text, or None after reporting why it cannot be read. key: as in load_yaml_file."""
    cache = cache or ParseCache(None)
    if key is None:
        kind, data, variant, _ = _seed_job(path, encoding)
        key = cache.key(kind, data, variant)
    stored, rest = cache.remember_parted(key, lambda: _seed_job(path, encoding)[3]())
    if "error" in stored:
        message, hint, offset = stored["error"]
        line, column = line_and_column(path.read_bytes(), offset)
        problems.append(Problem(project.display(path), line, column, message, hint, "skipped"))
        return None
    # The paragraphs stay in the cache's files, read when asked for (they are most of a big model's memory)
    kept = cache.stored_paragraphs(key, stored["text"]["paragraphs"])
    # else an entry not kept in the cache (computed in this run, and not plain JSON)
    paragraphs = kept if kept is not None else tuple(Paragraph(*p) for p in rest())
    return seed_text_from_json(stored["text"], paragraphs)


Job = tuple[str, bytes, str, Callable[[], Any]]  # what ParseCache.remember and prepare take


def _seed_job(path: Path, encoding: str | None, data: bytes | None = None) -> Job:
    data = path.read_bytes() if data is None else data
    kind, reader_version = reading_kind(path.name)
    read = functools.partial(_read_and_encode, path.name, data, encoding)
    return kind, data, f"{encoding or ''}|{reader_version}", read


def _yaml_job(path: Path, schema_name: str, data: bytes) -> Job:
    return "yaml", data, schema_name, functools.partial(_parse_and_encode, data, schema_name)


def _read_bytes_or_none(path: Path) -> bytes | None:
    """The bytes to prepare: a file that cannot be read is reported when it is loaded, not here. Read with os
    calls, not Path.read_bytes: half the time for the 20,000 files of 10,000 sources."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        size = os.fstat(descriptor).st_size
        data = os.read(descriptor, size + 1)
        if len(data) == size:  # the whole file in one read, as nearly always
            return data
        parts = [data]  # it grew meanwhile, or the read stopped short (2 GB at most at once): read to its end
        while part := os.read(descriptor, 1 << 20):
            parts.append(part)
        return b"".join(parts)
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _parse_and_encode(data: bytes, schema_name: str) -> Any:
    return _encode_yaml(*_parse_and_check(data, schema_name))


def _read_and_encode(name: str, data: bytes, encoding: str | None) -> dict[str, Any] | Parted:
    """The parse cache's entry: the seed's text but its paragraphs, which follow (their count stands in for them)."""
    try:
        text = seed_text_to_json(read_any_seed(name, data, encoding))
    except SeedDecodeError as error:
        return {"error": [error.message, error.hint, error.offset]}
    paragraphs = text["paragraphs"]
    return Parted({"text": {**text, "paragraphs": len(paragraphs)}}, paragraphs)


def line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, offset - line_start + 1
