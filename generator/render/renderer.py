"""Render the model into Markdown pages with YAML front matter.

Templates hold the presentation. Every value they print is escaped by default
(see escape.inline); only values built here as Markup, such as links between
pages, are printed as they are.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, partial

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup

from generator.derive import analysis
from generator.model import cited
from generator.render import citations
from generator.render import escape
from generator.render import evidence
from generator.render import export
from generator.render import feeds
from generator.render import listing
from generator.render import locations
from generator.model import numbers
from generator.derive import term_page
from generator.model.changes import Change, every_change, newest_changes_first
from generator.render.page_cache import PageCache
from generator.model.dates import PartialDate, newest_date
from generator.common.progress import QUIET, Progress
from generator.model.entities import Briefing, Inference, Source, Term, latest_date, newest_first
from generator.model.detected import DETECTED_FIELDS
from generator.inputs.russian_names import marked_search_forms
from generator.model.works import Works

LATEST_COUNT = 10
LATEST_TIMELINE = 50
TERM_SOURCES = 20  # the newest sources on a country or theme page; the rest are on its index
TERM_EVENTS = 30
SAFE_ID = re.compile(r"[a-z0-9_-]+")
WORDS_PER_MINUTE = 220  # a common estimate of adult silent reading speed
CORRECTIONS_TITLE = "Corrections and updates"


def _finalize(value):
    """Escape every printed value unless it was built as trusted Markup."""
    if isinstance(value, Markup) or isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return escape.inline("" if value is None else str(value))


def make_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.render", "templates"),
        autoescape=True,  # macros then return Markup; _finalize does the real escaping
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(link=_link, locations=locations, latest_date=latest_date, last_updated=last_updated, cite=_cite, term_links=_term_links,
                       reading_time=reading_time, safe_id=_safe_id, concerns=_concerns, newest_changes_first=newest_changes_first,
                       cited_text=_cited_text, evidence_marks=_evidence_marks, evidence_sources=_evidence_sources,
                       search_forms=marked_search_forms)
    env.filters.update(value=evidence.format_value, url=escape.url, names=_names, inline=escape.inline,
                       period=evidence.period_label, value_range=evidence.value_range, outside_value=numbers.format_value)
    return env


@pass_context
def _link(context, target: str) -> Markup:
    """A relative link from the page being rendered to another generated page."""
    return Markup(locations.relative(target, context["page_path"]))


CITATION_TITLE_LENGTH = 48


@pass_context
def _cite(context, citation) -> Markup:
    """[Source title, ¶N](link to the paragraph): a citation as printed on every page."""
    title = context["briefing"].source_by_id[citation.source_id].title
    if len(title) > CITATION_TITLE_LENGTH:
        title = title[:CITATION_TITLE_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    target = locations.relative(locations.paragraph(citation.source_id, citation.paragraph), context["page_path"])
    return Markup(f"[{escape.inline(title)}, ¶{citation.paragraph}]({target})")


@pass_context
def _cited_text(context, lines) -> Markup:
    """A bottom line: each sentence followed by numbered links to the claims it rests on."""
    return citations.cited_text(context["briefing"], context["page_path"], lines)


@pass_context
def _evidence_marks(context, evidence) -> Markup:
    return citations.marks(context["briefing"], context["page_path"], evidence, {})


@pass_context
def _evidence_sources(context, evidence) -> list[str]:
    return cited.cited_sources(context["briefing"], evidence)


@pass_context
def _term_links(context, slugs) -> Markup:
    terms = context["briefing"].term_by_slug
    page = context["page_path"]
    return Markup(", ").join(
        Markup(f"[{escape.inline(terms[s].name)}]({locations.relative(locations.term(terms[s].kind, s), page)})")
        for s in slugs if s in terms)


@pass_context
def _concerns(context, change: Change) -> Markup:
    """The page a correction concerns, linked: a source (at its own list of corrections), a country or theme, the home page."""
    briefing, page = context["briefing"], context["page_path"]
    if change.source_id is not None:
        source = briefing.source_by_id[change.source_id]
        target = f"{locations.source(source.id)}#{locations.CORRECTIONS_SECTION}"
        return Markup(f"Source: [{escape.inline(source.title)}]({locations.relative(target, page)})")
    if change.about is not None:
        term = briefing.term_by_slug[change.about]
        label = {"theme": "Theme", "region": "Region"}.get(term.kind, "Country")
        if term not in briefing.countries_in_use() + briefing.themes_in_use():
            return Markup(f"{label}: {escape.inline(term.name)}")  # a term without a page of its own
        return Markup(f"{label}: [{escape.inline(term.name)}]({locations.relative(locations.term(term.kind, term.slug), page)})")
    return Markup(f"[Home page]({locations.relative(locations.HOME, page)})")


@pass_context
def _names(context, slugs) -> list[Term]:
    return _names_of(context["briefing"], slugs)


# Front matter for pages that only list what other pages say: search engines and the
# site search skip them, so a search finds the source or briefing itself.
NOT_SEARCHED = {"search": {"exclude": True}}


def reading_time(source: Source) -> str:
    """How long the source's cleaned text takes to read, as a source page says it: "6 min read"."""
    minutes = (source.word_count + WORDS_PER_MINUTE // 2) // WORDS_PER_MINUTE  # rounded half up
    return f"{max(1, minutes)} min read"


@dataclass(frozen=True)
class LastUpdated:
    """The newest date a page shows, and whether the text states it or the editors inferred it."""

    date: PartialDate
    inferred: bool

    @property
    def iso(self) -> str:
        return self.date.iso

    @property
    def human(self) -> str:
        return self.date.human


def last_updated(sources, events=()) -> LastUpdated | None:
    """When a page was last updated: the newest date among the sources and events it shows.

    Taken from the data, never from the clock or file times, so that the same inputs
    always give the same pages. Events count too, since an undated source's events
    may be newer than every dated source. The date is marked inferred unless some
    item stating it in its text has it. Dates differ in precision: an article of
    "2024" may be newer than an event of March 2024, so the newest is the one that
    can be the latest (see newest_date), and the page claims no more than it knows.
    """
    dated = [item for item in (*sources, *events) if item.date]
    if not dated:
        return None
    newest = newest_date(item.date for item in dated)
    bases = {item.date_basis for item in dated if item.date == newest}
    return LastUpdated(newest, "stated" not in bases)


def front_matter(data: dict) -> str:
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000) + "---\n\n"


