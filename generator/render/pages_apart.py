"""Every page valued and rendered on every core, a page a task (common/workers.py): the source, listing and
timeline pages, which each run goes through whole to find the few whose lookups changed (read_pages.py), and the
term and home pages, whose values are worked out from long lists.

Each worker hands back, for each page, what making it left in the worker's records: its text (none for a page
left as it is), its fingerprint, what it looked up and the charts it drew or kept. They are taken in the order of
the pages, so the records, and the output, are those of making every page here, whatever the number of workers.
Where workers are not used (one core, a process with threads), the pages are made here, one by one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from generator.common.workers import run_each
from generator.render import evidence
from generator.render.page_cache import KEPT
from generator.render.page_maker import PageMaker
from generator.render.page_reads import PageReads

# The most pages a worker is handed at once, and hands back together: few enough that the pages waiting to be
# written, which come back in order, are a small part of a big site's memory. One pool makes every page, so each
# worker digests an object that many pages show (an event group, a source) once per run.
PAGES_AT_ONCE = 64

Maker = tuple[str, Callable[[], str]]  # a page's path, and what makes it


@dataclass(frozen=True)
class ValuedPage:
    """What making one page left, to be taken into the records of the process that writes it."""

    valued_in: int  # the process that made it, whose records hold all this already
    path: str
    text: str | None  # None: the page is left as the last run wrote it
    fingerprint: str | None
    reads: Any  # its record in PageReads.current, None if it has none
    charts: dict[str, evidence.Chart]  # the charts it drew
    kept_charts: list[str]  # the charts of a page left as it was, whose downloads stay too


class PagesApart(PageMaker):
    """Making pages in workers, for the Renderer (render/renderer.py)."""

    reads: PageReads
    charts: dict[str, evidence.Chart]
    kept_charts: set[str]  # the charts of pages kept by their reads: their downloads stay as they are
    _page_charts: tuple[list[str], list[str]] | None = None  # drawn and kept by the page being made

    def made_together(self, makers: Sequence[Maker]) -> Iterator[tuple[str, str]]:
        """(path, page) of each page, in order, KEPT for a page left as it is."""
        tasks = [partial(self._made, path, make) for path, make in makers]
        for valued in run_each(tasks, most_at_once=PAGES_AT_ONCE):
            yield valued.path, self._taken(valued)

    def charts_drawn(self, charts: Iterable[evidence.Chart]) -> None:
        """Charts the page being made shows; their downloads are made with the pages (chart_files.py)."""
        for chart in charts:
            self.charts[chart.key] = chart
            if self._page_charts is not None:
                self._page_charts[0].append(chart.key)

    def charts_kept(self, keys: Iterable[str]) -> None:
        """The charts of a page left as it is, whose downloads stay as they are too."""
        keys = list(keys)
        self.kept_charts.update(keys)
        if self._page_charts is not None:
            self._page_charts[1].extend(keys)

    def _made(self, path: str, make: Callable[[], str]) -> ValuedPage:
        self._page_charts = ([], [])
        try:
            text = make()
            drawn, kept = self._page_charts
        finally:
            self._page_charts = None
        return ValuedPage(
            os.getpid(),
            path,
            None if text is KEPT else text,
            self.pages.current.get(path) if self.pages is not None else None,
            self.reads.current.get(path),
            {key: self.charts[key] for key in drawn},
            kept,
        )

    def _taken(self, valued: ValuedPage) -> str:
        """The page's records taken into this process's (where it was made, they are there already)."""
        if valued.valued_in != os.getpid():
            if self.pages is not None and valued.fingerprint is not None:
                self.pages.current[valued.path] = valued.fingerprint
                self.pages.reused += valued.text is None
            if valued.reads is not None:
                self.reads.current[valued.path] = valued.reads
            self.charts.update(valued.charts)
            self.kept_charts.update(valued.kept_charts)
        return KEPT if valued.text is None else valued.text
