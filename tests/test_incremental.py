"""Incremental generation gives exactly what a full rebuild gives."""

from __future__ import annotations

import shutil

import pytest

from generator.pipeline import generate
from tests.helpers import S001, S002, S003, edit, tree_bytes

EDITS = [
    # a title shown on many pages: citations, related lists, the teaser's "summarises" line
    (S002, "\ntitle: Russian soft power in Central Asia is disintegrating, but ties with Moscow still run deep",
     "\ntitle: Russian soft power in Central Asia is crumbling"),
    # a figure's period: the measurements that differ, shown on other sources' pages, change
    (S003, "      label: date of the poll not given, before June 2024", "      label: poll date not given, before June 2024"),
    # the countries of a source: related sources and indexes change
    (S003, "countries:\n  - central-asia", "countries:\n  - azerbaijan\n  - central-asia"),
    # a key point narrowed to a country its source is not tagged with: that country's page changes
    (S001, "      - russia\n    themes:\n      - soft-power\n      - multi-vector-diplomacy\n  - id: k2",
     "      - russia\n      - azerbaijan\n    why: For a test.\n    themes:\n      - soft-power\n"
     "      - multi-vector-diplomacy\n  - id: k2"),
]


@pytest.mark.parametrize("path, old, new", EDITS)
def test_an_edit_gives_exactly_the_output_of_a_full_rebuild(project_copy, tmp_path, path, old, new):
    first = generate(project_copy)
    assert first.report.written
    edit(project_copy, path, old, new)
    incremental = generate(project_copy)  # reuses the parse cache and the pages it can
    assert incremental.report.written, "the edit should change some pages"
    assert len(incremental.report.written) < len(first.report.written)
    fresh = tmp_path / "fresh"
    shutil.copytree(project_copy, fresh, ignore=shutil.ignore_patterns("build"))
    generate(fresh)  # no cache at all
    assert tree_bytes(project_copy / "build/docs") == tree_bytes(fresh / "build/docs")


def test_a_second_run_reuses_every_source_page_and_writes_nothing(project_copy):
    generate(project_copy)
    again = generate(project_copy)
    assert again.report.written == [] and again.report.deleted == []
