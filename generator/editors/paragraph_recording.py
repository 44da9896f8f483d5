"""Writing content/paragraphs.yml: `new` and `migrate` record the numbering of curated sources.

The build only reads the record (generator/inputs/paragraph_record.py); a source is recorded when it has none, and
re-recorded only when an editor asks for it by id (migrate --renumber), because its seed was edited on purpose.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.common.atomic_file import replace_text
from generator.common.project import Project
from generator.inputs.paragraph_record import Record, compare, fix, numbering, read_record, record_path
from generator.inputs.seed_text import SeedText

HEADER = """\
# yaml-language-server: $schema=../generator/schemas/paragraphs.schema.json
# How the paragraphs of each curated source are numbered. Citations and links point at these numbers (#p<N>
# on a source's page), so the build fails when reading a seed would renumber them. Per source: how many
# paragraphs its seed reads as, and in order a digest of each paragraph's first words.
# Written by python -m generator new and migrate; do not edit it by hand (README: Paragraph numbers are stable).
"""


@dataclass
class Recording:
    """What recording did: sources recorded for the first time, re-recorded, and left as they were (and why)."""

    path: Path
    recorded: list[str] = field(default_factory=list)
    renumbered: list[str] = field(default_factory=list)  # one line each: the source and how its numbering moved
    refused: list[str] = field(default_factory=list)


def unknown_sources(requested: Iterable[str], current: dict[str, tuple[str, SeedText]]) -> list[str]:
    """A line for each requested id that is no curated source, with the closest one that is."""
    lines = []
    for source_id in sorted(set(requested) - set(current)):
        close = difflib.get_close_matches(source_id, list(current), n=1)
        lines.append(
            f"{source_id} is no curated source with a readable seed" + (f" (did you mean {close[0]}?)" if close else "")
        )
    return lines


def record_sources(
    project: Project, current: dict[str, tuple[str, SeedText]], renumber: Collection[str] = frozenset()
) -> Recording:
    """Record the numbering of each source in current that has no record; re-record one whose record differs
    only if its id is in renumber (its seed was edited on purpose). Writes content/paragraphs.yml only if
    something changed, in one rename."""
    path = record_path(project)
    recording = Recording(path)
    record = read_record(project) or Record()
    if record.problems:
        recording.refused.append(
            "it has errors (python -m generator check lists them); fix it, or restore it with git, then run this again"
        )
        return recording
    before = {source_id: recorded.starts for source_id, recorded in record.sources.items()}
    starts = dict(before)
    for source_id, (seed, text) in sorted(current.items()):
        now = numbering(text.paragraphs)
        recorded = record.sources.get(source_id)
        if recorded is None:
            recording.recorded.append(source_id)
        elif recorded.starts == now:
            if source_id in renumber:
                recording.renumbered.append(f"source {source_id} reads as recorded: nothing to re-record")
            continue
        elif source_id in renumber:
            change = compare(recorded, text.paragraphs)
            recording.renumbered.append(
                f"re-recorded the paragraph numbering of source {source_id} (seeds/{seed}): {change.detail}; links "
                f"to paragraph {change.number} and later may now land on other text: check the claims' citations"
            )
        else:
            recording.refused.append(f"{compare(recorded, text.paragraphs).message(source_id, seed)}; {fix(source_id)}")
            continue
        starts[source_id] = now
    if starts != before:
        replace_text(path, record_text(starts))
    return recording


def record_text(starts: dict[str, tuple[str, ...]]) -> str:
    """The whole file, sources sorted by id: the same numbering always gives the same bytes."""
    lines = [HEADER.rstrip("\n"), "sources:" if starts else "sources: {}"]
    for source_id in sorted(starts):
        lines += [
            f"  {json.dumps(source_id, ensure_ascii=False)}:",
            f"    paragraphs: {len(starts[source_id])}",
            f'    starts: "{" ".join(starts[source_id])}"',
        ]
    return "\n".join(lines) + "\n"
