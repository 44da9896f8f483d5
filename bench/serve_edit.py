"""How long an editor waits: one metadata edit until `serve` serves the changed page.

Starts `python -m generator serve` on a free port, waits for the site, changes the
title in one source's metadata, and polls that source's page until the new title
is served (live reload then refreshes an open browser at once).
Usage: python -m bench.serve_edit PROJECT
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from tests.serving import edit_title, free_port, serving, stop, wait_for

ROOT = Path(__file__).resolve().parent.parent


def edit_to_page(project: Path, startup_timeout: float = 900, edit_timeout: float = 300) -> float:
    metadata = sorted((project / "content/sources").glob("*.yml"))[0]
    port = free_port()
    server = serving(project, port, project / "build" / "serve.log")
    try:
        wait_for(f"http://127.0.0.1:{port}/", "</html>", startup_timeout)
        time.sleep(1)  # let the watcher settle after the first build
        edit_title(metadata, "Edited-for-timing")
        return wait_for(f"http://127.0.0.1:{port}/sources/{metadata.stem}/", "Edited-for-timing", edit_timeout)
    finally:
        stop(server)


def main() -> int:
    print(f"{edit_to_page(Path(sys.argv[1])):.1f} s from the edit to the served page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
