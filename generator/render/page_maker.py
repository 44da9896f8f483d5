"""How a page is made from its template and values, whichever page it is: its references, its fingerprint, its
reuse from the page cache, and its rendering (on every core when a whole site is made: pages_apart.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from generator.render import crumbs, facets
from generator.render.environment import environment, front_matter
from generator.render.facets import Facets
from generator.render.page_cache import PageCache
from generator.render.page_data import Fingerprints, References


class FilesLastRun:
    """The LastRun (page_cache.py) of files made from their inputs alone: feeds, data and citation files."""

    def __init__(self, pages: PageCache | None, fingerprints: Fingerprints) -> None:
        self.pages = pages
        self.fingerprints = fingerprints

    def unchanged(self, paths: Iterable[str], inputs: Any) -> bool:
        """Whether the files at paths, made from inputs alone (by code the page cache's key covers), are the last
        run's, each to be left as it is; without a page cache, never."""
        if self.pages is None:
            return False
        paths = tuple(paths)
        fingerprint = self.fingerprints.of((paths, inputs))
        return all([self.pages.keeps(path, fingerprint) for path in paths])  # a list: each path is recorded


class PageMaker:
    """Pages from templates: shared values for every page, references found in each page's values."""

    def __init__(
        self,
        shared: dict[str, Any],
        references: References,
        pages: PageCache | None,
        fingerprints: Fingerprints | None = None,
    ) -> None:
        self.shared = shared
        self.references = references
        self.pages = pages
        self.fingerprints = fingerprints or Fingerprints()
        self.shared_fingerprint = self.fingerprints.of(self.shared)

    def page(
        self,
        template: str,
        page_path: str,
        meta: dict,
        values: dict,
        extras: Callable[[], dict] | None = None,
        search: Facets | None = None,
    ) -> str:
        """One page. extras, if given, computes more values from values alone (say, a source's escaped
        paragraphs), only when the page is rendered; search gives its search filters beyond its kind."""
        refs = self.references.refs_of(values)
        search = search or Facets(facets.page_kind(page_path))
        meta = {**crumbs.placed(page_path, meta), "kind": search.kind}  # kind: for link previews (main.html)

        def render() -> str:
            parts = [self.shared, values, extras() if extras else {}, {"refs": refs, "page_path": page_path}]
            context = {key: value for part in parts for key, value in part.items()}
            if len(context) != sum(map(len, parts)) or context.keys() & environment().globals.keys():
                raise ValueError(f"{template}: a page value has the name of a shared value or function")
            body = environment().get_template(template).render(context)
            return front_matter(meta) + crumbs.crumbs_line(page_path, meta["title"]) + body + facets.facets_line(search)

        if self.pages is None:
            return render()
        fingerprint = self.fingerprints.of((template, page_path, meta, values, refs, search, self.shared_fingerprint))
        return self.pages.render(page_path, fingerprint, render)
