"""How a page is made from its template and values, whichever page it is: its references, its fingerprint, its
reuse from the page cache, and its rendering, on every core when a whole site is rendered together."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

from generator.common.workers import run_each
from generator.render import crumbs, facets
from generator.render.environment import environment, front_matter
from generator.render.facets import Facets
from generator.render.page_cache import PageCache
from generator.render.page_data import Fingerprints, References


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
        self._pending: dict[str, Callable[[], str]] | None = None  # pages to render together (rendered_together)

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

        now = render if self._pending is None else functools.partial(self._defer, page_path, render)
        if self.pages is None:
            return now()
        fingerprint = self.fingerprints.of((template, page_path, meta, values, refs, search, self.shared_fingerprint))
        return self.pages.render(page_path, fingerprint, now)

    def _defer(self, page_path: str, render: Callable[[], str]) -> str:
        assert self._pending is not None
        self._pending[page_path] = render
        return ""  # all_pages puts the page here once the pages to render are all known

    def rendered_together(self, each_page: Callable[[], dict[str, str]]) -> Iterator[tuple[str, str]]:
        """The pages each_page makes, (path, page) one by one: those taken from the page cache first, then those
        rendered in workers, each as soon as it is done (common/workers.py), so that they need not all be held."""
        self._pending = {}
        try:
            pages = each_page()
            pending = self._pending
        finally:
            self._pending = None
        yield from ((path, page) for path, page in pages.items() if path not in pending)
        del pages  # values of pages to render live on in their render functions only
        yield from zip(pending, run_each(list(pending.values())), strict=True)
