"""The scale benchmark: prints each figure beside its target.

Usage: python -m bench.run [--sizes 100,1000,10000] [--work /tmp/briefing-bench]
(make bench, or make bench BENCH_SIZES=100,1000)

For each size N it writes a synthetic project (bench/synth.py) and measures:
the lower bound (reading every seed's bytes and parsing every YAML file with
PyYAML's C loader), the generator from scratch and again with nothing changed,
one metadata edit to updated Markdown, the whole build as CI runs it
(python -m generator build: generator, MkDocs, Pagefind) from scratch, the same
with Zensical (--engine zensical), peak memory, output size, the size of one source page, and what a reader's browser
downloads for a first search (bench/search_payload.py, in Chromium).
Figures only: no assertions.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from bench.machine import CodeWatch, OtherWork, compile_generator
from bench.search_payload import first_search_bytes
from bench.serve_edit import edit_to_page
from bench.synth import add_articles, write_project
from tests.chromium import CHROMIUM

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
NEW_SEEDS = 10  # seeds landing between two CI runs
CACHED = ["build/cache", "build/docs", "site"]  # what the Publish workflow restores and saves (actions/cache)


def lower_bound(project: Path) -> float:
    started = time.perf_counter()
    for path in sorted((project / "seeds").glob("*.txt")):
        path.read_bytes()
    for path in sorted((project / "content").rglob("*.yml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - started


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Seconds and peak resident memory (KB) of a child process."""
    elapsed, memory, _ = timed_with_output(command, cwd)
    return elapsed, memory


OTHER_WORK = OtherWork()  # what else ran while the commands of one size were timed (measure() starts it afresh)


def timed_with_output(command: list[str], cwd: Path) -> tuple[float, int, str]:
    """timed(), and what the command printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    with OTHER_WORK.watching():
        result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss), result.stdout


def _index_size(site: Path) -> str:
    bundles = sorted(site.glob("pagefind*"))
    return f"{sum(size_of(bundle) for bundle in bundles) / 1e6:.1f} MB in {len(bundles)} bundle(s)"


def _bundle_files(site: Path) -> dict[str, str]:
    """Each search bundle's digest, to count the bundles a build wrote again."""
    return {
        bundle.name: hashlib.sha256(repr(sorted(_tree_digest(bundle).items())).encode()).hexdigest()
        for bundle in sorted(site.glob("pagefind*"))
    }


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def edit_one_metadata_file(project: Path) -> None:
    path = sorted((project / "content/sources").glob("*.yml"))[
        len(list((project / "content/sources").glob("*.yml"))) // 2
    ]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('\ntitle: "', '\ntitle: "Edited: ', 1), encoding="utf-8")


def measure(count: int, work: Path) -> dict[str, str]:
    OTHER_WORK.reset()
    project = write_project(count, work / f"n{count}")
    bound = lower_bound(project)
    figures = {"lower bound (read seeds + parse YAML, C loader)": f"{bound:.1f} s"}
    generate = [PY, "-m", "generator", "generate", "--root", str(project)]
    cold, cold_memory = timed(generate, project)
    warm, _ = timed(generate, project)
    edit_one_metadata_file(project)
    edited, _ = timed(generate, project)
    for generated in ("build", "site"):
        shutil.rmtree(project / generated, ignore_errors=True)
    build = [PY, "-m", "generator", "build", "--root", str(project)]
    whole, whole_memory = timed(build, project)
    site = project / "site"
    ci_style = _ci_style_rebuild(project, count, whole, build)
    zensical_figures = _zensical_build(project, cold)
    page = sorted((site / "sources").glob("*/index.html"))[0]
    figures.update(
        {
            "generator, from scratch": f"{cold:.1f} s (peak {cold_memory / 1024:.0f} MB)   "
            f"[target: within 3 x the lower bound: {cold / bound:.0f} x]",
            "generator, nothing changed": f"{warm:.1f} s",
            "one metadata edit to updated Markdown": f"{edited:.1f} s, {100 * edited / cold:.1f} % of a generate "
            "from scratch   [target at 10,000: under 10 %]",
            "whole build from scratch (python -m generator build)": f"{whole:.1f} s (peak {whole_memory / 1024:.0f}"
            " MB)   [target at 10,000: under 300 s, under 2 GB]",
            "MkDocs and Pagefind (whole build less the generator)": f"{whole - cold:.1f} s",
            **zensical_figures,
            "generator share of the whole build": f"{100 * cold / whole:.0f} %   [target: under 10 %]",
            **ci_style,
            "output size (site/)": f"{size_of(site) / 1e6:.1f} MB, of which the search index {_index_size(site)}",
            "one source page": f"{page.stat().st_size / 1024:.1f} KB   [target: the same at 100 and 10,000, within 10"
            " %]",
            "first search, downloaded (Chromium)": _search_payload(site),
            "serve: one metadata edit to the served page": _serve_edit(project, count),
            "other work on the machine while commands were timed": OTHER_WORK.described(),
        }
    )
    return figures


