"""The preview keeps serving through every bad input of issue 13, and a build beside it waits its turn.

One `serve` session meets, one after the other: metadata nested 50,000 levels deep,
an unknown encoding, a seed whose name ends in a newline, a seed whose name differs
from a curated one only in case, and a page in content/pages/ that links outside.
After each it still answers with the last good site, and once the inputs are good
again it shows an edit. A `python -m generator build` run beside it succeeds.
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.serving import edit_title, fetch, free_port, serving, stop, wait_for
from tests.conftest import ROOT
from tests.helpers import S000
from tests.test_serve import wait_for_log

SOURCE_ID = "000_c1a27e0ec5b1e4f9"
SOURCE_PAGE = f"sources/{SOURCE_ID}/"


def bad_inputs(root):
    """(what to do, what serve prints about it, how to undo it) for each hostile input."""
    metadata = root / S000
    good = metadata.read_text(encoding="utf-8")
    seed = (root / "seeds" / f"{SOURCE_ID}.txt").read_bytes()
    newline_seed = root / "seeds" / "009_x\n.txt"
    upper_seed = root / "seeds" / f"{SOURCE_ID.upper()}.txt"
    outside = root.parent / "secret.txt"
    link = root / "content/pages/leak.md"
    return [
        (lambda: metadata.write_text("[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8"),
         "nested more than 100 levels deep", lambda: metadata.write_text(good, encoding="utf-8")),
        (lambda: metadata.write_text(good.replace("\ntitle:", "\nencoding: undefined\ntitle:", 1), encoding="utf-8"),
         "undefined", lambda: metadata.write_text(good, encoding="utf-8")),
        (lambda: newline_seed.write_bytes(seed), "the file name has a control character in it", newline_seed.unlink),
        (lambda: upper_seed.write_bytes(seed), f"{SOURCE_ID}.txt is kept", upper_seed.unlink),
        (lambda: (outside.write_text("SECRET\n"), link.symlink_to(outside)),
         "a symbolic link to a file outside its folder is not followed", link.unlink),
    ]


def test_serve_keeps_serving_through_every_bad_input_and_a_build_beside_it_waits_its_turn(project_copy):
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = project_copy.parent / "serve.log"
    server = serving(project_copy, port, log)
    try:
        wait_for(base + SOURCE_PAGE, "Russia House", timeout=120)
        for make_bad, printed, undo in bad_inputs(project_copy):
            make_bad()
            wait_for_log(log, printed, timeout=60)
            assert server.poll() is None, f"serve ended after {printed!r}:\n{log.read_text()[-2000:]}"
            page = fetch(base + SOURCE_PAGE)
            assert page is not None and "Russia House" in page, f"the last good page is gone after {printed!r}"
            undo()
        assert "Traceback" not in log.read_text(encoding="utf-8")
        edit_title(project_copy / S000, "Edited-after-all-that")
        wait_for(base + SOURCE_PAGE, "Edited-after-all-that", timeout=60)
        beside = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project_copy, capture_output=True,
                                text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert beside.returncode == 0, beside.stderr
        assert "Edited-after-all-that" in (project_copy / "site" / SOURCE_PAGE / "index.html").read_text()
        assert server.poll() is None
    finally:
        stop(server)
