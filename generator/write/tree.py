"""Write generated files so that nothing is lost and nothing is rewritten needlessly.

Changed files are written as they come into a pending folder. The new tree is then assembled in a staging folder
beside the output, or in a scratch folder on the same file system (unchanged files are hard-linked, so they keep
their bytes and times), and swapped in with one atomic rename. A crash, a kill or a full disk at any moment leaves
either the old tree or the new one, never a mix; a rerun cleans up and succeeds. When nothing changed, nothing is
touched at all. Only folders carrying our marker are ever replaced or deleted.
"""

from __future__ import annotations

import ctypes
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.write.tree_scan import Inside, OutputError, entries, files_and_folders, inside, with_parents

__all__ = ["Inside", "OutputError", "inside"]  # where the rest of the generator finds them

MARKER = ".briefing-generated"
MARKER_TEXT = b"Made by the briefing generator; replaced on every build. Do not edit.\n"
RENAME_EXCHANGE = 2
AT_FDCWD = -100


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.written or self.deleted)


def write_tree(
    files: Mapping[str, bytes | None] | Iterable[tuple[str, bytes | None]], out_dir: Path, spare: Path | None = None
) -> WriteReport:
    """Make out_dir hold exactly files ((relative POSIX path, bytes) pairs; None for bytes: the file already there,
    kept), which may be made as they are asked for: a changed file is written at once to a pending folder beside
    out_dir and not held, so a big site's pages are never all in memory (nor read back to compare: only one old
    file is read at a time).

    spare: where the replaced tree is kept, to be brought up to date as the next run's staging folder instead of
    linking every file anew (44,000 links and as many deletions at 10,000 sources).
    """
    out_dir = Path(out_dir)
    recover(out_dir)
    existing = _existing_sizes(out_dir)
    pending = _sibling(out_dir, "pending")
    try:
        pairs = files.items() if isinstance(files, Mapping) else files
        report, paths, lost = _write_pending(pairs, out_dir, existing, pending)
        if lost:
            raise OutputError(
                f"{len(lost)} page(s) to keep as they are are gone from {out_dir}, such as {lost[0]}: "
                "something else changed the folder during the run; run again"
            )
        report.deleted = sorted(existing.keys() - paths)
        report.unchanged = len(paths) - len(report.written)
        staging = _staging(out_dir, spare, paths, set(report.written), pending) if report.changed else None
    finally:
        shutil.rmtree(pending, ignore_errors=True)  # e.g. a full disk: the old tree stays as it was
    if staging is not None:
        swap_in(staging, out_dir, keep_old=spare)
    return report


