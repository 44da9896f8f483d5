"""The preview's generation worker (generator/engines/preview_worker.py): what it returns and raises, and the hook's
fallback to generating in its own process once the worker has ended."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from generator.common.problems import InputError, Problem
from generator.engines import preview_worker
from generator.engines.preview_worker import GenerationWorker, WorkerGone


def where_it_ran(root: Path, docs_dir: Path) -> tuple[int, str, str]:
    return os.getpid(), root.name, docs_dir.name


def broken_inputs(root: Path, docs_dir: Path) -> None:
    raise InputError([Problem("content/sources/001.yml", 4, 14, "YAML syntax error", "quote the value")])


def failing(root: Path, docs_dir: Path) -> None:
    raise ValueError("a bug in a generation")


@pytest.fixture
def worker_of(monkeypatch):
    # Earlier tests may leave threads running in this process (a served site, the browser's driver); the tasks
    # here take no lock, so forking beside them is safe, which the worker cannot know and refuses by itself.
    monkeypatch.setattr(preview_worker.threading, "active_count", lambda: 1)
    started: list[GenerationWorker] = []

    def start(task) -> GenerationWorker:
        started.append(GenerationWorker(task))
        return started[-1]

    yield start
    for worker in started:
        worker.close()


def test_the_worker_is_forked_only_while_no_other_thread_runs(monkeypatch):
    monkeypatch.setattr(preview_worker.threading, "active_count", lambda: 2)
    with pytest.raises(RuntimeError, match="only while no other thread runs"):
        GenerationWorker(where_it_ran)


def test_the_worker_runs_each_task_in_its_own_process(worker_of, tmp_path):
    worker = worker_of(where_it_ran)
    first = worker.generate(tmp_path / "project", tmp_path / "docs")
    second = worker.generate(tmp_path / "other", tmp_path / "docs2")
    assert first[1:] == ("project", "docs") and second[1:] == ("other", "docs2")
    assert first[0] == second[0] != os.getpid()


def test_the_worker_ends_by_itself_when_the_hook_closes_it(worker_of, tmp_path):
    worker = worker_of(where_it_ran)
    worker.generate(tmp_path, tmp_path)
    worker.close()
    assert worker._process.exitcode == 0  # not killed after waiting


def test_input_errors_reach_the_hook_as_raised(worker_of, tmp_path):
    with pytest.raises(InputError) as raised:
        worker_of(broken_inputs).generate(tmp_path, tmp_path / "docs")
    assert [(p.line, p.column, p.message) for p in raised.value.problems] == [(4, 14, "YAML syntax error")]


def test_other_exceptions_reach_the_hook_as_raised(worker_of, tmp_path):
    with pytest.raises(ValueError, match="a bug in a generation"):
        worker_of(failing).generate(tmp_path, tmp_path / "docs")


def test_a_killed_worker_is_reported_as_gone(worker_of, tmp_path):
    worker = worker_of(where_it_ran)
    os.kill(worker.generate(tmp_path, tmp_path)[0], signal.SIGKILL)
    with pytest.raises(WorkerGone, match="the generation worker ended"):
        worker.generate(tmp_path, tmp_path)


def test_the_hook_generates_in_its_own_process_once_the_worker_is_gone(worker_of, tmp_path, monkeypatch, capfd):
    from hooks import briefing

    worker = worker_of(where_it_ran)
    monkeypatch.setitem(briefing._state, "worker", worker)
    monkeypatch.setattr(briefing, "generate_for_preview", where_it_ran)
    in_worker = briefing._generate(tmp_path, tmp_path / "docs")
    assert in_worker[0] != os.getpid()

    os.kill(in_worker[0], signal.SIGKILL)
    in_hook = briefing._generate(tmp_path, tmp_path / "docs")
    assert in_hook == (os.getpid(), tmp_path.name, "docs")
    assert "worker" not in briefing._state
    assert "generating in the preview's own process from now on" in capfd.readouterr().err
    assert briefing._generate(tmp_path, tmp_path / "docs")[0] == os.getpid()  # and it stays there
