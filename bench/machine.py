"""How much of the machine other work took while a benchmark timed something.

These machines are shared: a figure timed beside other work is high, and a share taken across two steps is off
when only one of them had company (a test suite beside the first half of a run once made an edit look like 9 % of
a generation from scratch, against 10.6 % on a quiet machine). Each timed step counts the CPU time the whole
machine spent (/proc/stat) less that of the benchmark and its children, and the results print it with the figures.
"""

from __future__ import annotations

import compileall
import os
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.inputs.parse_cache import folder_digest

QUIET_SHARE = 0.05  # of all cores' time: below it, what else ran is noise (the kernel writing our files, say)


def _machine_busy_seconds() -> float | None:
    """CPU seconds every core has spent busy since boot; None where there is no /proc/stat."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = stat.readline().split()
        user, nice, system, _idle, _iowait, irq, softirq, steal = (int(value) for value in fields[1:9])
    except (OSError, ValueError):
        return None
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _own_seconds() -> float:
    """CPU seconds of this process and of its children that have ended (each timed step waits for its own)."""
    mine, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime


class OtherWork:
    """The CPU time others took while steps were timed, added up over the steps."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.cpu_seconds = 0.0
        self.timed_seconds = 0.0
        self.known = True

    @contextmanager
    def watching(self) -> Iterator[None]:
        busy, own, started = _machine_busy_seconds(), _own_seconds(), time.perf_counter()
        try:
            yield
        finally:
            after = _machine_busy_seconds()
            if busy is None or after is None:
                self.known = False
            else:
                self.cpu_seconds += max(0.0, (after - busy) - (_own_seconds() - own))
            self.timed_seconds += time.perf_counter() - started

    def described(self) -> str:
        """For the results: how much, and whether the figures beside it can be trusted as they are."""
        if not self.known:
            return "not known (this system has no /proc/stat)"
        cores = os.cpu_count() or 1
        share = self.cpu_seconds / (self.timed_seconds * cores) if self.timed_seconds else 0.0
        verdict = "quiet" if share < QUIET_SHARE else "BUSY: the seconds are high, and shares across steps uneven"
        return (
            f"{self.cpu_seconds:.0f} CPU s in {self.timed_seconds:.0f} s timed, {100 * share:.0f} % of {cores} "
            f"cores' time: {verdict}"
        )


def compile_generator(root: Path) -> str:
    """The generator's modules compiled to bytecode, as Python leaves them after a first run: unless
    PYTHONDONTWRITEBYTECODE is set, as it is on these machines, where each timed command would otherwise compile
    all of them again (0.14 s of each). Stale bytecode is never used: Python checks each source's time and size."""
    done = compileall.compile_dir(root / "generator", quiet=1)
    return "compiled to bytecode, as after a first run" if done else "NOT all compiled (see the errors above)"


class CodeWatch:
    """Whether the code the timed commands run (the generator and the MkDocs hook) changed since the watch began.
    A checkout edited during a run makes its later figures those of other code, and a rebuild after the change
    builds everything again: on 2026-12-06 a CI-style rebuild at 10,000 sources measured 65 s so, and 24 s
    measured again. Measure from a git worktree of one commit to keep editing meanwhile."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.digest = self._now()

    def _now(self) -> str:
        return folder_digest(self.root, ["generator", "hooks"])

    def described(self) -> str:
        """For the results: whether the figures are all of one version of the code."""
        if self._now() != self.digest:
            return "CHANGED while measuring: these figures mix two versions of the code; measure again"
        return "unchanged while measuring"
