"""The preview server starts and stops like one.

SIGINT, SIGTERM and SIGHUP to `python -m generator serve`, or to `make serve`,
stop MkDocs too and free the port within 5 s, with no traceback; a port in use
is one line naming the port and --dev-addr; broken inputs at start still serve
something and recover on the fix. The project is one seed, so each start is quick.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.serving import fetch, free_port, wait_for
from tests.conftest import ROOT
from tests.helpers import ONE_SEED, SOURCES, one_seed_project, serve_command, start, stop_everything

KEPT = ONE_SEED
FREED_WITHIN = 5.0


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    return one_seed_project(tmp_path / "project")


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def seconds_until_free(port: int, timeout: float = 15.0) -> float:
    started = time.monotonic()
    while not port_is_free(port):
        assert time.monotonic() - started < timeout, f"port {port} still taken after {timeout:.0f} s"
        time.sleep(0.05)
    return time.monotonic() - started


def mkdocs_children(project: Path) -> list[str]:
    found = subprocess.run(["pgrep", "-af", f"mkdocs serve --config-file {project}/"], capture_output=True, text=True)
    return found.stdout.splitlines()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda s: s.name)
def test_a_signal_to_serve_stops_mkdocs_and_frees_the_port(small_project, tmp_path, signum):
    port, log = free_port(), tmp_path / "serve.log"
    server = start(serve_command(small_project, port), small_project, log)
    try:
        wait_for(f"http://127.0.0.1:{port}/", "</html>", timeout=120)
        server.send_signal(signum)  # to the generator alone: it must pass the stop on to MkDocs
        assert seconds_until_free(port) < FREED_WITHIN
        assert server.wait(timeout=10) == 0
    finally:
        stop_everything(server)
    output = log.read_text(encoding="utf-8")
    assert "Traceback" not in output and "KeyboardInterrupt" not in output, output[-2000:]
    assert f"stopped by {signum.name}: the server at http://127.0.0.1:{port}/ is closed" in output
    assert not mkdocs_children(small_project)


@pytest.mark.parametrize("signum, whom", [(signal.SIGTERM, "make"), (signal.SIGINT, "the job")],
                         ids=["SIGTERM to make", "SIGINT to the job (Ctrl-C)"])
def test_stopping_make_serve_stops_mkdocs_and_frees_the_port(small_project, tmp_path, signum, whom):
    """make passes SIGTERM on to its child; Ctrl-C and a closed terminal signal the whole job."""
    port, log = free_port(), tmp_path / "make-serve.log"
    options = f"--root {small_project} --dev-addr 127.0.0.1:{port}"
    make = start(["make", "--no-print-directory", "-C", str(ROOT), "serve", f"SERVE_OPTIONS={options}"], ROOT, log)
    try:
        wait_for(f"http://127.0.0.1:{port}/", "</html>", timeout=180)
        if whom == "make":
            make.send_signal(signum)
        else:
            os.killpg(make.pid, signum)
        assert seconds_until_free(port) < FREED_WITHIN
        make.wait(timeout=10)
    finally:
        stop_everything(make)
    assert "Traceback" not in log.read_text(encoding="utf-8")
    assert not mkdocs_children(small_project)


def test_a_port_in_use_is_one_line_naming_it_and_dev_addr(small_project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(serve_command(small_project, port), capture_output=True, text=True, timeout=60,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"127.0.0.1:{port}" in lines[0] and "--dev-addr" in lines[0] and "in use" in lines[0]
    assert not (small_project / "build").exists(), "nothing is generated when the server cannot start"


def test_broken_inputs_at_start_serve_a_page_saying_so_then_the_site_once_fixed(small_project, tmp_path):
    metadata = small_project / SOURCES / f"{KEPT}.yml"
    good = metadata.read_text(encoding="utf-8")
    metadata.write_text(good.replace("\ntitle:", "\ntitel:", 1), encoding="utf-8")
    port, log = free_port(), tmp_path / "serve.log"
    server = start(serve_command(small_project, port), small_project, log)
    try:
        wait_for(f"http://127.0.0.1:{port}/", "cannot be built yet", timeout=120)
        assert f"{KEPT}.yml:" in log.read_text(encoding="utf-8")  # the problem, with its place, in the terminal
        metadata.write_text(good, encoding="utf-8")
        wait_for(f"http://127.0.0.1:{port}/sources/{KEPT}/", "Russian soft power", timeout=60)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
        stop_everything(server)


def test_broken_inputs_at_start_serve_the_last_good_site(small_project, tmp_path):
    assert subprocess.run([sys.executable, "-m", "generator", "generate", "--root", str(small_project)],
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True).returncode == 0
    metadata = small_project / SOURCES / f"{KEPT}.yml"
    metadata.write_text(metadata.read_text(encoding="utf-8").replace("\ntitle:", "\ntitel:", 1), encoding="utf-8")
    port, log = free_port(), tmp_path / "serve.log"
    server = start(serve_command(small_project, port), small_project, log)
    try:
        wait_for(f"http://127.0.0.1:{port}/sources/{KEPT}/", "Russian soft power", timeout=120)
        home = fetch(f"http://127.0.0.1:{port}/")
        assert home is not None and 'href="countries/' in home, "the last good navigation is kept"
        assert "keeps showing the last good pages" in log.read_text(encoding="utf-8")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
        stop_everything(server)
