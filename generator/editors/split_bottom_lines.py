"""`migrate`, for bottom lines: a single block of text becomes a list of sentences, once.

Bottom lines written before evidence existed (`bottom_line: >- ...` in
content/briefing.yml and content/taxonomy.yml) are split into sentences, each
with an empty `evidence: []` that `check` then asks the editor to fill in
(code uncited-sentence). Only the lines of the old value change; every comment
and every other line stays as it was, and a file whose new text would not read
back as the same words is left untouched.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

from generator.inputs.yamlfile import parse_yaml

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘(])")
WIDTH = 78


def split_sentences(text: str) -> list[str]:
    return [part for part in SENTENCE_END.split(" ".join(text.split())) if part]


def old_bottom_lines(data: Any) -> list[tuple[str | int, ...]]:
    """Paths of every bottom line written as one string."""
    paths: list[tuple[str | int, ...]] = []
    if isinstance(data, dict):
        for key in ("countries", "themes"):
            for index, term in enumerate(data.get(key) or ()):
                if isinstance(term, dict) and isinstance(term.get("bottom_line"), str):
                    paths.append((key, index, "bottom_line"))
        if isinstance(data.get("bottom_line"), str):
            paths.append(("bottom_line",))
    return paths


def split_file_text(text: str) -> tuple[str, int, str]:
    """(new text, bottom lines split, why it was refused or "")."""
    document, problems = parse_yaml(text)
    if document is None or problems:
        return text, 0, "it does not parse; run check and fix it first"
    paths = old_bottom_lines(document.data)
    lines = text.splitlines(keepends=True)
    for path in sorted(paths, key=lambda p: document.where_key(p), reverse=True):  # bottom up: lines stay put
        line, column = document.where_key(path)
        end = line
        for number in range(line + 1, len(lines) + 1):
            current = lines[number - 1]
            if not current.strip():
                continue
            if len(current) - len(current.lstrip(" ")) < column:
                break
            end = number
        lines[line - 1 : end] = _as_list(" " * (column - 1), _value(document.data, path))
    migrated = "".join(lines)
    after, problems = parse_yaml(migrated)
    if after is None or problems or not _same_words(document.data, after.data, paths):
        return text, 0, "the result would not read back as the same words; split the bottom lines by hand"
    return migrated, len(paths), ""


def _value(data: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def _as_list(indent: str, text: str) -> list[str]:
    out = [f"{indent}bottom_line:\n"]
    for sentence in split_sentences(text):
        wrapped = textwrap.wrap(sentence, WIDTH - len(indent) - 6, break_long_words=False, break_on_hyphens=False)
        out.append(f"{indent}  - text: >-\n")
        out += [f"{indent}      {part}\n" for part in wrapped]
        out.append(f"{indent}    evidence: []\n")
    return out


def _same_words(before: Any, after: Any, paths: list[tuple[str | int, ...]]) -> bool:
    """The same data, but for each old bottom line now a list of sentences with the same words."""
    for path in paths:
        sentences = _value(after, path)
        if not isinstance(sentences, list) or " ".join(s["text"] for s in sentences) != " ".join(
            _value(before, path).split()
        ):
            return False
        _value(after, path[:-1])[path[-1]] = _value(before, path)
    return after == before
