"""One public address: site_url in content/briefing.yml, overridden by $BRIEFING_SITE_URL or --site-url.

That one value reaches MkDocs (sitemap, canonical links), the feeds, "Cite this
page" and the data downloads; without it, pages show relative addresses and say so.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest

from tests.helpers import edit, generated_nothing, run_cli

ADDRESS = "https://example.org/briefing/"
ATOM = "{http://www.w3.org/2005/Atom}"


def cite_address(markdown: str) -> str:
    """The address the citation shows: the text of its link."""
    return re.search(r'<p class="briefing-cite">.*?<a href="[^"]*">([^<]+)</a></p>', markdown).group(1)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from tests.helpers import copy_project

    root = copy_project(tmp_path_factory.mktemp("site-url") / "project")
    result = run_cli("build", "--root", str(root), "--site-url", ADDRESS.rstrip("/"), cwd=root)
    assert result.returncode == 0, result.stderr
    return root


def test_the_sitemap_and_canonical_links_are_under_the_address(built):
    sitemap = ET.parse(built / "site/sitemap.xml").getroot()
    locations = [element.text for element in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locations and all(location.startswith(ADDRESS) for location in locations)
    assert f"{ADDRESS}countries/kazakhstan/" in locations
    page = (built / "site/countries/kazakhstan/index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{ADDRESS}countries/kazakhstan/">' in page


def test_every_feed_link_is_absolute_under_the_address(built):
    feeds = sorted((built / "site/feeds").rglob("*.xml"))
    assert feeds
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, (path, feed.bozo_exception)
        links = [link.href for link in feed.feed.links] + [link.href for e in feed.entries for link in e.links]
        assert links and all(link.startswith(ADDRESS) for link in links), path


def test_cite_this_page_and_the_data_carry_the_full_address(built):
    docs = built / "build/docs"
    markdown = (docs / "countries/kazakhstan.md").read_text(encoding="utf-8")
    assert f'<a href="{ADDRESS.replace(":", "&#58;")}countries/kazakhstan/">' in markdown
    assert "no public address" not in markdown
    html_page = (built / "site/countries/kazakhstan/index.html").read_text(encoding="utf-8")
    assert f'href="{ADDRESS}countries/kazakhstan/"' in html_page.replace("&#58;", ":")
    sources = json.loads((docs / "data/sources.json").read_text(encoding="utf-8"))["items"]
    assert all(item["page"] == f"{ADDRESS}sources/{item['id']}/" for item in sources)


def test_without_an_address_pages_show_relative_ones_and_say_so(project_copy):
    result = run_cli("generate", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 0, result.stderr
    markdown = (project_copy / "build/docs/countries/kazakhstan.md").read_text(encoding="utf-8")
    assert cite_address(markdown) == "/countries/kazakhstan/"
    assert "has no public address set" in markdown
    feed = feedparser.parse((project_copy / "build/docs/feeds/all.xml").read_bytes())
    assert not any(link.href.startswith("http") for link in feed.feed.links)


def test_briefing_yml_gives_the_address_and_the_variable_overrides_it(project_copy, monkeypatch):
    edit(project_copy, "content/briefing.yml", "\ntitle:", "\nsite_url: https://configured.example/\ntitle:")
    run_cli("generate", "--root", str(project_copy), cwd=project_copy)
    markdown = (project_copy / "build/docs/countries/kazakhstan.md").read_text(encoding="utf-8")
    assert "https&#58;//configured.example/countries/kazakhstan/" in markdown
    monkeypatch.setenv("BRIEFING_SITE_URL", "https://override.example/b")
    run_cli("generate", "--root", str(project_copy), cwd=project_copy)
    markdown = (project_copy / "build/docs/countries/kazakhstan.md").read_text(encoding="utf-8")
    assert "https&#58;//override.example/b/countries/kazakhstan/" in markdown


def test_an_address_that_is_not_one_is_a_usage_error(project_copy, monkeypatch):
    monkeypatch.setenv("BRIEFING_SITE_URL", "javascript:alert(1)")
    result = run_cli("generate", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 2
    assert "BRIEFING_SITE_URL is 'javascript:alert(1)', which is not a web address" in result.stderr
    assert generated_nothing(project_copy)
