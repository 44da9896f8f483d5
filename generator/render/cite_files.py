"""Citation downloads: for each source, its original article; for each briefing page, the page itself.

Pure, like export.py: citation_files() gives (path, bytes) pairs, written into the docs
tree and published as they are. Each citation comes as BibTeX, RIS and CSL-JSON
(citation_formats.py), the three files reference managers such as Zotero import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from generator.derive.derived import Derived
from generator.model.briefing import Briefing
from generator.render import locations
from generator.render.citation_formats import bibtex_of_item, csl_item, csl_json, page_item, ris_of_item
from generator.render.dated import last_updated, term_updated


def citation_files(briefing: Briefing, derived: Derived) -> Iterator[tuple[str, bytes]]:
    """(path, bytes) of each citation file, made as they are asked for: at 10,000 sources they come to 120 MB."""
    for source in briefing.sources:
        page = locations.public(locations.source(source.id), briefing.site_url) if briefing.site_url else None
        item = csl_item(source, page)
        yield from _three(item, partial(locations.source_citation, source.id)).items()
    pages = [(locations.HOME, briefing.title, last_updated(briefing.sources, briefing.events))]
    pages += [
        (locations.term(t.kind, t.slug), t.name, term_updated(briefing, derived, t))
        for t in briefing.countries_in_use() + briefing.themes_in_use()
    ]
    editors = list(briefing.masthead.editors)
    for path, title, updated in pages:
        address = locations.public(path, briefing.site_url)
        date, inferred = (updated.date, updated.inferred) if updated else (None, False)
        item = page_item(briefing.title, title, address, date, editors, inferred)
        yield from _three(item, partial(locations.page_citation, path)).items()


def _three(item: dict, path_of: Callable[[str], str]) -> dict[str, bytes]:
    return {
        path_of("bib"): bibtex_of_item(item).encode("utf-8"),
        path_of("ris"): ris_of_item(item).encode("utf-8"),
        path_of("json"): csl_json([item]).encode("utf-8"),
    }
