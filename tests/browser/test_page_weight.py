"""Page weight: a first visit (empty, disabled cache) to the home page or a country page stays under 1 MB."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import HOST
from tests.browser.pagetools import COUNTRY, load

BUDGET = 1_000_000  # bytes on the wire, headers included
PATIENCE_S = 60  # under load a request can take long to end; the test waits for it instead of racing it


def is_fetched(request) -> bool:
    return urlsplit(request.url).scheme in ("http", "https")


def wait_until_every_request_ended(page, requested: list, finished: list, failed: list) -> list[str]:
    """Wait (up to PATIENCE_S) until every request has finished or failed; the addresses of those that did not.

    Playwright reports a request's end in an event that may come after the load state it reached,
    so the page is given time until each counted request has its event."""
    deadline = time.monotonic() + PATIENCE_S
    while True:
        unfinished = [r.url for r in requested if is_fetched(r) and r not in finished and r not in failed]
        if not unfinished or time.monotonic() > deadline:
            return unfinished
        page.wait_for_timeout(100)


@pytest.mark.parametrize("path", ["/", f"/countries/{COUNTRY}/"])
def test_first_visit_weighs_less_than_one_megabyte(pages, path, request):
    page = pages.open()
    page.set_default_timeout(PATIENCE_S * 1000)
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    finished, failed, requested = [], [], []
    page.on("request", lambda r: requested.append(r))
    page.on("requestfinished", lambda r: finished.append(r))
    page.on("requestfailed", lambda r: failed.append(r))
    load(page, path)
    page.wait_for_load_state("networkidle")
    unfinished = wait_until_every_request_ended(page, requested, finished, failed)  # failures: see the Watch
    assert not unfinished, f"requests still unfinished after {PATIENCE_S} s: {unfinished}"
    rows = []
    for done in finished:
        sizes = done.sizes()
        rows.append((sizes["responseBodySize"] + sizes["responseHeadersSize"], done.url))
    total = sum(size for size, _ in rows)
    figures = [f"{path}: {total:,} bytes in {len(rows)} responses (budget {BUDGET:,})"]
    figures += [f"    {size:>9,}  {urlsplit(url).path}" for size, url in sorted(rows, reverse=True)]
    print("\n".join(figures))
    request.config._briefing_report.extend(figures)
    foreign = [r.url for r in requested if is_fetched(r) and urlsplit(r.url).hostname != HOST]
    assert not foreign, f"{path} fetched from other hosts: {foreign}"
    assert total < BUDGET, "\n".join(figures)
