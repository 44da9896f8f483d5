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
from importlib import metadata
from pathlib import Path
from typing import NoReturn

from generator.commands import (
    ENGINES,
    EXIT_BUSY,
    EXIT_INPUT_ERRORS,
    EXIT_USAGE,
    print_problems,
    run_build,
    run_check,
    run_generate,
    run_migrate,
    run_new,
    run_serve,
    run_summary,
)
from generator.common.os_errors import explain
from generator.common.problems import InputError
from generator.common.project import Project
from generator.engines import mkdocs as engine
from generator.pipeline import SITE_URL_VARIABLE, BadSiteUrl
from generator.write.lock import ProjectBusy
from generator.write.tree import OutputError

DISTRIBUTION = "central-asia-briefing"
UNINSTALLED_VERSION = "0.1.0"  # as in pyproject.toml; shown when the package is run from a checkout

EXAMPLES = {
    "generate": "example: python -m generator generate          # writes build/docs/",
    "build": "example: python -m generator build             # writes build/docs/ and site/ "
    "(with Zensical: python -m generator build --engine zensical)",
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
        commands,
        "build",
        "generate, then build the site into site/ (mkdocs build --strict, or Zensical) and index it for search",
        run_build,
    )
    build.add_argument(
        "--full",
        action="store_true",
        help="build every page again; by default only pages whose Markdown changed since the last build are "
        "(a full build happens anyway when the configuration, theme, navigation, code or engine changed)",
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
    for engine_run in (build, serve):
        engine_run.add_argument(
            "--engine",
            choices=ENGINES,
            default=engine.NAME,
            help="the site engine: mkdocs (Material for MkDocs, the default) or zensical, its successor",
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
