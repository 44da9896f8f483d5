"""Deep YAML (issue 13, case 2): nesting far beyond what metadata needs is one located error, never a crash.

PyYAML's C composer recurses once per level and dies of a segmentation fault near 50,000 levels, before any of
our code sees the tree; so depth is counted on the event stream first. Each shape of nesting (flow and block
sequences, flow and indented mappings) is tried at 600, 10,000 and 50,000 levels and at the most that fits in the
largest metadata file accepted, in-process, through `check` and `generate`, and under a running `serve`.
"""

from __future__ import annotations

import re
import signal
import time
from pathlib import Path
from typing import Callable

import pytest

from tests.serving import fetch, free_port, wait_for
from generator.inputs import yamlfile
from generator.inputs.load import MAX_YAML_BYTES
from generator.inputs.yamlfile import FLATTEN, MAX_DEPTH, TOO_DEEP, parse_yaml
from tests.helpers import ONE_SEED, SOURCES, one_seed_project, run_cli, serve_command, start, stop_everything

FIRST_TOO_DEEP = MAX_DEPTH + 2  # the root collection is level 0: the (MAX_DEPTH + 2)th collection is one too many


class Shape:
    """A way of nesting: text nested n deep, and where its kth collection opens (line, column)."""

    def __init__(self, text: Callable[[int], str], opening: Callable[[int], tuple[int, int]]):
        self.text, self.opening = text, opening

    def most_that_fits(self) -> int:
        """The deepest nesting of this shape in a file of at most MAX_YAML_BYTES."""
        low, high = 1, 2
        while len(self.text(high).encode()) <= MAX_YAML_BYTES:
            low, high = high, high * 2
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if len(self.text(middle).encode()) <= MAX_YAML_BYTES else (low, middle)
        return low


SHAPES = {
    "flow sequences [[[": Shape(lambda n: "[" * n + "]" * n, lambda k: (1, k)),
    "flow mappings {a: {a:": Shape(lambda n: "{a: " * n + "1" + "}" * n, lambda k: (1, 4 * (k - 1) + 1)),
    "block sequences - - -": Shape(lambda n: "- " * n + "x\n", lambda k: (1, 2 * (k - 1) + 1)),
    "indented mappings": Shape(lambda n: "".join(f"{'  ' * i}a:\n" for i in range(n)) + "  " * n + "x\n",
                               lambda k: (k, 2 * (k - 1) + 1)),
}
DEPTHS = [600, 10_000, 50_000, "1 MB"]
CASES = [(name, depth) for name in SHAPES for depth in DEPTHS
         if name != "indented mappings" or depth in (600, "1 MB")]  # its size grows as depth squared


def levels(shape: Shape, depth: int | str) -> int:
    return shape.most_that_fits() if depth == "1 MB" else depth


@pytest.mark.parametrize("name, depth", CASES)
def test_deep_nesting_is_one_problem_where_it_gets_too_deep(name, depth):
    shape = SHAPES[name]
    text = shape.text(levels(shape, depth))
    assert len(text.encode()) <= MAX_YAML_BYTES
    document, problems = parse_yaml(text)
    assert document is None
    assert [(p.line, p.column, p.message, p.hint) for p in problems] == [
        (*shape.opening(FIRST_TOO_DEEP), TOO_DEEP, FLATTEN)]


@pytest.mark.parametrize("name", SHAPES)
def test_the_scan_draws_the_line_where_the_walker_does(monkeypatch, name):
    """At a depth the composer survives, the tree walker alone reports the same place as the event scan."""
    text = SHAPES[name].text(600)
    scanned = parse_yaml(text)[1]
    monkeypatch.setattr(yamlfile, "_too_deep", lambda text: None)
    walked = parse_yaml(text)[1]
    assert [(p.line, p.column, p.message) for p in walked] == [(p.line, p.column, p.message) for p in scanned]


def test_nesting_up_to_the_limit_is_read_and_one_level_more_is_not():
    deepest = MAX_DEPTH + 1  # collections: the root and MAX_DEPTH levels inside it
    document, problems = parse_yaml("[" * deepest + "]" * deepest)
    assert problems == []
    value, levels_read = document.data, 1
    while value:
        value, levels_read = value[0], levels_read + 1
    assert levels_read == deepest
    document, problems = parse_yaml("[" * (deepest + 1) + "]" * (deepest + 1))
    assert document is None and [(p.line, p.column) for p in problems] == [(1, deepest + 1)]


