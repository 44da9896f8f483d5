"""The data downloads' rows kept between runs by the model object each is made from (render/data_rows.py): a run
makes again only the rows of sources and claims built anew, the files are those of a generation from scratch, and
a store of other code or context, cut short, or left by a failed run is never used."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.common.workers import WORKERS_VARIABLE
from generator.pipeline import generate
from generator.render import export
from generator.render.data_rows import KINDS, KeptRows
from tests.helpers import copy_project, edit, tree_bytes

TODAY = dt.date(2026, 12, 1)
TITLE_FILE = "content/sources/001_66304f5fa3b57f47.yml"


@pytest.fixture
def rows_made(monkeypatch) -> list[str]:
    """The ids of the sources, events and figures whose data set rows a run makes (in this process: one worker)."""
    made: list[str] = []
    real = export._texts

    def watched(make, records, value):
        made.append(value.id)
        return real(make, records, value)

    monkeypatch.setattr(export, "_texts", watched)
    monkeypatch.setenv(WORKERS_VARIABLE, "1")
    return made


def downloads(root) -> dict[str, bytes]:
    return {p: data for p, data in tree_bytes(root / "build/docs").items() if p.startswith("data/")}


def fresh_downloads(tmp_path, root, name: str, site_url: str | None = None) -> dict[str, bytes]:
    fresh = copy_project(tmp_path / name, root)
    generate(fresh, today=TODAY, site_url=site_url)
    return downloads(fresh)


def test_an_edit_makes_again_only_the_rows_of_the_source_it_changes(tmp_path, rows_made):
    root = copy_project(tmp_path / "project")
    generate(root, today=TODAY)
    everything = len(rows_made)
    assert everything > 30 and all((root / f"build/cache/rows-{kind}.bin").is_file() for kind in KINDS)

    rows_made.clear()
    generate(root, today=TODAY)
    assert rows_made == []  # nothing changed: every row kept

    edit(root, TITLE_FILE, "title: Central", "title: Edited, Central")
    generate(root, today=TODAY)
    edited = "001_66304f5fa3b57f47"
    assert rows_made and all(row_id == edited or row_id.startswith(f"{edited}-") for row_id in rows_made)
    assert b"Edited, Central" in downloads(root)["data/sources.json"]
    assert downloads(root) == fresh_downloads(tmp_path, root, "fresh")


def test_a_new_site_address_or_other_metrics_make_every_row_again(tmp_path, rows_made, monkeypatch):
    root = copy_project(tmp_path / "project")
    generate(root, today=TODAY)
    everything = len(rows_made)

    rows_made.clear()
    generate(root, today=TODAY, site_url="https://example.org/briefing/")
    assert len(rows_made) == everything
    assert b"https://example.org/briefing/sources/" in downloads(root)["data/sources.csv"]

    edit(root, "content/taxonomy.yml", "name: Share blaming the war", "name: Edited share blaming the war")
    rows_made.clear()
    generate(root, today=TODAY, site_url="https://example.org/briefing/")
    assert len(rows_made) == everything
    assert b"Edited share blaming the war" in downloads(root)["data/figures.csv"]
    assert downloads(root) == fresh_downloads(tmp_path, root, "fresh", "https://example.org/briefing/")


def test_a_store_cut_short_or_of_another_context_is_not_used(tmp_path):
    folder = tmp_path / "cache"
    made: list[str] = []

    def make(value: str) -> tuple[str, str]:
        made.append(value)
        return f'{{"id": "{value}", "text": "Қазақстан\u2028«{value}»"}}', f"{value},line one\nline two\u2028\r\n"

    def texts(context: str) -> list[tuple[str, str]]:
        return KeptRows(folder, context, name_of=lambda value: f"name of {value}").texts("sources", ["a", "b"], make)

    KeptRows(folder, "one").adopt(saves := _Adopted())  # nothing written yet: nothing to adopt
    assert saves.adopted == []
    first = texts("one")
    (folder / "rows-sources.tmp").replace(folder / "rows-sources.bin")
    made.clear()
    assert texts("one") == first and made == []  # the CSV records' line breaks come back exactly
    assert texts("two") == first and made == ["a", "b"]
    whole = (folder / "rows-sources.bin").read_bytes()
    (folder / "rows-sources.bin").write_bytes(whole[:-3])
    made.clear()
    assert texts("one") == first and made == ["a", "b"]


def test_a_failed_run_leaves_the_kept_rows_as_they_were_and_the_next_run_is_whole(tmp_path, monkeypatch):
    root = copy_project(tmp_path / "project")
    generate(root, today=TODAY)
    cache = root / "build/cache"
    before = {kind: (cache / f"rows-{kind}.bin").read_bytes() for kind in KINDS}
    edit(root, TITLE_FILE, "title: Central", "title: Edited, Central")

    from generator import pipeline

    def failing_site_map(*arguments, **options):
        raise RuntimeError("the run fails after the data files are made")

    with monkeypatch.context() as patched:
        patched.setattr(pipeline, "site_map", failing_site_map)
        with pytest.raises(RuntimeError):
            generate(root, today=TODAY)
    assert {kind: (cache / f"rows-{kind}.bin").read_bytes() for kind in KINDS} == before
    generate(root, today=TODAY)
    assert not list(cache.glob("*.tmp"))
    assert b"Edited, Central" in downloads(root)["data/sources.json"]
    assert downloads(root) == fresh_downloads(tmp_path, root, "fresh")


class _Adopted:
    def __init__(self) -> None:
        self.adopted: list[tuple] = []

    def adopt(self, path, temporary) -> None:
        self.adopted.append((path, temporary))
