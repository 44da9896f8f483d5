"""The tree an incremental build assembles the next site/ in: site/'s files, linked, not copied.

Copying site/ cost more than anything else in a build after a few new sources (at
100,000 sources, 6.7 GB in 525,000 files: 54 to 72 s, where linking them takes 19 s
with a cold file cache). The staging tree therefore holds hard links to site/'s
files, which is safe only because nothing ever writes into a file of it: the
engine builds into a folder of its own (engines/incremental.py), and the files it
wrote are then renamed into the staging tree, replacing the links; outputs of
changed and removed docs files, stale search bundles and the marker are unlinked
before anything new takes their place. A rename or an unlink changes the staging
tree's entries, never the files site/ shares with it, so site/ is byte for byte
what it was until the staging tree replaces it, whatever fails or is killed.

The site that a build replaces is deleted by the next build, while its generator
works (deleting it at once cost 10 s at 100,000 sources).
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
    """The staging tree, made before the plan is known (while the generator works), after the site the last build
    replaced is deleted. A tree that failed is removed and not used."""

    def __init__(self, site_dir: Path, staging: Path, replaced: Path) -> None:
        self.site_dir = site_dir
        self.staging = staging
        self.replaced = replaced
        self.made = False
        self.seconds = 0.0

    def make(self) -> None:
        started = time.perf_counter()
        try:
            remove_tree(self.replaced)
            link_site(self.site_dir, self.staging)
            self.made = True
        except OSError:  # a full disk, say: the build tries again, and reports what fails then
            shutil.rmtree(self.staging, ignore_errors=True)
        self.seconds = time.perf_counter() - started


def link_site(site_dir: Path, staging: Path) -> None:
    """staging as a tree of hard links to site_dir's files (folders and symbolic links made anew, with their
    times). By cp -al where there is one; where linking fails (a file system without hard links, or not GNU's
    cp), by copying, which the engine's folder and renames work with in the same way."""
    if staging.exists():
        shutil.rmtree(staging)
    if _run("cp", "-al", "--", str(site_dir), str(staging)):
        return
    shutil.rmtree(staging, ignore_errors=True)
    if _run("cp", "-a", "--", str(site_dir), str(staging)):
        return
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(site_dir, staging, symlinks=True)  # copy2: each file keeps its time


def remove_tree(tree: Path) -> None:
    """Delete tree if it exists: by rm, a program of its own at the lowest priority, else by Python."""
    if tree.is_symlink() or not tree.exists():
        return
    if not _run("rm", "-rf", "--", str(tree)):
        shutil.rmtree(tree)


def _run(program: str, *arguments: str) -> bool:
    """Whether the program ran and succeeded; False when there is none."""
    found = shutil.which(program)
    if found is None:
        return False
    # Not child_process(): this runs in a thread (while the generator works), where signals cannot be handled;
    # the kernel ends the program if the thread's process is killed
    try:
        done = subprocess.run([found, *arguments], stdout=DEVNULL, stderr=DEVNULL, preexec_fn=_yielding())
    except OSError:
        return False
    return done.returncode == 0


LOWEST_PRIORITY = 19  # nice


def _yielding() -> Callable[[], None]:
    """A preexec_fn: the program ends with this process, and takes only the CPU time the generator leaves: the
    tree is needed only once the generator is done, which it nearly always outlasts."""
    arm = die_with_parent()

    def start() -> None:  # in the child, between fork and exec
        arm()
        with contextlib.suppress(OSError):
            os.nice(LOWEST_PRIORITY)

    return start