class Renderer:
    """Renders every page of a briefing; one method per kind of page."""

    def __init__(self, briefing: Briefing, intro: str, pages: PageCache | None = None, progress: Progress = QUIET):
        self.briefing = briefing
        self.progress = progress
        self.pages = pages
        self.intro = intro
        self.env = make_environment()
        self.conflicts = evidence.comparisons(briefing.figures)  # contradictions and differences, by figure
        self.kinships = analysis.kinships(briefing.sources)
        self.relatedness = analysis.Relatedness(briefing)
        self.works = Works(briefing.sources)  # what "(N sources)" and the totals count

    def page(self, template: str, page_path: str, meta: dict, **context) -> str:
        body = self.env.get_template(template).render(page_path=page_path, briefing=self.briefing, works=self.works,
                                                      **context)
        return front_matter(meta) + body

    def all_pages(self) -> dict[str, str]:
        b = self.briefing
        pages = {
            locations.HOME: self.home(),
            locations.COUNTRIES: self.term_index("countries", b.countries_in_use()),
            locations.THEMES: self.term_index("themes", b.themes_in_use()),
        }
        pages.update(self.timeline_pages())
        pages.update(self.listing_pages())
        pages[locations.CORRECTIONS] = self.corrections()
        pages[locations.DATA] = self.page("data.md.j2", locations.DATA,
                                          {"title": "Data", "description": "Downloads and feeds of the briefing"},
                                          downloads=export.downloads(), feeds=feeds.feed_list(b))
        for term in b.countries_in_use() + b.themes_in_use():
            pages[locations.term(term.kind, term.slug)] = self.term_page(term)
        for source in self.progress.counted(b.sources, "source pages rendered"):
            pages[locations.source(source.id)] = self.source_page(source)
        return pages

    def listing_pages(self) -> dict[str, str]:
        found = listing.listings(self.briefing)
        pages = {locations.BROWSE: self.page(
            "browse.md.j2", locations.BROWSE, {"title": "Browse sources", **NOT_SEARCHED}, per_page=listing.SOURCES_PER_PAGE,
            all=found[0], countries=[x for x in found if x.key.startswith("countries/")],
            themes=[x for x in found if x.key.startswith("themes/")],
            years=[x for x in found if x.key.startswith("years/")])}
        for index in found:
            for number in range(1, index.page_count + 1):
                title = index.title if number == 1 else f"{index.title} (page {number})"
                render = partial(self.page, "listing.md.j2", index.path(number), {"title": title, **NOT_SEARCHED}, listing=index,
                                 number=number, sources=index.page(number), per_page=listing.SOURCES_PER_PAGE,
                                 pager=listing.pager(number, index.page_count, index.path))
                extra = (index.key, index.title, number, index.page_count, len(index.sources))
                pages[index.path(number)] = self._cached(index.path(number), index.page(number), extra, render)
        return pages

    def _cached(self, path: str, sources, extra, render) -> str:
        """Render a page, or take it from the last output when nothing it shows has changed."""
        if self.pages is None:
            return render()
        inputs = (sorted({self._digest(source) for source in sources}), extra, self._shared_inputs)
        return self.pages.render(path, inputs, render)

    def timeline_pages(self) -> dict[str, str]:
        groups = analysis.group_events(self.briefing.events)
        years = _by_year(groups)
        counts = [(year, len(items)) for year, items in years]
        pages = {locations.TIMELINE: self.page("timeline.md.j2", locations.TIMELINE, {"title": "Timeline"},
                                               years=counts, events=groups[:LATEST_TIMELINE])}
        for year, items in years:
            chunks = listing.pages_of(tuple(items), listing.EVENTS_PER_PAGE)
            for number, chunk in enumerate(chunks, 1):
                path = locations.timeline_year(year, number)
                pages[path] = self.page(
                    "timeline_year.md.j2", path, {"title": f"Timeline: {year}", **NOT_SEARCHED}, year=year, years=counts,
                    number=number, events=chunk,
                    pager=listing.pager(number, len(chunks), lambda n, y=year: locations.timeline_year(y, n)))
        return pages

    def corrections(self) -> str:
        meta = {"title": CORRECTIONS_TITLE, "description": "Every correction and update of what the briefing published"}
        return self.page("corrections.md.j2", locations.CORRECTIONS, meta, changes=every_change(self.briefing))

    def home(self) -> str:
        b = self.briefing
        return self.page(
            "home.md.j2", locations.HOME, {"title": b.title, "feed": feeds.ALL_FEED},
            intro=Markup(self.intro), countries=b.countries_in_use(), themes=b.themes_in_use(),
            updated=last_updated(b.sources, b.events), event_count=len(analysis.group_events(b.events)),
            events=analysis.group_events(b.events)[:LATEST_COUNT], sources=newest_first(b.sources)[:LATEST_COUNT],
            figures=evidence.figure_view(b, b.figures, self.conflicts),
            counts=self.term_counts(b.countries_in_use() + b.themes_in_use()),
        )

    def term_index(self, kind: str, terms) -> str:
        path = locations.COUNTRIES if kind == "countries" else locations.THEMES
        return self.page("term_index.md.j2", path, {"title": kind.capitalize()}, kind=kind, terms=terms,
                         counts=self.term_counts(terms))

    def term_page(self, term: Term) -> str:
        b, slug = self.briefing, term.slug
        view = self.term_view(term)
        figures = b.figures_about(slug)
        regions = [block.region.slug for block in view.regions]
        shown_ids = ({s.id for s in b.sources_about(slug)} | {source.id for source, _ in b.key_points_about(slug)}
                     | {e.citation.source_id for e in b.events_about(slug)} | {f.citation.source_id for f in figures}
                     | {other.citation.source_id for f in figures for c in self.conflicts.get(f.id, ()) for other in c.figures}
                     | {i for trend in b.trends_of(slug) for i in cited.cited_sources(b, trend.evidence)}
                     | {i for line in term.bottom_line for i in cited.cited_sources(b, line.evidence)}
                     | {source.id for region in regions for source in b.sources_about(region)})
        extra = (term, b.trends_of(slug), [t.slug for t in b.countries_in_use() + b.themes_in_use()], regions)
        shown = [b.source_by_id[i] for i in sorted(shown_ids)]
        # The newest of the sources the page rests on and of its events, within what the cache key covers:
        # not the sources that only mention the term, nor the region's claims (dated on the region's page).
        updated = last_updated(view.sources, b.events_about(slug))
        return self._cached(locations.term(term.kind, slug), shown, extra, partial(self._term_page, term, view, updated))

    def term_view(self, term: Term) -> term_page.TermView:
        views = self.__dict__.setdefault("_views", {})
        if term.slug not in views:
            views[term.slug] = term_page.term_view(self.briefing, term, TERM_EVENTS)
        return views[term.slug]

    def term_counts(self, terms) -> dict[str, tuple[int, int]]:
        """(works, events as the timeline groups them) of each term's page, for the tables that link to it."""
        views = {term.slug: self.term_view(term) for term in terms}
        return {slug: (self.works.count(s.id for s in view.sources), len(view.events)) for slug, view in views.items()}

    def _term_page(self, term: Term, view: term_page.TermView, updated: PartialDate | None) -> str:
        b = self.briefing
        meta = {"title": term.name, "description": term.description, "feed": feeds.term_feed(term)}
        return self.page(
            "term.md.j2", locations.term(term.kind, term.slug), meta, term=term, view=view,
            figures=evidence.figure_view(b, b.figures_about(term.slug), self.conflicts),
            event_limit=TERM_EVENTS, sources=view.sources[:TERM_SOURCES], updated=updated,
            work_count=self.works.count(s.id for s in view.sources),
            index_path=locations.listing(f"{'themes' if term.kind == 'theme' else 'countries'}/{term.slug}"),
            metrics=b.metric_by_slug, trends=b.trends_of(term.slug),
        )

    def source_page(self, source: Source) -> str:
        b = self.briefing
        kin = [(k.relation, b.source_by_id[k.source_id]) for k in self.kinships.get(source.id, ())]
        context = dict(
            source=source, listing=b.source_by_id.get(source.listing_id or ""),
            teasers={b.source_by_id[i].listing_paragraph: b.source_by_id[i] for i in source.item_ids},
            figures=evidence.figure_view(b, source.figures, self.conflicts), kin=kin,
            related=self.relatedness.related(source, frozenset(other.id for _, other in kin)),
        )
        path = locations.source(source.id)
        if self.pages is None:
            return self._source_page(path, context)
        # Everything the template reads: the sources it shows or cites, the terms and metrics.
        view = context["figures"]
        shown = [source, context["listing"], *context["teasers"].values(), *(other for _, other in kin),
                 *context["related"], *(b.source_by_id[f.citation.source_id]
                                        for c in view.conflicts + view.differences for f in c.figures)]
        inputs = ([self._digest(s) for s in shown if s], [relation for relation, _ in kin], self._shared_inputs)
        return self.pages.render(path, inputs, lambda: self._source_page(path, context))

    def _digest(self, source: Source) -> str:
        digests = self.__dict__.setdefault("_digests", {})
        if source.id not in digests:
            digests[source.id] = hashlib.sha256(repr(source).encode()).hexdigest()
        return digests[source.id]

    def _source_page(self, path: str, context: dict) -> str:
        b, source = self.briefing, context["source"]
        tags = [t.name for t in _names_of(b, source.countries + source.themes)]
        meta = {"title": source.title, "description": source.summary, "tags": tags}
        if not source.summary:
            del meta["description"]  # the site's own description stands in until an editor writes one
        return self.page("source.md.j2", path, meta, paragraphs=_paragraph_html(source),
                         inferred={i.field: i for i in source.inferred}, inferences=_inferences(source),
                         outside_number={o.id: n for n, o in enumerate(source.outside_sources, 1)}, guessed=_guessed(source), metrics=b.metric_by_slug, **context)

    @cached_property
    def _shared_inputs(self) -> str:
        b = self.briefing
        return hashlib.sha256(repr((b.title, b.site_url, b.countries, b.themes, b.metrics)).encode()).hexdigest()


