"""The 100,000-source benchmark: one machine to its limit. Never in CI; takes hours.

Usage: python -m bench.large [--count 100000] [--work /tmp/briefing-bench-large] [--results FILE] [--resume]
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

The whole run takes longer than some machines stay up. With --resume, a run goes on
from the first step the results file does not record as done, keeping the project
and figures of the steps before; only with the generator code it was started with,
since other code would make the next build a full one. A step that was stopped is done again from its start;
only the CI-style rebuild cannot be: its build may have kept part of the stopped
run's work, so its figure then says so.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.machine import CodeWatch, OtherWork, compile_generator
from bench.memory import run_sampled
from bench.run import NEW_SEEDS, ROOT, _search_payload, _tree_digest, size_of
from bench.synth import add_articles, write_project
from generator.render.page_cache import renderer_digest

PY = sys.executable
MEMORY_TARGET_MB = 4096  # the generator and Pagefind each, at 100,000 sources
SHARE_TARGET = 5  # per cent of the full build: the CI-style rebuild at 100,000
STARTED, DONE = "step started:", "step done:"
WHOLE = "whole build from scratch (python -m generator build)"
CODE = "generator code (digest)"


class Results:
    """Figures printed and appended to a file as they come; with resume, the file's earlier figures are kept."""

    def __init__(self, path: Path, resume: bool) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        if not (resume and path.exists()):
            path.write_text("", encoding="utf-8")
        self.lines = path.read_text(encoding="utf-8").splitlines()

    def add(self, name: str, value: str) -> None:
        line = f"  {name:<62} {value}"
        print(line, flush=True)
        self.lines.append(line)
        with self.path.open("a", encoding="utf-8") as file:
            file.write(line + "\n")

    def all_recorded(self, name: str) -> list[str]:
        return [line[65:] for line in self.lines if line[2:64].rstrip() == name]

    def recorded(self, name: str) -> str | None:
        """The value last recorded under name, if any."""
        found = self.all_recorded(name)
        return found[-1] if found else None


def build(project: Path) -> tuple[float, str, dict[str, int], str, str]:
    """Seconds, peaks described and by program, the build's own report of where the time went, and what else ran
    on the machine meanwhile (bench/machine.py)."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    command = [PY, "-m", "generator", "build", "--root", str(project)]
    other = OtherWork()
    with other.watching():
        seconds, _, peaks, output = run_sampled(command, project, environment)
    spent = re.search(r"built the site in \S+ in [\d.]+ s \((.*)\)", output)
    reported = spent.group(1) if spent else "(not reported)"
    return seconds, peaks.describe(), dict(peaks.by_program), reported, other.described()


def _memory_verdict(peaks: dict[str, int]) -> str:
    verdicts = []
    for program in ("generator", "Pagefind"):
        megabytes = peaks.get(program, 0) / 1024
        verdicts.append(f"{program} {'under' if megabytes < MEMORY_TARGET_MB else 'OVER'} 4 GB")
    engine = peaks.get("MkDocs", 0) / 1024
    if engine > MEMORY_TARGET_MB:
        verdicts.append(f"MkDocs {engine:,.0f} MB: shard the engine build (see the README)")
    return ", ".join(verdicts)


class Run:
    """One benchmark's project and results; each step records its figures."""

    def __init__(self, count: int, work: Path, results: Results) -> None:
        self.count, self.results = count, results
        self.project = work / f"n{count}"
        self.site = self.project / "site"

    def write(self) -> None:
        started = time.perf_counter()
        write_project(self.count, self.project)
        took = time.perf_counter() - started
        self.results.add(f"synthetic project of {self.count:,} sources written", f"{took:.0f} s")

    def whole_build(self) -> None:
        for generated in ("build", "site"):
            shutil.rmtree(self.project / generated, ignore_errors=True)
        whole, described, peaks, spent, others = build(self.project)
        self.results.add(WHOLE, f"{whole:.0f} s")
        self.results.add("  ... where the time went", spent)
        self.results.add("  ... peak memory", f"{described}   [target: generator and Pagefind under 4 GB each]")
        self.results.add("  ... memory verdict", _memory_verdict(peaks))
        self.results.add("  ... other work on the machine meanwhile", others)

    def sizes(self) -> None:
        index = sum(size_of(bundle) for bundle in self.site.glob("pagefind*"))
        size = size_of(self.site)
        described = f"{size / 1e6:,.0f} MB, of which the search index {index / 1e6:,.1f} MB"
        self.results.add("output size (site/)", described)
        self.results.add("first search, downloaded (Chromium)", _search_payload(self.site))

    def ci_style(self, restarted: bool) -> None:
        recorded = self.results.recorded(WHOLE)
        assert recorded, "the whole build is recorded before this step"
        whole = float(recorded.split()[0])
        add_articles(self.project, self.count, NEW_SEEDS, seed=self.count, latest=True)
        rebuilt, described, _, spent, others = build(self.project)
        caveat = "; RESTARTED after a stop, so it may be low" if restarted else ""
        self.results.add(
            f"CI-style rebuild, {NEW_SEEDS} new seeds dated in its last month (cached run)",
            f"{rebuilt:.0f} s, {100 * rebuilt / whole:.1f} % of the whole build   [target: under {SHARE_TARGET} %]"
            f"{caveat}",
        )
        self.results.add("  ... where the time went", spent)
        self.results.add("  ... peak memory", described)
        self.results.add("  ... other work on the machine meanwhile", others)

    def identity(self) -> None:
        copy = self.project.parent / f"{self.project.name}-full"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(self.project, copy, ignore=shutil.ignore_patterns("build", "site", "mkdocs.generated.yml"))
        try:
            full, *_ = build(copy)
            same = _tree_digest(self.site) == _tree_digest(copy / "site")
        finally:
            shutil.rmtree(copy, ignore_errors=True)
        verdict = f"{'yes' if same else 'NO'}   [required]"
        self.results.add("  ... byte-identical to a full build of the same inputs", verdict)
        self.results.add("  ... that full build", f"{full:.0f} s")


