"""A source page is valued only when what it looks up changed (render/page_reads.py): kept pages are not valued at
all, an edit values exactly the pages that look up what it changed, the output stays that of a generation from
scratch, and the tests' check (BRIEFING_CHECK_READS) catches a page whose values come from something not looked
up through a table."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from generator.pipeline import generate
from generator.render import evidence, locations
from generator.render.page_reads import CHECK_VARIABLE
from generator.render.renderer import Renderer
from tests.helpers import S001, copy_project, tree_bytes


@pytest.fixture
def valued(monkeypatch):
    """The ids of the sources whose pages were valued, run by run."""
    runs: list[list[str]] = []
    real = Renderer._valued_source_page

    def counted(self, source):
        runs[-1].append(source.id)
        return real(self, source)

    monkeypatch.setattr(Renderer, "_valued_source_page", counted)

    def run(root, **options):
        runs.append([])
        result = generate(root, **options)
        return result, runs[-1]

    return run


def test_unchanged_pages_are_not_valued_and_an_edit_values_the_pages_that_look_up_what_it_changed(tmp_path, valued):
    root = copy_project(tmp_path / "project")
    _, first = valued(root)
    assert len(first) > 5
    records = root / "build/cache/pages.json"
    written_at = records.stat().st_mtime_ns
    again, second = valued(root)
    assert second == [] and again.report.written == []
    assert records.stat().st_mtime_ns == written_at  # nothing changed: the records are left as they are
    metadata = root / S001
    edited_id = metadata.stem
    text = metadata.read_text(encoding="utf-8")
    metadata.write_text(re.sub(r"(?m)^title: .*$", 'title: "A title that was edited"', text, count=1), "utf-8")
    edited, third = valued(root)
    # In this small corpus every source page looks up the edited source (a lookup digests its whole object)
    source_pages = {page for page in edited.report.written if re.fullmatch(r"sources/[^/]+\.md", page)}
    written = source_pages - {"sources/index.md"}
    assert edited_id in third and written <= {locations.source(i) for i in third}
    fresh = copy_project(tmp_path / "fresh")
    (fresh / S001).write_bytes(metadata.read_bytes())
    generate(fresh)
    assert tree_bytes(root / "build/docs") == tree_bytes(fresh / "build/docs")
    kept_for_next = json.loads((root / "build/cache/pages.json").read_text(encoding="utf-8"))
    assert kept_for_next == json.loads((fresh / "build/cache/pages.json").read_text(encoding="utf-8"))


def test_the_check_finds_a_value_not_looked_up_through_a_table(tmp_path, monkeypatch):
    root = copy_project(tmp_path / "project")
    outside = {"more": 0}  # something a page's values might come from that no table lookup records
    real = evidence.figure_view

    def figure_view(*arguments, **options):
        view = real(*arguments, **options)
        return dataclasses.replace(view, total=view.total + outside["more"])

    monkeypatch.setattr(evidence, "figure_view", figure_view)
    generate(root)
    outside["more"] = 1
    monkeypatch.setenv(CHECK_VARIABLE, "1")
    with pytest.raises(AssertionError, match="its lookups were unchanged, yet its values changed"):
        generate(root)


def test_a_page_that_reads_more_than_table_lookups_is_valued_on_every_run(tmp_path, valued, monkeypatch):
    root = copy_project(tmp_path / "project")
    real = Renderer._valued_source_page
    whole = locations.source(S001.rsplit("/", 1)[1].removesuffix(".yml"))

    def reading_every_source(self, source):
        if locations.source(source.id) == whole:
            len(self.briefing.sources)  # a whole list: not a lookup by key
        return real(self, source)

    monkeypatch.setattr(Renderer, "_valued_source_page", reading_every_source)
    valued(root)
    _, again = valued(root)
    assert [locations.source(i) for i in again] == [whole]


def test_reads_edited_by_hand_or_cut_short_are_not_trusted(tmp_path, valued):
    root = copy_project(tmp_path / "project")
    valued(root)
    cache = root / "build/cache/pages.json"
    stored = json.loads(cache.read_text(encoding="utf-8"))
    pages = sorted(page for page in stored["reads"] if page.startswith("sources/") and page != "sources/index.md")
    broken = [
        None,
        [],
        ["x"],
        [1, "", []],
        ["d", "no such table", []],
        ["d", [["briefing.source_by_id", "x"]], []],  # lookups as a list, not as one string
        [None, "briefing.source_by_id\tx", []],
    ]
    for page, record in zip(pages, broken, strict=False):
        stored["reads"][page] = record
    _, keys, charts = stored["reads"][pages[-1]]
    stored["reads"][pages[-1]] = ["0" * 64, keys, charts]  # a digest that does not match
    cache.write_text(json.dumps(stored), encoding="utf-8")
    (root / "build/docs" / pages[-2]).unlink()  # a page gone from the output is valued again, whatever its record
    _, again = valued(root)
    assert sorted(locations.source(i) for i in again) == sorted([*pages[: len(broken)], pages[-2], pages[-1]])
    fresh = copy_project(tmp_path / "fresh")
    generate(fresh)
    assert tree_bytes(root / "build/docs") == tree_bytes(fresh / "build/docs")


def test_pages_valued_in_workers_leave_the_records_of_pages_valued_here(tmp_path, monkeypatch):
    """Source pages valued and rendered by workers (render/source_pages.py) hand back their fingerprints, lookups
    and charts: run after run, through an edit, the output and the records kept for the next run are those of one
    process doing everything."""
    from generator.common import workers

    monkeypatch.setattr(workers, "WORTH_A_WORKER", 2)  # the fixture corpus is small: share out even a few pages
    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)  # the suite's served sites run in threads
    roots = {count: copy_project(tmp_path / f"workers-{count}") for count in ("1", "2")}
    edits = [None, None, 'title: "A title that was edited"']
    for edit in edits:
        reused = {}
        for count, root in roots.items():
            monkeypatch.setenv(workers.WORKERS_VARIABLE, count)
            if edit:
                text = (root / S001).read_text(encoding="utf-8")
                (root / S001).write_text(re.sub(r"(?m)^title: .*$", edit, text, count=1), "utf-8")
            reused[count] = generate(root).pages_reused
        assert reused["1"] == reused["2"]
        assert tree_bytes(roots["2"] / "build/docs") == tree_bytes(roots["1"] / "build/docs")
        records = [(root / "build/cache/pages.json").read_bytes() for root in roots.values()]
        assert records[0] == records[1]
    assert reused["2"] > 0


def test_the_downloads_of_charts_that_only_kept_pages_show_stay(tmp_path, monkeypatch):
    """A chart's downloads are made when a page draws it; a source page kept by its reads draws nothing, so its
    charts' downloads must be kept as they are (chart_files.py), not deleted. In the fixture corpus every series
    is also drawn by a country or theme page, valued on every run, which hid this: here those draw none."""
    real = Renderer.figures
    monkeypatch.setattr(Renderer, "figures", lambda self, figures, rows=evidence.MAX_ROWS: real(self, (), rows))
    root = copy_project(tmp_path / "project")
    generate(root)
    first = tree_bytes(root / "build/docs")
    charts = [path for path in first if path.startswith(locations.chart_file("x", "csv").rsplit("/", 1)[0])]
    assert charts, "test setup: no chart downloads"
    again = generate(root)
    assert again.report.deleted == [] and again.report.written == []
    assert tree_bytes(root / "build/docs") == first
