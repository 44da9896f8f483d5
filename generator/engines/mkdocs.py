"""MkDocs with Material as the command line starts it: build once, or serve.

MkDocs reads mkdocs.generated.yml (mkdocs.yml with the generated navigation and
address, render/site_config.py). One environment variable tells hooks/briefing.py
that the generator has just written docs_dir, so MkDocs need not generate again.
MkDocs runs as a child in a process group of its own (engines/processes.py), so
stopping the generator stops MkDocs and the Pagefind it starts while serving.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.common.project import Project
from generator.engines.processes import child_process
from generator.write.lock import HELD_BY_PARENT

HANDED_OVER = "BRIEFING_GENERATED"  # read once by hooks/briefing.py


NAME = "mkdocs"


@dataclass(frozen=True)
class HandOver:
    """What the generator tells the engine about the docs_dir it has just written."""

    docs_dir: Path
    fresh: bool = True  # False: generation failed; docs_dir holds the last good pages (or none)
    # A dirty build of only these docs files (a JSON list in this file, engines/incremental.py), into an empty
    # folder; the search index and the marker are left to the command line, which assembles the site
    only_changed: Path | None = None

    def environment(self) -> dict[str, str]:
        handed = {"docs_dir": str(self.docs_dir), "fresh": self.fresh}
        if self.only_changed is not None:
            handed["only_changed"] = str(self.only_changed)
        return {HANDED_OVER: json.dumps(handed)}


def config_file(project: Project) -> Path:
    """The generated configuration, once a generation has written it; else mkdocs.yml itself."""
    return project.generated_config_path if project.generated_config_path.is_file() else project.config_path


def build(
    project: Project,
    site_dir: Path,
    hand_over: HandOver,
    extra_env: dict[str, str],
    lock: int | None = None,
    dirty: bool = False,
) -> int:
    """mkdocs build --strict into site_dir; its exit status.

    lock: the project's run lock (generator/write/lock.py), passed on so that the project stays
    locked until MkDocs has gone too, even if we are killed first. dirty: render only the pages whose
    output is missing from site_dir (engines/incremental.py prepares it).
    """
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(config_file(project)),
        "--site-dir",
        str(site_dir),
        *(["--dirty"] if dirty else []),
    ]
    kept_open: tuple[int, ...] = ()
    environment = _environment(hand_over, extra_env)
    if lock is not None:
        kept_open, environment[HELD_BY_PARENT] = (lock,), "1"
    with child_process(command, cwd=project.root, env=environment, pass_fds=kept_open) as mkdocs:
        return mkdocs.wait()


def serve(project: Project, dev_addr: str, hand_over: HandOver) -> int:
    """mkdocs serve with live reload, rebuilding only changed pages, until it ends or we are stopped."""
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--config-file",
        str(config_file(project)),
        "--dev-addr",
        dev_addr,
        "--livereload",
        "--dirty",
    ]
    with child_process(command, cwd=project.root, env=_environment(hand_over, {})) as mkdocs:
        return mkdocs.wait()


def address_taken(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port, or None when it can."""
    try:
        family, kind, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as error:
        return f"cannot find the address {host}: {error.strerror}"
    with socket.socket(family, kind) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server does
        try:
            probe.bind(address)
        except OSError as error:
            return error.strerror or str(error)
    return None


def _environment(hand_over: HandOver, extra_env: dict[str, str]) -> dict[str, str]:
    # MkDocs prints a banner about its 2.0 plans on every run; the README covers it.
    return {"NO_MKDOCS_2_WARNING": "1", **os.environ, **extra_env, **hand_over.environment()}
