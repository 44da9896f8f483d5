"""The MkDocs hook: thin glue between MkDocs events and the generator library.

Everything MkDocs-specific lives here. The generator writes all an engine needs
as files (the pages, with escaped titles and search weights in them, and
mkdocs.generated.yml with the navigation and address), so Zensical, which runs
no hooks, builds the same site from them; this hook only adds what a live MkDocs
needs: generating on every build and every change while serving.
- on_startup: remember whether we serve (keep the last good site) or build (fail).
- on_config: refuse to let MkDocs empty a site folder that holds someone's files.
- on_config: run the generator into docs_dir and take the navigation and the
  site's public address from it (render/site_config.py), unless the command line
  has just generated docs_dir (or has just failed to, and printed why).
- on_serve: watch seeds/, content/ and the generator instead of the generated tree.
- on_files: in a build of only the changed docs files (the command line's incremental
  build, engines/incremental.py), every other file counts as unmodified, so MkDocs'
  --dirty renders and copies only those, into the empty folder it is given.
- on_post_build: index the built pages with Pagefind (site/pagefind/; in the
  background while serving), then mark site/ as generated, so the CLI may replace it
  safely; in a build of only the changed files, the command line does both once it
  has put the site together.
Our own generations and indexing hold the project's run lock (generator/write/lock.py):
for a whole `mkdocs build`, for each generation while serving, and not at all when the
command line that started MkDocs holds it already. A preview's search index holds none:
it works on the preview's own folder, and an edit must not wait for it.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import threading
import time
from contextlib import ExitStack, nullcontext
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from generator.common.os_errors import explain
from generator.common.problems import InputError
from generator.common.project import Project
from generator.engines.incremental import drop_outputs
from generator.engines.mkdocs import HANDED_OVER
from generator.engines.pagefind import SearchIndexError, index_site
from generator.engines.preview_worker import GenerationWorker, WorkerGone
from generator.pipeline import BadSiteUrl, Generated, generate_for_preview
from generator.render.site_config import nav_entries
from generator.write.lock import HELD_BY_PARENT, ProjectBusy, exclusive_run
from generator.write.tree import OutputError, check_ours, mark_as_generated

log = logging.getLogger("mkdocs.hooks.briefing")
# While serving, input problems go to a logger outside MkDocs' "mkdocs" tree: MkDocs
# would count them as errors and, in strict mode, stop rebuilding altogether.
serve_log = logging.getLogger("briefing.serve")
# held: the run lock of a whole mkdocs build; worker: the preview's generation worker (engines/preview_worker.py)
_state: dict[str, Any] = {"command": "build", "nav": None, "held": ExitStack()}
_indexing = threading.Lock()
PREVIEW_SEARCH_RECORD = ".briefing-search-record.json"  # in a preview's folder: what its search bundles were made from


def on_startup(command, dirty):
    _state["command"] = command
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_drop_dirty_build_warning)
    if command == "serve" and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        # now, before the server's threads start (engines/preview_worker.py)
        _state["worker"] = GenerationWorker(generate_for_preview)


def on_shutdown():
    worker = _state.pop("worker", None)
    if worker is not None:
        worker.close()


def _generate(root: Path, docs_dir: Path) -> Generated:
    """A generation in the preview's worker, which uses every core; here when there is none (or no longer)."""
    worker = _state.get("worker")
    if worker is not None:
        try:
            return worker.generate(root, docs_dir)
        except WorkerGone as error:
            del _state["worker"]
            _serve_logger().warning(f"{error}; generating in the preview's own process from now on")
    return generate_for_preview(root, docs_dir)


def _drop_dirty_build_warning(record: logging.LogRecord) -> bool:
    """`serve --dirty` rebuilds only changed pages, on purpose; in strict mode MkDocs' warning about it would abort."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    if _state["command"] != "serve" and _handed_over_lock() is None:
        try:
            _state["held"].enter_context(_locked(root, f"mkdocs {_state['command']}"))
        except ProjectBusy as error:
            raise PluginError(str(error)) from None
        except OSError as error:
            raise PluginError(explain(error, root)) from None
    site_dir = Path(config.site_dir)
    if _state["command"] in ("build", "gh-deploy") and site_dir.is_dir():
        try:
            check_ours(site_dir)  # MkDocs empties site_dir before building into it
        except OutputError as error:
            raise PluginError(str(error)) from None
    handed = _handed_over(config)
    if handed is not None:
        _take_handed_over(config, handed)
        return config
    started = time.perf_counter()
    try:
        with _locked(root, "mkdocs serve: a generation") if _state["command"] == "serve" else nullcontext():
            result = _generate(root, Path(config.docs_dir))
    except (OutputError, BadSiteUrl) as error:
        raise PluginError(str(error)) from None
    except ProjectBusy as error:
        return _keep_last_good(config, error) if _state["command"] == "serve" else _fail(error)
    except OSError as error:
        raise PluginError(explain(error, root)) from None
    except InputError as error:
        serving = _state["command"] == "serve"
        report = _serve_logger() if serving else log
        for problem in error.problems:
            report.error(problem.format_text())
        if serving:
            report.error("The site keeps showing the last good pages; fix the problems above and save again.")
            config.nav = _state["nav"]
            return config
        raise PluginError(f"the briefing inputs have {len(error.problems)} problem(s); see above") from None
    if _state["command"] == "serve":
        # serve --dirty renders only what is missing or older than its docs file, and leaves the page of a docs
        # file that is gone: a deleted seed's page would still be served, and found by the preview's search
        drop_outputs(Path(config.site_dir), result.deleted, gone=True)
    for problem in result.problems:  # skipped inputs and warnings: the site still builds
        _serve_logger().warning(problem.format_text())
    seconds = time.perf_counter() - started
    log.info(f"briefing: {result.changed} generated file(s) changed, {result.unchanged} unchanged, in {seconds:.2f} s")
    config.nav = _state["nav"] = nav_entries(result.nav)
    _set_site_url(config, result.site_url)
    return config


def _locked(root: Path, what: str):
    """The project's run lock for our own work, unless the run that started MkDocs holds it already."""
    if _handed_over_lock() is not None:
        return nullcontext()
    return exclusive_run(Project.at(root), what, say=log.info)


