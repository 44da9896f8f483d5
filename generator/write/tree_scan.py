"""What a tree of files holds, read with one scan of each folder (no file is opened or stat-ed), and paths that may
not lead out of it: for write/tree.py, which brings an older tree up to date without writing any file in place."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn


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


class OutputError(Exception):
    """The output folder cannot be replaced safely."""


def inside(root: Path, relative: str) -> Path:
    """root/relative, refusing any path that would land outside root."""
    return Inside(root).path(relative)


class Inside:
    """Paths inside one folder, each of its subfolders resolved once: a big site has 40,000 files in a few
    folders, and resolving every file's whole path cost seconds on every run."""

    def __init__(self, root: Path) -> None:
        self.given = root
        self.root = root.resolve()
        self.folders: dict[str, Path] = {"": self.root}

    def path(self, relative: str) -> Path:
        head, _, name = relative.rpartition("/")
        if relative.startswith("/") or name in ("", ".", ".."):
            self._refuse(relative)
        folder = self.folders.get(head)
        if folder is None:
            folder = (self.root / head).resolve()
            if not folder.is_relative_to(self.root):
                self._refuse(relative)
            self.folders[head] = folder
        target = folder / name
        if target.is_symlink():  # a link in the folder may lead anywhere
            target = target.resolve()
            if not target.is_relative_to(self.root) or target == self.root:
                self._refuse(relative)
        return target

    def _refuse(self, relative: str) -> NoReturn:
        raise OutputError(f"refusing to write {relative!r}: it is outside {self.given}")
