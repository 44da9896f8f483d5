"""Indexes of sources by period (generator/derive/listing.py).

An index longer than a page shows its newest sources first, then a page per year,
per month in a busy year, and in parts for a busy month. A new source changes the
page of its own period only, so a CI run that adds sources rebuilds a few listing
pages rather than every page after the new source (numbered pages all moved along).
"""

from __future__ import annotations

import pytest

from generator.derive import listing
from generator.model.briefing import Briefing
from tests.test_analysis import briefing, source


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(listing, "SOURCES_PER_PAGE", 3)


def the_index(b: Briefing, key: str = "all") -> listing.Listing:
    return next(index for index in listing.listings(b) if index.key == key)


def pages(index: listing.Listing) -> dict[str, list[str]]:
    return {page.key: [s.id for s in page.items] for page in index.periods}


CORPUS = [("a", "2024-05-02"), ("b", "2024-05-09"), ("c", "2024-05-20"), ("d", "2024-05-28"), ("e", "2024-03-01"),
          ("f", "2024"), ("g", "2023-01-01"), ("h", "2022-06-01"), ("i", None)]


def corpus(*extra: tuple[str, str | None]):
    return briefing(*(source(name, date=date) for name, date in [*CORPUS, *extra]))


def test_a_short_index_is_one_page(small_pages):
    index = the_index(briefing(source("a", date="2024"), source("b", date="2023")))
    assert index.periods == () and [s.id for s in index.newest] == ["a", "b"]


def test_a_long_index_shows_its_newest_then_every_source_on_the_page_of_its_period(small_pages):
    index = the_index(corpus())
    assert [s.id for s in index.newest] == ["d", "c", "b"]
    assert pages(index) == {
        "2024-05": ["d", "c", "b"], "2024-05-2": ["a"],  # a busy month in parts
        "2024-03": ["e"], "2024-00": ["f"],  # a busy year by month; "2024" alone: month not known, last
        "2023": ["g"], "2022": ["h"], "undated": ["i"],
    }
    assert [page.label for page in index.periods] == [
        "May 2024", "May 2024, part 2", "March 2024", "2024, month not known", "2023", "2022", "Undated"]


def test_a_new_source_changes_only_the_page_of_its_period(small_pages):
    before = pages(the_index(corpus()))
    after = pages(the_index(corpus(("j", "2022-08-01"))))
    changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    assert changed == {"2022"}


def test_year_indexes_split_a_busy_year_by_month(small_pages):
    index = the_index(corpus(), "years/2024")
    assert list(pages(index)) == ["2024-05", "2024-05-2", "2024-03", "2024-00"]


def test_the_generated_site_puts_every_source_and_event_on_one_page_of_its_period(project_copy, monkeypatch):
    import re

    from generator.pipeline import generate
    from generator.render import index_pages

    monkeypatch.setattr(listing, "SOURCES_PER_PAGE", 3)
    monkeypatch.setattr(index_pages, "EVENTS_PER_PAGE", 2)
    generate(project_copy)
    docs = project_copy / "build/docs"
    periods = sorted(p for p in (docs / "browse/all").glob("*.md") if p.name != "index.md")
    assert len(periods) > 2
    listed = [link for page in periods for link in re.findall(r"\(\.\./\.\./sources/([^)#]+)\.md\)", page.read_text())
              if link != "index"]
    sources = sorted(p.stem for p in (docs / "sources").glob("*.md") if p.name != "index.md")
    assert sorted(listed) == sources, "every source on exactly one period page of 'All sources'"
    months = sorted((docs / "timeline").glob("*/*-*.md"))
    assert months, "a year with more than 2 events has a page per month"
    for page in [*periods, *months, *(docs / "timeline").glob("*/index.md")]:
        for target in re.findall(r"\]\(([^)#]+\.md)\)", page.read_text()):
            assert (page.parent / target).resolve().is_file(), f"{page.relative_to(docs)} links to missing {target}"
    year = months[0].parent
    counted = re.findall(r"\]\(\d{4}-\d\d(?:-\d+)?\.md\) \((\d+)\)", (year / "index.md").read_text())
    events_in_months = sum(page.read_text().count("\n- **") for page in year.glob("*-*.md"))
    assert sum(map(int, counted)) == events_in_months > 0
    firsts = [docs / "sources/index.md", *(docs / "browse").glob("*/*/index.md"), *(docs / "timeline").glob("*/index.md")]
    for page in [*periods, *months, *firsts]:
        lines = page.read_text().splitlines()
        for before, line in zip(lines, lines[1:]):
            if line.startswith(("**Newer:**", "**Older:**", "- **", "| Source")):
                assert before == "" or before.startswith(line[:2]), f"{page.name}: {line[:30]!r} joins {before[:30]!r}"


