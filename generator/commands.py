"""What each command of the command line does: generate, build, serve, check, new, migrate, summary.

The parsing of arguments and the exit statuses of failures are in cli.py; each
handler here calls the pipeline and an engine, prints, and returns an exit status.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import time
from dataclasses import replace
from pathlib import Path

from generator.common.problems import InputError, Problem, skipped
from generator.common.project import Project
from generator.common.workers import run_apart
from generator.editors.migrate import UnknownSource, migrate_project
from generator.editors.newseed import write_draft
from generator.editors.summary import ci_summary
from generator.engines import incremental, zensical
from generator.engines import mkdocs as engine
from generator.engines.processes import Stopped, stop_on_signals
from generator.engines.site_copy import SiteCopy
from generator.inputs.parse_cache import ParseCache
from generator.model.unreviewed import UNREVIEWED
from generator.pipeline import GenerateResult, build_model, generate, source_date_epoch, waiting_pages
from generator.write.lock import ProjectBusy, exclusive_run
from generator.write.tree import OutputError, WriteReport, recover, same_file_system, swap_in, write_tree

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE, EXIT_SKIPPED, EXIT_BUSY = 0, 1, 2, 3, 4
ENGINES = {engine.NAME: engine, zensical.NAME: zensical}
ENGINE_NAMES = {engine.NAME: "MkDocs", zensical.NAME: "Zensical"}


def run_generate(args: argparse.Namespace, project: Project) -> int:
    with exclusive_run(project, "python -m generator generate"):
        result = _generate_and_report(project, args.site_url)
    return _exit_status(result.problems)


def _exit_status(problems: list[Problem]) -> int:
    left_out = skipped(problems)
    if left_out:
        print(
            f"warning: {len(left_out)} input(s) were skipped; the rest was written (exit status {EXIT_SKIPPED})",
            file=sys.stderr,
        )
        return EXIT_SKIPPED
    return EXIT_OK


def _generate_and_report(project: Project, site_url: str | None) -> GenerateResult:
    result = generate(project.root, site_url=site_url)
    print_problems(result.problems, "text")
    report = result.report
    print(
        f"generated {len(report.written)} changed file(s), deleted {len(report.deleted)}, "
        f"{report.unchanged} unchanged, in {project.display(project.docs_dir)}/"
    )
    return result


def run_build(args: argparse.Namespace, project: Project) -> int:
    with exclusive_run(project, "python -m generator build") as lock:
        # Generated in a child that exits before the engine starts, so the engine has the memory the model took
        # (7 GB at 100,000 sources). Only the build date and the problems come back.
        # site/ is copied for an incremental build while the generator works, not after it.
        started = time.perf_counter()
        copy = None
        if args.engine == engine.NAME and incremental.may_be_incremental(project, not args.full):
            copy = SiteCopy(project.site_dir, project.site_staging_dir, project.replaced_site_dir)
        try:
            epoch, problems, generating = run_apart(
                functools.partial(_generate_for_build, project, args.site_url), copy.make if copy else None
            )
        except BaseException:
            recover(project.site_dir, project.build_dir)  # drop the copy: nothing is built
            raise
        timings = {"generating": generating, **({"linking site/'s files beside it": copy.seconds} if copy else {})}
        status = _build_site(project, epoch, lock, args.engine, args.full, bool(copy and copy.made), timings)
    if status == EXIT_OK:
        spent = ", ".join(f"{what} {seconds:.1f} s" for what, seconds in timings.items())
        took = time.perf_counter() - started
        print(f"built the site in {project.display(project.site_dir)}/ in {took:.1f} s ({spent})")
        return _exit_status(problems)
    return status


def _generate_for_build(project: Project, site_url: str | None) -> tuple[int, list[Problem], float]:
    started = time.perf_counter()
    result = _generate_and_report(project, site_url)
    return source_date_epoch(result.briefing), result.problems, time.perf_counter() - started


def _build_site(
    project: Project,
    epoch_seconds: int,
    lock: int,
    engine_name: str,
    full: bool = False,
    copied: bool = False,
    timings: dict[str, float] | None = None,
) -> int:
    """The engine builds into a staging folder under build/, swapped in for site/ only when complete; only the
    pages whose Markdown changed are built again when nothing else did (engines/incremental.py). timings: the
    seconds each step took are added to it."""
    timings = {} if timings is None else timings
    started = time.perf_counter()
    staging, scratch = project.site_staging_dir, project.build_dir
    if not same_file_system(project.site_dir, scratch):
        raise OutputError(
            f"{project.display(scratch)}/ and {project.display(project.site_dir)}/ are on different "
            "file systems, so site/ cannot be replaced in one step; keep them on one file system"
        )
    hand_over = engine.HandOver(project.docs_dir)
    epoch = {"SOURCE_DATE_EPOCH": str(epoch_seconds)}
    plan = incremental.plan_build(project, engine_name, not full and engine_name == engine.NAME)
    with stop_on_signals():
        try:
            if plan.full:
                print(f"building every page: {plan.full_because}")
                if copied:
                    shutil.rmtree(staging)  # MkDocs would leave the copy's hidden files in the new site
                status = ENGINES[engine_name].build(project, staging, hand_over, epoch, lock)
            else:
                print(f"building {len(plan.changed)} changed page(s) and file(s), removing {len(plan.removed)}")
                status = incremental.build_changed(project, plan, hand_over, epoch, lock, copied)
        except Stopped as stop:
            recover(project.site_dir, scratch)  # the engine is gone with its group: drop its half-written staging
            print(f"stopped by {stop}: the previous site/ is unchanged", file=sys.stderr)
            return EXIT_INPUT_ERRORS
    if status != 0:
        recover(project.site_dir, scratch)
        print(f"error: {engine_name} build failed; the previous site/ is unchanged", file=sys.stderr)
        return EXIT_INPUT_ERRORS
    timings[f"{ENGINE_NAMES[engine_name]} and search"] = time.perf_counter() - started
    started = time.perf_counter()
    incremental.forget(project)  # until the new site is in place and recorded, the next build is a full one
    try:
        swap_in(staging, project.site_dir, scratch, keep_old=project.replaced_site_dir)
    finally:
        recover(project.site_dir, scratch)  # a refused swap leaves no staging folder behind
    incremental.remember(project, plan)
    timings["replacing site/"] = time.perf_counter() - started
    warning = incremental.size_warning(project.site_dir)
    if warning:
        print(warning, file=sys.stderr)
    return EXIT_OK


def run_serve(args: argparse.Namespace, project: Project) -> int:
    host, _, port = args.dev_addr.rpartition(":")
    taken = engine.address_taken(host, int(port))
    if taken:
        print(
            f"error: cannot serve at {args.dev_addr}: {taken}; stop the other server there, "
            f"or choose another address with --dev-addr {host}:{int(port) + 1}",
            file=sys.stderr,
        )
        return EXIT_INPUT_ERRORS
    with exclusive_run(project, "python -m generator serve (its first generation)"):
        hand_over = _serve_hand_over(project, args.site_url)
    with stop_on_signals():
        try:
            if args.engine == zensical.NAME:
                status = zensical.serve(project, args.dev_addr, hand_over, lambda: _regenerate(project, args.site_url))
            else:
                status = engine.serve(project, args.dev_addr, hand_over)
        except Stopped as stop:
            print(f"stopped by {stop}: the server at http://{args.dev_addr}/ is closed", file=sys.stderr)
            return EXIT_OK
    return status


def _serve_hand_over(project: Project, site_url: str | None) -> engine.HandOver:
    """Generate for the preview; with broken inputs, serve the last good pages (or a page saying what to fix)."""
    try:
        _generate_and_report(project, site_url)
        return engine.HandOver(project.docs_dir)
    except InputError as error:
        print_problems(error.problems, "text")
        if not (project.docs_dir / "index.md").is_file():
            write_tree(waiting_pages(len(error.problems)), project.docs_dir)
        return engine.HandOver(project.docs_dir, fresh=False)


def _regenerate(project: Project, site_url: str | None) -> WriteReport | None:
    """One generation while a preview runs without our hook (Zensical): what it wrote; None on input errors."""
    try:
        with exclusive_run(project, "python -m generator serve: a generation"):
            result = _generate_and_report(project, site_url)
    except InputError as error:
        print_problems(error.problems, "text")
        print("The preview keeps showing the last good pages; fix the problems above and save again.", file=sys.stderr)
        return None
    except (ProjectBusy, OutputError, OSError) as error:
        print(f"error: {error}; the preview keeps showing the last good pages", file=sys.stderr)
        return None
    return result.report


def run_check(args: argparse.Namespace, project: Project) -> int:
    # The last build's parse cache, read only: what it holds is keyed by the very bytes and code that produced it.
    _, problems = build_model(project, cache=ParseCache(project.cache_path))
    if args.strict:
        problems = [replace(p, severity="error") if p.code == UNREVIEWED else p for p in problems]
    print_problems(problems, args.format)
    errors = sum(p.severity != "warning" for p in problems)
    print(
        f"checked {project.display(project.content_dir)}/ and {project.display(project.seeds_dir)}/: "
        f"{errors} error(s), {len(problems) - errors} warning(s)",
        file=sys.stderr,
    )
    return EXIT_INPUT_ERRORS if errors else EXIT_OK


def run_new(args: argparse.Namespace, project: Project) -> int:
    seed = Path(args.seed)
    if not seed.is_absolute() and not seed.exists():
        seed = project.root / seed  # seeds/x.txt means the project's seeds/, wherever we run
    seed = seed.resolve()
    if seed.parent != project.seeds_dir or not seed.is_file():
        print(f"error: {args.seed} is not a file in {project.display(project.seeds_dir)}/", file=sys.stderr)
        return EXIT_USAGE
    target = project.sources_dir / f"{seed.stem}.yml"
    try:
        text = write_draft(project, seed, target)
    except FileExistsError:
        print(f"error: {project.display(target)} already exists; edit it, or delete it to start again", file=sys.stderr)
        return EXIT_INPUT_ERRORS
    print(f"wrote the draft {project.display(target)}; check it against the seed, then set review: reviewed")
    return EXIT_OK if text else EXIT_INPUT_ERRORS


def run_migrate(args: argparse.Namespace, project: Project) -> int:
    refused = 0
    try:
        migrations = migrate_project(project, frozenset(args.renumber))
    except UnknownSource as error:
        print(f"error: --renumber {error}; nothing was changed", file=sys.stderr)
        return EXIT_USAGE
    for migration in migrations:
        shown = project.display(migration.path)
        for reason in migration.refused:
            refused += 1
            print(f"{shown}: left as it was: {reason}", file=sys.stderr)
        if migration.added_ids:
            print(f"{shown}: added {migration.added_ids} claim id(s)")
        if migration.added:
            print(f"{shown}: added: {migration.added} (the file's first commit)")
        if migration.not_added and not migration.refused:
            refused += 1
            print(
                f"{shown}: no added: written: {migration.not_added}; commit the file and run migrate again, "
                "or write added: by hand",
                file=sys.stderr,
            )
        for done in migration.recorded:
            print(f"{shown}: {done}")
        if migration.split_bottom_lines:
            print(
                f"{shown}: split {migration.split_bottom_lines} bottom line(s) into sentences; "
                "give each its evidence: (check lists them)"
            )
    print("migrated content/sources/; review the change (git diff content/) and commit it", file=sys.stderr)
    return EXIT_INPUT_ERRORS if refused else EXIT_OK


def run_summary(args: argparse.Namespace, project: Project) -> int:
    briefing, problems = build_model(project)
    if briefing is None:
        raise InputError(problems)
    print(ci_summary(briefing, [Path(seed).name for seed in args.new_seeds]))
    return EXIT_OK


def print_problems(problems: list[Problem], output_format: str) -> None:
    for problem in sorted(problems):
        line = problem.format_github() if output_format == "github" else problem.format_text()
        print(line, file=sys.stdout if output_format == "github" else sys.stderr)
