"""The parse cache's key covers all of the project's code that reading a seed or a YAML file runs: an edit to
any of it must make the cache read again (generator/cache.py CODE_THAT_PARSES)."""

from __future__ import annotations

import ast

from generator.cache import CODE_THAT_PARSES
from tests.conftest import ROOT

GENERATOR = ROOT / "generator"
READING_ENTRY_POINTS = ("seed_formats.py", "yamlfile.py", "schema.py", "paragraph_record.py")


def generator_imports(module: str) -> set[str]:
    """The generator modules a module imports, at its top or inside a function, as file names."""
    tree = ast.parse((GENERATOR / module).read_text(encoding="utf-8"))
    for block in ast.walk(tree):  # imports for type checkers only never run
        if isinstance(block, ast.If) and getattr(block.test, "id", None) == "TYPE_CHECKING":
            block.body = []
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator."):
            found.add(node.module.split(".")[1] + ".py")
    return {name for name in found if (GENERATOR / name).is_file()}


def code_reading_runs() -> set[str]:
    seen, todo = set(), list(READING_ENTRY_POINTS)
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += generator_imports(module) - seen
    return seen


def test_every_module_that_reading_runs_is_part_of_the_cache_key():
    missing = code_reading_runs() - set(CODE_THAT_PARSES)
    assert not missing, f"add {sorted(missing)} to CODE_THAT_PARSES in generator/cache.py"