def measure(count: int, work: Path, results: Results, identity: bool) -> None:
    code = renderer_digest()  # a build with other code would build everything again, and measure nothing
    recorded = results.recorded(CODE)
    if recorded is not None and recorded != code:
        raise SystemExit(
            f"{results.path} was measured with other generator code ({recorded[:12]}, now {code[:12]}): go on with "
            "the checkout it was started from, or start again without --resume"
        )
    if recorded is None:
        results.add(CODE, code)
    results.add("generator code", compile_generator(ROOT))
    run = Run(count, work, results)
    stopped = set(results.all_recorded(STARTED)) - set(results.all_recorded(DONE))
    steps: list[tuple[str, Callable[[], None]]] = [
        ("write the project", run.write),
        ("whole build", run.whole_build),
        ("sizes", run.sizes),
        ("CI-style rebuild", lambda: run.ci_style(restarted="CI-style rebuild" in stopped)),
    ]
    if identity:
        steps.append(("full build of a copy", run.identity))
    started, watch = time.perf_counter(), CodeWatch(ROOT)
    for name, step in steps:
        if name in results.all_recorded(DONE):
            continue
        results.add(STARTED, name)
        step()
        results.add(DONE, name)
    results.add("generator and hook code", watch.described())
    results.add("benchmark finished", f"after {time.perf_counter() - started:.0f} s (this run)")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], epilog="example: python -m bench.large --count 20000 --no-identity"
    )
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-bench-large"))
    parser.add_argument("--results", type=Path, default=None, help="default: WORK/results-COUNT.txt")
    parser.add_argument("--no-identity", dest="identity", action="store_false", help="skip the second full build")
    parser.add_argument("--resume", action="store_true", help="go on from the first step not recorded as done")
    args = parser.parse_args()
    results = Results(args.results or args.work / f"results-{args.count}.txt", args.resume)
    print(f"N = {args.count:,}; results in {results.path}", flush=True)
    measure(args.count, args.work, results, args.identity)
    return 0


if __name__ == "__main__":
    sys.exit(main())
