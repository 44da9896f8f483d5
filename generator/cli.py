"""The command line: a thin layer over the generator library.

Exit status: 0 when clean, 1 when the inputs have errors (nothing is written),
2 on usage errors, 3 when the output was written but some inputs were skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from generator.assemble import assemble
from generator.load import load_inputs
from generator.pipeline import generate, source_date_epoch
from generator.problems import InputError, Problem, skipped
from generator.project import Project
from generator.newseed import write_draft
from generator.summary import ci_summary
from generator.unreviewed import UNREVIEWED
from generator.write import OutputError, recover, swap_in

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3
HANDED_OVER = "BRIEFING_GENERATED"  # read once by hooks/briefing.py

EXAMPLES = {
    "generate": "example: python -m generator generate          # writes build/docs/",
    "build": "example: python -m generator build             # writes build/docs/ and site/",
    "check": "example: python -m generator check --format github",
    "serve": "example: python -m generator serve --dev-addr 127.0.0.1:8001",
    "new": "example: python -m generator new seeds/005_new-article.txt",
    "summary": "example: python -m generator summary seeds/005_new.txt >> \"$GITHUB_STEP_SUMMARY\"",
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


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Turn seeds/ and content/ into the briefing's Markdown pages and site.",
        epilog="Run 'python -m generator COMMAND --help' for details. Example: python -m generator build",
    )
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _command(commands, "generate", "generate the Markdown pages into build/docs/ (writes only changed files)", run_generate)
    _command(commands, "build", "generate, then build the site into site/ with mkdocs build --strict", run_build)
    check = _command(commands, "check", "check seeds and metadata and report every problem; writes nothing", run_check)
    check.add_argument("--format", choices=["text", "github"], default="text",
                       help="text: path:line:column: message; github: GitHub Actions annotations")
    check.add_argument("--strict", action="store_true",
                       help="also fail on unreviewed sources: seeds without metadata, and drafts")
    new = _command(commands, "new", "write a draft metadata file for a seed, from what is detected in it", run_new)
    new.add_argument("seed", help="the seed file, e.g. seeds/005_new-article.txt")
    summary = _command(commands, "summary", "print a Markdown summary for CI: new seeds and unreviewed sources",
                       run_summary)
    summary.add_argument("new_seeds", nargs="*", metavar="SEED", help="seed files new in this change")
    serve = _command(commands, "serve", "generate, then serve the site with live reload at http://127.0.0.1:8000/",
                     run_serve)
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT",
                       help="where to serve (default: 127.0.0.1:8000)")
    return main_parser


def _command(commands, name: str, help_text: str, handler):
    sub = commands.add_parser(name, help=help_text, description=help_text, epilog=EXAMPLES[name])
    sub.add_argument("--root", default=".", help="project folder holding seeds/ and content/ (default: .)")
    sub.set_defaults(handler=handler)
    return sub


def run_generate(args, project: Project) -> int:
    result = _generate_and_report(project)
    return _exit_status(result.problems)


def _exit_status(problems: list[Problem]) -> int:
    left_out = skipped(problems)
    if left_out:
        print(f"warning: {len(left_out)} input(s) were skipped; the rest was written (exit status {EXIT_SKIPPED})",
              file=sys.stderr)
        return EXIT_SKIPPED
    return EXIT_OK


def _generate_and_report(project: Project):
    result = generate(project.root)
    print_problems(result.problems, "text")
    report = result.report
    print(f"generated {len(report.written)} changed file(s), deleted {len(report.deleted)}, "
          f"{report.unchanged} unchanged, in {project.display(project.docs_dir)}/")
    return result


def run_build(args, project: Project) -> int:
    result = _generate_and_report(project)
    staging = project.site_dir.with_name(f".{project.site_dir.name}.staging")
    recover(project.site_dir)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict",
               "--config-file", str(project.root / "mkdocs.yml"), "--site-dir", str(staging)]
    env = {**_quiet_mkdocs_env(), **_handed_over(project, result),
           "SOURCE_DATE_EPOCH": str(source_date_epoch(result.briefing))}
    if subprocess.run(command, cwd=project.root, env=env).returncode != 0:
        print("error: mkdocs build failed; the previous site/ is unchanged", file=sys.stderr)
        return EXIT_INPUT_ERRORS
    try:
        swap_in(staging, project.site_dir)
    finally:
        recover(project.site_dir)  # a refused swap leaves no staging folder behind
    print(f"built the site in {project.display(project.site_dir)}/")
    return _exit_status(result.problems)


def run_serve(args, project: Project) -> int:
    result = _generate_and_report(project)
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(project.root / "mkdocs.yml"),
               "--dev-addr", args.dev_addr, "--livereload", "--dirty"]  # rebuild only changed pages
    env = {**_quiet_mkdocs_env(), **_handed_over(project, result)}
    return subprocess.run(command, cwd=project.root, env=env).returncode


def _handed_over(project: Project, result) -> dict[str, str]:
    """Tell the MkDocs hook that build/docs/ is fresh, so its first build need not generate again."""
    return {HANDED_OVER: json.dumps({"docs_dir": str(project.docs_dir), "nav": result.nav})}


def run_check(args, project: Project) -> int:
    _, problems = assemble(load_inputs(project), dt.date.today())
    if args.strict:
        problems = [replace(p, severity="error") if p.code == UNREVIEWED else p for p in problems]
    print_problems(problems, args.format)
    errors = sum(p.severity != "warning" for p in problems)
    print(f"checked {project.display(project.content_dir)}/ and {project.display(project.seeds_dir)}/: "
          f"{errors} error(s), {len(problems) - errors} warning(s)", file=sys.stderr)
    return EXIT_INPUT_ERRORS if errors else EXIT_OK


def run_new(args, project: Project) -> int:
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
        print(f"error: {project.display(target)} already exists; edit it, or delete it to start again",
              file=sys.stderr)
        return EXIT_INPUT_ERRORS
    print(f"wrote the draft {project.display(target)}; check it against the seed, then set review: reviewed")
    return EXIT_OK if text else EXIT_INPUT_ERRORS


def run_summary(args, project: Project) -> int:
    briefing, problems = assemble(load_inputs(project), dt.date.today())
    if briefing is None:
        raise InputError(problems)
    print(ci_summary(briefing, [Path(seed).name for seed in args.new_seeds]))
    return EXIT_OK


def print_problems(problems: list[Problem], output_format: str) -> None:
    for problem in sorted(problems):
        line = problem.format_github() if output_format == "github" else problem.format_text()
        print(line, file=sys.stdout if output_format == "github" else sys.stderr)


def _quiet_mkdocs_env() -> dict[str, str]:
    """MkDocs prints a banner about its 2.0 plans on every run; the README covers it."""
    return {"NO_MKDOCS_2_WARNING": "1", **os.environ}
