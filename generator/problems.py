"""Problems found in the inputs: where, what, and how to fix it.

Every stage collects problems instead of stopping at the first one, so that an
editor sees everything that is wrong in one run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: str = "error"  # "error" fails the build; "warning" is reported only

    def format_text(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def format_github(self) -> str:
        level = "error" if self.severity == "error" else "warning"
        body = f"{self.message} ({self.hint})" if self.hint else self.message
        body = body.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={self.path},line={self.line},col={self.column}::{body}"


class InputError(Exception):
    """Raised when the inputs have errors; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the inputs")


def display_path(path: Path, root: Path) -> str:
    """A path as editors see it: relative to the project root when inside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
