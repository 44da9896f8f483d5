"""Safety, point 8: pathological seed text never hangs the build.

The seeds are built with the real `python -m generator build` in a subprocess under a
generous timeout: a hang detector, not a speed test (the build takes seconds today).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.inputs.reader import read_seed
from generator.inputs.seed_bytes import MAX_SEED_BYTES
from tests.conftest import ROOT
from tests.helpers import collapse, copy_project, texts_by_id

TIMEOUT = 240  # all eight pathological seeds in one build
# 100,000 paragraphs take the whole build about 30 s on an idle 2-core machine (200,000 took 65 s, the slowest
# test of the suite); quadratic work would still take over an hour, so a generous limit catches it without
# failing on load.
MANY_PARAGRAPHS_TIMEOUT = 300


def nested_quotes() -> str:
    """20,000 lines of ever deeper '> ' quoting (up to 40 levels, so the lines stay one wrapped block)."""
    return "\n".join("> " * (line % 40 + 1) + "deep" for line in range(20_000))


def build(root: Path, timeout: int = TIMEOUT) -> tuple[int | None, str]:
    """python -m generator build under a timeout; on a hang, its whole process group (MkDocs too) is killed."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "--root", str(root)], cwd=root, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        return None, output
    return process.returncode, output


def add_seed(root: Path, source_id: str, data: bytes) -> None:
    (root / "seeds" / f"{source_id}.txt").write_bytes(data)
    (root / "content/sources" / f"{source_id}.yml").write_text(
        f"seed: {source_id}.txt\ntitle: Pathological {source_id}\nquality: clean\nreview: reviewed\n"
        f"countries: [russia]\nthemes: [soft-power]\nsummary: A seed of pathological text.\n", encoding="utf-8")


PATHOLOGICAL = {
    "backticks": "`" * 100_000,
    "brackets": "[" * 50_000 + "]" * 50_000,
    "greater-than": ">" * 100_000,
    "nested-quotes": nested_quotes(),
    "emphasis": "*_" * 50_000,
    "entities": "&#" * 100_000,
    "link-openers": "[x](" * 25_000,
    "html-openers": "<a " * 30_000,
}


def source_id_of(case: str) -> str:
    return f"900_{case.replace('-', '_')}"


@pytest.fixture(scope="module")
def pathological_build(tmp_path_factory):
    """One build of the project with every pathological seed added (one build instead of eight: same coverage,
    a minute less); a hang in any of them stops it, and each case's own test then names the build's output."""
    root = copy_project(tmp_path_factory.mktemp("pathological") / "project")
    for case, text in PATHOLOGICAL.items():
        add_seed(root, source_id_of(case), (text + "\n").encode("utf-8"))
    started = time.monotonic()
    status, output = build(root)
    return root, status, output, time.monotonic() - started


@pytest.mark.parametrize("case", sorted(PATHOLOGICAL))
def test_a_pathological_seed_builds_without_hanging(pathological_build, case):
    data = (PATHOLOGICAL[case] + "\n").encode("utf-8")
    assert len(data) <= MAX_SEED_BYTES
    root, status, output, elapsed = pathological_build
    assert status is not None, f"still running after {TIMEOUT} s"
    assert status in (0, 3), output
    page = root / "site" / "sources" / source_id_of(case) / "index.html"
    assert page.is_file(), f"no page after {elapsed:.1f} s"
    shown = texts_by_id(page.read_text(encoding="utf-8"))
    for paragraph in read_seed(data).paragraphs:
        assert shown.text(f"p{paragraph.number}") == collapse(paragraph.text), (case, paragraph.number)


def test_a_seed_of_many_short_paragraphs_within_the_size_limit_builds_without_hanging(tmp_path):
    data = b"a.\n" * 100_000  # 300 KB: a sixth of the size limit
    assert len(data) < MAX_SEED_BYTES / 6
    root = copy_project(tmp_path / "project")
    add_seed(root, "900_many_paragraphs", data)
    status, output = build(root, MANY_PARAGRAPHS_TIMEOUT)
    assert status is not None, f"still running after {MANY_PARAGRAPHS_TIMEOUT} s"
    assert status in (0, 3), output
