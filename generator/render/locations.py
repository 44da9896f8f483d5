"""Where each page lives in the generated Markdown tree.

These paths are the site's stable URLs: countries/<slug>.md is served at
/countries/<slug>/, sources/<id>.md at /sources/<id>/, and so on.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

HOME = "index.md"
COUNTRIES = "countries/index.md"
THEMES = "themes/index.md"
SOURCES = "sources/index.md"
TIMELINE = "timeline.md"
DATA = "data.md"
CORRECTIONS = "corrections.md"
CORRECTIONS_SECTION = "corrections-and-updates"  # the heading of a source page's own corrections
BROWSE = "browse/index.md"


def country(slug: str) -> str:
    return f"countries/{slug}.md"


def theme(slug: str) -> str:
    return f"themes/{slug}.md"


def term(kind: str, slug: str) -> str:
    return theme(slug) if kind == "theme" else country(slug)


def listing(key: str, period: str = "") -> str:
    """A page of a source index (key "all", "countries/<slug>", "themes/<slug>", "years/<year>"): its first
    page, or its page of one period (derive/listing.py PeriodPage.key)."""
    if key == "all" and not period:
        return SOURCES
    return f"browse/{key}/{period or 'index'}.md"


def timeline_year(year: int, month: str = "") -> str:
    """A year of the timeline, or its page of one month (derive/listing.py PeriodPage.key) in a busy year."""
    return f"timeline/{year}/{month or 'index'}.md"


def source(source_id: str) -> str:
    return f"sources/{source_id}.md"


def source_citation(source_id: str, extension: str) -> str:
    """Where the citation of a source's original article is, in one format."""
    return f"cite/sources/{source_id}.{extension}"


def page_citation(page_path: str, extension: str) -> str:
    """Where the citation of a briefing page is: cite/pages/countries-kyrgyzstan.bib, cite/pages/home.bib."""
    key = page_path.removesuffix(".md").removesuffix("index").strip("/").replace("/", "-") or "home"
    return f"cite/pages/{key}.{extension}"


def chart_file(key: str, extension: str) -> str:
    """A chart's downloads (render/chart_files.py): its data as CSV, the chart as SVG."""
    return f"data/charts/{key}.{extension}"


# The citation downloads (render/cite_files.py), by extension and the name readers see.
CITATION_FORMATS = (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON"))


def paragraph(source_id: str, number: int) -> str:
    return f"{source(source_id)}#p{number}"


def url(path: str) -> str:
    """The site-relative URL a generated file is served at (directory URLs).

    index.md -> "", countries/index.md -> "countries/", sources/<id>.md -> "sources/<id>/",
    sources/<id>.md#p5 -> "sources/<id>/#p5"; any other file (a feed, a download) keeps its path.
    """
    path, hash_, fragment = path.partition("#")
    if path.endswith(".md"):
        stem = path.removesuffix(".md")
        path = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
    return f"{path}{hash_}{fragment}"


def public(path: str, site_url: str | None) -> str:
    """Where readers find a generated file: absolute under site_url, else the site-relative URL from the root."""
    return (site_url or "/") + url(path)


def relative(target: str, from_page: str) -> str:
    """A link from one generated page to another, as a relative Markdown path."""
    path, _, fragment = target.partition("#")
    link = _relative_path(path, posixpath.dirname(from_page))
    return f"{link}#{fragment}" if fragment else link


@lru_cache(maxsize=65536)
def _relative_path(path: str, from_dir: str) -> str:
    return posixpath.relpath(path, from_dir or ".")


def href(target: str, page_path: str) -> str:
    """A link from one generated page to another, as a URL for raw HTML (MkDocs rewrites only Markdown links)."""
    return url_from(url(target), url(page_path))


def url_from(target_url: str, from_url: str) -> str:
    """A relative URL to one site-relative URL from another (a page's directory URL, or a file such as a feed):
    "../sources/<id>/#p5"; a directory URL keeps its closing "/"."""
    path, hash_, fragment = target_url.partition("#")
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    link = posixpath.relpath(path or ".", base.rstrip("/") or ".")
    if not path or path.endswith("/"):
        link = "./" if link == "." else link + "/"
    return f"{link}{hash_}{fragment}"
