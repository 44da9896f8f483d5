"""The command line: a thin layer over the generator library.

Exit status: 0 when clean, 1 when the inputs have errors (nothing is written),
2 on usage errors, 3 when the output was written but some inputs were skipped,
4 when another run kept the project busy for longer than we wait (see generator/write/lock.py).
"""

from __future__ import annotations

import argparse
import difflib
import ipaddress
import re
import sys
from collections.abc import Callable
from dataclasses import replace
from importlib import metadata
from pathlib import Path
from typing import NoReturn

from generator.common.os_errors import explain
from generator.common.problems import InputError, Problem, skipped
from generator.common.project import Project
from generator.editors.migrate import UnknownSource, migrate_project
from generator.editors.newseed import write_draft
from generator.editors.summary import ci_summary
from generator.engines import mkdocs as engine
from generator.engines.processes import Stopped, stop_on_signals
from generator.inputs.parse_cache import ParseCache
from generator.model.unreviewed import UNREVIEWED
from generator.pipeline import (
    SITE_URL_VARIABLE,
    BadSiteUrl,
    GenerateResult,
    build_model,
    generate,
    source_date_epoch,
    waiting_pages,
)
from generator.render.page_cache import last_site_map
from generator.write.lock import ProjectBusy, exclusive_run
from generator.write.tree import OutputError, recover, same_file_system, swap_in, write_tree

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE, EXIT_SKIPPED, EXIT_BUSY = 0, 1, 2, 3, 4
DISTRIBUTION = "central-asia-briefing"
UNINSTALLED_VERSION = "0.1.0"  # as in pyproject.toml; shown when the package is run from a checkout

EXAMPLES = {
    "generate": "example: python -m generator generate          # writes build/docs/",
    "build": "example: python -m generator build             # writes build/docs/ and site/",
    "check": "example: python -m generator check --format github",
    "serve": "example: python -m generator serve --dev-addr 127.0.0.1:8001",
    "new": "example: python -m generator new seeds/005_new-article.txt",
    "summary": 'example: python -m generator summary seeds/005_new.txt >> "$GITHUB_STEP_SUMMARY"',
    "migrate": "example: python -m generator migrate && git diff content/ (a source whose seed was edited on purpose: "
    "python -m generator migrate --renumber 003_511358f27ee65db5)",
}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    project = Project.at(args.root)
    try:
        return args.handler(args, project)
    except InputError as error:
        print_problems(error.problems, getattr(args, "format", "text"))
        return EXIT_INPUT_ERRORS
    except OutputError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_INPUT_ERRORS
    except BadSiteUrl as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ProjectBusy as error:
        print(f"busy: {error}", file=sys.stderr)
        return EXIT_BUSY
    except OSError as error:  # permissions, a read-only or full disk: the path and what to do, not a traceback
        print(f"error: {explain(error, project.root)}", file=sys.stderr)
        return EXIT_INPUT_ERRORS


def parser() -> argparse.ArgumentParser:
    main_parser = CommandLineParser(
        prog="python -m generator",
        description="Turn seeds/ and content/ into the briefing's Markdown pages and site.",
        epilog="Run 'python -m generator COMMAND --help' for details. Example: python -m generator build",
    )
    main_parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    generate_command = _command(
        commands, "generate", "generate the Markdown pages into build/docs/ (writes only changed files)", run_generate
    )
    build = _command(
        commands, "build", "generate, then build the site into site/ with mkdocs build --strict", run_build
    )
    check = _command(commands, "check", "check seeds and metadata and report every problem; writes nothing", run_check)
    check.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="text: path:line:column: message; github: GitHub Actions annotations",
    )
    check.add_argument(
        "--strict", action="store_true", help="also fail on unreviewed sources: seeds without metadata, and drafts"
    )
    new = _command(commands, "new", "write a draft metadata file for a seed, from what is detected in it", run_new)
    migrate = _command(
        commands,
        "migrate",
        "update metadata written for an earlier version, in place (adds claim "
        "ids and added: dates, records paragraph numbering in content/paragraphs.yml)",
        run_migrate,
    )
    migrate.add_argument(
        "--renumber",
        action="append",
        default=[],
        metavar="SOURCE_ID",
        help="also re-record the paragraph numbering of this source although it differs from the "
        "record: only after its seed was edited on purpose, since links to its paragraphs may "
        "then land on other text (repeat for several). Without it, a source that now reads "
        "differently from its record is reported and left as it was. Example: "
        "python -m generator migrate --renumber 003_511358f27ee65db5",
    )
    new.add_argument(
        "seed", help="the seed file, text or a saved web page, e.g. seeds/005_new-article.txt or seeds/006_page.html"
    )
    summary = _command(
        commands, "summary", "print a Markdown summary for CI: new seeds and unreviewed sources", run_summary
    )
    summary.add_argument("new_seeds", nargs="*", metavar="SEED", help="seed files new in this change")
    serve = _command(
        commands, "serve", "generate, then serve the site with live reload at http://127.0.0.1:8000/", run_serve
    )
    serve.add_argument(
        "--dev-addr",
        default="127.0.0.1:8000",
        metavar="HOST:PORT",
        type=host_and_port,
        help="where to serve (default: 127.0.0.1:8000)",
    )
    for publishing in (generate_command, build, serve):
        publishing.add_argument(
            "--site-url",
            metavar="URL",
            help=f"the site's public address for feeds, sitemap and citations; overrides "
            f"${SITE_URL_VARIABLE} and site_url in content/briefing.yml",
        )
    return main_parser


