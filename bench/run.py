"""The scale benchmark: prints each figure beside its target.

Usage: python -m bench.run [--sizes 100,1000,10000] [--work /tmp/briefing-bench]
(make bench, or make bench BENCH_SIZES=100,1000)

For each size N it writes a synthetic project (bench/synth.py) and measures:
the lower bound (reading every seed's bytes and parsing every YAML file with
PyYAML's C loader), the generator from scratch and again with nothing changed,
one metadata edit to updated Markdown, the MkDocs build, peak memory, output
size, the size of one source page, and the search payload (the search index a
reader's browser loads before the first result). Figures only: no assertions.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import yaml

from bench.synth import write_project

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def lower_bound(project: Path) -> float:
    started = time.perf_counter()
    for path in sorted((project / "seeds").glob("*.txt")):
        path.read_bytes()
    for path in sorted((project / "content").rglob("*.yml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - started


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Seconds and peak resident memory (KB) of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def edit_one_metadata_file(project: Path) -> None:
    path = sorted((project / "content/sources").glob("*.yml"))[len(list((project / "content/sources").glob("*.yml"))) // 2]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ntitle: \"", "\ntitle: \"Edited: ", 1), encoding="utf-8")


def measure(count: int, work: Path) -> dict[str, str]:
    project = write_project(count, work / f"n{count}")
    figures = {"lower bound (read seeds + parse YAML, C loader)": f"{lower_bound(project):.1f} s"}
    cold, cold_memory = timed([PY, "-m", "generator", "generate", "--root", str(project)], project)
    warm, _ = timed([PY, "-m", "generator", "generate", "--root", str(project)], project)
    edit_one_metadata_file(project)
    edited, _ = timed([PY, "-m", "generator", "generate", "--root", str(project)], project)
    site = project / "site"
    build, build_memory = timed([PY, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)], project)
    index = site / "search" / "search_index.json"
    page = next((site / "sources").glob("*/index.html"))
    figures.update({
        "generator, from scratch": f"{cold:.1f} s (peak {cold_memory / 1024:.0f} MB)",
        "generator, nothing changed": f"{warm:.1f} s",
        "one metadata edit to updated Markdown": f"{edited:.1f} s   [target at 10,000: under 2 s]",
        "MkDocs build (with the generator's hook)": f"{build:.1f} s (peak {build_memory / 1024:.0f} MB)",
        "whole build (generator from scratch + MkDocs)": f"{cold + build:.1f} s   [target at 10,000: under 300 s]",
        "generator share of the whole build": f"{100 * cold / (cold + build):.0f} %   [target: under 10 %]",
        "output size": f"{size_of(site) / 1e6:.1f} MB",
        "one source page": f"{page.stat().st_size / 1024:.1f} KB   [target: the same at 100 and 10,000, within 10 %]",
        "search payload before the first result": f"{index.stat().st_size / 1e6:.1f} MB   [target at 10,000: at most 1 MB]"
        if index.is_file() else "no search index",
    })
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     epilog="example: python -m bench.run --sizes 100,1000")
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "100,1000,10000"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-bench"))
    args = parser.parse_args()
    for count in (int(n) for n in args.sizes.split(",")):
        print(f"\nN = {count:,}")
        for name, value in measure(count, args.work).items():
            print(f"  {name:<50} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