def _safe_id(anchor: str) -> Markup:
    """An HTML id as written: claim anchors are made of source and claim ids, which allow only [a-z0-9_-]."""
    return Markup(anchor) if SAFE_ID.fullmatch(anchor) else escape.inline(anchor)


def _inferences(source: Source) -> list[tuple[str, Inference]]:
    """Every value of a source and of its events and figures that the text does not state, labelled for readers."""
    rows = [(inference.field, inference) for inference in source.inferred]
    rows += [(f"{i.field} of the event “{event.text}”", i) for event in source.events for i in event.inferred]
    rows += [(f"{i.field} of the figure “{figure.text}”", i) for figure in source.figures for i in figure.inferred]
    return rows


def _guessed(source: Source) -> dict[str, str]:
    """The fields detection guessed, in the order the page shows them, and a phrase that lists them."""
    fields = [field for field in DETECTED_FIELDS if field in source.guessed]
    phrase = ", ".join(fields[:-1]) + (" and " if len(fields) > 1 else "") + (fields[-1] if fields else "")
    return dict.fromkeys(fields, phrase)


def _names_of(briefing: Briefing, slugs) -> list[Term]:
    return [briefing.term_by_slug[s] for s in slugs if s in briefing.term_by_slug]


def _by_year(groups) -> list[tuple[int, list]]:
    years: dict[int, list] = defaultdict(list)
    for group in groups:
        years[group.main.date.year].append(group)
    return sorted(years.items(), reverse=True)


