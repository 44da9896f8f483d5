"""Safety, point 6: nothing is lost, whatever happens to a run.

The generator is killed (SIGKILL, in a subprocess) after its Nth file write, while
it swaps the new tree in, and half-way through the fallback swap; the disk fills up;
the output folder holds a user's files. Each time the output is either the previous
tree or the new one, byte for byte, a rerun cleans up and gives the fresh tree, and
the inputs are never changed.
"""

from __future__ import annotations

import errno
import hashlib
import os
import pathlib
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.pipeline import generate
from generator.write.tree import MARKER, OutputError
from tests.conftest import ROOT
from tests.helpers import copy_project, edit, run_cli, tree_bytes

DOCS = Path("build/docs")
STAGING = ".docs.staging"
OLD = ".docs.old"
PENDING = ".docs.pending"

# Runs generator.pipeline.generate(root) in a fresh interpreter that SIGKILLs itself at a chosen moment.
KILL_SCRIPT = r"""
import os, pathlib, shutil, signal, sys
import generator.pipeline, generator.write.tree

assert callable(generator.write.tree._exchange), "the fallback test patches generator.write.tree._exchange"
root, mode, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
calls = 0

def die():
    os.kill(os.getpid(), signal.SIGKILL)

if mode == "write_bytes":  # killed right after the limit-th file write for the new tree: changed files into the
    # pending folder, then the marker into staging (not the caches or the engine configuration)
    original_write = pathlib.Path.write_bytes
    def write_bytes(self, data):
        global calls
        result = original_write(self, data)
        if ".docs.pending" in self.parts or ".docs.staging" in self.parts:
            calls += 1
            if calls == limit:
                die()
        return result
    pathlib.Path.write_bytes = write_bytes
elif mode == "discard":  # killed when the swap, done, starts putting the old tree aside (or removing it)
    def discard(*args, **kwargs):
        die()
    generator.write.tree._discard = discard
elif mode == "rename":  # no renameat2: killed right after the limit-th os.rename of the fallback swap
    generator.write.tree._exchange = lambda first, second: False
    original_rename = os.rename
    def rename(*args, **kwargs):
        global calls
        original_rename(*args, **kwargs)
        if ".docs.pending" in str(args[0]):
            return  # a changed file moved into the new tree, not the swap
        calls += 1
        if calls == limit:
            die()
    os.rename = rename
generator.pipeline.generate(root)
print(f"finished after {calls} call(s)")
"""


@dataclass
class Prepared:
    template: Path  # a project whose build/docs is the previous output and whose inputs have changed since
    previous: dict[str, bytes]
    fresh: dict[str, bytes]
    writes: int  # file writes a generate makes from the previous output to the fresh one


def change_inputs(root: Path) -> None:
    """Changes that touch many pages: a country's name and the briefing's title."""
    # the old name stays an alias, as an editor keeps it: the claims that name Kazakhstan still do
    edit(root, "content/taxonomy.yml", "    name: Kazakhstan\n", "    name: Republic of Kazakhstan\n")
    edit(root, "content/taxonomy.yml", "    aliases:\n      - Kazakh\n", "    aliases:\n      - Kazakhstan\n      - Kazakh\n")
    edit(root, "content/briefing.yml", "title: Central Asia and Russian soft power",
         "title: Central Asia and Russian soft power, revised")


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> Prepared:
    base = tmp_path_factory.mktemp("no-loss")
    template = copy_project(base / "template")
    generate(template)
    previous = tree_bytes(template / DOCS)
    change_inputs(template)
    generate(template, out_dir=base / "fresh")
    fresh = tree_bytes(base / "fresh")
    changed = [p for p, data in fresh.items() if previous.get(p) != data and p != MARKER]
    assert len(changed) > 25, "the input change should touch many pages"
    assert set(previous) == set(fresh)
    return Prepared(template, previous, fresh, writes=len(changed) + 1)  # the changed files, then the marker


