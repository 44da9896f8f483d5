"""What a reader's browser downloads for a first search: measured in Chromium.

Serves a built site on 127.0.0.1, opens the home page, opens search, types one
word and waits for the results; every byte fetched from opening the search to the
results showing counts. Needs Debian's chromium (tools/ensure-chromium).
Usage: python -m bench.search_payload SITE_DIR [WORD]
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from tests.chromium import CHROMIUM

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def first_search_bytes(site: Path, word: str = "Tokayev") -> tuple[int, int]:
    """Bytes and requests from opening search to the first results."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fetched: list[int] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_port}/")
            page.on("response", lambda response: fetched.append(len(response.body())))
            page.keyboard.press("/")
            page.fill(".pagefind-ui__search-input", word)
            page.wait_for_selector(".pagefind-ui__result-link", timeout=60_000)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    return sum(fetched), len(fetched)


def main() -> int:
    site = Path(sys.argv[1])
    total, requests = first_search_bytes(site, *sys.argv[2:3])
    print(f"{total / 1024:.0f} KB in {requests} requests")
    return 0


if __name__ == "__main__":
    sys.exit(main())
