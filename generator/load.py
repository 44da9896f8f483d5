"""Load the inputs: YAML files parsed and schema-checked, seeds read and cleaned.

Nothing stops at the first problem: every file is tried and every problem kept.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator.problems import Problem
from generator.project import Project
from generator.reader import SeedDecodeError, SeedText, read_seed
from generator.schema import schema_problems
from generator.yamlfile import YamlDocument, parse_yaml

MAX_YAML_BYTES = 1_000_000
SEED_SUFFIX = ".txt"


@dataclass
class YamlFile:
    path: str  # as shown to editors
    document: YamlDocument


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


def load_inputs(project: Project) -> Inputs:
    problems: list[Problem] = []
    taxonomy = load_yaml_file(project, project.taxonomy_path, "taxonomy", problems)
    briefing = load_yaml_file(project, project.briefing_path, "briefing", problems)
    trends = load_yaml_file(project, project.trends_path, "trends", problems) if project.trends_path.exists() else None
    metadata_paths = safe_listing(project, project.sources_dir, "*.yml", problems)
    metadata = [loaded for path in metadata_paths if (loaded := load_yaml_file(project, path, "source", problems))]
    seed_names = sorted(p.name for p in project.seeds_dir.glob(f"*{SEED_SUFFIX}"))
    encodings = {_seed_name(f): _encoding(f) for f in metadata}
    seeds = {}
    for path in safe_listing(project, project.seeds_dir, f"*{SEED_SUFFIX}", problems):
        text = load_seed(project, path, encodings.get(path.name), problems)
        if text is not None:
            seeds[path.name] = text
    stems = [path.stem for path in metadata_paths]
    return Inputs(taxonomy, briefing, trends, metadata, stems, seeds, seed_names, problems)


def safe_listing(project: Project, folder: Path, pattern: str, problems: list[Problem]) -> list[Path]:
    """Files in folder, leaving out links that lead outside it and names that collide."""
    inside = folder.resolve()
    kept: dict[str, Path] = {}
    for path in sorted(folder.glob(pattern)):
        if path.is_symlink() and not path.resolve().is_relative_to(inside):
            problems.append(Problem(project.display(path), 1, 1, "a symbolic link to a file outside its folder is not followed",
                                    "copy the file into the folder instead", "skipped"))
            continue
        if not path.is_file():
            continue
        key = unicodedata.normalize("NFC", path.name).casefold()
        if key in kept:
            problems.append(Problem(project.display(path), 1, 1,
                                    f"the name collides with {kept[key].name} when case and Unicode form are ignored",
                                    "rename one of the two files", "skipped"))
            continue
        kept[key] = path
    return list(kept.values())


def _seed_name(loaded: YamlFile) -> str | None:
    data = loaded.document.data
    return data.get("seed") if isinstance(data, dict) else None


def _encoding(loaded: YamlFile) -> str | None:
    data = loaded.document.data
    return data.get("encoding") if isinstance(data, dict) else None


def load_yaml_file(project: Project, path: Path, schema_name: str, problems: list[Problem]) -> YamlFile | None:
    """Parse and schema-check one YAML file; None when it cannot be used at all."""
    shown = project.display(path)
    if not path.is_file():
        problems.append(Problem(shown, 1, 1, "the file is missing", f"create it; see generator/schemas/{schema_name}.schema.json"))
        return None
    data = path.read_bytes()
    if len(data) > MAX_YAML_BYTES:
        problems.append(Problem(shown, 1, 1, f"the file is {len(data):,} bytes, over the limit of {MAX_YAML_BYTES:,}", "split it up"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = line_and_column(data, error.start)
        problems.append(Problem(shown, line, column, f"not valid UTF-8 (byte offset {error.start})", "save the file as UTF-8"))
        return None
    document, yaml_problems = parse_yaml(text)
    problems.extend(Problem(shown, p.line, p.column, p.message, p.hint) for p in yaml_problems)
    if document is None:
        return None
    problems.extend(Problem(shown, *found) for found in schema_problems(document, schema_name))
    return YamlFile(shown, document)


def load_seed(project: Project, path: Path, encoding: str | None, problems: list[Problem]) -> SeedText | None:
    shown = project.display(path)
    data = path.read_bytes()
    try:
        return read_seed(data, encoding)
    except SeedDecodeError as error:
        line, column = line_and_column(data, error.offset)
        problems.append(Problem(shown, line, column, error.message, error.hint, "skipped"))
        return None


def line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, offset - line_start + 1
