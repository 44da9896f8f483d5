"""Golden test: the fixture corpus (tests/fixtures/corpus/) generates exactly the files in tests/golden/docs/.

It runs on the fixture corpus, not the shipped seeds/ and content/, so that adding
an article never changes what it expects. When a change to the generator (or to
the fixture corpus) changes the output on purpose, look at the diff, then accept it with:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_golden.py
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import shutil

import pytest

from generator.pipeline import generate
from tests.conftest import ROOT
from tests.helpers import tree_bytes

GOLDEN = ROOT / "tests" / "golden" / "docs"
ACCEPT = "rerun with UPDATE_GOLDEN=1 to accept the new output: UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_golden.py"


def first_difference(expected: dict[str, bytes], actual: dict[str, bytes]) -> str:
    for path in sorted(set(expected) | set(actual)):
        if expected.get(path) == actual.get(path):
            continue
        if path not in actual:
            return f"{path} is in the golden copy but was not generated"
        if path not in expected:
            return f"{path} was generated but is not in the golden copy"
        old = expected.get(path, b"").decode("utf-8", "replace").splitlines(keepends=True)
        new = actual.get(path, b"").decode("utf-8", "replace").splitlines(keepends=True)
        diff = "".join(difflib.unified_diff(old, new, f"golden/docs/{path}", f"generated/{path}"))
        return f"{path} differs from the golden copy:\n{diff or '(only bytes that are not text differ)'}"
    return ""


def test_generated_docs_match_the_golden_copy(project_copy):
    out = project_copy / "out"
    generate(project_copy, out_dir=out, today=dt.date.today())
    actual = tree_bytes(out)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        if GOLDEN.exists():
            shutil.rmtree(GOLDEN)
        shutil.copytree(out, GOLDEN)
        print(f"updated {GOLDEN} with {len(actual)} files")
        return
    assert GOLDEN.is_dir(), f"{GOLDEN} is missing; {ACCEPT}"
    expected = tree_bytes(GOLDEN)
    added, removed = sorted(set(actual) - set(expected)), sorted(set(expected) - set(actual))
    if added or removed or expected != actual:
        report = first_difference(expected, actual)
        print(report)
        pytest.fail(f"generated files differ from tests/golden/docs/ (new files: {added}, files gone: {removed})\n"
                    f"{report}\n{ACCEPT}", pytrace=False)
