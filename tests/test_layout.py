"""The code's shape that the house rules ask for: every module in its stage's folder and under 300 lines.

Which stage may import which is checked by import-linter (`make lint`, contracts in pyproject.toml).
"""

from __future__ import annotations

from tests.conftest import ROOT

GENERATOR = ROOT / "generator"
STAGES = {"common", "inputs", "model", "derive", "render", "write", "editors", "engines"}
TOP_LEVEL = {"__init__.py", "__main__.py", "cli.py", "commands.py", "pipeline.py"}
MAX_LINES = 300


def test_every_module_sits_in_a_stage_folder():
    for path in GENERATOR.rglob("*.py"):
        parts = path.relative_to(GENERATOR).parts
        assert parts[0] in STAGES or (len(parts) == 1 and parts[0] in TOP_LEVEL), path


def test_no_module_is_over_300_lines():
    long = {str(p.relative_to(ROOT)): n for p in GENERATOR.rglob("*.py") if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert long == {}, "split these modules where their subjects part"
