"""The copy of site/ that an incremental build starts from, and the spare that makes the next copy cheap.

MkDocs writes files in place, so the staging folder an incremental build works in
must hold real copies of site/'s files, never hard links: a shared inode would
change the live site. Copying a big site costs as much as deleting one (55,000
files at 10,000 sources: about 18 s each here), so neither is done whole when it
can be avoided. When a build replaces site/, the site it replaced is kept as the
spare (build/.site.spare) instead of being deleted; the next build brings the
spare up to date with site/, copying only the files that differ, and builds in it.

Files are copied with their times (shutil.copy2), so a file of site/ with the same
size and modification time as the spare's is the file the spare already holds: a
build writes every file it changes afresh, with the time it writes it. A spare
that is missing, or was left half brought up to date by a kill, is simply
compared again (or copied whole) next time; it never shares an inode with site/.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from subprocess import DEVNULL

from generator.engines.processes import die_with_parent


class SiteCopy:
    """A copy of site/ in the staging folder, made before the plan is known (while the generator works), from
    the spare when there is one. A copy that failed is removed and not used."""

    def __init__(self, site_dir: Path, staging: Path, spare: Path) -> None:
        self.site_dir = site_dir
        self.staging = staging
        self.spare = spare
        self.made = False
        self.seconds = 0.0

    def make(self) -> None:
        started = time.perf_counter()
        try:
            copy_site(self.site_dir, self.staging, self.spare)
            self.made = True
        except OSError:  # a full disk, say: the build copies again, and reports what fails then
            shutil.rmtree(self.staging, ignore_errors=True)
        self.seconds = time.perf_counter() - started


def copy_site(site_dir: Path, staging: Path, spare: Path | None = None) -> None:
    """staging as a copy of site_dir: the spare brought up to date when there is one, else a new copy."""
    if staging.exists():
        shutil.rmtree(staging)
    if spare is not None and spare.is_dir() and not spare.is_symlink():
        os.rename(spare, staging)
        sync_tree(site_dir, staging)
    else:
        copy_whole(site_dir, staging)


def copy_whole(site_dir: Path, staging: Path) -> None:
    """staging, which does not exist, as a copy of site_dir with every file's time. By cp, where there is one: a
    program of its own, it copies without Python's work per file (at 10,000 sources 2.3 s against 5.3 s, of which
    0.1 s of CPU against 2.6 s, which at 100,000 is taken from the generator working meanwhile). A cp that fails
    or lacks these options (not GNU's) leaves the copy to Python."""
    cp = shutil.which("cp")
    if cp is not None:
        command = [cp, "-a", "--reflink=auto", "--", str(site_dir), str(staging)]
        # Not child_process(): the copy runs in a thread (while the generator works), where signals cannot be
        # handled; the kernel ends cp if the thread's process is killed
        with contextlib.suppress(OSError):
            if subprocess.run(command, stdout=DEVNULL, stderr=DEVNULL, preexec_fn=_yielding()).returncode == 0:
                return
        shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(site_dir, staging, symlinks=True)  # copy2: each file keeps its time


LOWEST_PRIORITY = 19  # nice


def _yielding() -> Callable[[], None]:
    """A preexec_fn: cp ends with this process, and takes only the CPU time the generator leaves: the copy is
    needed only once the generator is done, which it nearly always outlasts. At 100,000 sources this gained
    little (generating 159 s instead of 163 s beside the copy, make bench-100k at 7b69758): what slows the
    generating inside a build is not the copy's share of the cores."""
    arm = die_with_parent()

    def start() -> None:  # in the child, between fork and exec
        arm()
        with contextlib.suppress(OSError):
            os.nice(LOWEST_PRIORITY)

    return start


def sync_tree(source: Path, target: Path) -> None:
    """Make target, an older copy of source, equal to it: what differs in size or time is copied again, what
    source no longer has is removed."""
    theirs = {entry.name: entry for entry in os.scandir(source)}
    for entry in os.scandir(target):
        other = theirs.get(entry.name)
        if other is None or _kind(other) != _kind(entry) or not _same(other, entry):
            _remove(entry)
    mine = {entry.name for entry in os.scandir(target)}
    for name, entry in theirs.items():
        path = os.path.join(target, name)
        kind = _kind(entry)
        if kind == "dir":
            if name not in mine:
                os.mkdir(path)
            sync_tree(Path(entry.path), Path(path))
        elif name not in mine:
            if kind == "link":
                os.symlink(os.readlink(entry.path), path)
            else:
                shutil.copy2(entry.path, path)


def _kind(entry: os.DirEntry) -> str:
    if entry.is_symlink():
        return "link"
    return "dir" if entry.is_dir() else "file"


def _same(source: os.DirEntry, target: os.DirEntry) -> bool:
    """Whether target may stay: a folder (its files are compared in turn), the same link, or a file of the
    same size and time."""
    kind = _kind(source)
    if kind == "dir":
        return True
    if kind == "link":
        return os.readlink(source.path) == os.readlink(target.path)
    mine, theirs = target.stat(follow_symlinks=False), source.stat(follow_symlinks=False)
    return mine.st_size == theirs.st_size and mine.st_mtime_ns == theirs.st_mtime_ns and mine.st_ino != theirs.st_ino


def _remove(entry: os.DirEntry) -> None:
    if _kind(entry) == "dir":
        shutil.rmtree(entry.path)
    else:
        os.unlink(entry.path)
