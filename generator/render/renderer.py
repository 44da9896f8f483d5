"""Render the model and what is derived from it into Markdown pages with YAML front matter.

One method per family of pages arranges the values its template shows; Python prepares them, templates only lay
them out (templates/). Every page goes through page(), which hands the template its values, the site's shared
values and the page's references (page_data.py), and takes the page from the last output when the fingerprint of
all of that is unchanged (page_cache.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from markupsafe import Markup

from generator.common.progress import QUIET, Progress
from generator.derive import term_page
from generator.derive.derived import Derived
from generator.model.briefing import Briefing
from generator.model.entities import Figure, Source, Term
from generator.render import evidence, export, facets, feeds, locations
from generator.render.dated import last_updated, term_updated
from generator.render.heat_grid import heat_grid
from generator.render.index_pages import IndexPages
from generator.render.map_view import map_view
from generator.render.page_cache import PageCache
from generator.render.page_data import Fingerprints, References, Site, TermLabel
from generator.render.page_reads import PageReads, PageViews
from generator.render.pages_apart import Maker
from generator.render.source_pages import SourcePages

LATEST_COUNT = 10
TERM_SOURCES = 20  # the newest sources on a country or theme page; the rest are on its index
CORRECTIONS_TITLE = "Corrections and updates"


class Renderer(SourcePages, IndexPages):
    """Renders every page of a briefing; one method per family of pages."""

    def __init__(
        self,
        briefing: Briefing,
        derived: Derived,
        intro: str,
        pages: PageCache | None = None,
        progress: Progress = QUIET,
        fingerprints: Fingerprints | None = None,
    ):
        in_use = {term.slug for term in briefing.countries_in_use() + briefing.themes_in_use()}
        self.labels = {
            t.slug: TermLabel(t.slug, t.name, t.kind, t.slug in in_use) for t in briefing.term_by_slug.values()
        }
        shared = {
            "site": Site(briefing.title, briefing.site_url),
            "term_labels": self.labels,
            "metrics": briefing.metric_by_slug,
        }
        super().__init__(shared, References(briefing, derived.works), pages, fingerprints)
        self.briefing = briefing
        self.derived = derived
        self.intro = intro
        self.progress = progress
        self.charts: dict[str, evidence.Chart] = {}
        self.kept_charts: set[str] = set()
        self._drawn: list[str] | None = None  # the keys of the charts of the page being valued
        self.views = PageViews(evidence.ComparedBySource(briefing.source_by_id, derived.comparisons))
        previous = pages.previous_reads if pages else None
        self.reads = PageReads.of(briefing, derived, self.views, self.fingerprints, previous)
        if pages is not None:
            pages.current_reads = self.reads.current

    def figures(self, figures: tuple[Figure, ...], rows: int = evidence.MAX_ROWS) -> evidence.FigureView:
        """How a page shows these figures; its charts are kept for their downloads (chart_files.py)."""
        found = evidence.compared(figures, self.derived.comparisons, frozenset())
        return self._figure_view(figures, found, rows)

    def source_figures(self, source: Source) -> evidence.FigureView:
        """How a source's page shows its figures, with their comparisons as looked up (ComparedBySource)."""
        return self._figure_view(source.figures, self.views.compared_by_source[source.id], evidence.MAX_ROWS)

    def _figure_view(self, figures: tuple[Figure, ...], found: evidence.Compared, rows: int) -> evidence.FigureView:
        view = evidence.figure_view(self.briefing, figures, found, rows)
        self.charts_drawn(view.charts)
        if self._drawn is not None:
            self._drawn.extend(chart.key for chart in view.charts)
        return view

    def all_pages(self) -> dict[str, str]:
        """Every page by its path; those not taken from the page cache are rendered on every core."""
        return dict(self.each_rendered_page())

    def each_rendered_page(self) -> Iterator[tuple[str, str]]:
        """(path, page) of every page, one by one, made on every core (pages_apart.py): the pipeline writes each
        away as it comes."""
        makers = self._page_makers()
        return self.progress.counted(self.made_together(makers), "pages made", len(makers))

    def _page_makers(self) -> list[Maker]:
        b = self.briefing
        terms = b.countries_in_use() + b.themes_in_use()
        return [
            (locations.HOME, self.home),
            (locations.COUNTRIES, partial(self.term_index, "countries", b.countries_in_use())),
            (locations.THEMES, partial(self.term_index, "themes", b.themes_in_use())),
            (locations.CORRECTIONS, self.corrections),
            (locations.DATA, self.data),
            *self.timeline_page_makers(),
            *self.listing_page_makers(),
            *[(locations.term(term.kind, term.slug), partial(self.term_page, term)) for term in terms],
            *[(locations.source(source.id), partial(self.source_page, source.id)) for source in b.sources],
        ]

    def data(self) -> str:
        b = self.briefing
        rows = {"sources": len(b.sources), "events": len(b.events), "figures": len(b.figures)}
        values = {"downloads": export.downloads(), "feeds": feeds.feed_list(b), "rows": rows}
        meta = {"title": "Data", "description": "Downloads and feeds of the briefing"}
        return self.page("data.md.j2", locations.DATA, meta, values)

    def corrections(self) -> str:
        meta = {"title": CORRECTIONS_TITLE, "description": "Every correction and update of what the briefing published"}
        return self.page("corrections.md.j2", locations.CORRECTIONS, meta, {"changes": self.derived.changes})

    def home(self) -> str:
        b, d = self.briefing, self.derived
        countries, themes = b.countries_in_use(), b.themes_in_use()
        return self.page(
            "home.md.j2",
            locations.HOME,
            {"title": b.title, "feed": feeds.ALL_FEED},
            {
                "intro": Markup(self.intro),
                "bottom_line": b.bottom_line,
                "countries": countries,
                "themes": themes,
                "updated": last_updated(b.sources, b.events),
                "source_count": d.works.count(s.id for s in b.sources),
                "event_count": len(d.event_groups),
                "events": d.event_groups[:LATEST_COUNT],
                "sources": b.sources_newest_first[:LATEST_COUNT],
                "figures": self.figures(b.figures, evidence.HOME_ROWS),
                "counts": self.term_counts(countries + themes),
                "readings": self.newest_readings(countries),
                "region_map": map_view("home-map", countries, d.readings, locations.HOME),
                "grid": heat_grid(countries, themes, d.pair_counts),
            },
        )

    def term_index(self, kind: str, terms: tuple[Term, ...]) -> str:
        path = locations.COUNTRIES if kind == "countries" else locations.THEMES
        values: dict[str, object] = {
            "kind": kind,
            "terms": terms,
            "counts": self.term_counts(terms),
            "region_map": None,
        }
        if kind == "countries":
            values["readings"] = self.newest_readings(terms)
            values["region_map"] = map_view("countries-map", terms, self.derived.readings, path)
        return self.page("term_index.md.j2", path, {"title": kind.capitalize()}, values)

    def newest_readings(self, countries: tuple[Term, ...]) -> dict:
        return {t.slug: self.derived.readings[t.slug][0] for t in countries if t.slug in self.derived.readings}

    def term_counts(self, terms: tuple[Term, ...]) -> dict[str, tuple[int, int]]:
        """(works, events as the timeline groups them) of each term's page, for the tables that link to it."""
        views = {term.slug: self.derived.term_views[term.slug] for term in terms}
        return {
            slug: (self.derived.works.count(s.id for s in view.sources), len(view.events))
            for slug, view in views.items()
        }

    def term_page(self, term: Term) -> str:
        b, d, slug = self.briefing, self.derived, term.slug
        view: term_page.TermView = d.term_views[slug]
        meta = {"title": term.name, "description": term.description, "feed": feeds.term_feed(term)}
        kind = "themes" if term.kind == "theme" else "countries"
        updated = term_updated(b, d, term)
        search = facets.of_term(term, updated)
        return self.page(
            "term.md.j2",
            locations.term(term.kind, slug),
            meta,
            {
                # What the page shows of its view and counts of the rest, so its fingerprint does not grow with N
                "term": term,
                "sections": view.sections,
                "regions": view.regions,
                "mentioned_in": view.mentioned_in,
                "events": view.events[: view.shown_events],
                "event_count": len(view.events),
                "figures": self.figures(b.figures_about(slug)),
                "sources": view.sources[:TERM_SOURCES],
                "source_count": len(view.sources),
                # The newest of the sources the page rests on and of its events: not the sources that only
                # mention the term, nor the region's claims (dated on the region's page).
                "updated": updated,
                "work_count": d.works.count(s.id for s in view.sources),
                "index_path": locations.listing(f"{kind}/{slug}"),
                "readings": d.readings.get(slug, ()),
            },
            search=search,
        )
