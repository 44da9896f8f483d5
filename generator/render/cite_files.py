"""Citation downloads: for each source, its original article; for each briefing page, the page itself.

Pure, like export.py: source_citation_files() and page_citation_files() give (path,
bytes) pairs, written into the docs tree and published as they are (a source's files
the last run made from the same source are left as they are). Each citation comes as BibTeX, RIS and CSL-JSON
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
from generator.render.page_cache import LastRun

FORMATS = ("bib", "ris", "json")


def source_citation_files(briefing: Briefing, last_run: LastRun | None = None) -> Iterator[tuple[str, bytes | None]]:
    """The citation files of each source's original article."""
    for source in briefing.sources:
        path_of = partial(locations.source_citation, source.id)
        if last_run is not None and last_run.unchanged(map(path_of, FORMATS), (source, briefing.site_url)):
            yield from ((path_of(extension), None) for extension in FORMATS)
            continue
        page = locations.public(locations.source(source.id), briefing.site_url) if briefing.site_url else None
        yield from _three(csl_item(source, page), path_of).items()


def page_citation_files(briefing: Briefing, derived: Derived) -> Iterator[tuple[str, bytes | None]]:
    """The citation files of the home page and each country and theme page, as of when each was last updated."""
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
    texts = (bibtex_of_item(item), ris_of_item(item), csl_json([item]))
    return {path_of(extension): text.encode("utf-8") for extension, text in zip(FORMATS, texts, strict=True)}