def test_new_events_in_one_year_leave_the_other_years_timeline_pages_unrendered(tmp_path):
    """Each year's page links every year; were their counts among its values, one new event would make every page
    of the timeline be rendered again on every run (thousands at 100,000 sources), each to the same bytes."""
    import json

    from generator.pipeline import generate
    from tests.helpers import add_new_articles, copy_project, tree_bytes

    root = copy_project(tmp_path / "project")
    generate(root)

    def timeline_state():
        fingerprints = json.loads((root / "build/cache/pages.json").read_text(encoding="utf-8"))["pages"]
        pages = tree_bytes(root / "build/docs/timeline")
        return {path: fingerprints[f"timeline/{path}"] for path in pages}, pages

    fingerprints_before, pages_before = timeline_state()
    add_new_articles(root)
    generate(root)
    fingerprints_after, pages_after = timeline_state()
    assert len(pages_before) > 2 and pages_after.keys() >= pages_before.keys()
    rendered = {path for path in pages_before if fingerprints_after[path] != fingerprints_before[path]}
    changed = {path for path in pages_before if pages_after[path] != pages_before[path]}
    assert changed, "test setup: the new articles add events to the timeline"
    assert rendered == changed, "a timeline page rendered again, to the same bytes"


def test_listing_and_timeline_pages_are_valued_only_when_what_they_list_changed(tmp_path, monkeypatch):
    """The pages that list sources or events by period are made by their reads (render/read_pages.py): with
    nothing changed none is valued; new articles value the pages that list them, not every page, and the output
    is that of a generation from scratch (with the tests' check of every page kept by its reads)."""
    from generator.common import workers
    from generator.pipeline import generate
    from generator.render import index_pages
    from generator.render.page_maker import PageMaker
    from generator.render.page_reads import CHECK_VARIABLE
    from tests.helpers import add_new_articles, copy_project, tree_bytes

    monkeypatch.setattr(listing, "SOURCES_PER_PAGE", 3)
    monkeypatch.setattr(index_pages, "EVENTS_PER_PAGE", 2)
    monkeypatch.setenv(workers.WORKERS_VARIABLE, "1")  # pages valued here, where they are counted
    valued: list[str] = []
    real = PageMaker.page

    def counted(self, template, page_path, *arguments, **options):
        valued.append(page_path)
        return real(self, template, page_path, *arguments, **options)

    monkeypatch.setattr(PageMaker, "page", counted)
    listing_pages = ("browse/", "sources/index.md", "timeline/")

    def run(root):
        valued.clear()
        generate(root)
        return {page for page in valued if page.startswith(listing_pages) and page != "browse/index.md"}

    root = copy_project(tmp_path / "project")
    every = run(root)
    assert len(every) > 10
    assert run(root) == set()
    add_new_articles(root)
    before = tree_bytes(root / "build/docs")
    again = run(root)
    after = tree_bytes(root / "build/docs")
    now = {page for page in after if page.startswith(listing_pages) and page != "browse/index.md"}
    changed = {page for page in now if after[page] != before.get(page)}
    assert changed and changed <= again < now
    fresh = copy_project(tmp_path / "fresh")
    add_new_articles(fresh)
    monkeypatch.setenv(CHECK_VARIABLE, "1")
    generate(fresh)
    assert tree_bytes(fresh / "build/docs") == after
    run(root)  # every page kept by its reads is valued anyway, and must be as it was
