"""tools/lighthouse/run.py (make lighthouse): the CPU calibration table and the median run it reports."""

from __future__ import annotations

import importlib.util
import json

import pytest

from tests.conftest import ROOT


def load_tool():
    spec = importlib.util.spec_from_file_location("lighthouse_run", ROOT / "tools/lighthouse/run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("index", "slowdown"), [(100, 1), (150, 1), (800, 2), (1050, 2.5), (1300, 3), (1533, 4), (1766, 5)])
def test_the_cpu_slowdown_follows_lighthouses_calibration_table(index, slowdown):
    assert load_tool().cpu_slowdown_for(index) == slowdown


def test_the_cpu_slowdown_grows_with_the_machines_speed_without_jumps():
    tool = load_tool()
    slowdowns = [tool.cpu_slowdown_for(index) for index in range(100, 2500, 7)]
    assert slowdowns == sorted(slowdowns)
    assert max(b - a for a, b in zip(slowdowns, slowdowns[1:])) < 0.05


def test_the_median_run_is_the_one_reported(tmp_path, monkeypatch):
    tool = load_tool()
    scores = iter([0.91, 0.42, 0.97, 0.88, 0.95])

    def fake_run(url, out, name, cpu_slowdown):
        categories = {c: {"score": 1.0} for c in tool.CATEGORIES} | {"performance": {"score": next(scores)}}
        return {"categories": categories, "environment": {"benchmarkIndex": 1200},
                "configSettings": {"throttling": {"cpuSlowdownMultiplier": 4}}}

    monkeypatch.setattr(tool, "run_lighthouse", fake_run)
    median = tool.median_run("http://x/", tmp_path, "home", 5, 4)
    assert median["categories"]["performance"]["score"] == 0.91
    assert json.loads((tmp_path / "home.json").read_text())["categories"]["performance"]["score"] == 0.91
