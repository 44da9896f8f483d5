"""What the search dialog can narrow a page by, and what a result says of it: Pagefind filters and metadata.

Each page carries a hidden block of empty elements, one per value
(data-pagefind-filter="country:Kyrgyzstan"): Pagefind reads filters from hidden
elements, and an empty element adds no words to the index. A value is given once
per page (Pagefind counts a repeated value twice). The kinds and labels here are
what readers see as facets and result tags.

Pagefind's interface prints filter values as HTML, so each value is escaped
here once more than an attribute needs: what Pagefind decodes is still escaped.

A source page's block also says the month the source entered the briefing
(data-briefing-added="YYYY-MM", which Pagefind does not read): search bundles are
split by it (engines/search_bundles.py), so new sources, whatever their date, go
to the newest bundle and leave the others as they were.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from generator.model.entities import Source, Term
from generator.render import crumbs, locations
from generator.render.dated import LastUpdated
from generator.render.environment import environment

KIND_BY_SECTION = {
    crumbs.HOME_TITLE: "Home",
    crumbs.COUNTRIES_TITLE: "Country",
    crumbs.THEMES_TITLE: "Theme",
    crumbs.SOURCES_TITLE: "Source",
    crumbs.TIMELINE_TITLE: "Timeline",
    crumbs.DATA_TITLE: "Data",
    crumbs.ABOUT_TITLE: "About",
}
INDEX_PAGES = (locations.COUNTRIES, locations.THEMES, locations.SOURCES)
REVIEWED, NOT_REVIEWED = "Reviewed", "Not yet reviewed"


@dataclass(frozen=True)
class Facets:
    kind: str
    countries: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    year: int | None = None
    review: str | None = None
    date: str = ""  # shown beside a result, with "(inferred)" when the text does not state it
    added: str = ""  # the month a source entered the briefing, YYYY-MM: which search bundle it goes to

    def filters(self) -> list[tuple[str, str]]:
        pairs = [("kind", self.kind)]
        pairs += [("country", name) for name in dict.fromkeys(self.countries)]
        pairs += [("theme", name) for name in dict.fromkeys(self.themes)]
        if self.year is not None:
            pairs.append(("year", str(self.year)))
        if self.review:
            pairs.append(("review", self.review))
        return [(name, html.escape(value)) for name, value in pairs]

    def meta(self) -> list[tuple[str, str]]:
        shown = [("kind", self.kind)] + ([("date", self.date)] if self.date else [])
        return [(name, html.escape(value)) for name, value in shown]


def page_kind(page_path: str) -> str:
    if page_path in INDEX_PAGES:
        return "Index"
    if page_path == locations.CORRECTIONS:
        return "Corrections"
    return KIND_BY_SECTION[crumbs.section_of(page_path)]


def of_source(source: Source, names: dict[str, str]) -> Facets:
    """A source page: the countries and themes it is about, its year, whether an editor has reviewed it."""
    date = ""
    if source.date is not None:
        date = source.date.human + (" (inferred)" if source.date_basis in ("inferred", "outside") else "")
    return Facets(
        kind="Source",
        countries=tuple(names[slug] for slug in source.countries if slug in names),
        themes=tuple(names[slug] for slug in source.themes if slug in names),
        year=source.date.year if source.date else None,
        review=REVIEWED if source.review == "reviewed" else NOT_REVIEWED,
        date=date,
        added=f"{source.added.year:04d}-{source.added.month:02d}" if source.added else "",
    )


def of_term(term: Term, updated: LastUpdated | None) -> Facets:
    """A country or theme page: filed under itself, dated by its newest source or event."""
    date = f"updated {updated.human}{' (inferred)' if updated.inferred else ''}" if updated else ""
    if term.kind == "theme":
        return Facets("Theme", themes=(term.name,), date=date)
    return Facets("Region" if term.kind == "region" else "Country", countries=(term.name,), date=date)


def facets_line(facets: Facets) -> str:
    """The hidden block that closes the page's Markdown."""
    return environment().get_template("_facets.md.j2").render(facets=facets)