def _handed_over_lock() -> str | None:
    return os.environ.get(HELD_BY_PARENT)


def _keep_last_good(config, error: Exception):
    _serve_logger().error(f"{error}; the site keeps showing the last good pages.")
    config.nav = _state["nav"]
    return config


def _fail(error: Exception):
    raise PluginError(str(error)) from None


def _handed_over(config) -> dict | None:
    """What `python -m generator build` or `serve` tells us about the docs_dir it has just generated.

    Read once: while serving, every later rebuild generates again.
    """
    handed = json.loads(os.environ.pop(HANDED_OVER, "null"))
    if handed and Path(handed["docs_dir"]).resolve() == Path(config.docs_dir).resolve():
        return handed
    return None


def _take_handed_over(config, handed: dict) -> None:
    if handed.get("only_changed"):
        _state["only_changed"] = set(json.loads(Path(handed["only_changed"]).read_text(encoding="utf-8")))
    if handed["fresh"]:
        log.info("briefing: the generator has just written docs_dir; not generating it again")
    else:  # the command line has printed the problems; serve the last good pages until they are fixed
        _serve_logger().error("The site keeps showing the last good pages; fix the problems above and save again.")
    _state["nav"] = config.nav  # from mkdocs.generated.yml, which the command line has just written


def _set_site_url(config, site_url: str | None) -> None:
    """The generator's one public address (content/briefing.yml or its override) for the sitemap and canonical links.

    Not while serving: `mkdocs serve` has set site_url to the preview's own address.
    """
    if site_url and _state["command"] != "serve":
        config.site_url = site_url


def _serve_logger() -> logging.Logger:
    """A logger MkDocs does not count, for problems that must not stop the build."""
    if not serve_log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
        serve_log.addHandler(handler)
        serve_log.propagate = False
    return serve_log


def on_serve(server, config, builder):
    root = Path(config.config_file_path).resolve().parent
    server.unwatch(config.docs_dir)  # the generator rewrites it; watch its inputs instead
    for folder in ("seeds", "content", "generator"):
        if (root / folder).is_dir():  # generator/ is there only in the generator's own checkout
            server.watch(str(root / folder))
    return server


def on_files(files, config):
    changed = _state.get("only_changed")
    if changed is not None:
        for file in files:
            if file.src_uri not in changed:
                file.is_modified = _unmodified  # MkDocs' --dirty renders or copies only what is modified
    return files


def _unmodified() -> bool:
    return False


def on_post_build(config):
    site_dir = Path(config.site_dir)
    root = Path(config.config_file_path).resolve().parent
    if _state.get("only_changed") is not None:  # the command line indexes and marks the site it assembles
        _state["held"].close()
        return
    if _state["command"] == "serve":
        # A preview shows the edited page at once; its search index follows a few seconds later.
        threading.Thread(target=_index_in_background, args=(site_dir, root), daemon=True).start()
    else:
        build_search_index(site_dir, root)
    mark_as_generated(site_dir)
    _state["held"].close()


def on_build_error(error):
    _state["held"].close()


def _index_in_background(site_dir: Path, root: Path) -> None:
    """The preview's search index. It reads only the preview's own site folder and keeps its own record, so it
    takes no project lock: an edit saved meanwhile is generated and shown at once, not after the index (minutes at
    10,000 sources). A page rewritten while it is read is indexed again by the run that follows that rebuild. The
    record lives in the preview's folder, which MkDocs removes when the preview ends."""
    with _indexing:  # one index run at a time; the last one sees the last build
        try:
            build_search_index(site_dir, root, site_dir / PREVIEW_SEARCH_RECORD)
        except PluginError as error:
            _serve_logger().warning(str(error))


def build_search_index(site_dir: Path, root: Path, record: Path | None = None) -> None:
    started, indexed = time.perf_counter(), list[str]()
    try:
        bundles = index_site(site_dir, record or Project.at(root).search_record_path, indexed)
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    seconds = time.perf_counter() - started
    log.info(f"briefing: search index: {len(indexed)} of {bundles} bundle(s) indexed again, in {seconds:.1f} s")
