"""Independent pieces of work done on every core: seeds read, metadata files built, pages rendered.

Workers are forked, so they start with everything the parent has computed and are
handed only the position of their task; they return plain values (text, JSON data),
which come back in the order of the tasks. The result is the same whatever the
number of workers, so the output is too. One worker, or a process with other threads
running (a preview server: forking it could copy a lock some thread holds), does the
work in the process itself.

BRIEFING_WORKERS sets the number of workers (1: none); by default, one per core, but
no more than the memory available could hold if each worker came to copy the whole
parent: a forked worker shares the parent's pages only until it touches them, and
Python's reference counts touch them (at 100,000 sources the parent holds 14 GB).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from typing import Any

WORKERS_VARIABLE = "BRIEFING_WORKERS"
WORTH_A_WORKER = 64  # tasks below which starting workers costs more than it saves

_tasks: Sequence[Callable[[], Any]] = ()  # what forked workers find in their copy of this module


def worker_count() -> int:
    """BRIEFING_WORKERS if it is a whole number of at least 1, else the cores this process may use."""
    given = os.environ.get(WORKERS_VARIABLE, "")
    if given.isdigit() and int(given) >= 1:
        return int(given)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_all(tasks: Sequence[Callable[[], Any]], workers: int | None = None) -> list[Any]:
    """Each task's result, in order; tasks run in forked workers when there are enough of them."""
    workers = min(worker_count() if workers is None else workers, len(tasks) // WORTH_A_WORKER, _memory_allows())
    if workers <= 1 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [task() for task in tasks]
    global _tasks
    _tasks = tasks
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_run, range(len(tasks)), chunksize=max(1, len(tasks) // (workers * 8)))
    finally:
        _tasks = ()


def _run(index: int) -> Any:
    return _tasks[index]()


def _memory_allows() -> int:
    """How many copies of this process the available memory holds; unlimited where /proc does not say."""
    try:
        resident = _kilobytes("/proc/self/status", "VmRSS:")
        available = _kilobytes("/proc/meminfo", "MemAvailable:")
    except (OSError, ValueError, StopIteration):
        return 1 << 30
    return max(1, available // max(resident, 1))


def _kilobytes(path: str, field: str) -> int:
    with open(path, encoding="ascii") as lines:
        return int(next(line for line in lines if line.startswith(field)).split()[1])
