"""Soak test: rounds of two racing builds in one project, some killed at random moments.

Each round starts two `python -m generator build` runs with a random offset between
them; in about half the rounds one of them is killed with SIGKILL at a random moment.
After each round: no process of a killed build is alive 2 s later, every run that was
not killed exited 0 or with a clear "busy" line (status 4), a build after the round
succeeds, and site/ and build/docs/ are byte for byte those of an undisturbed build,
with no stray folder in the project. Prints a table and a summary; exits 1 on any failure.

Usage: python -m bench.soak [--rounds 10] [--seed 1] [--project PATH]   (make soak)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.project_state import PROJECT_PARTS, stray_entries

ROOT = Path(__file__).resolve().parent.parent
BUSY_STATUS = 4
GONE_WITHIN = 2.0


def copy_project(source: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part, symlinks=True)
        elif (source / part).is_file():
            shutil.copy2(source / part, target / part)
    return target


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _process_table() -> dict[int, tuple[int, str, str]]:
    """pid -> (parent pid, state, start time) of every process we can see."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            table[int(entry.name)] = (int(fields[1]), fields[0], fields[19])
    return table


def descendants(pid: int) -> dict[int, str]:
    """Every process started, directly or not, by pid: pid -> its start time (to tell a reused pid)."""
    table = _process_table()
    found, frontier = {}, [pid]
    while frontier:
        parent = frontier.pop()
        for child, (ppid, _, started) in table.items():
            if ppid == parent and child not in found:
                found[child] = started
                frontier.append(child)
    return found


def still_alive(processes: dict[int, str]) -> list[int]:
    """Which of the processes run still (a zombie has ended: only its exit status waits to be collected)."""
    table = _process_table()
    return sorted(
        pid for pid, started in processes.items() if pid in table and table[pid][2] == started and table[pid][1] != "Z"
    )


def start_build(root: Path, log: Path) -> subprocess.Popen:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    with log.open("w", encoding="utf-8") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "generator", "build"],
            cwd=root,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


@dataclass
class Round:
    number: int
    offset: float
    kill_after: float | None  # seconds after its start that the second build is killed, if it is
    statuses: list[int] = field(default_factory=list)
    lingering: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def run_round(root: Path, logs: Path, number: int, rng: random.Random, reference: tuple[dict, dict]) -> Round:
    current = Round(number, round(rng.uniform(0, 3), 2), round(rng.uniform(0.2, 6), 2) if rng.random() < 0.5 else None)
    # a build here takes a few seconds, and the second one waits for the first: kills land anywhere in it
    started = time.monotonic()
    first = start_build(root, logs / f"round-{number}-first.log")
    time.sleep(current.offset)
    second = start_build(root, logs / f"round-{number}-second.log")
    if current.kill_after is not None:
        _kill_later(second, current)
    current.statuses = [first.wait(), second.wait()]
    _check_statuses(current, logs)
    final = start_build(root, logs / f"round-{number}-after.log").wait()
    if final != 0:
        current.problems.append(f"the build after the round exited {final}")
    if (tree_digest(root / "site"), tree_digest(root / "build/docs")) != reference:
        current.problems.append("site/ or build/docs/ differs from an undisturbed build")
    current.problems += [f"stray {name}" for name in stray_entries(root)]
    current.seconds = time.monotonic() - started
    return current


def _kill_later(process: subprocess.Popen, current: Round) -> None:
    deadline = time.monotonic() + current.kill_after
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.01)
    if process.poll() is not None:
        current.kill_after = None  # it finished first: nothing was killed
        return
    children = descendants(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    time.sleep(GONE_WITHIN)
    current.lingering = still_alive(children)
    if current.lingering:
        current.problems.append(f"{len(current.lingering)} process(es) alive {GONE_WITHIN:g} s after the kill")


def _check_statuses(current: Round, logs: Path) -> None:
    for which, status in zip(("first", "second"), current.statuses, strict=False):
        log = (logs / f"round-{current.number}-{which}.log").read_text(encoding="utf-8", errors="replace")
        if which == "second" and current.kill_after is not None and status == -signal.SIGKILL:
            continue
        if status == BUSY_STATUS and "busy: another run (pid " in log:
            continue
        if status != 0 or "Traceback" in log:
            current.problems.append(f"the {which} build exited {status}: {log.strip().splitlines()[-1:]}")


def main(argv: list[str] | None = None) -> int:
    options = _options(argv)
    rng = random.Random(options.seed)
    with tempfile.TemporaryDirectory(prefix="briefing-soak-") as scratch:
        work = Path(scratch)
        logs = work / "logs"
        logs.mkdir()
        reference_root = copy_project(options.project, work / "reference")
        if start_build(reference_root, logs / "reference.log").wait() != 0:
            print((logs / "reference.log").read_text(), file=sys.stderr)
            return 1
        reference = tree_digest(reference_root / "site"), tree_digest(reference_root / "build/docs")
        root = copy_project(options.project, work / "project")
        print(
            f"soak: {options.rounds} rounds in {root} (seed {options.seed}); "
            f"reference: {len(reference[0])} site files, {len(reference[1])} docs files"
        )
        print(f"{'round':>5}  {'offset':>6}  {'killed at':>9}  {'statuses':>10}  {'seconds':>7}  result")
        rounds = []
        for number in range(1, options.rounds + 1):
            current = run_round(root, logs, number, rng, reference)
            rounds.append(current)
            killed = f"{current.kill_after:.2f} s" if current.kill_after is not None else "-"
            print(
                f"{number:>5}  {current.offset:>5.2f}s  {killed:>9}  {current.statuses!s:>10}  "
                f"{current.seconds:>7.1f}  {'; '.join(current.problems) or 'ok'}",
                flush=True,
            )
        return _summary(rounds)


def _summary(rounds: list[Round]) -> int:
    failed = [r for r in rounds if r.problems]
    killed = sum(r.kill_after is not None for r in rounds)
    busy = sum(status == BUSY_STATUS for r in rounds for status in r.statuses)
    print(
        f"summary: {len(rounds)} rounds, {2 * len(rounds)} racing builds, {killed} killed, {busy} busy, "
        f"{len(failed)} failed; site/ and build/docs/ checked against an undisturbed build after every round"
    )
    return 1 if failed else 0


def _options(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.soak",
        description=__doc__.split("\n\n")[0],
        epilog="example: python -m bench.soak --rounds 3 --seed 7",
    )
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1, help="random offsets and kills are repeatable per seed")
    parser.add_argument("--project", type=Path, default=ROOT, help="project to copy (default: this checkout)")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
