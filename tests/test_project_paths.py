"""How a project names its files in messages (Project.display): relative to its root, where a link leads, and as
given outside the project; the same as resolving each whole path, which it does once per folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.common.project import Project

NAMES = [
    "content/sources/a.yml",
    "content/sources/link.yml",  # a link to a file elsewhere in the project
    "linked/a.yml",  # a file in a linked folder
    "content/sources/outside.yml",  # a link out of the project
    "content/sources/missing.yml",
    "content/sources/../sources/a.yml",
    "content/sources/..",
    "content/./sources/a.yml",
    "top.yml",
    "away/hostname",  # a linked folder outside the project
    ".",
    "",
]


def resolved_whole(project: Project, path: Path) -> str:
    try:
        return path.resolve().relative_to(project.root).as_posix()
    except ValueError:
        return path.as_posix()


@pytest.fixture
def project(tmp_path) -> Project:
    root, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    (root / "content/sources").mkdir(parents=True)
    (root / "out").mkdir()
    elsewhere.mkdir()
    for name in ("content/sources/a.yml", "out/b.yml", "top.yml"):
        (root / name).write_text("x", encoding="utf-8")
    (elsewhere / "hostname").write_text("x", encoding="utf-8")
    os.symlink(root / "out/b.yml", root / "content/sources/link.yml")
    os.symlink(root / "content/sources", root / "linked")
    os.symlink(elsewhere / "hostname", root / "content/sources/outside.yml")
    os.symlink(elsewhere, root / "away")
    return Project.at(root)


@pytest.mark.parametrize("name", NAMES)
def test_a_path_is_shown_as_resolving_it_whole_shows_it(project, name, monkeypatch):
    for path in (project.root / name, Path(name), project.root.parent / "elsewhere/hostname"):
        monkeypatch.chdir(project.root)
        assert project.display(path) == resolved_whole(project, path)
        assert project.display(path) == resolved_whole(project, path)  # the second time, from its folder's


def test_the_names_editors_see(project):
    assert project.display(project.root / "content/sources/a.yml") == "content/sources/a.yml"
    assert project.display(project.root / "content/sources/link.yml") == "out/b.yml"
    assert project.display(project.root / "top.yml") == "top.yml"
