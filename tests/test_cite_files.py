"""The citation downloads of a generated briefing: every source's original article and every briefing page, in
BibTeX, RIS and CSL-JSON, read back by real parsers; each page links to its files."""

from __future__ import annotations

import datetime as dt
import html
import json

import pytest

from generator.common.project import Project
from generator.pipeline import build_model, generate
from generator.render import locations
from tests.helpers import edit
from tests.test_citation_formats import bibliography, bibtex_entry, bibtex_text, one_line, ris_entry

TODAY = dt.date(2026, 12, 1)
SITE = "https://briefing.example.org/ca/"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from tests.helpers import copy_project

    root = copy_project(tmp_path_factory.mktemp("cite") / "project")
    edit(root, "content/briefing.yml", "title: Central Asia", f"site_url: {SITE}\ntitle: Central Asia")
    generate(root, today=TODAY)
    briefing, _ = build_model(Project.at(root), TODAY)
    return root / "build" / "docs", briefing


def read(docs, path: str) -> str:
    return (docs / path).read_text(encoding="utf-8")


def test_every_source_has_its_original_article_in_three_formats(built):
    docs, briefing = built
    for source in briefing.sources:
        bib = bibtex_text(read(docs, locations.source_citation(source.id, "bib")))
        ris = ris_entry(read(docs, locations.source_citation(source.id, "ris")))
        (item,) = json.loads(read(docs, locations.source_citation(source.id, "json")))
        title = one_line(source.title)
        assert bib["title"] == title and ris["title"] == title and item["title"] == title
        if source.publisher:
            assert item["container-title"] == source.publisher == ris["secondary_title"]
        if source.date:
            assert item["issued"]["date-parts"][0][0] == source.date.year == int(bib["year"])
            assert ("circa" in item["issued"]) == (source.date_basis in ("inferred", "outside"))
        else:
            assert "issued" not in item and "year" not in bib
        if source.url and source.url.startswith(("http://", "https://")):
            assert item["URL"] == bibtex_entry(read(docs, locations.source_citation(source.id, "bib")))["url"]
        assert f"{SITE}sources/{source.id}/" in item["note"], "the note leads back to the briefing's page"
        (entry,) = bibliography([item])
        assert title in entry


def test_every_briefing_page_has_its_own_citation_with_its_full_address(built):
    docs, briefing = built
    pages = [locations.HOME] + [locations.term(t.kind, t.slug) for t in briefing.countries_in_use()]
    for path in pages:
        (item,) = json.loads(read(docs, locations.page_citation(path, "json")))
        assert item["URL"] == SITE + locations.url(path)
        assert item["container-title"] == briefing.title
        assert ris_entry(read(docs, locations.page_citation(path, "ris")))["urls"] == [item["URL"]]
        text = html.unescape(read(docs, path))
        assert f'<a href="{SITE + locations.url(path)}">{SITE + locations.url(path)}</a>' in text
        for extension in ("bib", "ris", "json"):
            assert locations.href(locations.page_citation(path, extension), path) in text


def test_a_source_page_links_to_its_original_articles_citation(built):
    docs, briefing = built
    source = briefing.sources[0]
    page = locations.source(source.id)
    text = html.unescape(read(docs, page))
    for extension in ("bib", "ris", "json"):
        assert f'href="{locations.href(locations.source_citation(source.id, extension), page)}" download' in text


def test_a_run_makes_again_only_the_citations_of_sources_that_changed(tmp_path, monkeypatch):
    """A source's three files come from the source and the site's address alone: the next run leaves the others as
    they are (the page cache records them), makes the edited source's anew, and all of them when the address
    changes; the files are those of a generation from scratch either way."""
    from generator.render import cite_files
    from tests.helpers import copy_project, tree_bytes

    root = copy_project(tmp_path / "project")
    generate(root, today=TODAY)
    made: list[str] = []
    real_item = cite_files.csl_item
    monkeypatch.setattr(cite_files, "csl_item", lambda source, page: made.append(source.id) or real_item(source, page))
    monkeypatch.setenv("BRIEFING_WORKERS", "1")  # citation files made in this process, where they are watched
    briefing, _ = build_model(Project.at(root), TODAY)
    edited = "001_66304f5fa3b57f47"
    edit(root, f"content/sources/{edited}.yml", "title: Central", "title: Edited, Central")
    generate(root, today=TODAY)
    assert made == [edited]
    assert "Edited, Central Asia challenges" in read(root / "build/docs", locations.source_citation(edited, "ris"))
    made.clear()
    edit(root, "content/briefing.yml", "title: Central Asia", f"site_url: {SITE}\ntitle: Central Asia")
    generate(root, today=TODAY)
    assert sorted(made) == sorted(source.id for source in briefing.sources)
    fresh = copy_project(tmp_path / "fresh", root)
    generate(fresh, today=TODAY)
    assert tree_bytes(root / "build/docs") == tree_bytes(fresh / "build/docs")
