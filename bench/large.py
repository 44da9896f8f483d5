"""The 100,000-source benchmark: one machine to its limit. Never in CI; takes hours.

Usage: python -m bench.large [--count 100000] [--work /tmp/briefing-bench-large] [--results FILE]
(make bench-100k runs it in the background and says where the results go)

Writes a synthetic project (bench/synth.py), then measures, each figure written
to the results file as soon as it is known, so a run stopped half-way still says
how far it got:
1. the whole build from scratch (python -m generator build), with the peak memory
   of the generator, MkDocs and Pagefind apart (bench/memory.py);
2. the size of the site and of its search index, and what a first search downloads;
3. the CI-style rebuild: 10 new seeds after that cached run, as a share of step 1;
4. unless --no-identity: a full build of the same inputs in a copy, which must give
   the same bytes as step 3.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

from bench.memory import run_sampled
from bench.run import NEW_SEEDS, ROOT, _search_payload, _tree_digest, size_of
from bench.synth import add_articles, write_project

PY = sys.executable
MEMORY_TARGET_MB = 4096  # the generator and Pagefind each, at 100,000 sources
SHARE_TARGET = 5  # per cent of the full build: the CI-style rebuild at 100,000


class Results:
    """Figures printed and appended to a file as they come."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")

    def add(self, name: str, value: str) -> None:
        line = f"  {name:<62} {value}"
        print(line, flush=True)
        with self.path.open("a", encoding="utf-8") as file:
            file.write(line + "\n")


def build(project: Path) -> tuple[float, str, dict[str, int]]:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    seconds, _, peaks = run_sampled([PY, "-m", "generator", "build", "--root", str(project)], project, environment)
    return seconds, peaks.describe(), dict(peaks.by_program)


def _memory_verdict(peaks: dict[str, int]) -> str:
    verdicts = []
    for program in ("generator", "Pagefind"):
        megabytes = peaks.get(program, 0) / 1024
        verdicts.append(f"{program} {'under' if megabytes < MEMORY_TARGET_MB else 'OVER'} 4 GB")
    engine = peaks.get("MkDocs", 0) / 1024
    if engine > MEMORY_TARGET_MB:
        verdicts.append(f"MkDocs {engine:,.0f} MB: shard the engine build (see the README)")
    return ", ".join(verdicts)


def measure(count: int, work: Path, results: Results, identity: bool) -> None:
    started = time.perf_counter()
    project = write_project(count, work / f"n{count}")
    results.add(f"synthetic project of {count:,} sources written", f"{time.perf_counter() - started:.0f} s")
    whole, described, peaks = build(project)
    results.add("whole build from scratch (python -m generator build)", f"{whole:.0f} s")
    results.add("  ... peak memory", f"{described}   [target: generator and Pagefind under 4 GB each]")
    results.add("  ... memory verdict", _memory_verdict(peaks))
    site = project / "site"
    results.add(
        "output size (site/)",
        f"{size_of(site) / 1e6:,.0f} MB, of which the search index "
        f"{sum(size_of(bundle) for bundle in site.glob('pagefind*')) / 1e6:,.1f} MB",
    )
    results.add("first search, downloaded (Chromium)", _search_payload(site))
    add_articles(project, count, NEW_SEEDS, seed=count, latest=True)
    rebuilt, described, _ = build(project)
    results.add(
        f"CI-style rebuild, {NEW_SEEDS} new seeds dated in its last month (cached run)",
        f"{rebuilt:.0f} s, {100 * rebuilt / whole:.1f} % of the whole build   [target: under {SHARE_TARGET} %]",
    )
    results.add("  ... peak memory", described)
    if identity:
        copy = project.parent / f"{project.name}-full"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(project, copy, ignore=shutil.ignore_patterns("build", "site", "mkdocs.generated.yml"))
        try:
            full, _, _ = build(copy)
            same = _tree_digest(site) == _tree_digest(copy / "site")
        finally:
            shutil.rmtree(copy, ignore_errors=True)
        verdict = f"{'yes' if same else 'NO'}   [required]"
        results.add("  ... byte-identical to a full build of the same inputs", verdict)
        results.add("  ... that full build", f"{full:.0f} s")
    results.add("benchmark finished", f"after {time.perf_counter() - started:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], epilog="example: python -m bench.large --count 20000 --no-identity"
    )
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-bench-large"))
    parser.add_argument("--results", type=Path, default=None, help="default: WORK/results-COUNT.txt")
    parser.add_argument("--no-identity", dest="identity", action="store_false", help="skip the second full build")
    args = parser.parse_args()
    results = Results(args.results or args.work / f"results-{args.count}.txt")
    print(f"N = {args.count:,}; results in {results.path}", flush=True)
    measure(args.count, args.work, results, args.identity)
    return 0


if __name__ == "__main__":
    sys.exit(main())
