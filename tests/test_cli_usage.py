"""Usage errors exit 2 everywhere, with a suggestion for a mistyped choice; --version (issue 11, point 5)."""

from __future__ import annotations

import re
from importlib import metadata

import pytest

from generator.cli import host_and_port
from tests.helpers import run_cli


@pytest.mark.parametrize("address", ["nonsense", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:",
                                     "127.0.0.1:http", "example.org:8000", ":8000", "[::1:8000"])
def test_serve_with_a_bad_dev_addr_is_a_usage_error_with_exit_2_before_anything_runs(project_copy, address):
    result = run_cli("serve", "--root", str(project_copy), "--dev-addr", address, cwd=project_copy, timeout=30)
    assert result.returncode == 2, result.stderr
    assert "usage: python -m generator serve" in result.stderr
    assert "argument --dev-addr: '" in result.stderr and "e.g. 127.0.0.1:8001" in result.stderr
    assert result.stdout == ""
    assert not (project_copy / "build").exists()  # nothing was generated, MkDocs never started


@pytest.mark.parametrize("address", ["127.0.0.1:8001", "localhost:8000", "0.0.0.0:1", "[::1]:65535", "::1:8000"])
def test_the_addresses_mkdocs_accepts_are_accepted(address):
    assert host_and_port(address) == address


@pytest.mark.parametrize("arguments, suggestion", [
    (["chekc"], "did you mean 'check'?"),
    (["biuld"], "did you mean 'build'?"),
    (["check", "--format", "githb"], "did you mean 'github'?"),
])
def test_a_mistyped_choice_is_a_usage_error_that_suggests_the_closest(arguments, suggestion):
    result = run_cli(*arguments)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    assert result.stderr.rstrip().endswith(suggestion)


def test_a_choice_like_nothing_known_gets_no_suggestion():
    result = run_cli("publish")
    assert result.returncode == 2
    assert "did you mean" not in result.stderr


def test_a_root_that_is_not_a_folder_is_a_usage_error(tmp_path):
    result = run_cli("check", "--root", str(tmp_path / "missing"))
    assert result.returncode == 2
    assert f"argument --root: '{tmp_path / 'missing'}' is not a folder" in result.stderr


def test_version_prints_the_version_and_exits_0():
    result = run_cli("--version")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"python -m generator \d+\.\d+\.\d+\S*\n", result.stdout)
    assert result.stdout.split()[-1] == metadata.version("central-asia-briefing")
