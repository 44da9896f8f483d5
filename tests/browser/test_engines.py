"""The same site from both engines: MkDocs (the default) and Zensical, Material's successor.

The fixture corpus is built once with each (`python -m generator build --engine
...`). Both sites have the same pages, the same navigation, the same citation
links landing on anchors that exist, and the same first search results; the
Zensical site shows no console errors, escapes hostile titles and finds pages
with Pagefind. The other browser tests run on the MkDocs build.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit


from tests.browser.pagetools import load
from tests.browser.test_search import EXPECTED, FIRST, search
from tests.helpers import copy_project, edit, run_cli, S000

CITATION = re.compile(r"#p\d+$")
QUERIES = ["Sekerina", "Tokayev", "Crocus City Hall"]


class Links(HTMLParser):
    """The navigation (tabs and the primary nav) and every link of a page, and the ids it defines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nav: list[tuple[str, str]] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self._open: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(attrs["href"])
            classes = (attrs.get("class") or "").split()
            if "md-tabs__link" in classes or "md-nav__link" in classes:
                self._open = (attrs["href"], [])

    def handle_data(self, data):
        if self._open:
            self._open[1].append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            self.nav.append((self._open[0], " ".join("".join(self._open[1]).split())))
            self._open = None


@functools.lru_cache(maxsize=None)
def parsed(site_dir: Path, page: str) -> Links:
    links = Links()
    links.feed((site_dir / page.lstrip("/") / "index.html").read_text(encoding="utf-8"))
    return links


def absolute(page: str, href: str) -> str:
    """A link as a path from the site root ("/sources/x/#p3"), whatever its relative form."""
    parts = urlsplit(urljoin(f"http://site{page}", href))
    path = parts.path if parts.path.endswith("/") or "." in parts.path.rsplit("/", 1)[-1] else parts.path + "/"
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def test_both_engines_build_the_same_pages(site, zensical_site):
    assert site.pages() == zensical_site.pages()
    assert len(site.pages()) > 40


def test_both_engines_show_the_same_navigation(site, zensical_site):
    for page in ["/", "/countries/kazakhstan/", "/sources/000_c1a27e0ec5b1e4f9/", "/about/"]:
        ours, theirs = (
            [(absolute(page, href), title) for href, title in parsed(built.dir, page).nav]
            for built in (site, zensical_site)
        )
        assert ours == theirs, page
        assert ("/countries/", "Countries") in ours and ("/timeline/", "Timeline") in ours


def test_every_citation_lands_on_its_paragraph_in_both(site, zensical_site):
    for built in (site, zensical_site):
        citations = 0
        for page in built.pages():
            for href in parsed(built.dir, page).links:
                if not CITATION.search(href) or href.startswith("#"):
                    continue
                target = absolute(page, href)
                path, fragment = target.split("#")
                assert fragment in parsed(built.dir, path).ids, f"{page}: {href} lands nowhere"
                citations += 1
        assert citations > 100, "test setup: the corpus cites paragraphs on many pages"
    for page in site.pages():  # the same citations, page by page
        mkdocs_links = sorted(absolute(page, h) for h in parsed(site.dir, page).links if CITATION.search(h))
        zensical_links = sorted(absolute(page, h) for h in parsed(zensical_site.dir, page).links if CITATION.search(h))
        assert mkdocs_links == zensical_links, page


def test_both_engines_find_the_same_first_results(pages, zensical_pages):
    ours, theirs = pages.open(), zensical_pages.open()
    for query in QUERIES:
        load(ours, "/")
        load(theirs, "/")
        found = search(ours, query)[:FIRST]
        assert found == search(theirs, query)[:FIRST], query
        assert EXPECTED[query] in found, query


def test_the_zensical_site_reads_without_errors(zensical_pages, zensical_site):
    page = zensical_pages.open()
    for path in ["/", "/countries/kyrgyzstan/", "/sources/000_c1a27e0ec5b1e4f9/", "/timeline/", "/data/"]:
        load(page, path)
        assert page.locator("h1").first.inner_text().strip()
    # fails at teardown on any console error, failed request or request to another host


def test_zensical_shows_a_hostile_title_as_text(tmp_path, browser):
    from tests.browser.conftest import Site, watched_pages
    from tests.browser.pagetools import served

    root = copy_project(tmp_path / "project")
    hostile = "A <b>bold</b> <img src=x onerror=alert(1)> & title"
    edit(root, S000, "\ntitle: ", f"\ntitle: {hostile!r}  # was: ")
    result = run_cli("build", "--root", str(root), "--engine", "zensical", cwd=root)
    assert result.returncode == 0, result.stderr
    built = Site(root, root / "site")
    with served(built.dir) as base:
        built.base = base
        for opened in watched_pages(browser, built):
            page = opened.open()
            load(page, "/sources/000_c1a27e0ec5b1e4f9/")
            assert page.title().startswith(hostile)  # the tab shows the text, so it was escaped once
            assert hostile in page.locator("h1").first.inner_text()
            assert page.evaluate("document.querySelectorAll('img[onerror], h1 b, title b').length") == 0
