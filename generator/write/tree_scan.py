"""What a tree of files holds, read with one scan of each folder (no file is opened or stat-ed): for
write/tree.py, which brings an older tree up to date without writing any file in place."""

from __future__ import annotations

import os
from pathlib import Path


def files_and_folders(root: Path, marker: str) -> tuple[dict[str, int], set[str]]:
    """root's files (relative POSIX path -> inode; the marker at its top left out; anything but a folder counts as
    a file, with no inode, so that it is replaced) and folders (relative paths, "" for root itself)."""
    files: dict[str, int] = {}
    folders = {""}
    pending = [(root, "")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.add(prefix + entry.name)
                    pending.append((Path(entry.path), f"{prefix}{entry.name}/"))
                elif prefix or entry.name != marker:
                    files[prefix + entry.name] = entry.inode() if entry.is_file(follow_symlinks=False) else -2
    return files, folders


def with_parents(folders: set[str]) -> set[str]:
    """The folders with every folder they are in, "" (the top) too."""
    found = {""}
    for folder in folders:
        while folder and folder not in found:
            found.add(folder)
            folder = folder.rpartition("/")[0]
    return found
