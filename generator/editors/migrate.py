"""`migrate`: bring metadata written for an earlier version up to date, once, in place.

The only command that writes to content/ besides `new`. It changes nothing but
what it adds, keeps every comment and every other line as it was, and leaves a
file untouched when its new text would not parse to the same data plus the
additions. Today it adds:
- an `id:` to every key point, event and figure that has none: the id the claim
  had by its position (k1, e1, f1…), so every public address stays the same.
- `added:` when the file has none: when the file entered the briefing, the
  author date of its first commit in git, in UTC. Without git history for the
  file (no repository, or not committed yet) nothing is written for it and the
  run says so: a date is never made up.
- in content/briefing.yml and content/taxonomy.yml, a bottom line written as one
  block of text becomes a list of sentences to cite (see split_bottom_lines).
- in content/paragraphs.yml, the paragraph numbering of every curated source that
  has none recorded; a source whose record differs is re-recorded only when its
  id is given to --renumber (see paragraph_record).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.common.atomic_file import replace_text
from generator.common.project import Project
from generator.editors.paragraph_recording import record_sources, unknown_sources
from generator.editors.split_bottom_lines import split_file_text
from generator.inputs.load import load_inputs
from generator.inputs.paragraph_record import curated_sources
from generator.inputs.yamlfile import YamlDocument, parse_yaml
from generator.model.changes import Stamp
from generator.model.claim_ids import CLAIM_KINDS, positional_id

ADDED_COMMENT = "  # when the file was first committed (python -m generator migrate)"


@dataclass
class Migration:
    path: Path
    added_ids: int = 0
    added: str | None = None  # the added: written, if any
    split_bottom_lines: int = 0
    refused: list[str] = field(default_factory=list)  # why a file was left as it was
    not_added: str | None = None  # why no added: was written although the file has none
    recorded: list[str] = field(default_factory=list)  # what recording paragraph numbering did


class UnknownSource(ValueError):
    """--renumber named a source that no metadata describes; nothing was changed."""


def migrate_project(project: Project, renumber: frozenset[str] = frozenset()) -> list[Migration]:
    """Migrate every metadata file in content/sources/, and the bottom lines, and record paragraph numbering;
    report what was done to each. UnknownSource, before any change, if renumber names no curated source."""
    numbering = record_numbering(project, renumber)
    bottom_lines = [path for path in (project.briefing_path, project.taxonomy_path) if path.exists()]
    return (
        [migrate_file(path) for path in sorted(project.sources_dir.glob("*.yml"))]
        + [migrate_bottom_lines(path) for path in bottom_lines]
        + [numbering]
    )


def record_numbering(project: Project, renumber: frozenset[str]) -> Migration:
    inputs = load_inputs(project)
    current = curated_sources(inputs.metadata, inputs.seeds)
    unknown = unknown_sources(renumber, current)
    if unknown:
        raise UnknownSource("; ".join(unknown))
    recording = record_sources(project, current, renumber)
    done = list(recording.renumbered)
    if recording.recorded:
        done.insert(0, f"recorded the paragraph numbering of {len(recording.recorded)} source(s) that had none")
    return Migration(recording.path, refused=recording.refused, recorded=done)


def migrate_bottom_lines(path: Path) -> Migration:
    migration = Migration(path)
    text = path.read_text(encoding="utf-8")
    migrated, migration.split_bottom_lines, refused = split_file_text(text)
    if refused:
        migration.refused.append(refused)
    elif migrated != text:
        replace_text(path, migrated)
    return migration


def migrate_file(path: Path) -> Migration:
    migration = Migration(path)
    text = path.read_text(encoding="utf-8")
    document, problems = parse_yaml(text)
    if document is None or problems or not isinstance(document.data, dict):
        migration.refused.append("it does not parse; run check and fix it first")
        return migration
    insertions = [(place, f"id: {claim_id}", flow) for place, claim_id, flow in _id_insertions(document)]
    if "added" not in document.data:
        stamp, migration.not_added = first_commit(path)
        if stamp is not None:
            place = document.where_key(("review",))
            insertions.append((place, f'added: "{stamp.iso}"{ADDED_COMMENT}', place[1] != 1))
            migration.added = stamp.iso
    if not insertions:
        return migration
    lines = text.splitlines(keepends=True)
    for (line, column), addition, flow in sorted(insertions, reverse=True):
        if flow:
            migration.refused.append(f"line {line} is written in flow style ({{...}}); add {addition} by hand")
            return migration
        current = lines[line - 1]
        lines[line - 1] = current[: column - 1] + f"{addition}\n" + " " * (column - 1) + current[column - 1 :]
    migrated = "".join(lines)
    if not _same_data_plus_additions(document.data, migrated):
        migration.refused.append("the result would not read back as the same data; make the additions by hand")
        return migration
    replace_text(path, migrated)
    migration.added_ids = len(insertions) - (migration.added is not None)
    return migration


def first_commit(path: Path) -> tuple[Stamp | None, str | None]:
    """When git first recorded the file (its first commit's author date, in UTC), or why it cannot tell."""
    command = ["git", "log", "--diff-filter=A", "--follow", "--format=%aI", "--", path.name]
    try:
        result = subprocess.run(command, cwd=path.parent, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        return None, "git is not installed, so the day the file was first committed is unknown"
    if result.returncode != 0:
        return None, "the project is not a git repository, so the day the file was first committed is unknown"
    dates = result.stdout.split()
    if not dates:
        return None, "the file has not been committed yet"
    return Stamp.from_git(dates[-1]), None  # git lists the newest first: the last line is the first commit


def _id_insertions(document: YamlDocument) -> Iterator[tuple[tuple[int, int], str, bool]]:
    """((line, column), id, flow) where an id: belongs: before the first key of each claim without one.

    flow is true for a claim written as {key: value, ...}, where a line of its own would not do.
    """
    owners = [()] + [("items", index) for index, _ in enumerate(document.data.get("items") or [])]
    for owner in owners:
        data = document.data
        for key in owner:
            data = data[key]
        for kind in CLAIM_KINDS:
            for index, claim in enumerate(data.get(kind) or []):
                if isinstance(claim, dict) and claim and "id" not in claim:
                    path = (*owner, kind, index)
                    first_key = document.where_key((*path, next(iter(claim))))
                    yield first_key, positional_id(kind, index), first_key != document.where(path)


def _same_data_plus_additions(before: dict, migrated_text: str) -> bool:
    after, problems = parse_yaml(migrated_text)
    if after is None or problems or not isinstance(after.data, dict):
        return False
    data = {key: value for key, value in after.data.items() if key in before or key != "added"}
    return _without_added_ids(data, before) == before


def _without_added_ids(after: Any, before: Any) -> Any:
    if isinstance(after, dict) and isinstance(before, dict):
        kept = {key: value for key, value in after.items() if key in before or key != "id"}
        return {key: _without_added_ids(value, before.get(key)) for key, value in kept.items()}
    if isinstance(after, list) and isinstance(before, list) and len(after) == len(before):
        return [_without_added_ids(a, b) for a, b in zip(after, before, strict=False)]
    return after
