"""Page weight: a first visit (empty, disabled cache) to the home page or a country page stays under 1 MB."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import HOST
from tests.browser.pagetools import COUNTRY, load

BUDGET = 1_000_000  # bytes on the wire, headers included


@pytest.mark.parametrize("path", ["/", f"/countries/{COUNTRY}/"])
def test_first_visit_weighs_less_than_one_megabyte(pages, path, request):
    page = pages.open()
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    finished, requested = [], []
    page.on("request", lambda r: requested.append(r))
    page.on("requestfinished", lambda r: finished.append(r))
    load(page, path)
    page.wait_for_load_state("networkidle")
    rows = []
    for done in finished:
        sizes = done.sizes()
        rows.append((sizes["responseBodySize"] + sizes["responseHeadersSize"], done.url))
    total = sum(size for size, _ in rows)
    figures = [f"{path}: {total:,} bytes in {len(rows)} responses (budget {BUDGET:,})"]
    figures += [f"    {size:>9,}  {urlsplit(url).path}" for size, url in sorted(rows, reverse=True)]
    print("\n".join(figures))
    request.config._briefing_report.extend(figures)
    foreign = [r.url for r in requested if urlsplit(r.url).scheme in ("http", "https") and urlsplit(r.url).hostname != HOST]
    assert not foreign, f"{path} fetched from other hosts: {foreign}"
    assert len(finished) == len([r for r in requested if urlsplit(r.url).scheme in ("http", "https")]), \
        "some requests never finished"
    assert total < BUDGET, "\n".join(figures)
