"""Files replaced in one step: a reader, a crash or a full disk never meets one half-written."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path


def replace_text(path: Path, text: str) -> None:
    """Write text to a temporary sibling and rename it over path; on any failure the sibling is removed."""
    replace_bytes(path, text.encode("utf-8"))


def replace_bytes(path: Path, content: bytes) -> None:
    """replace_text, for bytes."""
    replace_in_parts(path, [content])


def replace_in_parts(path: Path, parts: Iterable[bytes]) -> None:
    """replace_bytes, for content made part by part as it is written (a big cache need not be held twice)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")  # build/ cleans up *.tmp its cache left (write/lock.py)
    try:
        with temporary.open("wb") as file:
            file.writelines(parts)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)  # half-written on a full disk, it would only hold on to space
        if isinstance(error, OSError) and not error.filename:
            error.filename = str(temporary)  # a failed write names no file; the message must
        raise
