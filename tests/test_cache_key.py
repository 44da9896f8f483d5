"""The caches' keys cover all of the code that made what they hold: the parse cache every module and data file that
reading a seed or a YAML file can run (generator/common/ and generator/inputs/, and the schemas), the page cache
everything under generator/. An edit to any of it must make them compute again."""

from __future__ import annotations

import ast
import shutil

import pytest

from generator.inputs.parse_cache import PARSING_STAGES, folder_digest
from tests.conftest import ROOT

GENERATOR = ROOT / "generator"
READING_ENTRY_POINTS = ("generator.inputs.seed_formats", "generator.inputs.yamlfile", "generator.inputs.schema",
                        "generator.inputs.paragraph_record", "generator.inputs.load")


def module_file(module: str):
    path = ROOT / (module.replace(".", "/") + ".py")
    return path if path.is_file() else ROOT / module.replace(".", "/") / "__init__.py"


def generator_imports(module: str) -> set[str]:
    """The generator modules a module imports, at its top or inside a function, but for type checkers only."""
    tree = ast.parse(module_file(module).read_text(encoding="utf-8"))
    for block in ast.walk(tree):
        if isinstance(block, ast.If) and getattr(block.test, "id", None) == "TYPE_CHECKING":
            block.body = []
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator"):
            found |= {f"{node.module}.{alias.name}" if module_file(f"{node.module}.{alias.name}").is_file()
                      else node.module for alias in node.names}
    return found


def code_reading_runs() -> set[str]:
    seen, todo = set(), list(READING_ENTRY_POINTS)
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += generator_imports(module) - seen
    return seen


def test_reading_runs_only_code_in_the_stages_the_parse_cache_key_covers():
    outside = {module for module in code_reading_runs()
               if module.split(".")[1] not in PARSING_STAGES and module != "generator"}
    assert not outside, f"reading imports {sorted(outside)}, outside {PARSING_STAGES}: the parse cache would go stale"


@pytest.fixture(scope="module")
def generator_copy(tmp_path_factory):
    copy = tmp_path_factory.mktemp("code") / "generator"
    shutil.copytree(GENERATOR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@pytest.mark.parametrize("folders", [[*PARSING_STAGES, "schemas"], ["."]], ids=["parse cache", "page cache"])
def test_an_edit_to_any_file_the_key_covers_changes_it(generator_copy, folders):
    before = folder_digest(generator_copy, folders)
    covered = sorted(path for folder in folders for path in (generator_copy / folder).rglob("*") if path.is_file())
    one_per_folder = {path.parent: path for path in covered}  # the last of each folder: digesting is not free
    assert len(one_per_folder) >= len(folders)
    for path in one_per_folder.values():
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        try:
            assert folder_digest(generator_copy, folders) != before, path
        finally:
            path.write_bytes(original)
    assert folder_digest(generator_copy, folders) == before
