"""Nothing lost, round two: racing builds, and a build killed at any moment (issue 13, cases 1 and 8).

Two `python -m generator build` runs in one project take turns (the second waits for
the first's lock) and both succeed; one that waits too long exits with status 4 and a
line naming the holder's pid. A build killed with SIGKILL while it generates, swaps
build/docs in, runs MkDocs, runs Pagefind or swaps site/ in leaves no process of its
own alive 2 s later, and the next build succeeds with no stray folder left.

The kill moments are reached by a sitecustomize module that the test puts on
PYTHONPATH: it pauses the run (or, for Pagefind, keeps indexing) at the chosen
moment, in the command line's process or in MkDocs', without any seam in the generator.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.project_state import stray_entries
from tests.conftest import ROOT
from tests.helpers import SOURCES, copy_project, forget_sources, tree_hash

KEPT = ("002_279588a8956d5652", "004_6240f0bb353a09c8")
GONE_WITHIN = 2.0

PAUSING = r'''
import os, sys, time
moment, report = os.environ["PAUSE_AT"], os.environ["PAUSE_REPORT"]

def pause(where):
    with open(report, "a") as out:
        out.write(f"{where} {os.getpid()}\n")
    time.sleep(120)

def pausing(original, where, after=False, first_only=False):
    calls = []
    def wrapper(*args, **kwargs):  # pauses before the call, or after it
        calls.append(1)
        if first_only and len(calls) > 1:
            return original(*args, **kwargs)
        if not after:
            pause(where)
        result = original(*args, **kwargs)
        pause(where)  # reached only when pausing after the call
        return result
    return wrapper

if moment == "generate":  # the model is built, nothing written yet
    import generator.pipeline as pipeline
    pipeline.assemble = pausing(pipeline.assemble, moment, after=True)
elif moment == "write":  # build/docs' staging folder is complete, about to be swapped in
    import generator.write.tree as write
    write.swap_in = pausing(write.swap_in, moment, first_only=True)
elif moment == "swap":  # MkDocs and Pagefind are done, site/ about to be replaced
    import generator.commands as commands
    commands.swap_in = pausing(commands.swap_in, moment)
elif moment == "mkdocs":  # inside MkDocs: the pages are built, Pagefind not yet started
    import generator.engines.pagefind as site_search
    site_search.index_site = pausing(site_search.index_site, moment)
elif moment == "pagefind":  # inside MkDocs: Pagefind runs, again and again, until the test kills the build
    import generator.engines.pagefind as site_search
    original = site_search.index_site
    def index_forever(*args, **kwargs):
        pause_file_written = False
        while True:
            if not pause_file_written:
                with open(report, "a") as out:
                    out.write(f"pagefind {os.getpid()}\n")
                pause_file_written = True
            original(*args, **kwargs)
    site_search.index_site = index_forever
'''


def small_project(root: Path) -> Path:
    """The fixture corpus cut to two seeds (one a listing page), so that a build takes a few seconds."""
    copy_project(root)
    removed = {path.stem for path in (root / SOURCES).iterdir() if path.stem not in KEPT}
    for path in [*(root / "seeds").iterdir(), *(root / SOURCES).iterdir()]:
        if path.stem not in KEPT:
            path.unlink()
    forget_sources(root, *removed)
    (root / "content/trends.yml").unlink()
    return root


def environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), **extra}


def start_build(root: Path, log: Path, *options: str, **extra: str) -> subprocess.Popen:
    with log.open("w", encoding="utf-8") as output:
        return subprocess.Popen([sys.executable, "-m", "generator", "build", *options], cwd=root,
                                env=environment(**extra), stdout=output, stderr=subprocess.STDOUT)


def build(root: Path, log: Path, *options: str) -> int:
    process = start_build(root, log, *options)
    return process.wait(timeout=300)


def processes_of(root: Path) -> list[str]:
    """Live processes working in the project: their cwd is in it, or their command line names it."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if (entry / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                continue  # a zombie has ended; only its exit status waits to be collected
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            cwd = os.readlink(entry / "cwd")
        except (OSError, IndexError):
            continue
        if cwd == str(root) or cwd.startswith(f"{root}/") or str(root) in command:
            found.append(f"{entry.name}: {command.strip()}")
    return found


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, dict, dict]:
    """A project built once, undisturbed: what every build of it must give."""
    root = small_project(tmp_path_factory.mktemp("races") / "reference")
    assert build(root, root.parent / "reference.log") == 0, (root.parent / "reference.log").read_text()
    return root, tree_hash(root / "site"), tree_hash(root / "build/docs")


@pytest.fixture
def project(reference, tmp_path: Path) -> Path:
    return small_project(tmp_path / "project")


def assert_complete_and_correct(root: Path, reference) -> None:
    _, site, docs = reference
    assert tree_hash(root / "build/docs") == docs
    assert tree_hash(root / "site") == site
    assert stray_entries(root) == []


@pytest.mark.parametrize("offset", [0.0, 0.5])  # make soak tries random offsets
def test_two_builds_at_once_take_turns_and_both_succeed(project, reference, tmp_path, offset):
    first = start_build(project, tmp_path / "first.log")
    time.sleep(offset)
    second = start_build(project, tmp_path / "second.log")
    statuses = first.wait(timeout=300), second.wait(timeout=300)
    logs = (tmp_path / "first.log").read_text() + (tmp_path / "second.log").read_text()
    assert statuses == (0, 0), logs
    assert "waiting for another run (pid " in logs
    assert_complete_and_correct(project, reference)


