"""The files of a folder that are safe to read as inputs: no links out of it, no control characters in names, no
two names that collide when case is folded or that differ only in their suffix."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from generator.common.problems import Problem
from generator.common.project import Project


def safe_listing(
    project: Project,
    folder: Path,
    patterns: str | tuple[str, ...],
    problems: list[Problem],
    curated: frozenset[str] = frozenset(),
) -> list[Path]:
    """Files in folder, leaving out links that lead outside it, names with control characters (a newline, an
    escape) and names that collide when case is folded, or that differ only in their suffix (x.txt and x.html
    would be two seeds of one source); of two colliding names the curated one is kept (a name that metadata
    describes), so a new file never evicts a reviewed source."""
    inside = folder.resolve()
    kept: dict[str, Path] = {}
    patterns = (patterns,) if isinstance(patterns, str) else patterns
    found = {path for pattern in patterns for path in folder.glob(pattern)}
    for path in sorted(found, key=lambda p: (p.name not in curated, p.name)):
        if path.is_symlink() and not path.resolve().is_relative_to(inside):
            problems.append(
                Problem(
                    project.display(path),
                    1,
                    1,
                    "a symbolic link to a file outside its folder is not followed",
                    "copy the file into the folder instead",
                    "skipped",
                )
            )
            continue
        if not path.is_file():
            continue
        if any(unicodedata.category(ch)[0] == "C" for ch in path.name):
            problems.append(
                Problem(
                    project.display(path),
                    1,
                    1,
                    "the file name has a control character in it",
                    "rename the file with letters, digits, '-' and '_'",
                    "skipped",
                )
            )
            continue
        key = unicodedata.normalize("NFC", path.stem).casefold()
        if key in kept:
            problems.append(_collision(project, path, kept[key]))
            continue
        kept[key] = path
    return list(kept.values())


def _collision(project: Project, path: Path, kept: Path) -> Problem:
    if path.suffix == kept.suffix:
        message = f"the name collides with {kept.name} when case and Unicode form are ignored; {kept.name} is kept"
    else:
        message = f"{path.name} and {kept.name} would be two seeds of one source; {kept.name} is kept"
    return Problem(project.display(path), 1, 1, message, "rename or remove this file", "skipped")
