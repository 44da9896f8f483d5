"""The feeds and data files a run leaves as they are: those made from the same values as in the last run. An edit
makes again exactly the files whose bytes it changes, and the docs tree is that of a generation from scratch."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.common.workers import WORKERS_VARIABLE
from generator.pipeline import generate
from generator.render import export, feeds
from tests.helpers import copy_project, edit, tree_bytes

TODAY = dt.date(2026, 12, 1)
EVENT_TEXT = "Authorities in Osh arrest Natalia Sekerina"


@pytest.fixture
def made(monkeypatch) -> list[str]:
    """The paths of the feeds and data files a run makes, rather than leaves as they are (a data set's JSON and CSV
    files are made together; its CSV writer also makes the charts' files, so its JSON writer is watched)."""
    paths: list[str] = []
    real_feed, real_json = feeds._feed, export.json_file

    def feed(path, *rest):
        paths.append(path)
        return real_feed(path, *rest)

    def data_set(briefing, name, items):
        paths.extend(export.data_path(name, extension) for extension in ("json", "csv"))
        return real_json(briefing, name, items)

    monkeypatch.setattr(feeds, "_feed", feed)
    monkeypatch.setattr(export, "json_file", data_set)
    monkeypatch.setenv(WORKERS_VARIABLE, "1")  # made in this process, where they are watched, not in a child
    return paths


def partner(path: str) -> str:
    stem, extension = path.rsplit(".", 1)
    return f"{stem}.{'csv' if extension == 'json' else 'json'}"


def downloads(docs) -> dict[str, bytes]:
    return {path: data for path, data in tree_bytes(docs).items() if path.startswith(("feeds/", "data/"))}


def test_an_edit_makes_again_only_the_feeds_and_data_files_it_changes(tmp_path, made):
    root = copy_project(tmp_path / "project")
    docs = root / "build/docs"
    generate(root, today=TODAY)
    everything = sorted(made)
    assert len(everything) > 10 and "data/events.json" in everything  # a first run makes every file

    for relative, old, new in [
        ("content/sources/001_66304f5fa3b57f47.yml", "title: Central", "title: Edited, Central"),
        ("content/sources/000_c1a27e0ec5b1e4f9.yml", EVENT_TEXT, "Edited: " + EVENT_TEXT),
        ("content/briefing.yml", "title: Central Asia", "title: Edited Central Asia"),
    ]:
        before = downloads(docs)
        made.clear()
        edit(root, relative, old, new)
        generate(root, today=TODAY)
        after = downloads(docs)
        changed = {path for path in after if after[path] != before.get(path)}
        # a data set's two files are made together: its CSV file has no title, which its JSON file has
        changed |= {partner(path) for path in changed if path.startswith("data/")}
        assert sorted(made) == sorted(changed), relative
        assert changed, f"the edit of {relative} changes some download"
        fresh = copy_project(tmp_path / f"fresh-{len(changed)}", root)
        generate(fresh, today=TODAY)
        assert tree_bytes(docs) == tree_bytes(fresh / "build/docs")

    # The title edit changed the sources' data set and the feeds holding that source, not the events' or figures'
    made.clear()
    edit(root, "content/sources/001_66304f5fa3b57f47.yml", "title: Edited, Central", "title: Again, Central")
    generate(root, today=TODAY)
    assert {"data/sources.json", "data/sources.csv"} <= set(made)
    assert not {"data/events.json", "data/figures.csv"} & set(made)
    assert feeds.ALL_FEED in made
