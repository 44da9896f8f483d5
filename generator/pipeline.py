"""The generator's one orchestrator: read, load, build the model, render, write.

Everything is gathered and checked before anything is written; a run with input
errors raises InputError with every problem and leaves the output untouched.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from generator import export, feeds, locations
from generator.assemble import assemble
from generator.cache import PageCache, ParseCache
from generator.load import load_inputs
from generator.model import Briefing
from generator.progress import Progress
from generator.problems import InputError, Problem
from generator.project import Project
from generator.render import Renderer
from generator.write import WriteReport, write_tree

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
HOME_INTRO = "home.md"
GENERATED_TOP_LEVEL = {locations.HOME, locations.TIMELINE, locations.DATA}


@dataclass
class GenerateResult:
    briefing: Briefing
    report: WriteReport
    problems: list[Problem] = field(default_factory=list)  # warnings only
    nav: list = field(default_factory=list)


def generate(root: str | Path = ".", out_dir: str | Path | None = None, today: dt.date | None = None,
             progress: Progress | None = None) -> GenerateResult:
    """Generate the briefing's Markdown from the project at root.

    Example: ``generate(".")`` writes build/docs/ and returns what changed.
    Progress shows on a terminal only (see generator/progress.py).
    """
    project = Project.at(root)
    progress = progress or Progress()
    cache = ParseCache(project.cache_path)
    inputs = load_inputs(project, cache, progress)
    briefing, problems = assemble(inputs, today or dt.date.today())
    if briefing is None:
        raise InputError(problems)
    progress.stage(f"model built: {len(briefing.sources):,} sources, {len(briefing.events):,} events")
    pages = hand_written_pages(project)
    target = Path(out_dir) if out_dir else project.docs_dir
    page_cache = PageCache(project.page_cache_path if target == project.docs_dir else None, target)
    rendered = Renderer(briefing, pages.pop(HOME_INTRO, ""), page_cache, progress).all_pages()
    files = {path: text.encode("utf-8") for path, text in {**rendered, **pages}.items()}
    files.update(feeds.feed_files(briefing, None))
    files.update(export.data_files(briefing))
    files.update(asset_files())
    progress.stage(f"pages, feeds and data files ready: {len(files):,}")
    report = write_tree(files, target)
    progress.stage(f"files written: {len(report.written):,} changed, {len(report.deleted):,} deleted, "
                   f"{report.unchanged:,} unchanged")
    cache.save()  # only after a successful run: a failed one writes nothing at all
    page_cache.save()
    return GenerateResult(briefing, report, problems, site_map(briefing, sorted(pages)))


def source_date_epoch(briefing: Briefing) -> int:
    """SOURCE_DATE_EPOCH if set, else the end of the newest source's date: same inputs, same stamp."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return int(epoch)
    latest = briefing.latest_date
    if latest is None:
        return 0
    return int(dt.datetime(*latest.latest_day(), tzinfo=dt.timezone.utc).timestamp())


def hand_written_pages(project: Project) -> dict[str, str]:
    """The editors' own Markdown pages, trusted and copied as they are."""
    pages = {path.name: path.read_text(encoding="utf-8") for path in sorted(project.pages_dir.glob("*.md"))}
    taken = [name for name in pages if name in GENERATED_TOP_LEVEL]
    if taken:
        raise InputError([Problem(f"content/pages/{name}", 1, 1, f"{name} would replace a generated page",
                                  "rename the file; home.md holds the home page introduction") for name in taken])
    return pages


def asset_files() -> dict[str, bytes]:
    return {f"assets/{path.name}": path.read_bytes() for path in sorted(ASSETS_DIR.iterdir()) if path.is_file()}


def site_map(briefing: Briefing, extra_pages: list[str]) -> list:
    """The site's sections, engine-neutral: (title, path) or (title, index path, [children])."""
    def section(title, index, terms):
        return (title, index, [(t.name, locations.term(t.kind, t.slug)) for t in terms])
    about = [(_page_title(name), name) for name in extra_pages]
    return [
        ("Home", locations.HOME),
        section("Countries", locations.COUNTRIES, briefing.countries_in_use()),
        section("Themes", locations.THEMES, briefing.themes_in_use()),
        ("Timeline", locations.TIMELINE),
        ("Sources", locations.SOURCES, [("Browse by country, theme or year", locations.BROWSE)]),
        ("Data", locations.DATA),
        ("About", None, about),
    ]


def _page_title(name: str) -> str:
    return name.removesuffix(".md").replace("-", " ").capitalize()
