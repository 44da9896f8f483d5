"""The editor's preview: `python -m generator serve` shows an edit, survives a bad one, and recovers."""

from __future__ import annotations

import importlib.util
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.common.project import Project
from generator.write.lock import WAIT_VARIABLE, exclusive_run
from tests.conftest import ROOT
from tests.helpers import S000
from tests.serving import edit_title, fetch, free_port, serving, stop, wait_for

SOURCE_PAGE = "sources/000_c1a27e0ec5b1e4f9/"
BROKEN = "000_c1a27e0ec5b1e4f9.yml:4:1: error: unknown key 'titel'"


def wait_for_log(log: Path, text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while text not in log.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, f"serve never printed {text!r}:\n{log.read_text(encoding='utf-8')[-3000:]}"
        time.sleep(0.2)


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_serve_shows_an_edit_keeps_the_last_good_site_on_an_error_and_recovers(project_copy, engine):
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = project_copy.parent / "serve.log"
    server = serving(project_copy, port, log, engine)
    try:
        wait_for(base + SOURCE_PAGE, "Russia House", timeout=120)
        metadata = project_copy / S000
        edit_title(metadata, "Edited-once")
        wait_for(base + SOURCE_PAGE, "Edited-once", timeout=60)

        good = metadata.read_text(encoding="utf-8")
        metadata.write_text(good.replace("\ntitle:", "\ntitel:", 1), encoding="utf-8")
        wait_for_log(log, BROKEN, timeout=60)
        wait_for_log(log, "keeps showing the last good pages", timeout=10)
        page = fetch(base + SOURCE_PAGE)
        assert page is not None and "Edited-once" in page, "the last good page must stay served"

        metadata.write_text(good.replace("Edited-once", "Edited-twice"), encoding="utf-8")
        wait_for(base + SOURCE_PAGE, "Edited-twice", timeout=60)
    finally:
        stop(server)


def test_the_preview_search_index_leaves_the_project_free_for_an_edit(project_copy, tmp_path, monkeypatch):
    """While a preview indexes its pages (minutes at 10,000 sources), an edit is generated at once: the index
    works on the preview's own folder and record, and holds no project lock."""
    spec = importlib.util.spec_from_file_location("briefing_hook", ROOT / "hooks/briefing.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    preview = tmp_path / "preview-site"
    preview.mkdir()
    generated_meanwhile = []

    def index_while_an_edit_lands(site_dir, record, indexed=None):
        monkeypatch.setenv(WAIT_VARIABLE, "0")  # busy: fail at once instead of waiting
        with exclusive_run(Project.at(project_copy), "a generation for an edit"):
            generated_meanwhile.append(record)
        return 1

    monkeypatch.setattr(hook, "index_site", index_while_an_edit_lands)
    hook._index_in_background(preview, project_copy)
    assert generated_meanwhile == [preview / hook.PREVIEW_SEARCH_RECORD]


def searched_pages(base: str, expected: Callable[[int], bool], what: str, timeout: float = 90) -> int:
    """How many pages the served search index holds (Pagefind's entry file), once that is as expected."""
    deadline = time.monotonic() + timeout
    while True:
        entry = fetch(base + "pagefind/pagefind-entry.json")
        count = sum(language["page_count"] for language in json.loads(entry)["languages"].values()) if entry else 0
        if expected(count):
            return count
        assert time.monotonic() < deadline, f"the preview's search never had {what}: {count} pages"
        time.sleep(0.5)


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_seed_deleted_while_serving_takes_its_page_with_it(project_copy, engine):
    """Neither MkDocs' serve --dirty nor Zensical's serve deletes the page of a docs file that is gone: the
    preview does (a stale page was served, and found by the preview's search)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    seed = project_copy / "seeds" / "04_sputnik-azerbaijan.txt"
    page = base + "sources/04_sputnik-azerbaijan/"
    server = serving(project_copy, port, project_copy.parent / "serve.log", engine)
    try:
        wait_for(base + SOURCE_PAGE, "Russia House", timeout=120)
        searched = searched_pages(base, lambda count: count > 0, "any page")
        seed.write_bytes((ROOT / "tests/fixtures/russian/04_sputnik-azerbaijan.txt").read_bytes())
        wait_for(page, "Sputnik", timeout=60)
        wait_for(base + "sources/", "Sputnik", timeout=10)
        searched_pages(base, lambda count: count == searched + 1, "the new seed's page")
        seed.unlink()
        deadline = time.monotonic() + 60
        while "Sputnik" in (fetch(base + "sources/") or "Sputnik"):  # the index rebuilt without it
            assert time.monotonic() < deadline, "the index of sources still lists the deleted seed"
            time.sleep(0.2)
        assert fetch(page) is None, "the deleted seed's page is still served"
        searched_pages(base, lambda count: count == searched, "the deleted seed's page left out")
    finally:
        stop(server)
