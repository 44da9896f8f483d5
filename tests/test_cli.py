"""The command line: help with examples, usage errors, and check's exit status."""

from __future__ import annotations

import pytest

from tests.helpers import S001, edit, run_cli

COMMANDS = ["generate", "build", "check", "serve", "new", "summary"]


def test_main_help_exits_0_lists_every_command_and_shows_an_example():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in COMMANDS:
        assert command in result.stdout
    assert "example:" in result.stdout.lower()  # the main epilog says "Example: python -m generator build"


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_help_exits_0_and_shows_an_example(command):
    result = run_cli(command, "--help")
    assert result.returncode == 0, result.stderr
    assert f"usage: python -m generator {command}" in result.stdout
    assert "example:" in result.stdout
    assert f"python -m generator {command}" in result.stdout.split("example:", 1)[1]


def test_an_unknown_command_is_a_usage_error_with_exit_2():
    result = run_cli("publish")
    assert result.returncode == 2
    assert "invalid choice: 'publish'" in result.stderr
    assert result.stdout == ""


def test_no_command_is_a_usage_error_with_exit_2():
    result = run_cli()
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_check_exits_0_on_the_fixture_corpus(project_copy):
    result = run_cli("check", "--root", str(project_copy))
    assert result.returncode == 0, result.stderr
    assert "0 error(s)" in result.stderr


def test_check_exits_1_with_an_injected_error(project_copy):
    edit(project_copy, S001, "  - kazakhstan\n", "  - kazakstan\n")
    result = run_cli("check", "--root", str(project_copy))
    assert result.returncode == 1
    assert f"{S001}:" in result.stderr and "unknown country 'kazakstan'" in result.stderr
    assert "1 error(s)" in result.stderr


def test_check_writes_nothing(project_copy):
    before = sorted(p.relative_to(project_copy) for p in project_copy.rglob("*"))
    assert run_cli("check", "--root", str(project_copy)).returncode == 0
    assert sorted(p.relative_to(project_copy) for p in project_copy.rglob("*")) == before
