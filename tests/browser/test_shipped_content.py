"""The shipped content in Chromium: every page of this checkout's own seeds/ and content/ opens
without a console error, a failed request or a request to another host (the Watch of conftest.py),
and every paragraph citation on it leads to an anchor that exists on its source page.

It checks properties only, never a count, a title or a date, so it holds whatever articles
editors add; exact expectations belong to the tests on the fixture corpus.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tests.browser.pagetools import HOST, load

SOURCE_PAGE = re.compile(r"^/sources/[^/]+/$")

# The paragraph anchors of the page, and the absolute address of every link to a numbered paragraph.
PARAGRAPHS_AND_CITATIONS_JS = r"""() => ({
    anchors: [...document.querySelectorAll('[id]')].map(e => e.id).filter(id => /^p\d+$/.test(id)),
    citations: [...document.querySelectorAll('a[href]')].map(a => a.href).filter(href => /#p\d+$/.test(href))})"""


def citation_problem(link: str, anchors: dict[str, set[str]]) -> str | None:
    target = urlsplit(link)
    if target.hostname != HOST or not SOURCE_PAGE.match(target.path):
        return "leads to no source page of the site"
    if target.path not in anchors:
        return "leads to a page the site does not have"
    if target.fragment not in anchors[target.path]:
        return f'leads to a source page without id="{target.fragment}"'
    return None


def test_every_shipped_page_opens_cleanly_and_each_citation_lands(shipped_pages, shipped_site):
    paths = shipped_site.pages()
    assert any(SOURCE_PAGE.match(path) for path in paths), paths
    page = shipped_pages.open()  # desktop; one context for all, so the theme's assets come from its cache
    watch = shipped_pages.watch(page)
    anchors: dict[str, set[str]] = {}  # URL path of each page -> its paragraph anchors
    citations: list[tuple[str, str]] = []  # (URL path of the page, absolute link)
    for path in paths:
        load(page, path)
        watch.settle(page, quiet=0.1)  # the page's late fetches are watched before the next page starts
        found = page.evaluate(PARAGRAPHS_AND_CITATIONS_JS)
        anchors[path] = set(found["anchors"])
        citations += [(path, link) for link in found["citations"]]
    assert citations, "no page of the shipped site cites a paragraph"
    broken = list(dict.fromkeys(f"{path}: {link} {problem}" for path, link in citations
                                if (problem := citation_problem(link, anchors)) is not None))
    assert not broken, f"{len(broken)} of {len(citations)} citations do not land:\n  " + "\n  ".join(broken[:30])