Handler = Callable[[argparse.Namespace, Project], int]


def _command(
    commands: argparse._SubParsersAction[CommandLineParser], name: str, help_text: str, handler: Handler
) -> CommandLineParser:
    sub = commands.add_parser(name, help=help_text, description=help_text, epilog=EXAMPLES[name])
    sub.add_argument(
        "--root", default=".", type=project_folder, help="project folder holding seeds/ and content/ (default: .)"
    )
    sub.set_defaults(handler=handler)
    return sub


class CommandLineParser(argparse.ArgumentParser):
    """argparse, with a suggestion for a mistyped choice (argparse has suggest_on_error only from Python 3.14)."""

    def error(self, message: str) -> NoReturn:
        mistyped = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)$", message)
        if mistyped:
            choices = [choice.strip(" '") for choice in mistyped.group(2).split(",")]
            close = difflib.get_close_matches(mistyped.group(1), choices, n=1, cutoff=0.6)
            if close:
                message = f"{message}; did you mean '{close[0]}'?"
        super().error(message)  # prints usage and message, exits with status 2 (EXIT_USAGE)


def host_and_port(text: str) -> str:
    """HOST:PORT as MkDocs accepts it, checked here so that a mistake is a usage error, not a failed serve."""
    host, _, port = text.rpartition(":")
    bare_host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if not port.isdigit() or not 1 <= int(port) <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not HOST:PORT with a port from 1 to 65535, e.g. 127.0.0.1:8001")
    if bare_host != "localhost":
        try:
            ipaddress.ip_address(bare_host)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"'{host}' in '{text}' is not localhost or an IP address, e.g. 127.0.0.1:8001 or [::1]:8001"
            ) from None
    return text


def project_folder(text: str) -> str:
    if not Path(text).is_dir():
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a folder; give the project folder holding seeds/ and content/"
        )
    return text


def version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return UNINSTALLED_VERSION


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
        result = _generate_and_report(project, args.site_url)
        status = _build_site(project, result, lock)
    if status == EXIT_OK:
        print(f"built the site in {project.display(project.site_dir)}/")
        return _exit_status(result.problems)
    return status


def _build_site(project: Project, result: GenerateResult, lock: int) -> int:
    """MkDocs into a staging folder under build/, swapped in for site/ only when complete."""
    staging, scratch = project.site_staging_dir, project.build_dir
    if not same_file_system(project.site_dir, scratch):
        raise OutputError(
            f"{project.display(scratch)}/ and {project.display(project.site_dir)}/ are on different "
            "file systems, so site/ cannot be replaced in one step; keep them on one file system"
        )
    hand_over = engine.HandOver(project.docs_dir, result.nav, result.briefing.site_url)
    epoch = {"SOURCE_DATE_EPOCH": str(source_date_epoch(result.briefing))}
    with stop_on_signals():
        try:
            status = engine.build(project, staging, hand_over, epoch, lock)
        except Stopped as stop:
            recover(project.site_dir, scratch)  # MkDocs is gone with its group: drop its half-written staging folder
            print(f"stopped by {stop}: the previous site/ is unchanged", file=sys.stderr)
            return EXIT_INPUT_ERRORS
    if status != 0:
        recover(project.site_dir, scratch)
        print("error: mkdocs build failed; the previous site/ is unchanged", file=sys.stderr)
        return EXIT_INPUT_ERRORS
    try:
        swap_in(staging, project.site_dir, scratch)
    finally:
        recover(project.site_dir, scratch)  # a refused swap leaves no staging folder behind
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
            status = engine.serve(project, args.dev_addr, hand_over)
        except Stopped as stop:
            print(f"stopped by {stop}: the server at http://{args.dev_addr}/ is closed", file=sys.stderr)
            return EXIT_OK
    return status


def _serve_hand_over(project: Project, site_url: str | None) -> engine.HandOver:
    """Generate for the preview; with broken inputs, serve the last good pages (or a page saying what to fix)."""
    try:
        result = _generate_and_report(project, site_url)
        return engine.HandOver(project.docs_dir, result.nav, result.briefing.site_url)
    except InputError as error:
        print_problems(error.problems, "text")
        if not (project.docs_dir / "index.md").is_file():
            write_tree(waiting_pages(len(error.problems)), project.docs_dir)
        return engine.HandOver(project.docs_dir, last_site_map(project.site_map_path), None, fresh=False)


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
