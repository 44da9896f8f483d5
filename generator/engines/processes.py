"""Child processes (MkDocs, and the Pagefind it starts) that live and die with the generator.

A child runs in a process group of its own, so that one signal reaches it and
everything it started. The group is ended on every way out of the `with` block:
a normal return, an exception, or SIGINT, SIGTERM or SIGHUP to the generator
(which make passes on for SIGTERM, and a terminal sends to the whole job). The
child also gets SIGTERM from the kernel if the generator itself is killed with
SIGKILL (PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any, NoReturn

from generator.common.parent_death import end_with_parent

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
GRACE_SECONDS = 3.0  # SIGTERM first; SIGKILL for whatever still runs after this


class Stopped(Exception):
    """Raised in the main thread when the generator is asked to stop by a signal."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Turn SIGINT, SIGTERM and SIGHUP into Stopped, so that cleanup runs and no traceback is printed."""

    def raise_stopped(signum: int, frame: FrameType | None) -> NoReturn:
        raise Stopped(signum)

    previous = {signum: signal.signal(signum, raise_stopped) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


# Looked up once, here: between fork and exec a child of a threaded parent must not load libraries.


def die_with_parent() -> Callable[[], None]:
    """A preexec_fn for Popen: the child gets SIGTERM when the thread that starts it ends.

    Made in the parent, so that the child can tell whether its parent died before the
    signal was armed (it then has another parent already) and end at once.
    """
    parent = os.getpid()

    def arm() -> None:  # runs in the child between fork and exec
        end_with_parent(parent, signal.SIGTERM)

    return arm


@contextmanager
def child_process(command: list[str], **popen_options: Any) -> Iterator[subprocess.Popen[bytes]]:
    """Start command in a process group of its own; end the whole group on leaving the block."""
    process = subprocess.Popen(command, start_new_session=True, preexec_fn=die_with_parent(), **popen_options)
    try:
        yield process
    finally:
        end_group(process)


def end_group(process: subprocess.Popen) -> None:
    """SIGTERM to the child's group, then SIGKILL to what is left after a grace period."""
    with _signals_held():
        _signal_group(process, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=GRACE_SECONDS)
        _signal_group(process, signal.SIGKILL)  # also grandchildren that outlived the child
        process.wait()


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # the group is gone already
        os.killpg(process.pid, signum)


@contextmanager
def _signals_held() -> Iterator[None]:
    """A second Ctrl-C while the children are being ended must not interrupt the ending."""
    previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
