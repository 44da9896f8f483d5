"""A child process that ends when its parent does, even when the parent is killed and cannot clean up."""

from __future__ import annotations

import ctypes
import os
import sys

PR_SET_PDEATHSIG = 1
_PRCTL = ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith("linux") else None


def end_with_parent(parent: int, signal_number: int) -> None:
    """Called in a child: be sent signal_number when the thread that started it ends (Linux), and end at once if
    parent (the pid it was started by) is already gone, since the signal would then never come."""
    if _PRCTL is not None:
        _PRCTL(PR_SET_PDEATHSIG, signal_number)
    if os.getppid() != parent:
        os._exit(1)