def test_a_syntax_error_before_the_deep_part_is_reported_as_before():
    document, problems = parse_yaml("title: a: b\nnext: " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert document is None
    assert len(problems) == 1 and problems[0].line == 1 and problems[0].message.startswith("YAML syntax error")


def test_the_deep_part_is_reported_even_with_a_syntax_error_after_it():
    document, problems = parse_yaml("next: " + "[" * 50_000 + "]" * 50_000 + "\ntitle: a: b\n")
    assert [(p.line, p.column, p.message) for p in problems] == [(1, len("next: ") + FIRST_TOO_DEEP - 1, TOO_DEEP)]


# --- through the command line: one line, exit status 1, no crash ---------------------------------------

DEEP_FILE = f"{SOURCES}/005_deep.yml"  # a new metadata file: its problem is the only one in the project


@pytest.fixture(scope="module")
def small_project(tmp_path_factory) -> Path:
    return one_seed_project(tmp_path_factory.mktemp("deep") / "project")


@pytest.mark.parametrize("command", ["check", "generate"])
@pytest.mark.parametrize("depth", DEPTHS)
def test_deep_metadata_is_one_line_and_exit_status_1_from_the_command_line(small_project, command, depth):
    shape = SHAPES["flow sequences [[["]
    (small_project / DEEP_FILE).write_text(shape.text(levels(shape, depth)), encoding="utf-8")
    try:
        result = run_cli(command, "--root", str(small_project), cwd=small_project, timeout=60)
    finally:
        (small_project / DEEP_FILE).unlink()
    assert result.returncode == 1, f"exit status {result.returncode} (negative: killed by a signal)\n{result.stderr}"
    assert "Traceback" not in result.stderr + result.stdout
    line, column = shape.opening(FIRST_TOO_DEEP)
    errors = [text for text in result.stderr.splitlines() if ": error: " in text]
    assert errors == [f"{DEEP_FILE}:{line}:{column}: error: {TOO_DEEP} ({FLATTEN})"]
    assert not (small_project / "build/docs").exists(), "nothing is written"


def test_deep_block_metadata_through_generate(small_project):
    shape = SHAPES["block sequences - - -"]
    (small_project / DEEP_FILE).write_text(shape.text(50_000), encoding="utf-8")
    try:
        result = run_cli("generate", "--root", str(small_project), cwd=small_project, timeout=60)
    finally:
        (small_project / DEEP_FILE).unlink()
    line, column = shape.opening(FIRST_TOO_DEEP)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{DEEP_FILE}:{line}:{column}: error: {TOO_DEEP}" in result.stderr


def test_a_curated_source_made_too_deep_is_its_one_error_not_every_reference_to_its_claims(project_copy):
    """The bottom lines that cite the source's claims are not reported too: its claims are unknown, not missing."""
    metadata = project_copy / f"{SOURCES}/000_c1a27e0ec5b1e4f9.yml"
    metadata.write_text("[" * 600 + "]" * 600 + "\n", encoding="utf-8")
    result = run_cli("check", "--root", str(project_copy), cwd=project_copy, timeout=60)
    errors = [text for text in result.stderr.splitlines() if ": error: " in text]
    assert result.returncode == 1
    assert errors == [f"{SOURCES}/000_c1a27e0ec5b1e4f9.yml:1:102: error: {TOO_DEEP} ({FLATTEN})"]


# --- under serve: the server lives on and keeps the last good site ---------------------------------------

def test_serve_survives_deep_metadata_and_keeps_serving_the_last_good_site(tmp_path):
    root = one_seed_project(tmp_path / "project")
    port, log = free_port(), tmp_path / "serve.log"
    server = start(serve_command(root, port), root, log)
    home = f"http://127.0.0.1:{port}/"
    try:
        wait_for(home, "</html>", timeout=120)
        good_home = fetch(home)
        metadata = f"{SOURCES}/{ONE_SEED}.yml"
        (root / metadata).write_text(SHAPES["flow sequences [[["].text(50_000), encoding="utf-8")
        wait_for_text(log, f"{metadata}:1:{FIRST_TOO_DEEP}: error: {TOO_DEEP}", then="Documentation built")
        assert server.poll() is None, f"serve has exited with {server.returncode}"
        assert without_reload_stamps(fetch(home)) == without_reload_stamps(good_home)
        assert server.poll() is None
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
        stop_everything(server)
    assert "Traceback" not in log.read_text(encoding="utf-8")


def wait_for_text(log: Path, text: str, then: str, timeout: float = 60) -> None:
    """Until the log holds text, and then, after it, the other text."""
    started = time.monotonic()
    while then not in log.read_text(encoding="utf-8").partition(text)[2]:
        assert time.monotonic() - started < timeout, f"{text!r}, then {then!r}, not in the log within " \
            f"{timeout:.0f} s:\n" + log.read_text(encoding="utf-8")[-3000:]
        time.sleep(0.1)


def without_reload_stamps(page: str | None) -> str | None:
    """A page as MkDocs serves it, without the build counters of its live-reload script, which every rebuild moves on."""
    return page and re.sub(r"reload\(\d+, \d+\)", "reload()", page)