def project(prepared: Prepared, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(prepared.template, root, symlinks=True)
    return root


def kill_run(root: Path, mode: str, limit: int = 1) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", KILL_SCRIPT, str(root), mode, str(limit)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "build").iterdir() if p.name in (STAGING, OLD, PENDING))


def assert_rerun_gives_the_fresh_tree(prepared: Prepared, root: Path) -> None:
    generate(root)
    assert tree_bytes(root / DOCS) == prepared.fresh
    assert leftovers(root) == []


# --- (a) killed after the Nth file write --------------------------------------------------------

@pytest.mark.parametrize("when", ["1", "5", "20", "all", "one past"])
def test_a_kill_after_the_nth_write_leaves_the_previous_tree_and_a_rerun_gives_the_fresh_one(prepared, tmp_path,
                                                                                           when):
    limit = {"all": prepared.writes, "one past": prepared.writes + 1}.get(when) or int(when)
    assert limit <= prepared.writes + 1
    root = project(prepared, tmp_path)
    result = kill_run(root, "write_bytes", limit)
    if limit <= prepared.writes:
        assert result.returncode == -9, result.stdout + result.stderr
        assert tree_bytes(root / DOCS) == prepared.previous
    else:
        assert result.returncode == 0, result.stderr
        assert f"finished after {prepared.writes} call(s)" in result.stdout
        assert tree_bytes(root / DOCS) == prepared.fresh
        assert leftovers(root) == []
    assert_rerun_gives_the_fresh_tree(prepared, root)


# --- (b) killed during the swap ------------------------------------------------------------------

def test_a_kill_during_the_swap_leaves_a_complete_tree_and_a_rerun_cleans_up(prepared, tmp_path):
    root = project(prepared, tmp_path)
    result = kill_run(root, "discard")
    assert result.returncode == -9, result.stdout + result.stderr
    assert tree_bytes(root / DOCS) in (prepared.previous, prepared.fresh)
    assert_rerun_gives_the_fresh_tree(prepared, root)


# --- (c) the fallback swap, without renameat2 ---------------------------------------------------

@pytest.mark.parametrize("renames", [1, 2])
def test_a_kill_inside_the_fallback_swap_is_repaired_by_the_rerun(prepared, tmp_path, renames):
    root = project(prepared, tmp_path)
    result = kill_run(root, "rename", renames)
    assert result.returncode == -9, result.stdout + result.stderr
    on_disk = {name: tree_bytes(root / "build" / name) for name in ("docs", STAGING, OLD) if (root / "build" / name).exists()}
    complete = [name for name, tree in on_disk.items() if tree in (prepared.previous, prepared.fresh)]
    assert complete, f"no complete tree left: {sorted(on_disk)}"
    assert_rerun_gives_the_fresh_tree(prepared, root)


def test_after_a_kill_between_the_two_renames_recover_alone_restores_the_previous_tree(prepared, tmp_path):
    from generator.write.tree import recover

    root = project(prepared, tmp_path)
    assert kill_run(root, "rename", 1).returncode == -9
    assert not (root / DOCS).exists()  # the moment the fallback swap is exposed
    recover(root / DOCS)
    assert tree_bytes(root / DOCS) == prepared.previous
    assert leftovers(root) == []


# --- (d) a full disk ------------------------------------------------------------------------------

@pytest.mark.parametrize("when", ["1", "10", "all"])
def test_a_full_disk_raises_and_leaves_the_previous_tree(prepared, tmp_path, monkeypatch, when):
    limit = prepared.writes if when == "all" else int(when)
    root = project(prepared, tmp_path)
    original = pathlib.Path.write_bytes
    calls = []

    def write_bytes(self, data):
        calls.append(self)
        if len(calls) == limit:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return original(self, data)

    monkeypatch.setattr(pathlib.Path, "write_bytes", write_bytes)
    with pytest.raises(OSError) as caught:
        generate(root)
    assert caught.value.errno == errno.ENOSPC
    assert tree_bytes(root / DOCS) == prepared.previous
    assert leftovers(root) == []
    monkeypatch.undo()
    assert_rerun_gives_the_fresh_tree(prepared, root)


# --- (e) only folders the generator made are replaced -------------------------------------------

def test_generate_refuses_a_docs_folder_without_the_marker_and_keeps_the_users_file(tmp_path):
    root = copy_project(tmp_path / "project")
    docs = root / DOCS
    docs.mkdir(parents=True)
    (docs / "my-notes.md").write_text("my own notes\n", encoding="utf-8")
    result = run_cli("generate", "--root", str(root), cwd=root)
    assert result.returncode == 1
    assert MARKER in result.stderr and "did not make" in result.stderr
    assert tree_bytes(docs) == {"my-notes.md": b"my own notes\n"}
    with pytest.raises(OutputError, match=MARKER):
        generate(root)
    assert tree_bytes(docs) == {"my-notes.md": b"my own notes\n"}


def test_build_refuses_a_site_folder_without_the_marker_and_keeps_the_users_file(tmp_path):
    root = copy_project(tmp_path / "project")
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>my own page</p>\n", encoding="utf-8")
    (site / "notes.txt").write_text("my own notes\n", encoding="utf-8")
    result = run_cli("build", "--root", str(root), cwd=root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert MARKER in result.stderr
    assert tree_bytes(site) == {"index.html": b"<p>my own page</p>\n", "notes.txt": b"my own notes\n"}


def test_a_marked_docs_folder_with_a_subfolder_the_generator_did_not_make_loses_only_generated_files(prepared,
                                                                                                    tmp_path):
    """The marker says the whole folder is generated: a stray file in it is dropped (documented),
    but the files of the folder next to it are never touched."""
    root = project(prepared, tmp_path)
    neighbour = root / "build" / "notes"
    neighbour.mkdir()
    (neighbour / "keep.txt").write_text("keep me\n", encoding="utf-8")
    generate(root)
    assert (neighbour / "keep.txt").read_text(encoding="utf-8") == "keep me\n"
    assert tree_bytes(root / DOCS) == prepared.fresh


def test_plain_mkdocs_build_refuses_a_users_site_folder_and_keeps_the_file(tmp_path):
    """Found by these tests: MkDocs empties site_dir before building, so a plain `mkdocs build` (which runs
    the hook) deleted a user's files there; the hook now refuses (fixed in 2110d04)."""
    root = copy_project(tmp_path / "project")
    assert run_cli("generate", "--root", str(root), cwd=root).returncode == 0
    site = root / "site"
    site.mkdir()
    (site / "notes.txt").write_text("my own notes\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")], cwd=root,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert MARKER in result.stderr
    assert tree_bytes(site) == {"notes.txt": b"my own notes\n"}


def test_a_symlink_planted_in_a_generated_folder_is_dropped_without_touching_its_target(prepared, tmp_path):
    root = project(prepared, tmp_path)
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_text("keep me\n", encoding="utf-8")
    (root / DOCS / "linked-folder").symlink_to(precious, target_is_directory=True)
    (root / DOCS / "linked-file.md").symlink_to(precious / "keep.txt")
    generate(root)
    assert tree_bytes(precious) == {"keep.txt": b"keep me\n"}
    assert tree_bytes(root / DOCS) == prepared.fresh
    assert not (root / DOCS / "linked-folder").is_symlink()


# --- (f) the inputs are never changed --------------------------------------------------------------

def inputs(root: Path) -> dict[str, tuple[str, int]]:
    """Hash and mode of every input file (seeds, content, hooks, mkdocs.yml); compiled Python is not an input."""
    found = {}
    for part in ("seeds", "content", "hooks", "mkdocs.yml"):
        for path in [root / part, *sorted((root / part).rglob("*"))]:
            if path.is_file() and "__pycache__" not in path.parts:
                found[path.relative_to(root).as_posix()] = (hashlib.sha256(path.read_bytes()).hexdigest(),
                                                            path.stat().st_mode)
    return found


def test_a_full_build_leaves_seeds_content_and_config_byte_identical(tmp_path):
    root = copy_project(tmp_path / "project")
    before = inputs(root)
    seeds = {f"seeds/{p.name}" for p in (root / "seeds").iterdir()}
    assert seeds and {p for p in before if p.startswith("seeds/")} == seeds
    result = run_cli("build", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stderr
    assert (root / "site/index.html").is_file()
    assert inputs(root) == before
