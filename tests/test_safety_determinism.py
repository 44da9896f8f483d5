"""Safety, point 7: the same inputs give byte-identical Markdown and site.

Two `python -m generator build` runs on two separate copies of the project, made in
different orders with different file times, under different hash seeds, time zones
and locales, must give the same bytes in build/docs and site. SOURCE_DATE_EPOCH
sets the date MkDocs stamps into the sitemap.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import generate, source_date_epoch
from tests.conftest import ROOT
from tests.helpers import copy_project, project_inputs, tree_bytes

ENV_A = {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C"}
ENV_B = {"PYTHONHASHSEED": "4242", "TZ": "Asia/Almaty", "LC_ALL": "C.UTF-8"}


def copy_in_reverse(target: Path) -> Path:
    """The project's inputs copied file by file in reverse sorted order, each with a different mtime."""
    target.mkdir(parents=True)
    files = []
    for source, part in project_inputs():
        found = [source] if source.is_file() else source.rglob("*")
        files += [(p, Path(part) / p.relative_to(source))
                  for p in found if p.is_file() and "__pycache__" not in p.parts]
    for index, (path, relative) in enumerate(sorted(files, key=lambda pair: pair[1], reverse=True)):
        copy = target / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(path.read_bytes())
        stamp = 2_000_000_000 - index * 86_400 * 37 - index * 3_607
        os.utime(copy, (stamp, stamp))
    return target


def build(root: Path, extra_env: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "LANG", "LANGUAGE", "LC_CTYPE")}
    env.update({"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), **extra_env})
    return subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)


def differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    return sorted(p for p in set(first) | set(second) if first.get(p) != second.get(p))


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    base = tmp_path_factory.mktemp("determinism")
    first = copy_project(base / "a" / "briefing")
    second = copy_in_reverse(base / "second-copy" / "project")
    assert tree_bytes(first / "seeds") == tree_bytes(second / "seeds")
    assert tree_bytes(first / "content") == tree_bytes(second / "content")
    for root, env in ((first, ENV_A), (second, ENV_B)):
        result = build(root, env)
        assert result.returncode == 0, result.stdout + result.stderr
    return first, second


@pytest.mark.parametrize("folder", ["build/docs", "site"])
def test_two_builds_in_different_conditions_give_identical_bytes(two_builds, folder):
    first, second = (tree_bytes(root / folder) for root in two_builds)
    assert len(first) > 40
    assert differences(first, second) == [], "these files differ between the two builds"


def test_no_absolute_path_of_either_copy_leaks_into_the_output(two_builds):
    for root in two_builds:
        for folder in ("build/docs", "site"):
            leaked = [p for p, data in tree_bytes(root / folder).items() if str(root).encode() in data]
            assert leaked == [], (root, leaked)


def gzip_mtime(path: Path) -> int:
    return struct.unpack("<I", path.read_bytes()[4:8])[0]


def test_without_source_date_epoch_the_stamp_is_the_newest_sources_date(two_builds, monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = two_builds[0]
    expected = source_date_epoch(generate(root, out_dir=tmp_path / "docs").briefing)
    assert expected > 0
    assert gzip_mtime(root / "site/sitemap.xml.gz") == expected


def test_source_date_epoch_sets_the_sitemap_dates(tmp_path):
    root = copy_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    # The shipped mkdocs.yml has no site_url, so its sitemap lists no page; give it one to see the dates.
    config.write_text(config.read_text(encoding="utf-8") + "site_url: https://briefing.test/\n", encoding="utf-8")
    result = build(root, {"SOURCE_DATE_EPOCH": "86400", "TZ": "Pacific/Honolulu"})
    assert result.returncode == 0, result.stdout + result.stderr
    sitemap = (root / "site/sitemap.xml").read_text(encoding="utf-8")
    dates = re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)
    assert len(dates) > 40
    assert set(dates) == {"1970-01-02"}
    assert gzip_mtime(root / "site/sitemap.xml.gz") == 86400
    assert gzip.decompress((root / "site/sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap
    assert dt.datetime.fromtimestamp(86400, dt.timezone.utc).date().isoformat() == "1970-01-02"
