"""One run at a time per project: an exclusive lock on build/run.lock.

Every generation and build takes the lock for its whole run (the command line's
generate, build and the first generation of serve; the MkDocs hook's own
generations while serving, and its search indexing). A second run waits up to
BRIEFING_LOCK_WAIT seconds (default WAIT_SECONDS), saying whom it waits for,
then gives up with ProjectBusy, naming the holder's pid.

The lock is a kernel lock (flock): it is released when its holder ends, however it
ends, SIGKILL included, so there is never a stale lock to clean up. A run passes
the lock on to the MkDocs it starts (the same open file), so the project stays
locked until MkDocs, too, has gone.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.common.project import Project
from generator.write.tree import recover

LOCK_FILE = "run.lock"  # under build/
WAIT_VARIABLE = "BRIEFING_LOCK_WAIT"
HELD_BY_PARENT = "BRIEFING_LOCK_HELD"  # set for the MkDocs a locked run starts: its hook must not lock again
WAIT_SECONDS = 120.0  # a full build of a few hundred sources takes well under this
POLL_SECONDS = 0.1


class ProjectBusy(Exception):
    """Another run held the project's lock for longer than we were willing to wait."""

    def __init__(self, lock_path: Path, holder: str, waited: float):
        self.lock_path, self.holder, self.waited = lock_path, holder, waited
        super().__init__(
            f"another run ({holder}) is still building this project after {waited:g} s of waiting "
            f"(it holds {lock_path.parent.name}/{lock_path.name}); let it finish and run again, or set"
            f" {WAIT_VARIABLE} to wait longer"
        )


def wait_limit() -> float:
    """How long to wait for another run: $BRIEFING_LOCK_WAIT seconds, else WAIT_SECONDS."""
    value = os.environ.get(WAIT_VARIABLE, "")
    try:
        return max(0.0, float(value)) if value else WAIT_SECONDS
    except ValueError:
        return WAIT_SECONDS


@contextmanager
def one_run_at_a_time(
    build_dir: Path, what: str, wait: float | None = None, say: Callable[[str], None] | None = None
) -> Iterator[int]:
    """Hold the project's lock for the block; yield its file descriptor (to pass on to children)."""
    build_dir.mkdir(parents=True, exist_ok=True)
    lock_path = build_dir / LOCK_FILE
    descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    try:
        _acquire(descriptor, lock_path, wait_limit() if wait is None else wait, say or _to_stderr)
        _write_holder(descriptor, f"pid {os.getpid()}: {what}")
        yield descriptor
    finally:
        os.close(descriptor)  # releases the lock, unless a child still holds the same open file


def _acquire(descriptor: int, lock_path: Path, wait: float, say: Callable[[str], None]) -> None:
    deadline = time.monotonic() + wait
    announced = False
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as error:
            if error.errno not in (errno.EWOULDBLOCK, errno.EACCES):
                raise
        holder = holder_of(lock_path)
        if time.monotonic() >= deadline:
            raise ProjectBusy(lock_path, holder, wait)
        if not announced:
            say(f"waiting for another run ({holder}) to finish, up to {wait:g} s ({WAIT_VARIABLE})")
            announced = True
        time.sleep(POLL_SECONDS)


def holder_of(lock_path: Path) -> str:
    """Who holds the lock, as its holder wrote it ("pid 123: build"), or "pid unknown" if it has not yet."""
    try:
        written = lock_path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        written = ""
    return written or "pid unknown"


def _write_holder(descriptor: int, holder: str) -> None:
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, f"{holder}\n".encode(), 0)


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def exclusive_run(project: Project, what: str, say: Callable[[str], None] | None = None) -> Iterator[int]:
    """Hold the project's lock for a run, first clearing what an interrupted earlier run left behind."""
    with one_run_at_a_time(project.build_dir, what, say=say) as descriptor:
        clear_debris(project)
        yield descriptor


def clear_debris(project: Project) -> None:
    """Staging folders and temporary files of a run that was killed or ran out of space: whoever left them,
    they are not in use, since we hold the lock."""
    recover(project.docs_dir)
    recover(project.site_dir, project.build_dir)
    shutil.rmtree(project.scratch_dir, ignore_errors=True)
    for leftover in sorted(project.cache_path.parent.glob("*.tmp")):
        leftover.unlink(missing_ok=True)
