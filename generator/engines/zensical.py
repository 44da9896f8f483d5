"""Zensical, Material for MkDocs' successor, as the command line starts it: build once, or serve.

Zensical reads mkdocs.yml's format but runs no hooks, so everything it needs is
in files the generator writes: the pages, and mkdocs.generated.yml with the
navigation and address (render/site_config.py). Each run adds a small
configuration of its own beside it that only says where to build (Zensical has no
--site-dir), and removes it afterwards. Zensical keeps a cache in .cache/ beside
the configuration. Pagefind indexes what Zensical built.

While serving, the generator itself watches the inputs and generates again on a
change. Zensical watches a copy of build/docs/ that is updated file by file (the
generator replaces build/docs/ as a whole, which a file watcher loses track of),
and the site is indexed again once Zensical has rebuilt it.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.common.atomic_file import replace_text
from generator.common.project import Project
from generator.engines.mkdocs import HandOver, config_file
from generator.engines.pagefind import SearchIndexError, index_site
from generator.engines.processes import child_process
from generator.write.lock import HELD_BY_PARENT
from generator.write.tree import WriteReport, mark_as_generated

NAME = "zensical"
RUN_CONFIG = ".zensical-run.yml"  # beside mkdocs.yml, for the relative paths mkdocs.yml gives
POLL_SECONDS = 1.0
REBUILD_TIMEOUT = 300.0


def build(
    project: Project, site_dir: Path, hand_over: HandOver, extra_env: dict[str, str], lock: int | None = None
) -> int:
    """zensical build --strict into site_dir, then the search index; the exit status (0: both done)."""
    environment = {**os.environ, **extra_env, **hand_over.environment()}
    kept_open: tuple[int, ...] = ()
    if lock is not None:
        kept_open, environment[HELD_BY_PARENT] = (lock,), "1"
    with run_config(project, site_dir) as config:
        command = [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(config)]
        with child_process(command, cwd=project.root, env=environment, pass_fds=kept_open) as zensical:
            status = zensical.wait()
    if status != 0:
        return status
    try:
        index_site(site_dir)
    except SearchIndexError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    mark_as_generated(site_dir)
    return 0


def serve(project: Project, dev_addr: str, hand_over: HandOver, regenerate: Callable[[], WriteReport | None]) -> int:
    """zensical serve from folders under build/, until it ends or we are stopped. The generator watches seeds/
    and content/; regenerate() generates again (None when the inputs have errors), the copy Zensical watches
    follows, and the site is indexed again once Zensical has rebuilt it."""
    site_dir, docs_copy = project.build_dir / "serve-site", project.build_dir / "serve-docs"
    shutil.rmtree(docs_copy, ignore_errors=True)
    shutil.copytree(project.docs_dir, docs_copy)
    with run_config(project, site_dir, docs_copy) as config:
        command = [sys.executable, "-m", "zensical", "serve", "--config-file", str(config), "--dev-addr", dev_addr]
        environment = {**os.environ, **hand_over.environment()}
        with child_process(command, cwd=project.root, env=environment) as zensical:
            stop = threading.Event()
            watcher = threading.Thread(
                target=_watch, args=(project, site_dir, docs_copy, regenerate, stop), daemon=True
            )
            watcher.start()
            try:
                return zensical.wait()
            finally:
                stop.set()


@contextmanager
def run_config(project: Project, site_dir: Path, docs_dir: Path | None = None) -> Iterator[Path]:
    """A configuration for one run: the generated one (or mkdocs.yml), building into site_dir (from docs_dir)."""
    path = project.root / RUN_CONFIG
    lines = [
        "# One run of Zensical (generator/engines/zensical.py); removed after it.",
        f"INHERIT: {config_file(project).name}",
        f"site_dir: {_from_root(project, site_dir)}",
        *([f"docs_dir: {_from_root(project, docs_dir)}"] if docs_dir else []),
        # Search is Pagefind's. Zensical's own index is on unless switched off, is sent whole to every reader,
        # and refuses a page section longer than 8,192 words (a home page at 10,000 sources).
        "plugins:",
        "  search:",
        "    enabled: false",
    ]
    replace_text(path, "\n".join(lines) + "\n")
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def _from_root(project: Project, folder: Path) -> str:
    """A folder as the configuration names it: relative to the project (Zensical 0.0.73 stops on an absolute
    docs_dir), absolute only outside it."""
    try:
        return folder.resolve().relative_to(project.root).as_posix()
    except ValueError:
        return str(folder.resolve())


def _watch(
    project: Project,
    site_dir: Path,
    docs_copy: Path,
    regenerate: Callable[[], WriteReport | None],
    stop: threading.Event,
) -> None:
    """Index the first build; then generate again on every change to the inputs, and index each rebuild."""
    seen = _inputs_state(project)
    _index_when_built(site_dir, 0.0, stop)
    while not stop.wait(POLL_SECONDS):
        state = _inputs_state(project)
        if state == seen:
            continue
        seen = state
        started = time.time()
        report = regenerate()
        if report is not None and report.changed:
            _follow(project.docs_dir, docs_copy, report)
            _index_when_built(site_dir, started, stop)


def _follow(docs_dir: Path, docs_copy: Path, report: WriteReport) -> None:
    """Bring the copy Zensical watches up to date, file by file, so that its watcher sees each change."""
    for relative in report.written:
        target = docs_copy / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(docs_dir / relative, target)
    for relative in report.deleted:
        (docs_copy / relative).unlink(missing_ok=True)


def _inputs_state(project: Project) -> tuple[tuple[str, int, int], ...]:
    """Every input file with its size and modification time: what an edit changes."""
    files = []
    for folder in (project.seeds_dir, project.content_dir):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            try:
                stat = path.stat()
            except OSError:
                continue  # removed while we looked: the next look sees it gone
            files.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(files)


def _index_when_built(site_dir: Path, after: float, stop: threading.Event) -> None:
    """Wait until Zensical has written pages after the given time and then stopped writing, then index."""
    deadline = time.time() + REBUILD_TIMEOUT
    last = 0.0
    while not stop.is_set() and time.time() < deadline:
        newest = _newest_page(site_dir)
        if newest > after and newest == last:  # written since, and unchanged for a poll: the rebuild is done
            try:
                index_site(site_dir)
            except SearchIndexError as error:
                print(f"warning: the preview's search is not updated: {error}", file=sys.stderr)
            return
        last = newest
        stop.wait(POLL_SECONDS)


def _newest_page(site_dir: Path) -> float:
    times = []
    for page in site_dir.rglob("*.html"):
        try:
            times.append(page.stat().st_mtime)
        except OSError:
            continue  # replaced while we looked
    return max(times, default=0.0)