def test_a_run_that_waits_too_long_exits_busy_naming_the_holder(project, tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from generator.write.lock import one_run_at_a_time\n"
         "with one_run_at_a_time(Path(sys.argv[1]), 'a test holding the lock'):\n"
         "    print('held', flush=True); time.sleep(60)", str(project / "build")],
        env=environment(), stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        waited = subprocess.run([sys.executable, "-m", "generator", "generate"], cwd=project, capture_output=True,
                                text=True, env=environment(BRIEFING_LOCK_WAIT="1"), timeout=60)
        elapsed = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert waited.returncode == 4, waited.stderr
    last = waited.stderr.strip().splitlines()[-1]
    assert last.startswith(f"busy: another run (pid {holder.pid}: a test holding the lock)"), waited.stderr
    assert "BRIEFING_LOCK_WAIT" in last and "Traceback" not in waited.stderr
    assert 1 <= elapsed < 20
    assert not (project / "build/docs").exists(), "a busy run writes nothing"


def wait_for_moment(report: Path, process: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if report.is_file() and report.read_text().strip():
            return
        if process.poll() is not None:
            pytest.fail(f"the build ended before the moment (status {process.returncode}):\n{log.read_text()}")
        time.sleep(0.02)
    pytest.fail(f"the build never reached the moment:\n{log.read_text()}")


@pytest.mark.parametrize("moment", ["generate", "write", "mkdocs", "pagefind", "swap"])
def test_a_build_killed_at_any_moment_leaves_no_process_and_the_next_build_succeeds(reference, tmp_path, moment):
    project = tmp_path / "project"
    shutil.copytree(reference[0], project, symlinks=True)  # with a previous site/ that the killed build must not harm
    (project / "seeds" / f"{KEPT[0]}.txt").open("a", encoding="utf-8").write("\nA paragraph added since.\n")
    pausing = tmp_path / "pausing"
    pausing.mkdir()
    (pausing / "sitecustomize.py").write_text(PAUSING, encoding="utf-8")
    report, log = tmp_path / "reached", tmp_path / "killed.log"
    killed = start_build(project, log, PAUSE_AT=moment, PAUSE_REPORT=str(report),
                         PYTHONPATH=f"{pausing}{os.pathsep}{ROOT}")
    wait_for_moment(report, killed, log)
    if moment == "pagefind":
        time.sleep(0.3)  # Pagefind has started by now, and runs again as soon as it ends
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    time.sleep(GONE_WITHIN)
    assert processes_of(project) == [], f"still running {GONE_WITHIN} s after the build was killed at {moment}"
    assert (project / "site/index.html").is_file(), "the previous site/ is still there"
    (project / "seeds" / f"{KEPT[0]}.txt").write_bytes((reference[0] / "seeds" / f"{KEPT[0]}.txt").read_bytes())
    assert build(project, tmp_path / "rerun.log") == 0, (tmp_path / "rerun.log").read_text()
    assert_complete_and_correct(project, reference)


@pytest.mark.parametrize("moment", ["zensical", "pagefind"])
def test_a_zensical_build_killed_at_any_moment_leaves_no_process_and_the_next_build_succeeds(reference, tmp_path,
                                                                                              moment):
    """The other engine under the same rules: killed while Zensical builds, or while Pagefind indexes what it
    built, nothing of the build survives it, the previous site/ stays, and the next build succeeds."""
    project = tmp_path / "project"
    shutil.copytree(reference[0], project, symlinks=True)
    pausing = tmp_path / "pausing"
    pausing.mkdir()
    (pausing / "sitecustomize.py").write_text(PAUSING, encoding="utf-8")
    report, log = tmp_path / "reached", tmp_path / "killed.log"
    killed = start_build(project, log, "--engine", "zensical", PAUSE_AT=moment, PAUSE_REPORT=str(report),
                         PYTHONPATH=f"{pausing}{os.pathsep}{ROOT}")
    if moment == "zensical":  # Zensical is at work once its run's configuration is written
        deadline = time.monotonic() + 120
        while not (project / ".zensical-run.yml").is_file() and killed.poll() is None:
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.02)
        time.sleep(0.5)
    else:
        wait_for_moment(report, killed, log)
        time.sleep(0.3)
    assert killed.poll() is None, f"test setup: the build ended before the kill:\n{log.read_text()}"
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    time.sleep(GONE_WITHIN)
    assert processes_of(project) == [], f"still running {GONE_WITHIN} s after the build was killed at {moment}"
    assert tree_hash(project / "site") == reference[1], "the previous site/ is untouched"
    assert build(project, tmp_path / "rerun.log", "--engine", "zensical") == 0, (tmp_path / "rerun.log").read_text()
    assert (project / "site/index.html").is_file() and (project / "site/pagefind").is_dir()
    assert set(stray_entries(project)) <= {".cache"}  # Zensical's own cache; its run's configuration is gone


def test_debris_of_an_interrupted_run_is_cleared_by_the_next_one(reference, tmp_path):
    """What a full disk or a kill leaves (case 7): half-made staging folders, temporary files and folders."""
    project = tmp_path / "project"
    shutil.copytree(reference[0], project, symlinks=True)
    debris = ["build/.site.staging/index.html", "build/.site.staging/pagefind/x.pf_fragment",
              "build/.docs.staging/index.md", "build/cache/pages.tmp", "build/tmp/search-1234/index.html"]
    for name in debris:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_bytes(b"left by a run that ran out of space")
    assert stray_entries(project) == ["build/.docs.staging", "build/.site.staging", "build/tmp"]
    assert build(project, tmp_path / "build.log") == 0, (tmp_path / "build.log").read_text()
    assert_complete_and_correct(project, reference)
    assert not (project / "build/cache/pages.tmp").exists()
