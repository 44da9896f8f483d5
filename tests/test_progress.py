"""Progress shows on a terminal and stays out of CI logs and pipes."""

from __future__ import annotations

import io
import re

from generator.pipeline import generate
from generator.common.progress import Progress
from tests.helpers import every_source_id, run_cli, source_files


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_counts_and_stages(project_copy, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    terminal = Terminal()
    generate(project_copy, progress=Progress(terminal))
    shown = terminal.getvalue()
    metadata, seeds = len(source_files(project_copy)), len(list((project_copy / "seeds").glob("*.txt")))
    sources = len(every_source_id(project_copy))
    assert sources > seeds  # the listing's teasers are sources of their own
    for step in (f"metadata files read: {metadata}", f"seeds read: {seeds}", f"model built: {sources} sources",
                 "pages made: ", "files written:"):
        assert step in shown, step
    made = re.search(r"pages made: (\d+) ", shown)
    assert made and int(made.group(1)) > sources  # a page per source, and the listing, timeline and term pages


def test_ci_and_pipes_see_nothing(monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert not Progress(Terminal()).enabled
    monkeypatch.delenv("CI")
    assert Progress(Terminal()).enabled
    assert not Progress(io.StringIO()).enabled
    quiet = io.StringIO()
    assert list(Progress(quiet).counted(range(3), "items")) == [0, 1, 2] and quiet.getvalue() == ""


def test_build_generates_once_and_hands_the_navigation_to_mkdocs(project_copy):
    result = run_cli("build", "--root", str(project_copy))
    assert result.returncode == 0, result.stderr
    assert "not generating it again" in result.stderr
    assert (project_copy / "site/countries/kazakhstan/index.html").is_file()
    home = (project_copy / "site/index.html").read_text(encoding="utf-8")
    assert 'href="countries/kazakhstan/"' in home  # the navigation came through the hand-over
