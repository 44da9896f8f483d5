"""The cycle collector is off while a generation runs (generator/common/cycles.py), and on again after it, whether
it succeeded or failed."""

from __future__ import annotations

import gc

import pytest

from generator import pipeline
from generator.common.cycles import cycles_left_for_later
from generator.common.problems import InputError
from tests.helpers import copy_project, edit


def test_a_generation_runs_without_the_cycle_collector_and_leaves_it_as_it_was(tmp_path, monkeypatch):
    seen = []
    real = pipeline.derive

    def derive(*arguments, **options):
        seen.append(gc.isenabled())
        return real(*arguments, **options)

    monkeypatch.setattr(pipeline, "derive", derive)
    root = copy_project(tmp_path / "project")
    assert gc.isenabled()
    pipeline.generate(root)
    assert seen == [False] and gc.isenabled()
    edit(root, "content/briefing.yml", "title:", "title: [")
    with pytest.raises(InputError):
        pipeline.generate(root)
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off():
    gc.disable()
    try:
        with cycles_left_for_later():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
