"""The preview's generations, in a process of their own that can use every core.

`mkdocs serve` runs the hook, and so each generation after an edit, in a process
whose server and file watcher run in threads. Forking a process with threads
running can copy a lock some thread holds, so a generation there renders on one
core (common/workers.py): 56 s for an edit at 10,000 sources, against 38 s on the
command line. The worker is forked once, when MkDocs starts up and no thread is
running yet; it has no threads of its own, so it forks its workers as the command
line does. It ends with the preview (end_with_parent), or when its pipe closes.
The run lock stays with the hook, which asks for each generation.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from generator.common.parent_death import end_with_parent
from generator.common.problems import InputError


class WorkerGone(Exception):
    """The worker ended (killed, or out of memory): the hook generates in its own process from then on."""


Task = Callable[[Path, Path], Any]  # a generation of docs_dir (the second) for the project at root (the first)


class GenerationWorker:
    """A forked process that runs task on request; start it only while this process runs no other thread."""

    def __init__(self, task: Task) -> None:
        if threading.active_count() > 1:
            raise RuntimeError("a generation worker is forked only while no other thread runs")
        context = multiprocessing.get_context("fork")
        self._pipe, theirs = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(theirs, self._pipe, task, os.getpid()), name="briefing-generation"
        )
        self._process.start()
        theirs.close()

    def generate(self, root: Path, docs_dir: Path) -> Any:
        """task, done in the worker: its result, or what it raised (InputError with its problems)."""
        try:
            self._pipe.send((str(root), str(docs_dir)))
            outcome, value = self._pipe.recv()
        except (EOFError, OSError) as error:
            self.close()
            raise WorkerGone(f"the generation worker ended ({error or 'no answer'})") from None
        if outcome == "input errors":
            raise InputError(value)
        if outcome == "raised":
            raise value
        return value

    def close(self) -> None:
        self._pipe.close()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()


def _serve(pipe: Connection, hooks_end: Connection, task: Task, parent: int) -> None:
    end_with_parent(parent, signal.SIGTERM)
    hooks_end.close()  # the fork copied it; held open here, it would keep the worker from seeing the hook close it
    while True:
        try:
            root, docs_dir = pipe.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        pipe.send(_outcome(task, Path(root), Path(docs_dir)))


def _outcome(task: Task, root: Path, docs_dir: Path) -> tuple[str, Any]:
    try:
        return "returned", task(root, docs_dir)
    except InputError as error:  # sent as its problems: the exception itself does not survive pickling
        return "input errors", error.problems
    except Exception as error:  # raised in the hook as if it had generated there
        try:
            multiprocessing.reduction.ForkingPickler.dumps(error)
        except Exception:
            error = RuntimeError(f"{type(error).__name__}: {error}")
        return "raised", error
