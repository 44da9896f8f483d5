"""The generator's state between runs (parse and page caches, the last navigation): plain JSON (never pickle,
so nothing in it can run), written atomically, and read back only when written by the same code."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any


def read_stored(path: Path | None, code: str) -> dict[str, Any]:
    """What a cache file holds, if it was written by this very code; else nothing."""
    if path is None or not path.is_file():
        return {}
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stored if isinstance(stored, dict) and stored.get("code") == code else {}


def write_stored(path: Path, content: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    try:
        temporary.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)  # half-written on a full disk, it would only hold on to space
        if isinstance(error, OSError) and not error.filename:
            error.filename = str(temporary)  # a failed write names no file; the message must
        raise
