"""A page per source, left as the last run wrote it when what it looks up is unchanged (read_pages.py), else
valued with its lookups recorded; made on every core with the other pages (pages_apart.py)."""

from __future__ import annotations

from generator.model.entities import Source
from generator.render import evidence, facets, locations
from generator.render.page_data import TermLabel
from generator.render.read_pages import PagesByReads
from generator.render.source_text import source_text


class SourcePages(PagesByReads):
    """The source pages of the Renderer (render/renderer.py)."""

    labels: dict[str, TermLabel]

    def source_figures(self, source: Source) -> evidence.FigureView:
        raise NotImplementedError  # the Renderer's

    def source_page(self, source_id: str) -> str:
        """A source's page; left as the last run wrote it, without being valued, when what it looks up in the
        briefing and the derived results is unchanged (read_pages.py), its own source first."""
        path = locations.source(source_id)
        return self.by_reads(path, source_id, lambda: self._valued_source_page(self.briefing.source_by_id[source_id]))

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
