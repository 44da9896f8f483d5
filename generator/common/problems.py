"""Problems found in the inputs: where, what, and how to fix it.

Every stage collects problems instead of stopping at the first one, so that an
editor sees everything that is wrong in one run.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: str = "error"  # see SEVERITIES
    code: str = ""  # a kind of notice that options may treat differently (check --strict)

    def format_text(self) -> str:
        """One line for a terminal: control characters from file names or YAML are shown escaped, never sent."""
        text = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        return visible(f"{text} ({self.hint})" if self.hint else text)

    def format_github(self) -> str:
        """A GitHub workflow command: each property and the message escaped as the format requires, so that a
        file name cannot end the command or start another."""
        level = "warning" if self.severity == "warning" else "error"
        body = f"{self.message} ({self.hint})" if self.hint else self.message
        return (
            f"::{level} file={_property(visible(self.path))},line={self.line},col={self.column}::{_data(visible(body))}"
        )


UNPLACED = ""  # the path of a problem found in text before its file is known: parses are cached by bytes


def unplaced(line: int, column: int, message: str, hint: str = "") -> Problem:
    """A problem found in a file's text, whose path the caller gives it (see placed)."""
    return Problem(UNPLACED, line, column, message, hint)


def placed(problems: Iterable[Problem], path: str) -> list[Problem]:
    return [replace(problem, path=path) for problem in problems]


def problems_to_json(problems: Iterable[Problem]) -> list[list[int | str]]:
    """Unplaced problems as plain data, for the parse cache."""
    return [[p.line, p.column, p.message, p.hint] for p in problems]


def problems_from_json(rows: Iterable[Sequence[Any]]) -> list[Problem]:
    return [unplaced(*row) for row in rows]


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def visible(text: str) -> str:
    """Text with every control or format character written as an escape (\\x1b, \\n, \\u202e)."""
    return "".join(repr(ch)[1:-1] if unicodedata.category(ch)[0] == "C" else ch for ch in text)


SEVERITIES = {
    "error": "the build stops; nothing is written",
    "skipped": "the input is left out, the rest is built, and the exit status is non-zero",
    "warning": "reported only",
}


class InputError(Exception):
    """Raised when the inputs have errors; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the inputs")


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


def skipped(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "skipped"]
