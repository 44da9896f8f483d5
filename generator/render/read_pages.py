"""Pages left as the last run wrote them, without being valued, when what they are made from is unchanged: the
plain inputs their maker hands them (ids, labels, links) and every lookup valuing them made in the tables of the
briefing and of the derived results (page_reads.py). The source pages are made so, and the pages that list sources
or events by period (index_pages.py), which are thousands at 10,000 sources and seldom change."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

from generator.derive.derived import Derived
from generator.model.briefing import Briefing
from generator.model.works import Works, count_works
from generator.render import chart_files
from generator.render.page_reads import PageReads, PageViews, ReadLog, Recorded
from generator.render.pages_apart import PagesApart


class PagesByReads(PagesApart):
    """Making pages by their reads, for the Renderer (render/renderer.py)."""

    briefing: Briefing
    derived: Derived
    views: PageViews
    reads: PageReads
    _drawn: list[str] | None

    def by_reads(self, path: str, inputs: Any, make: Callable[[], str]) -> str:
        """The page at path, as make() makes it from inputs (plain values) and what it looks up in the briefing,
        the derived results and the works (self.briefing, self.derived, self.references.works, self.views) by
        key; left as the last run wrote it when inputs and those lookups are unchanged. make() must reach
        anything else of the model through such lookups: the tests' check (page_reads.CHECK_VARIABLE) values a
        page found unchanged anyway and fails if it changed."""
        shared = self.fingerprints.of((self.shared_fingerprint, inputs))
        charts = self.reads.unchanged(path, shared) if self.pages is not None else None
        if charts is None or self.pages is None or not self.pages.has(path, chart_files.paths(charts)):
            return self._recorded(path, shared, make)
        self.charts_kept(charts)
        if not self.reads.checking:
            return self.pages.carry(path)
        page = self._recorded(path, shared, make)
        if self.pages.current[path] != self.pages.previous[path]:
            raise AssertionError(f"{path}: its lookups were unchanged, yet its values changed (a lookup not recorded)")
        return page

    def works_count(self, source_ids: Iterable[str]) -> int:
        """Distinct works among the sources, each looked up in the works' table (recorded while a page is valued
        by its reads)."""
        return count_works(source_ids, self.references.works.entries)

    def _recorded(self, path: str, shared: str, make: Callable[[], str]) -> str:
        """The page valued with the briefing, the derived results and the works seen through a ReadLog."""
        log, real = ReadLog(), (self.briefing, self.derived, self.references.works, self.views)
        self._drawn = []
        self.briefing = self.references.briefing = cast(Briefing, Recorded("briefing", real[0], log))
        self.derived = cast(Derived, Recorded("derived", real[1], log))
        self.references.works = cast(Works, Recorded("works", real[2], log))
        self.views = cast(PageViews, Recorded("views", real[3], log))
        try:
            page = make()
        finally:
            self.briefing, self.derived, self.references.works, self.views = real
            self.references.briefing = real[0]
            drawn, self._drawn = self._drawn, None
        self.reads.made(path, log, shared, drawn)
        return page
