"""A page per source, left as the last run wrote it when what it looks up is unchanged (page_reads.py), else
valued with its lookups recorded; made on every core with the other pages (pages_apart.py)."""

from __future__ import annotations

from typing import cast

from generator.derive.derived import Derived
from generator.model.briefing import Briefing
from generator.model.entities import Source
from generator.model.works import Works
from generator.render import chart_files, evidence, facets, locations
from generator.render.page_data import TermLabel
from generator.render.page_reads import PageReads, PageViews, ReadLog, Recorded
from generator.render.pages_apart import PagesApart
from generator.render.source_text import source_text


class SourcePages(PagesApart):
    """The source pages of the Renderer (render/renderer.py)."""

    briefing: Briefing
    derived: Derived
    views: PageViews
    reads: PageReads
    labels: dict[str, TermLabel]
    _drawn: list[str] | None

    def source_figures(self, source: Source) -> evidence.FigureView:
        raise NotImplementedError  # the Renderer's

    def source_page(self, source: Source) -> str:
        """A source's page; left as the last run wrote it, without being valued, when what it looks up in the
        briefing and the derived results is unchanged (page_reads.py)."""
        path = locations.source(source.id)
        charts = self.reads.unchanged(path, self.shared_fingerprint) if self.pages is not None else None
        if charts is None or self.pages is None or not self.pages.has(path, chart_files.paths(charts)):
            return self._recorded(path, source)
        self.charts_kept(charts)
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
