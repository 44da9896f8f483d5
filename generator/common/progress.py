"""Progress for long runs: counts that update in place on a terminal.

Silent when stderr is not a terminal or when CI is set, so CI logs and tests stay
clean. One Progress per run; stages are reported in the order the pipeline runs them.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator, Sized
from typing import TextIO, TypeVar, cast

Item = TypeVar("Item")
INTERVAL = 0.25  # seconds between in-place updates: often enough to see it move


class Progress:
    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = self.stream.isatty() and not os.environ.get("CI")
        self.enabled = enabled
        self.started = time.perf_counter()

    def counted(self, items: Iterable[Item], label: str, total: int | None = None) -> Iterator[Item]:
        """Yield items, showing "label: done/total" while they are worked through."""
        if not self.enabled:
            yield from items
            return
        total = total if total is not None else _length(items)
        shown, done = 0.0, 0
        for done, item in enumerate(items, 1):
            now = time.perf_counter()
            if now - shown >= INTERVAL:
                self._show(f"{label}: {done:,}/{total:,}" if total else f"{label}: {done:,}", end="")
                shown = now
            yield item
        self.stage(f"{label}: {done:,}")

    def stage(self, message: str) -> None:
        """A finished step, with the time since the run started."""
        if self.enabled:
            self._show(f"{message} ({time.perf_counter() - self.started:.1f} s)", end="\n")

    def _show(self, text: str, end: str) -> None:
        self.stream.write(f"\r\x1b[K{text}{end}")
        self.stream.flush()


def _length(items: Iterable[object]) -> int | None:
    try:
        return len(cast(Sized, items))  # a generator has no len(): the TypeError below says so
    except TypeError:
        return None


QUIET = Progress(enabled=False)
