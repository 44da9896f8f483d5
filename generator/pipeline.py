"""The generator's one orchestrator: read, load, build the model, render, write.

Everything is gathered and checked before anything is written; a run with input
errors raises InputError with every problem and leaves the output untouched.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from generator.common.atomic_file import Saves, replace_text
from generator.common.cycles import cycles_left_for_later
from generator.common.json_store import lines_of, read_lines, read_stored, write_stored
from generator.common.problems import InputError, Problem
from generator.common.progress import QUIET, Progress
from generator.common.project import Project
from generator.derive import analysis
from generator.derive.derived import FoundBefore, derive
from generator.derive.word_pairs import WordPairs
from generator.inputs.load import load_inputs
from generator.inputs.parse_cache import ParseCache
from generator.inputs.safe_listing import safe_listing
from generator.model.assemble import FindKin, assemble
from generator.model.briefing import Briefing
from generator.model.source_memo import InMemory, SourceMemo
from generator.render import locations
from generator.render.data_rows import kept_rows
from generator.render.masthead import footer_html
from generator.render.page_cache import PageCache, renderer_digest
from generator.render.page_data import Fingerprints
from generator.render.page_maker import FilesLastRun
from generator.render.renderer import Renderer
from generator.render.site_config import SiteMap, config_text, site_map
from generator.write.docs_files import model_files, output_files
from generator.write.made_apart import FilesMadeApart, made_apart_folder
from generator.write.tree import WriteReport, write_tree

HOME_INTRO = "home.md"
GENERATED_TOP_LEVEL = {locations.HOME, locations.TIMELINE, locations.DATA, locations.CORRECTIONS}
SITE_URL_VARIABLE = "BRIEFING_SITE_URL"  # overrides site_url of content/briefing.yml (set by the Publish workflow)
PUBLIC_ADDRESS = re.compile(r"https?://[^\s<>\"]+")


@dataclass
class GenerateResult:
    briefing: Briefing
    report: WriteReport
    problems: list[Problem] = field(default_factory=list)  # warnings only
    nav: SiteMap = field(default_factory=list)
    pages_reused: int = 0  # pages whose values had not changed, taken from the last output unrendered
    files_reused: int = 0  # metadata files whose sources were taken from the last run's memo, not built again


@dataclass
class KeptInMemory:
    """What a process that generates again and again (the preview's worker) keeps between generations, besides
    the caches on disk that every run reads: each metadata file's sources, decoded, and the digests pages take of
    the model's objects (model/source_memo.py, render/page_data.py). Only what the last generation used is kept."""

    built_files: InMemory = field(default_factory=dict)
    model_digests: dict[int, tuple[Any, str]] = field(default_factory=dict)
    # The fingerprints of the pages last written to pages_in, a folder without a page cache on disk (a preview's):
    # its unchanged pages are kept there rather than rendered again
    pages_in: Path | None = None
    page_fingerprints: dict[str, str] = field(default_factory=dict)
    page_reads: dict[str, Any] = field(default_factory=dict)  # what those pages looked up (render/page_reads.py)


def generate(
    root: str | Path = ".",
    out_dir: str | Path | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
    site_url: str | None = None,
    kept: KeptInMemory | None = None,
) -> GenerateResult:
    """Generate the briefing's Markdown from the project at root.

    Example: ``generate(".")`` writes build/docs/ and returns what changed.
    Progress shows on a terminal only (see generator/common/progress.py). The site's
    public address is site_url if given, else $BRIEFING_SITE_URL, else site_url
    in content/briefing.yml (see public_address).
    """
    with cycles_left_for_later():
        return _generate(root, out_dir, today, progress, site_url, kept)


def _generate(
    root: str | Path,
    out_dir: str | Path | None,
    today: dt.date | None,
    progress: Progress | None,
    site_url: str | None,
    kept: KeptInMemory | None,
) -> GenerateResult:
    project = Project.at(root)
    progress = progress or Progress()
    cache = ParseCache(project.cache_path)
    remembered = read_stored(project.remembered_path, renderer_digest())
    found = FoundBefore.of(remembered, WordPairs(_opened(project.word_pairs_path), renderer_digest()))
    kept = kept or KeptInMemory()
    memo = SourceMemo(read_lines(project.source_memo_path, renderer_digest()), renderer_digest(), kept.built_files)
    # What is kept for the next run is written as soon as it is known, and let go of, but put in place only once
    # this run has succeeded: a failed one writes nothing at all
    with Saves() as saves:
        briefing, problems = build_model(project, today, cache, progress, found.kin, memo)
        if briefing is None:
            raise InputError(problems)
        briefing = replace(briefing, site_url=public_address(site_url, briefing.site_url))
        progress.stage(f"model built: {len(briefing.sources):,} sources, {len(briefing.events):,} events")
        cache.save(saves)
        _save_memo(memo, saves, project.source_memo_path)
        pages = hand_written_pages(project, problems)
        target = Path(out_dir) if out_dir else project.docs_dir
        page_cache = _page_cache(project, target, kept)
        fingerprints = Fingerprints(kept.model_digests, memo.name_of)
        # made from the model alone, by another process, while this one derives and makes the pages
        last_run = FilesLastRun(page_cache, fingerprints)
        rows = kept_rows(project.cache_path.parent, briefing, memo.name_of)
        made_apart = partial(model_files, briefing, last_run, rows)
        try:
            with FilesMadeApart(made_apart, made_apart_folder(target), page_cache) as apart:
                derived = derive(briefing, progress, found)
                progress.stage("compared, grouped and counted across sources")
                if (saving := found.kin.word_pairs.saving()) is not None:
                    (saves.append if saving[0] == "append" else saves.write)(project.word_pairs_path, saving[1])
                found.kin.word_pairs.let_go()
                renderer = Renderer(briefing, derived, pages.pop(HOME_INTRO, ""), page_cache, progress, fingerprints)
                files = output_files(briefing, derived, renderer, pages, apart.files())
                report = write_tree(files, target, project.docs_spare_dir if target == project.docs_dir else None)
        finally:  # what the child kept of the data rows: put in place with the run's saves, or dropped with them
            rows.adopt(saves)
        progress.stage(
            f"pages, feeds and data files written: {len(report.written):,} changed, {len(report.deleted):,} "
            f"deleted, {report.unchanged:,} unchanged"
        )
        nav = site_map(briefing, sorted(pages))
        page_cache.save()
        if found.changed_since(remembered):
            write_stored(project.remembered_path, {"code": renderer_digest(), **found.stored_form()})
        if target == project.docs_dir:
            _write_engine_config(project, config_text(nav, briefing.site_url, footer_html(briefing.masthead)))
    kept.built_files, kept.model_digests = memo.used_in_memory, fingerprints.model_digests
    kept.pages_in, kept.page_fingerprints, kept.page_reads = target, page_cache.current, page_cache.current_reads
    return GenerateResult(briefing, report, problems, nav, page_cache.reused, memo.hits)


@dataclass(frozen=True)
class Generated:
    """What the MkDocs hook needs of a generation, small enough to send between processes (not the model)."""

    changed: int  # files written or deleted
    unchanged: int
    nav: SiteMap
    site_url: str | None
    problems: list[Problem] = field(default_factory=list)  # warnings only
    deleted: list[str] = field(default_factory=list)  # docs files this generation removed


_PREVIEW_KEPT = KeptInMemory()  # in the preview's worker (or the hook's process): kept from one edit to the next


def generate_for_preview(root: Path, docs_dir: Path) -> Generated:
    """One generation of a preview's docs_dir (engines/preview_worker.py runs it in its worker)."""
    result = generate(root, out_dir=docs_dir, kept=_PREVIEW_KEPT)
    report = result.report
    changed = len(report.written) + len(report.deleted)
    return Generated(changed, report.unchanged, result.nav, result.briefing.site_url, result.problems, report.deleted)


def build_model(
    project: Project,
    today: dt.date | None = None,
    cache: ParseCache | None = None,
    progress: Progress | None = None,
    find_kin: FindKin = analysis.kinships,
    memo: SourceMemo | None = None,
) -> tuple[Briefing | None, list[Problem]]:
    """Read and check every input: the Briefing, or None, with every problem found (warnings too).

    Example: ``briefing, problems = build_model(Project.at("."))``. With a ParseCache, seeds already read with
    the same bytes and code are not read again; without one, all are read.
    """
    with cycles_left_for_later():
        inputs = load_inputs(project, cache, progress or QUIET)
        return assemble(inputs, today or dt.date.today(), find_kin, memo)


class BadSiteUrl(ValueError):
    """The site's public address, given on the command line or in $BRIEFING_SITE_URL, is not a web address."""


def public_address(given: str | None, configured: str | None) -> str | None:
    """The one public address of the site, ending in "/": given, else $BRIEFING_SITE_URL, else configured.

    Raises BadSiteUrl, saying where the bad value came from, for anything but an http(s) address.
    """
    for origin, value in (
        ("--site-url", given),
        (SITE_URL_VARIABLE, os.environ.get(SITE_URL_VARIABLE)),
        ("site_url in content/briefing.yml", configured),
    ):
        if value:
            if not PUBLIC_ADDRESS.fullmatch(value):
                raise BadSiteUrl(
                    f"{origin} is {value!r}, which is not a web address: "
                    "write a full https:// address such as https://example.org/briefing/"
                )
            return value.rstrip("/") + "/"
    return None


def source_date_epoch(briefing: Briefing) -> int:
    """SOURCE_DATE_EPOCH if set, else the end of the newest source's date: same inputs, same stamp."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return int(epoch)
    latest = briefing.latest_date
    if latest is None:
        return 0
    return int(dt.datetime(*latest.latest_day(), tzinfo=dt.UTC).timestamp())


def waiting_pages(problem_count: int) -> dict[str, bytes]:
    """What a preview shows when the inputs are broken and there are no last good pages to show."""
    page = (
        "# The briefing cannot be built yet\n\n"
        f"Its inputs have {problem_count} problem(s), each printed with its file, line and column in the "
        "terminal where the preview runs. Fix them and save: this page is then replaced by the site.\n"
    )
    return {locations.HOME: page.encode("utf-8")}


def hand_written_pages(project: Project, problems: list[Problem]) -> dict[str, str]:
    """The editors' own Markdown pages, trusted and copied as they are; listed by the rule that lists seeds, so a
    link to a file outside content/pages/ is not followed (and published), only reported."""
    listed = safe_listing(project, project.pages_dir, "*.md", problems) if project.pages_dir.is_dir() else []
    pages = {path.name: path.read_text(encoding="utf-8") for path in listed}
    taken = [name for name in pages if name in GENERATED_TOP_LEVEL]
    if taken:
        raise InputError(
            [
                Problem(
                    f"content/pages/{name}",
                    1,
                    1,
                    f"{name} would replace a generated page",
                    "rename the file; home.md holds the home page introduction",
                )
                for name in taken
            ]
        )
    return pages


def _page_cache(project: Project, target: Path, kept: KeptInMemory) -> PageCache:
    """The page cache of build/docs is on disk; another folder's is what this process last wrote there, if any."""
    if target == project.docs_dir:
        return PageCache(project.page_cache_path, target)
    previous, reads = (kept.page_fingerprints, kept.page_reads) if kept.pages_in == target else (None, None)
    kept.pages_in = None  # until this run's pages are in place: a run that fails after writing some leaves none kept
    return PageCache(None, target, previous, reads)


def _save_memo(memo: SourceMemo, saves: Saves, path: Path) -> None:
    """The memo's entries written aside, if they changed, and let go of: held in generate()'s frame, their texts
    would live through the whole run (220 MB at 100,000 sources)."""
    entries = memo.handed_over()
    if entries is not None:
        saves.write(path, lines_of(memo.code, entries))


def _opened(path: Path) -> BinaryIO | bytes:
    """A cache file, opened for reading; nothing when it cannot be (it is then made again)."""
    try:
        return path.open("rb")
    except OSError:
        return b""


def _write_engine_config(project: Project, text: str) -> None:
    """The engines' configuration beside mkdocs.yml (render/site_config.py), rewritten only when it changes."""
    path = project.generated_config_path
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        replace_text(path, text)
