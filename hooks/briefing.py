"""The MkDocs hook: thin glue between MkDocs events and the generator library.

Everything MkDocs-specific lives here; the generator itself only writes plain
Markdown with YAML front matter.
- on_startup: remember whether we serve (keep the last good site) or build (fail).
- on_config: run the generator into docs_dir and take the navigation from it.
- on_serve: watch seeds/, content/ and the generator instead of the generated tree.
- on_files: add the tags listing page (a Material feature).
- on_page_markdown: HTML-escape titles, because MkDocs themes print them unescaped.
- on_post_build: mark site/ as generated, so the CLI may replace it safely.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from generator.pipeline import generate
from generator.problems import InputError
from generator.write import mark_as_generated

log = logging.getLogger("mkdocs.hooks.briefing")
TAGS_PAGE = "tags.md"
TAGS_MARKDOWN = "---\ntitle: Tags\n---\n\n# Tags\n\nEvery source, by country and theme.\n\n<!-- material/tags -->\n"
_state = {"command": "build"}


def on_startup(command, dirty):
    _state["command"] = command


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    try:
        result = generate(root, out_dir=config.docs_dir)
    except InputError as error:
        for problem in error.problems:
            log.error(problem.format_text())
        if _state["command"] == "serve":
            log.error("The site below is the last good one; fix the problems above and save again.")
            return config
        raise PluginError(f"the briefing inputs have {len(error.problems)} problem(s); see above") from None
    for problem in result.problems:
        log.info(problem.format_text())
    changed = len(result.report.written) + len(result.report.deleted)
    log.info(f"briefing: {changed} generated file(s) changed, {result.report.unchanged} unchanged")
    config.nav = _mkdocs_nav(result.nav)
    return config


def on_serve(server, config, builder):
    root = Path(config.config_file_path).resolve().parent
    server.unwatch(config.docs_dir)  # the generator rewrites it; watch its inputs instead
    for folder in ("seeds", "content", "generator"):
        server.watch(str(root / folder))
    return server


def on_files(files, config):
    files.append(File.generated(config, TAGS_PAGE, content=TAGS_MARKDOWN))
    return files


def on_page_markdown(markdown, page, config, files):
    if "title" in page.meta:
        page.meta["title"] = html.escape(str(page.meta["title"]))
    return markdown


def on_post_build(config):
    mark_as_generated(Path(config.site_dir))


def _mkdocs_nav(site_map):
    nav = []
    for entry in site_map:
        if len(entry) == 2:
            nav.append({html.escape(entry[0]): entry[1]})
            continue
        title, index, children = entry
        items = [index] if index else []
        items += [{html.escape(name): path} for name, path in children]
        if title == "Sources":
            items.append({"Tags": TAGS_PAGE})
        nav.append({html.escape(title): items})
    return nav
