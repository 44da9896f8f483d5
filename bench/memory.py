"""Peak memory of each program in a process tree, sampled from /proc while it runs.

The build is three programs, one inside the other: the generator starts MkDocs,
whose hook starts Pagefind. getrusage reports only the largest of all of them, so
to tell the three apart a thread reads every descendant's resident size (VmRSS)
twice a second. Forked workers of the generator count as the generator. Reported
are the largest single process of each program and the largest total of the tree
at one moment (resident pages shared after a fork are counted in each process).
Linux only: elsewhere nothing is sampled and the peaks are empty.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")
INTERVAL = 0.5  # seconds between samples


@dataclass
class Peaks:
    by_program: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # KB, largest single process
    tree: int = 0  # KB, the largest total of all processes at one moment

    def describe(self) -> str:
        parts = [f"{name} {kb / 1024:,.0f} MB" for name, kb in sorted(self.by_program.items())]
        return ", ".join(parts) + f"; all at once {self.tree / 1024:,.0f} MB"


def run_sampled(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int, Peaks, str]:
    """Run command; its seconds, exit status, the peaks of its process tree and its output."""
    peaks = Peaks()
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    done = threading.Event()
    sampler = threading.Thread(target=_sample, args=(child.pid, peaks, done), daemon=True)
    sampler.start()
    output, _ = child.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if child.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(command)} failed:\n{output}")
    return elapsed, child.returncode, peaks, output


def _sample(root: int, peaks: Peaks, done: threading.Event) -> None:
    while not done.wait(INTERVAL):
        total = 0
        for pid in _tree(root):
            program, kb = _program(pid), _resident_kb(pid)
            if program and kb:
                peaks.by_program[program] = max(peaks.by_program[program], kb)
                total += kb
        peaks.tree = max(peaks.tree, total)


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = defaultdict(list)
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # gone since the listing
            children[int(fields[1])].append(int(entry.name))
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, []))
    return found


def _program(pid: int) -> str | None:
    try:
        arguments = (PROC / str(pid) / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    words = [os.path.basename(argument.decode("utf-8", "replace")) for argument in arguments if argument]
    if not words:
        return None
    if words[0].startswith("pagefind"):
        return "Pagefind"
    for name, program in (("mkdocs", "MkDocs"), ("zensical", "Zensical"), ("generator", "generator")):
        if name in words[1:4]:
            return program
    return words[0]


def _resident_kb(pid: int) -> int:
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
