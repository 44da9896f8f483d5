"""The files of the docs tree, in the order write_tree (tree.py) asks for them: the pages, the editors' own pages,
the files made from the model alone, the pages' citations, the charts' downloads and the assets."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from generator.derive.derived import Derived
from generator.model.briefing import Briefing
from generator.render import crumbs, export, facets, feeds
from generator.render.chart_files import chart_files
from generator.render.cite_files import page_citation_files, source_citation_files
from generator.render.data_rows import KeptRows
from generator.render.page_cache import KEPT, LastRun
from generator.render.renderer import Renderer

ASSETS_DIR = Path(__file__).resolve().parent.parent / "render" / "assets"


def output_files(
    briefing: Briefing,
    derived: Derived,
    renderer: Renderer,
    pages: dict[str, str],
    made_from_model: Iterable[tuple[str, bytes | None]],
) -> Iterator[tuple[str, bytes | None]]:
    """(path, bytes) of every file of the docs tree, each made as write_tree asks for it, so that a big site's files
    are never all in memory at once; None for bytes: a page the page cache kept in place. made_from_model: the
    model_files(), made meanwhile by another process (write/made_apart.py)."""
    for path, page in renderer.each_rendered_page():
        yield path, _file_bytes(page)
    about = facets.facets_line(facets.Facets(facets.page_kind("about.md")))
    for name, text in pages.items():
        yield name, (crumbs.with_trail(name, text) + about).encode("utf-8")
    yield from made_from_model
    yield from page_citation_files(briefing, derived)
    yield from chart_files(briefing, renderer.charts.values(), renderer.kept_charts).items()  # every page's charts
    yield from asset_files().items()


def model_files(
    briefing: Briefing, last_run: LastRun, rows: KeptRows | None = None
) -> Iterator[tuple[str, bytes | None]]:
    """The files made from the model alone: feeds, data downloads (their rows kept in rows), the sources' citation
    files."""
    yield from feeds.feed_files(briefing, briefing.site_url, last_run=last_run).items()
    yield from export.each_data_file(briefing, last_run, rows)
    yield from source_citation_files(briefing, last_run)


def _file_bytes(page: str) -> bytes | None:
    """A page's bytes, or None for one the page cache kept in place (write_tree leaves it as it is)."""
    return None if page is KEPT else page.encode("utf-8")


def asset_files() -> dict[str, bytes]:
    return {f"assets/{path.name}": path.read_bytes() for path in sorted(ASSETS_DIR.iterdir()) if path.is_file()}
