"""Operating-system errors as one line: which path, what went wrong, what to do.

A traceback tells an editor nothing they can act on; the path and a remedy do.
The path is shown relative to the project when it lies inside it.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from generator.common.problems import visible

ADVICE = {
    errno.EACCES: "permission denied on {path}: give yourself access ({chmod}) or run as its owner",
    errno.EPERM: "operation not permitted on {path}: give yourself access ({chmod}) or run as its owner",
    errno.EROFS: "{path} is on a read-only file system: run the build in a writable copy of the project",
    errno.ENOSPC: "no space left on the device while writing {path}: free some space and run again",
    errno.EDQUOT: "disk quota exceeded while writing {path}: free some space or raise the quota, and run again",
    errno.ENAMETOOLONG: "the path {path} is too long for the file system: "
    "give the file a shorter name, or move the project to a shorter path",
    errno.EMFILE: "too many open files at {path}: raise the limit (ulimit -n 4096) and run again",
    errno.ENFILE: "the system has too many open files at {path}: close some programs and run again",
}


def explain(error: OSError, root: Path) -> str:
    """One line for an editor, such as
    'permission denied on build/docs: give yourself access (chmod -R u+rwX build) ...'."""
    paths = [shown for name in (error.filename, error.filename2) if (shown := _shown(name, root))]
    path = " -> ".join(paths) or "a file"
    advice = ADVICE.get(error.errno) if error.errno is not None else None
    if advice is None:
        reason = error.strerror or str(error) or type(error).__name__
        return visible(f"{reason}: {path}" if paths else reason)
    return visible(advice.format(path=path, chmod=_chmod(paths[0] if paths else ".")))


def _shown(name: object, root: Path) -> str | None:
    """A file name from an OSError as the editor knows it: relative to the project root when inside it."""
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    if not isinstance(name, str) or not name:
        return None  # a file descriptor, or no name at all
    path = Path(os.path.abspath(name))
    try:
        return path.relative_to(root.resolve()).as_posix() or "."
    except ValueError:
        return name


def _chmod(path: str) -> str:
    """The command that makes the whole folder in question writable: its top folder inside the project."""
    top = Path(path).parts[0] if not Path(path).is_absolute() and Path(path).parts else path
    return f"chmod -R u+rwX {top}"
