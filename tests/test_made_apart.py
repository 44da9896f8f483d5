"""Files made by another process while the pages are made (write/made_apart.py): handed on as if made here, in
the same order, with what the child recorded in the page cache; its failure is this run's failure."""

from __future__ import annotations

import json
import os
from types import SimpleNamespace

import pytest

from generator.common import workers
from generator.common.workers import WORKERS_VARIABLE
from generator.pipeline import generate
from generator.write.made_apart import FilesMadeApart
from tests.helpers import copy_project

@pytest.fixture(autouse=True)
def alone(monkeypatch):
    """As if this process ran no other thread (the suite's served sites run in threads of its own): a child is
    forked only where no thread could hold a lock it needs."""
    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)


FILES = [("feeds/all.xml", b"<feed/>"), ("data/sources.json", None), ("data/sources.csv", b"id\n")]


def made(pages):
    """What the child makes: its files, and a record in the page cache of the file it left as it was."""
    pages.current["data/sources.json"] = f"made by {os.getpid()}"
    yield from FILES


@pytest.mark.parametrize("workers", ["1", "2"])
def test_the_files_and_records_are_those_made_here(tmp_path, monkeypatch, workers):
    monkeypatch.setenv(WORKERS_VARIABLE, workers)
    pages = SimpleNamespace(current={"index.md": "page"})
    scratch = tmp_path / ".docs.apart"
    apart = FilesMadeApart(lambda: made(pages), scratch, pages)
    assert list(apart.files()) == FILES
    maker = pages.current.pop("data/sources.json")
    assert pages.current == {"index.md": "page"}
    assert (maker != f"made by {os.getpid()}") is (workers == "2"), "two workers: made by a child"
    assert not scratch.exists()


def test_with_too_little_memory_for_a_child_the_files_are_made_here(tmp_path, monkeypatch):
    """The child may come to copy this process (reference counts touch its pages), as a worker may."""
    monkeypatch.setenv(WORKERS_VARIABLE, "2")
    sizes = {"/proc/self/status": 10_000_000, "/proc/meminfo": 9_000_000}  # KB: no room for one copy
    monkeypatch.setattr(workers, "_kilobytes", lambda path, field: sizes[path])
    pages = SimpleNamespace(current={})
    scratch = tmp_path / ".docs.apart"
    assert list(FilesMadeApart(lambda: made(pages), scratch, pages).files()) == FILES
    assert pages.current["data/sources.json"] == f"made by {os.getpid()}" and not scratch.exists()
    sizes["/proc/meminfo"] = 11_000_000
    pages.current.clear()
    assert list(FilesMadeApart(lambda: made(pages), scratch, pages).files()) == FILES
    assert pages.current["data/sources.json"] != f"made by {os.getpid()}"


def failing():
    yield "feeds/all.xml", b"<feed/>"
    raise ValueError("a feed could not be made")


def test_a_failure_in_the_child_is_raised_here(tmp_path, monkeypatch):
    monkeypatch.setenv(WORKERS_VARIABLE, "2")
    scratch = tmp_path / ".docs.apart"
    apart = FilesMadeApart(failing, scratch, None)
    with pytest.raises(ValueError, match="a feed could not be made"):
        list(apart.files())
    assert not scratch.exists()


def test_what_a_killed_run_left_is_removed_and_an_unfinished_child_stopped(tmp_path, monkeypatch):
    monkeypatch.setenv(WORKERS_VARIABLE, "2")
    scratch = tmp_path / ".docs.apart"
    scratch.mkdir()
    (scratch / "0").write_bytes(b"left by a killed run")
    apart = FilesMadeApart(lambda: iter(FILES), scratch, None)
    assert not (scratch / "0").exists() or (scratch / "0").read_bytes() != b"left by a killed run"
    apart.close()  # the run failed before it took the files: the child is stopped, the folder removed
    assert not scratch.exists()


def test_a_second_run_made_with_workers_leaves_every_file(tmp_path, monkeypatch):
    """The child's records of the feeds, data and citation files it made reach the page cache: the next run finds
    them unchanged and writes nothing."""
    monkeypatch.setenv(WORKERS_VARIABLE, "2")
    root = copy_project(tmp_path / "project")
    generate(root)
    recorded = json.loads((root / "build/cache/pages.json").read_text(encoding="utf-8"))["pages"]
    assert {"feeds/all.xml", "data/sources.json", "data/sources.csv"} <= recorded.keys()
    assert any(path.startswith("cite/") for path in recorded)
    again = generate(root)
    assert again.report.written == [] and again.report.deleted == []
    assert not (root / "build/.docs.apart").exists()
