"""The generator's state between runs (parse and page caches, the last navigation): plain JSON (never pickle,
so nothing in it can run), written atomically, and read back only when written by the same code."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

from generator.common.atomic_file import replace_in_parts, replace_text


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
    replace_text(path, json.dumps(content, ensure_ascii=False))


def read_lines(path: Path, code: str) -> dict[str, str]:
    """A keyed store in JSON Lines, if written by this very code: each entry's JSON text by its key, parsed only
    when used (a big briefing's entries would take gigabytes as Python objects, most of them never read)."""
    try:
        with path.open(encoding="utf-8") as lines:
            if json.loads(lines.readline() or "null") != {"code": code}:
                return {}
            return dict(line.rstrip("\n").split(" ", 1) for line in lines)
    except (OSError, ValueError):
        return {}


def write_lines(path: Path, code: str, entries: dict[str, str]) -> None:
    """entries: JSON texts (one line each) by keys without spaces; the first line names the code."""
    # Line by line: joined, the text of a big cache would be held whole, four bytes a character if one needs it
    lines = (f"{key} {entry}\n".encode() for key, entry in sorted(entries.items()))
    replace_in_parts(path, itertools.chain([json.dumps({"code": code}).encode() + b"\n"], lines))
