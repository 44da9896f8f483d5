"""Incremental generation gives exactly what a full rebuild gives.

For each kind of input an editor changes, a second run over the first run's output
rewrites exactly the pages whose bytes a build from scratch changes, and deletes
exactly those it no longer has; the pages it does not render again come from the
page cache, whose fingerprints cover everything a template receives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.pipeline import generate
from tests.helpers import S001, S002, S003, SOURCES, add_new_articles, edit, forget_sources, tree_bytes

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




def remove_source(root: Path, source_id: str = "001_66304f5fa3b57f47") -> None:
    (root / "seeds" / f"{source_id}.txt").unlink()
    (root / SOURCES / f"{source_id}.yml").unlink()
    forget_sources(root, source_id)


def replace_in(path: str, old: str, new: str):
    return lambda root: edit(root, path, old, new)


# Each kind of input, and whether some pages should still come from the cache after it changes.
INPUT_CHANGES = {
    **{f"metadata {number}": (replace_in(*change), True) for number, change in enumerate(EDITS, 1)},
    # words of a seed no claim quotes: its source page, and the feeds and data that carry its text
    "seed text": (replace_in("seeds/001_66304f5fa3b57f47.txt", "is driving a new era of diplomacy",
                             "is driving a new era of statecraft"), True),
    # a theme's description: its page, the indexes and the home page that show it
    "taxonomy": (replace_in("content/taxonomy.yml", "Rossotrudnichestvo and its Russia House centres.",
                            "Rossotrudnichestvo and its Russian House centres."), True),
    # the briefing's title is on every page ("Cite this page")
    "briefing": (replace_in("content/briefing.yml", "title: Central Asia and Russian soft power",
                            "title: Central Asia and Russia's soft power"), False),
    "trend reading": (replace_in("content/trends.yml", "In June 2022 Tokayev refused", "In June 2022 Tokayev declined"),
                      True),
    "hand-written page": (replace_in("content/pages/about.md", "It is a small, curated corpus",
                                     "It is a small, hand-curated corpus"), True),
    "articles added": (add_new_articles, True),
    "source removed": (remove_source, True),
}


@pytest.mark.parametrize("change", INPUT_CHANGES, ids=str)
def test_each_kind_of_input_change_rewrites_exactly_the_pages_a_rebuild_changes(project_copy, tmp_path, change):
    apply, some_reused = INPUT_CHANGES[change]
    generate(project_copy)
    before = tree_bytes(project_copy / "build/docs")
    apply(project_copy)
    incremental = generate(project_copy)  # reuses the parse cache and the pages it can
    fresh = tmp_path / "fresh"
    shutil.copytree(project_copy, fresh, ignore=shutil.ignore_patterns("build"))
    generate(fresh)  # no cache at all
    after = tree_bytes(fresh / "build/docs")
    assert tree_bytes(project_copy / "build/docs") == after
    assert sorted(incremental.report.written) == sorted(p for p in after if before.get(p) != after[p])
    assert sorted(incremental.report.deleted) == sorted(set(before) - set(after))
    assert incremental.report.written, "the change should show somewhere"
    assert (incremental.pages_reused > 0) == some_reused


def test_a_second_run_reuses_every_page_and_writes_nothing(project_copy):
    first = generate(project_copy)
    again = generate(project_copy)
    assert again.report.written == [] and again.report.deleted == []
    hand_written = [p for p in (project_copy / "content/pages").glob("*.md") if p.name != "home.md"]  # copied
    rendered = len(list((project_copy / "build/docs").rglob("*.md"))) - len(hand_written)
    assert first.pages_reused == 0 and again.pages_reused == rendered
