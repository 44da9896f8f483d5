"""A preview server in a test or a benchmark: a free port, starting and stopping `python -m generator serve`,
and waiting for a page to show an edit. Shared by the serve tests and `make bench` (bench/serve_edit.py)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, text: str, timeout: float) -> float:
    """Seconds until url serves a page holding text."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - started
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


def serving(project: Path, port: int, log: Path, engine: str = "mkdocs") -> subprocess.Popen:
    """Start serve with the engine; what it prints goes to log."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--root", str(project), "--dev-addr", f"127.0.0.1:{port}",
             "--engine", engine],
            cwd=project,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # stop() ends MkDocs too, which serve runs as a child


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def edit_title(metadata: Path, marker: str) -> None:
    text = metadata.read_text(encoding="utf-8")
    # Inside the quotes when the title is quoted, so the YAML stays valid.
    edited = re.sub(r"^title: ([\"']?)", lambda m: f"title: {m.group(1)}{marker} ", text, count=1, flags=re.M)
    metadata.write_text(edited, encoding="utf-8")
