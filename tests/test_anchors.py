"""Every link within a page lands on something on that page, however many claims the corpus has.

Country and theme pages show a limited number of points per section and point to
the others "shown elsewhere on this page"; a pointer to a point the limit cut off
would lead nowhere (Zensical's strict build refuses such a page; MkDocs does not
check raw HTML links). The limits are lowered here so that the five-seed corpus
cuts points off, and every page is converted with mkdocs.yml's Markdown extensions.
"""

from __future__ import annotations

import re

import pytest

from generator.derive import term_page
from generator.pipeline import generate
from tests.test_render import split_front_matter
from tests.test_safety_property import mkdocs_markdown

IDS = re.compile(r'\bid="([^"]+)"')
LOCAL_LINKS = re.compile(r'\bhref="#([^"]+)"')


@pytest.mark.parametrize("limit", [1, 2])
def test_every_link_within_a_page_lands_on_an_element_of_it(project_copy, monkeypatch, limit):
    monkeypatch.setattr(term_page, "SECTION_ITEMS", limit)
    generate(project_copy)
    converter, checked = mkdocs_markdown(), 0
    for path in sorted((project_copy / "build/docs").rglob("*.md")):
        _, body = split_front_matter(path.read_text(encoding="utf-8"))
        converter.reset()
        html = converter.convert(body)
        missing = set(LOCAL_LINKS.findall(html)) - set(IDS.findall(html))
        assert not missing, f"{path.relative_to(project_copy)}: links to #{', #'.join(sorted(missing))} lead nowhere"
        checked += len(LOCAL_LINKS.findall(html))
    assert checked > 100, "test setup: the pages link within themselves"
