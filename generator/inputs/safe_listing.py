"""The files of a folder that are safe to read as inputs: no links out of it, no control characters in names, no
two names that collide when case is folded or that differ only in their suffix."""

from __future__ import annotations

import os
import unicodedata
from fnmatch import fnmatchcase
from pathlib import Path

from generator.common.problems import Problem
from generator.common.project import Project


def matching_names(folder: Path, patterns: str | tuple[str, ...]) -> list[str]:
    """The sorted names in folder that match any of the patterns, files or not, safe or not (as Path.glob finds
    them, in one listing of the folder rather than one per pattern)."""
    return sorted(entry.name for entry in _matching(folder, patterns))


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
    # The folder's entries know whether they are links or files without a call to stat for each (10,000s of seeds)
    for entry in sorted(_matching(folder, patterns), key=lambda e: (e.name not in curated, e.name)):
        path = folder / entry.name
        if entry.is_symlink() and not path.resolve().is_relative_to(inside):
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
        if not entry.is_file():
            continue
        if _has_control_character(entry.name):
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


def _matching(folder: Path, patterns: str | tuple[str, ...]) -> list[os.DirEntry[str]]:
    patterns = (patterns,) if isinstance(patterns, str) else patterns
    try:
        with os.scandir(folder) as entries:
            return [entry for entry in entries if any(fnmatchcase(entry.name, pattern) for pattern in patterns)]
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return []  # as Path.glob finds nothing in a folder that is not there, or that cannot be listed


def _has_control_character(name: str) -> bool:
    if name.isascii():  # the printable ASCII characters are exactly those that are not controls
        return not name.isprintable()
    return any(unicodedata.category(ch)[0] == "C" for ch in name)


def _collision(project: Project, path: Path, kept: Path) -> Problem:
    if path.suffix == kept.suffix:
        message = f"the name collides with {kept.name} when case and Unicode form are ignored; {kept.name} is kept"
    else:
        message = f"{path.name} and {kept.name} would be two seeds of one source; {kept.name} is kept"
    return Problem(project.display(path), 1, 1, message, "rename or remove this file", "skipped")
