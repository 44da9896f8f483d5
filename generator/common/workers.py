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
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from generator.common.cycles import collect_own_garbage_only
from generator.common.parent_death import end_with_parent

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
    return list(run_each(tasks, workers))


def run_each(
    tasks: Sequence[Callable[[], Any]], workers: int | None = None, most_at_once: int | None = None
) -> Iterator[Any]:
    """run_all, each result handed on as soon as it and those before it are done: the caller can write it away
    while later ones are computed, instead of holding them all (a big site's pages). most_at_once: the most tasks
    a worker is handed, and hands back the results of, at once (else an eighth of its share)."""
    workers = min(worker_count() if workers is None else workers, len(tasks) // WORTH_A_WORKER, copies_memory_holds())
    if workers <= 1 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (task() for task in tasks)
        return
    global _tasks
    _tasks = tasks
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=collect_own_garbage_only) as pool:
            chunk = max(1, min(len(tasks) // (workers * 8), most_at_once or len(tasks)))
            yield from pool.imap(_run, range(len(tasks)), chunksize=chunk)
    finally:
        _tasks = ()


def _run(index: int) -> Any:
    return _tasks[index]()


def copies_memory_holds() -> int:
    """How many copies of this process the available memory holds (0: not one); unlimited where /proc does not
    say."""
    try:
        resident = _kilobytes("/proc/self/status", "VmRSS:")
        available = _kilobytes("/proc/meminfo", "MemAvailable:")
    except (OSError, ValueError, StopIteration):
        return 1 << 30
    return available // max(resident, 1)


def _kilobytes(path: str, field: str) -> int:
    with open(path, encoding="ascii") as lines:
        return int(next(line for line in lines if line.startswith(field)).split()[1])


def run_apart(task: Callable[[], Any], meanwhile: Callable[[], None] | None = None) -> Any:
    """task() done in a forked child, its result (or exception) handed back: when the child exits, all the
    memory the task took is given back, which a process cannot do for itself (Python keeps freed memory in
    its arenas). In this process where forking is not safe (see run_all). meanwhile, if given, runs here in
    a thread started after the fork (a fork with threads running can deadlock the child), while the child
    works; it must not raise."""
    apart = Apart(task)
    if not apart.forked:
        if meanwhile is not None:
            meanwhile()
        return apart.result()
    helper = threading.Thread(target=meanwhile, name="meanwhile") if meanwhile is not None else None
    if helper is not None:
        helper.start()
    try:
        return apart.result()
    finally:
        if helper is not None:
            helper.join()


class Apart:
    """task() started at once in a forked child, while this process goes on with other work; result() waits for
    its result (or raises its exception). Where forking is not safe (see run_all), the task runs in result()."""

    def __init__(self, task: Callable[[], Any]) -> None:
        self._task: Callable[[], Any] | None = task
        self._child: Any = None
        if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
            return
        context = multiprocessing.get_context("fork")
        self._receiving, sending = context.Pipe(duplex=False)
        # not a daemon: it may start workers
        self._child = context.Process(target=_hand_back, args=(task, sending, os.getpid()))
        self._child.start()
        sending.close()
        self._task = None  # the child has it

    @property
    def forked(self) -> bool:
        return self._child is not None

    def result(self) -> Any:
        if self._child is None:
            assert self._task is not None, "result() is taken once"
            task, self._task = self._task, None
            return task()
        child, self._child = self._child, None
        try:
            outcome, value = self._receiving.recv()
        except EOFError:
            outcome, value = "ended", None
        finally:
            self._receiving.close()
            child.join()
        if outcome == "ended":
            raise ChildProcessError(f"the process doing the work ended without a result (exit code {child.exitcode})")
        if outcome == "raised":
            raise value
        return value

    def abandon(self) -> None:
        """Stop the child, if its result is not to be taken (this process failed meanwhile)."""
        child, self._child, self._task = self._child, None, None
        if child is not None:
            child.kill()
            child.join()
            self._receiving.close()


def _hand_back(task: Callable[[], Any], sending: Any, parent: int) -> None:
    end_with_parent(parent, signal.SIGKILL)  # a killed parent (the build) takes its generation with it
    collect_own_garbage_only()
    try:
        outcome = ("returned", task())
    except BaseException as error:  # Ctrl-C and failures alike: the parent raises it as if it had run the task
        outcome = ("raised", error)
    try:
        sending.send(outcome)
    except Exception as error:  # a result or exception that cannot be sent: say so rather than end without a word
        sending.send(("raised", RuntimeError(f"{outcome[1]!r} could not be handed back: {error}")))
    sending.close()
