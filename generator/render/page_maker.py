"""How a page is made from its template and values, whichever page it is: its references, its fingerprint, its
reuse from the page cache, and its rendering, on every core when a whole site is rendered together."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from generator.common.workers import run_each
from generator.render import crumbs, facets
from generator.render.environment import environment, front_matter
from generator.render.facets import Facets
from generator.render.page_cache import PageCache
from generator.render.page_data import Fingerprints, References

# Pages valued before a batch is rendered: enough to keep the workers busy (a pool is started per batch), few
# enough that their values are a small part of a big site's memory.
RENDER_BATCH = 2_000


class _Deferred(str):
    """The page() of a page to render with others: rendered_together hands on the page itself."""


DEFERRED = _Deferred()


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

    def unchanged(self, paths: Iterable[str], inputs: Any) -> bool:
        return FilesLastRun(self.pages, self.fingerprints).unchanged(paths, inputs)

    def _defer(self, page_path: str, render: Callable[[], str]) -> str:
        assert self._pending is not None
        self._pending[page_path] = render
        return DEFERRED  # rendered_together hands on the rendered page instead

    def rendered_together(self, each_page: Callable[[], Iterable[tuple[str, str]]]) -> Iterator[tuple[str, str]]:
        """The pages each_page makes, (path, page) one by one: those taken from the page cache as they come, the
        others rendered in workers (common/workers.py) a batch at a time, each handed on as soon as it is done.
        Only one batch's values wait to be rendered: a big site's would otherwise all be held at once."""
        pending: dict[str, Callable[[], str]] = {}
        self._pending = pending
        try:
            for path, page in each_page():
                if page is not DEFERRED:
                    yield path, page
                elif len(pending) >= RENDER_BATCH:  # a family of pages may be valued before it is handed on
                    yield from _rendered(pending)
            yield from _rendered(pending)
        finally:
            self._pending = None


def _rendered(pending: dict[str, Callable[[], str]]) -> Iterator[tuple[str, str]]:
    """The pending pages rendered, in workers when there are enough of them; pending is emptied."""
    paths, renders = list(pending), list(pending.values())
    pending.clear()
    yield from zip(paths, run_each(renders), strict=True)
