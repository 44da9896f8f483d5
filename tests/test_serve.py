"""The editor's preview: `python -m generator serve` shows an edit, survives a bad one, and recovers."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.serving import edit_title, fetch, free_port, serving, stop, wait_for
from tests.helpers import S000

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
