"""What a tree of files holds, read with one scan of each folder (no file is opened or stat-ed): for
write/tree.py, which brings an older tree up to date without writing any file in place."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


def entries(root: Path) -> Iterator[tuple[str, os.DirEntry]]:
    """Every entry under root, folders too, with its relative POSIX path; links are not followed."""
    pending = [(root, "")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as found:
            for entry in found:
                yield prefix + entry.name, entry
                if entry.is_dir(follow_symlinks=False):
                    pending.append((Path(entry.path), f"{prefix}{entry.name}/"))


def files_and_folders(root: Path, marker: str) -> tuple[dict[str, int], set[str]]:
    """root's files (relative POSIX path -> inode; the marker at its top left out; anything but a folder counts as
    a file, with no inode, so that it is replaced) and folders (relative paths, "" for root itself)."""
    files: dict[str, int] = {}
    folders = {""}
    for relative, entry in entries(root):
        if entry.is_dir(follow_symlinks=False):
            folders.add(relative)
        elif relative != marker:
            files[relative] = entry.inode() if entry.is_file(follow_symlinks=False) else -2
    return files, folders


def with_parents(folders: set[str]) -> set[str]:
    """The folders with every folder they are in, "" (the top) too."""
    found = {""}
    for folder in folders:
        while folder and folder not in found:
            found.add(folder)
            folder = folder.rpartition("/")[0]
    return found
