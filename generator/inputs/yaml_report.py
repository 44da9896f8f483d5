"""Where a problem in a YAML file is: the one way every check places what it finds."""

from __future__ import annotations

from generator.common.problems import Problem
from generator.inputs.load import YamlFile
from generator.inputs.yamlfile import Path_


class Report:
    """Problems of one YAML file, placed by the path of the offending value."""

    def __init__(self, file: YamlFile, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems

    def first_time(self, code: str) -> bool:
        """True once per file and code: for notices whose one fix covers the whole file."""
        seen = self.__dict__.setdefault("_codes_seen", set())
        if code in seen:
            return False
        seen.add(code)
        return True

    def error(
        self, path: Path_, message: str, hint: str = "", severity: str = "error", code: str = "", at_key: bool = False
    ) -> None:
        """A problem at the value at path, or with at_key, at its key (for a key that should not be there)."""
        line, column = (self.file.document.where_key if at_key else self.file.document.where)(path)
        self.problems.append(Problem(self.file.path, line, column, message, hint, severity, code))
