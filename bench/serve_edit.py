"""How long an editor waits: one metadata edit until `serve` serves the changed page.

Starts `python -m generator serve` on a free port, waits for the site, changes the
title in one source's metadata, and polls that source's page until the new title
is served (live reload then refreshes an open browser at once).
Usage: python -m bench.serve_edit PROJECT
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests.serving import edit_title, free_port, serving, stop, wait_for

ROOT = Path(__file__).resolve().parent.parent


GENERATED = re.compile(r"briefing: \d+ generated file\(s\) changed, \d+ unchanged, in ([\d.]+) s")
BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


@dataclass(frozen=True)
class ServedEdit:
    seconds: float  # from the edit to the served page
    generation: float | None  # the generator's part of the rebuild, as the hook logs it
    rebuild: float | None  # MkDocs' whole rebuild (the generation within it), as it logs it

    def describe(self) -> str:
        if self.generation is None or self.rebuild is None:
            return f"{self.seconds:.1f} s"
        return (
            f"{self.seconds:.1f} s: generating {self.generation:.1f} s, MkDocs' own dirty rebuild "
            f"{self.rebuild - self.generation:.1f} s ({100 * (self.rebuild - self.generation) / self.seconds:.0f} %)"
        )


def edit_to_page(project: Path, startup_timeout: float = 1800, edit_timeout: float = 600) -> ServedEdit:
    metadata = sorted((project / "content/sources").glob("*.yml"))[0]
    port = free_port()
    log = project / "build" / "serve.log"
    server = serving(project, port, log)
    try:
        wait_for(f"http://127.0.0.1:{port}/", "</html>", startup_timeout)
        time.sleep(1)  # let the watcher settle after the first build
        before = log.read_text(encoding="utf-8")
        marker = f"Edited-for-timing-{time.time_ns()}"  # new on every run of the same project
        edit_title(metadata, marker)
        seconds = wait_for(f"http://127.0.0.1:{port}/sources/{metadata.stem}/", marker, edit_timeout)
        time.sleep(1)  # MkDocs logs its time just after writing the pages
        after = log.read_text(encoding="utf-8")[len(before) :]
    finally:
        stop(server)
    generated, built = GENERATED.search(after), BUILT.search(after)
    return ServedEdit(
        seconds, float(generated.group(1)) if generated else None, float(built.group(1)) if built else None
    )


def main() -> int:
    print(f"{edit_to_page(Path(sys.argv[1])).describe()} from the edit to the served page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
