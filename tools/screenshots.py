"""Full-page screenshots of a built site, as a reader sees it: python tools/screenshots.py SITE_DIR OUT_DIR.

The home page, a country page and a source page, at 390 px (a phone) and 1366 px (a laptop), in the light
scheme, with Debian's Chromium. For looking at a change before and after it (kept under build/screenshots/).
"""

from __future__ import annotations

import functools
import http.server
import socketserver
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

WIDTHS = (390, 1366)
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def pages_of(site: Path) -> dict[str, str]:
    """Home, the first country page and the first source page, by a short name."""
    countries = sorted(p.parent.name for p in (site / "countries").glob("*/index.html"))
    country = "kyrgyzstan" if "kyrgyzstan" in countries else countries[0]  # the shipped briefing's fullest page
    sources = sorted(p.parent.name for p in (site / "sources").glob("*/index.html"))
    source = next((name for name in sources if name.startswith("002_")), sources[0])  # one with charts, if shipped
    return {"home": "", "country": f"countries/{country}/", "source": f"sources/{source}/"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Path) -> int:
    handler = functools.partial(QuietHandler, directory=str(site))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def main(site: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    port = serve(site)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme="light")
            page = context.new_page()
            for name, path in pages_of(site).items():
                page.goto(f"http://127.0.0.1:{port}/{path}")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=True)
                print(out / f"{name}-{width}.png")
            context.close()
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