def _paragraph_html(source: Source) -> list[tuple[int, Markup, bool]]:
    """Each paragraph escaped, with corrections shown as marked edits."""
    rendered = []
    for paragraph in source.paragraphs:
        fixes = [(n, c) for n, c in enumerate(source.corrections, 1) if c.paragraph == paragraph.number]
        rendered.append((paragraph.number, _with_corrections(paragraph.text, fixes), paragraph.heading))
    return rendered


def _with_corrections(text: str, fixes) -> Markup:
    """Escape text, marking each correction's wrong words where its quote has them,
    with a numbered link to the editor's note."""
    spans = []
    for number, fix in fixes:
        start = text.find(fix.quote)
        at = text.find(fix.wrong, start) if start >= 0 else -1
        if at >= 0:
            spans.append((at, at + len(fix.wrong), number, fix))
    pieces, done = [], 0
    for start, end, number, fix in sorted(spans, key=lambda span: span[:2]):
        if start < done:
            continue  # overlaps an earlier correction; its note is still listed on the page
        pieces.append(escape.fragment(text[done:start]))
        pieces.append(Markup(
            f'<span class="correction" title="Editor: {escape.attribute(fix.note)}">'
            f'<del>{escape.fragment(fix.wrong)}</del> <ins>{escape.fragment(fix.right)}</ins>'
            f'<sup><a href="#correction-{number}" title="Editor&#39;s note {number}">{number}</a></sup></span>'
        ))
        done = end
    pieces.append(escape.fragment(text[done:]))
    return Markup("").join(pieces)
