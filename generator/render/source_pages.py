"""A page per source, valued on every core: the largest family of pages (one per source, so 10,000 of 10,000
sources) is also the one each run goes through whole, to find the few whose lookups changed (page_reads.py).

Each worker (common/workers.py) values and renders its share of the sources and hands back, for each, what the
page's valuing left in this process's records: its text (none for a page left as it is), its fingerprint, what it
looked up and its charts. They are taken in the order of the sources, so the records, and the output, are those of
valuing every page here, whatever the number of workers.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

from generator.common.progress import Progress
from generator.common.workers import run_each
from generator.derive.derived import Derived
from generator.model.briefing import Briefing
from generator.model.entities import Source
from generator.model.works import Works
from generator.render import chart_files, evidence, facets, locations
from generator.render.page_cache import KEPT
from generator.render.page_data import TermLabel
from generator.render.page_maker import PageMaker
from generator.render.page_reads import PageReads, PageViews, ReadLog, Recorded
from generator.render.source_text import source_text


@dataclass(frozen=True)
class ValuedPage:
    """What valuing one source's page left, to be taken into the records of the process that writes it."""

    valued_in: int  # the process that valued it, whose records hold all this already
    path: str
    text: str | None  # None: the page is left as the last run wrote it
    fingerprint: str | None
    reads: Any  # its record in PageReads.current, None if it has none
    charts: dict[str, evidence.Chart]  # the charts it drew
    kept_charts: list[str]  # the charts of a page left as it was, whose downloads stay too


class SourcePages(PageMaker):
    """The source pages of the Renderer (render/renderer.py)."""

    briefing: Briefing
    derived: Derived
    progress: Progress
    views: PageViews
    reads: PageReads
    labels: dict[str, TermLabel]
    charts: dict[str, evidence.Chart]
    kept_charts: set[str]
    _drawn: list[str] | None
    _page_charts: tuple[list[str], list[str]] = ([], [])  # of the last source page: the charts it drew, those kept

    def source_figures(self, source: Source) -> evidence.FigureView:
        raise NotImplementedError  # the Renderer's

    def each_source_page(self, sources: tuple[Source, ...]) -> Iterator[tuple[str, str]]:
        """(path, page) of each source's page, in order, valued and rendered on every core; KEPT for a page left
        as it is."""
        tasks = [lambda source=source: self._valued_apart(source) for source in sources]
        for valued in self.progress.counted(run_each(tasks), "source pages rendered", len(tasks)):
            yield valued.path, self._taken(valued)

    def _valued_apart(self, source: Source) -> ValuedPage:
        """The page valued, and rendered at once, with what it left in this process's records taken out of them."""
        path = locations.source(source.id)
        pending, self._pending = self._pending, None  # rendered here, not with the batch of whoever forked us
        try:
            text = self.source_page(source)
        finally:
            self._pending = pending
        drawn, kept = self._page_charts
        return ValuedPage(
            os.getpid(),
            path,
            None if text is KEPT else text,
            self.pages.current.get(path) if self.pages is not None else None,
            self.reads.current.get(path),
            {key: self.charts[key] for key in drawn},
            kept,
        )

    def _taken(self, valued: ValuedPage) -> str:
        """The page's records taken into this process's (where it was valued, they are there already)."""
        if valued.valued_in == os.getpid():
            return KEPT if valued.text is None else valued.text
        if self.pages is not None and valued.fingerprint is not None:
            self.pages.current[valued.path] = valued.fingerprint
            self.pages.reused += valued.text is None
        if valued.reads is not None:
            self.reads.current[valued.path] = valued.reads
        else:
            self.reads.current.pop(valued.path, None)
        self.charts.update(valued.charts)
        self.kept_charts.update(valued.kept_charts)
        return KEPT if valued.text is None else valued.text

    def source_page(self, source: Source) -> str:
        """A source's page; left as the last run wrote it, without being valued, when what it looks up in the
        briefing and the derived results is unchanged (page_reads.py)."""
        path = locations.source(source.id)
        charts = self.reads.unchanged(path, self.shared_fingerprint) if self.pages is not None else None
        if charts is None or self.pages is None or not self.pages.has(path, chart_files.paths(charts)):
            return self._recorded(path, source)
        self.kept_charts.update(charts)
        self._page_charts = ([], charts)
        if not self.reads.checking:
            return self.pages.carry(path)
        page = self._recorded(path, source)
        if self.pages.current[path] != self.pages.previous[path]:
            raise AssertionError(f"{path}: its lookups were unchanged, yet its values changed (a lookup not recorded)")
        return page

    def _recorded(self, path: str, source: Source) -> str:
        """The source's page valued with the briefing and the derived results seen through a ReadLog."""
        log, real = ReadLog(), (self.briefing, self.derived, self.references.works, self.views)
        log.keys[("briefing.source_by_id", source.id)] = None  # the page is made from its source, as looked up
        self._drawn = []
        self.briefing = self.references.briefing = cast(Briefing, Recorded("briefing", real[0], log))
        self.derived = cast(Derived, Recorded("derived", real[1], log))
        self.references.works = cast(Works, Recorded("works", real[2], log))
        self.views = cast(PageViews, Recorded("views", real[3], log))
        try:
            page = self._valued_source_page(source)
        finally:
            self.briefing, self.derived, self.references.works, self.views = real
            self.references.briefing = real[0]
            drawn, self._drawn = self._drawn, None
        self._page_charts = (drawn or [], [])
        self.reads.made(path, log, self.shared_fingerprint, drawn)
        return page

    def _valued_source_page(self, source: Source) -> str:
        b, d = self.briefing, self.derived
        kin = tuple((k.relation, b.source_by_id[k.source_id]) for k in d.kinships.get(source.id, ()))
        values = {
            "source": source,
            "listing": b.source_by_id.get(source.listing_id or ""),
            "teasers": {b.source_by_id[i].listing_paragraph: b.source_by_id[i] for i in source.item_ids},
            "figures": self.source_figures(source),
            "kin": kin,
            "related": d.related[source.id],
        }
        tags = [self.labels[s].name for s in source.countries + source.themes if s in self.labels]
        meta = {"title": source.title, "description": source.summary, "tags": tags}
        if not source.summary:
            del meta["description"]  # the site's own description stands in until an editor writes one
        names = {slug: label.name for slug, label in self.labels.items()}
        search = facets.of_source(source, names)
        return self.page(
            "source.md.j2", locations.source(source.id), meta, values, lambda: source_text(source), search=search
        )