def _write_pending(
    files: Iterable[tuple[str, bytes | None]], out_dir: Path, existing: dict[str, int], pending: Path
) -> tuple[WriteReport, set[str], list[str]]:
    """Each changed file written to pending as it comes; the report of them, every path, and the paths to keep
    that are missing from out_dir."""
    report, paths, lost = WriteReport(), set(), []
    inside_pending = Inside(pending)
    for relative, data in files:
        if relative in paths:
            raise ValueError(f"{relative} is made twice in one run")  # a bug: its two versions would fight
        paths.add(relative)
        if data is None:
            if relative not in existing:
                lost.append(relative)
        elif not _holds(out_dir, relative, existing, data):
            target = inside_pending.path(relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_file(target, data)
            report.written.append(relative)
    report.written.sort()
    return report, paths, sorted(lost)


def _staging(out_dir: Path, spare: Path | None, paths: set[str], changed: set[str], pending: Path) -> Path:
    """The complete new tree, assembled beside out_dir: the spare brought up to date, or a new folder."""
    staging = _sibling(out_dir, "staging")
    try:
        if spare is not None and spare.is_dir() and not spare.is_symlink() and out_dir.is_dir():
            os.rename(spare, staging)
            _refill(staging, paths, changed, out_dir, pending)
        else:
            staging.mkdir(parents=True)
            _fill(staging, paths, changed, out_dir, pending)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def _holds(out_dir: Path, relative: str, sizes: dict[str, int], data: bytes) -> bool:
    """Whether the file at relative already has exactly these bytes (read only when the size matches)."""
    return sizes.get(relative) == len(data) and (out_dir / relative).read_bytes() == data


def _fill(staging: Path, paths: set[str], changed: set[str], out_dir: Path, pending: Path) -> None:
    """A new tree: changed files moved from pending, the others linked to out_dir's. Each folder's path is checked
    once; in a folder just made no link can lie, so each file's is not. Plain strings rather than Paths: at
    100,000 sources a run places 445,000 files."""
    inside_staging = Inside(staging)
    folders: dict[str, str] = {}
    old, new = os.fspath(out_dir), os.fspath(pending)
    for relative in sorted(paths):
        head, _, name = relative.rpartition("/")
        folder = folders.get(head)
        if folder is None or name in ("", ".", ".."):
            checked = inside_staging.path(relative).parent
            checked.mkdir(parents=True, exist_ok=True)
            folder = folders[head] = os.fspath(checked)
        target = os.path.join(folder, name)
        if relative in changed:
            os.rename(os.path.join(new, relative), target)  # pending's paths were checked when written (Inside)
        else:
            _link_or_copy(os.path.join(old, relative), target)
    (staging / MARKER).write_bytes(MARKER_TEXT)


def _refill(staging: Path, paths: set[str], changed: set[str], out_dir: Path, pending: Path) -> None:
    """staging, an older tree of ours (the spare), made to hold files as _fill would. No file in it is written in
    place: its files share their inodes with the trees before (out_dir's files too), so a file is kept only
    when it is out_dir's very file (the same inode), and is otherwise removed and linked or written anew."""
    current, _ = files_and_folders(out_dir, MARKER)
    held, folders = files_and_folders(staging, MARKER)
    needed = with_parents({relative.rpartition("/")[0] for relative in paths})
    for folder in sorted(folders - needed, reverse=True):  # deepest first
        shutil.rmtree(staging / folder, ignore_errors=True)
    kept = set()
    for relative, inode in held.items():
        if relative in paths and relative not in changed and inode == current.get(relative):
            kept.add(relative)
        elif relative.rpartition("/")[0] in needed:  # else gone with its folder
            os.unlink(staging / relative)
    inside_staging = Inside(staging)
    for relative in sorted(paths - kept):
        target = inside_staging.path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        _place(relative, target, changed, out_dir, pending)
    (staging / MARKER).unlink(missing_ok=True)
    (staging / MARKER).write_bytes(MARKER_TEXT)


def _place(relative: str, target: Path, changed: set[str], out_dir: Path, pending: Path) -> None:
    """A file of the new tree put in place: a changed one moved from pending, any other linked to out_dir's."""
    if relative in changed:
        os.rename(pending / relative, target)  # pending's paths were checked when written (Inside)
    else:
        _link_or_copy(out_dir / relative, target)


def _write_file(target: Path, data: bytes) -> None:
    try:
        target.write_bytes(data)
    except OSError as error:
        error.filename = error.filename or str(target)  # a full disk names no file: name the one being written
        raise


def swap_in(staging: Path, out_dir: Path, scratch: Path | None = None, keep_old: Path | None = None) -> None:
    """Replace out_dir by the complete staging folder in one step (scratch: where staging and old trees live;
    keep_old: where the replaced tree goes, instead of being deleted)."""
    if out_dir.exists():
        check_ours(out_dir)
        if _exchange(staging, out_dir):
            _discard(staging, keep_old)
            return
        old = _sibling(out_dir, "old", scratch)
        os.rename(out_dir, old)  # fallback without renameat2: recover() repairs a crash here
        os.rename(staging, out_dir)
        _discard(old, keep_old)
    else:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        os.rename(staging, out_dir)


def _discard(tree: Path, keep: Path | None) -> None:
    if keep is None:
        shutil.rmtree(tree)
        return
    if keep.exists():
        shutil.rmtree(keep)
    os.rename(tree, keep)


def recover(out_dir: Path, scratch: Path | None = None) -> None:
    """Clean up after an interrupted run: drop a half-made staging folder, restore an old tree."""
    staging, old = _sibling(out_dir, "staging", scratch), _sibling(out_dir, "old", scratch)
    for unfinished in (staging, _sibling(out_dir, "pending", scratch)):
        if unfinished.exists():
            shutil.rmtree(unfinished)
    if old.exists():
        if out_dir.exists():
            shutil.rmtree(old)
        else:
            os.rename(old, out_dir)


def _sibling(out_dir: Path, role: str, scratch: Path | None = None) -> Path:
    return (scratch or out_dir.parent) / f".{out_dir.name}.{role}"


def same_file_system(folder: Path, scratch: Path) -> bool:
    """Whether a tree made in scratch can replace one in folder's parent with a rename (no copy)."""
    parent = folder.parent
    while not parent.exists():
        parent = parent.parent
    return os.stat(parent).st_dev == os.stat(scratch).st_dev


def check_ours(out_dir: Path) -> None:
    """Refuse to replace a folder with files in it that no build of ours made."""
    if not (out_dir / MARKER).is_file() and any(out_dir.iterdir()):
        raise OutputError(
            f"{out_dir} holds files the generator did not make (no {MARKER} marker); "
            "move them elsewhere or delete the folder, then run again"
        )


def _existing_sizes(out_dir: Path) -> dict[str, int]:
    """The size of each file in out_dir (relative POSIX path -> bytes), links and our marker left out."""
    if not out_dir.is_dir():
        return {}
    check_ours(out_dir)
    found: dict[str, int] = {}
    for relative, entry in entries(out_dir):
        if entry.is_file(follow_symlinks=False) and entry.name != MARKER:
            found[relative] = entry.stat(follow_symlinks=False).st_size
    return found


def _link_or_copy(source: Path | str, target: Path | str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _exchange(first: Path, second: Path) -> bool:
    """Atomically swap two folders with renameat2(RENAME_EXCHANGE) where Linux has it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    return result == 0


def mark_as_generated(folder: Path) -> None:
    """Mark a folder made by a tool we drive (such as MkDocs) as safe to replace. A new file, not written into
    the old one: in an incremental build's staging tree, the old one is site/'s (engines/site_copy.py)."""
    if folder.is_dir():
        (folder / MARKER).unlink(missing_ok=True)
        (folder / MARKER).write_bytes(MARKER_TEXT)