def _ci_style_rebuild(project: Path, count: int, whole: float, build: list[str]) -> dict[str, str]:
    """What CI does when 10 seeds land after a cached run: build again, incrementally; then a full build of the
    same inputs in a copy, which must give the same bytes. First with articles of the corpus's last month, as new
    articles are dated; then with articles of any year, the worst case. The project keeps its new seeds."""
    limit = 15 if count >= 10_000 else 35
    figures = {}
    scenarios = (
        (count, True, "dated in its last month", "last month"),
        (count + NEW_SEEDS, False, "of any year", "any year"),
    )
    for first, latest, kind, short in scenarios:
        add_articles(project, first, NEW_SEEDS, seed=first, latest=latest)
        before = _bundle_files(project / "site")
        # CI restores only what the Publish workflow caches (CACHED), not the site a local build replaced, which
        # the next build deletes while it generates
        shutil.rmtree(project / "build/.site.replaced", ignore_errors=True)
        rebuilt, _, output = timed_with_output(build, project)
        changed = re.search(r"building (\d+) changed page", output)
        spent = re.search(r"built the site in \S+ in [\d.]+ s \((.*)\)", output)
        after = _bundle_files(project / "site")
        reindexed = sum(1 for bundle, digest in after.items() if before.get(bundle) != digest)
        docs = sum(1 for p in (project / "build/docs").rglob("*") if p.is_file())
        rebuilt_docs = changed.group(1) if changed else "all"
        same = "yes" if _same_as_full(project) else "NO"
        figures.update(
            {
                f"CI-style rebuild, {NEW_SEEDS} new seeds {kind}": f"{rebuilt:.1f} s, {100 * rebuilt / whole:.0f} % "
                f"of the whole build   [target: under {limit} %]",
                f"  ... docs files rebuilt, search bundles indexed again ({short})": f"{rebuilt_docs} of {docs}; "
                f"{reindexed} of {len(after)}",
                f"  ... byte-identical to a full build of the same inputs ({short})": f"{same}   [required]",
                f"  ... where the time went ({short})": spent.group(1) if spent else "(not reported)",
            }
        )
    cache_seconds = _tar_round_trip(project, CACHED)
    cached = sum(size_of(project / folder) for folder in CACHED)
    figures["  ... cache CI restores and saves (build/cache, build/docs, site/)"] = (
        f"{cached / 1e6:.0f} MB; packing and unpacking it with tar took {cache_seconds:.1f} s here (not counted above)"
    )
    return figures


def _same_as_full(project: Path) -> bool:
    """Whether a full build of the project's inputs, in a copy (removed after), gives the bytes of its site/."""
    copy = project.parent / f"{project.name}-full"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("build", "site", "mkdocs.generated.yml"))
    try:
        timed([PY, "-m", "generator", "build", "--root", str(copy)], copy)
        return _tree_digest(project / "site") == _tree_digest(copy / "site")
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def _tar_round_trip(project: Path, folders: list[str]) -> float:
    """What saving and restoring the cache costs on this machine, as actions/cache does it (tar), without upload."""
    started = time.perf_counter()
    archive = project.parent / "cache.tar"
    target = project.parent / "cache-unpacked"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    try:
        subprocess.run(["tar", "-cf", str(archive), *folders], cwd=project, check=True)
        subprocess.run(["tar", "-xf", str(archive)], cwd=target, check=True)
        return time.perf_counter() - started
    finally:
        archive.unlink(missing_ok=True)
        shutil.rmtree(target, ignore_errors=True)


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _zensical_build(project: Path, generator_seconds: float) -> dict[str, str]:
    """The whole build from scratch again with the other engine, into a copy, so that the MkDocs site stays."""
    copy = project.parent / f"{project.name}-zensical"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("build", "site", ".cache", "mkdocs.generated.yml"))
    try:
        whole, memory = timed([PY, "-m", "generator", "build", "--root", str(copy), "--engine", "zensical"], copy)
    except SystemExit as failure:  # a figure too: the other engine's figures are still printed
        reason = next((line for line in reversed(str(failure).splitlines()) if line.strip()), "no message")
        return {"whole build from scratch with Zensical (--engine zensical)": f"failed: {reason}"}
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    return {
        "whole build from scratch with Zensical (--engine zensical)": f"{whole:.1f} s (peak {memory / 1024:.0f} MB)",
        "Zensical and Pagefind (whole build less the generator)": f"{whole - generator_seconds:.1f} s",
    }


def _serve_edit(project: Path, count: int) -> str:
    return f"{edit_to_page(project).describe()}   [target at 10,000: under 2 s]"


def _search_payload(site: Path) -> str:
    if not Path(CHROMIUM).exists():
        return "not measured: no chromium (run tools/ensure-chromium)"
    total, requests = first_search_bytes(site)
    return f"{total / 1024:.0f} KB in {requests} requests   [target at 10,000: at most 1 MB]"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], epilog="example: python -m bench.run --sizes 100,1000"
    )
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "100,1000,10000"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-bench"))
    args = parser.parse_args()
    print(f"generator code: {compile_generator(ROOT)}")
    for count in (int(n) for n in args.sizes.split(",")):
        print(f"\nN = {count:,}")
        watch = CodeWatch(ROOT)
        for name, value in measure(count, args.work).items():
            print(f"  {name:<62} {value}")
        print(f"  {'generator and hook code':<62} {watch.described()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
