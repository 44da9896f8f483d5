"""The staging tree of an incremental build links site/'s files (engines/site_copy.py); where linking fails it
copies them with their times; the site the last build replaced is deleted first."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

from generator.engines import site_copy
from generator.engines.site_copy import SiteCopy, link_site


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def inodes(folder: Path) -> set[int]:
    return {p.lstat().st_ino for p in folder.rglob("*") if p.is_file()}


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def fake(tmp_path: Path, name: str, script: str, monkeypatch) -> None:
    """A program of that name that runs script (sh), found instead of the real one."""
    program = tmp_path / "bin" / name
    program.parent.mkdir(exist_ok=True)
    program.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    program.chmod(0o755)
    real_which = shutil.which
    monkeypatch.setattr(site_copy.shutil, "which", lambda wanted: str(program) if wanted == name else real_which(wanted))


def test_the_staging_tree_links_every_file_and_the_replaced_site_is_deleted_first(tmp_path):
    site, staging, replaced = tmp_path / "site", tmp_path / "staging", tmp_path / "replaced"
    write(site, {"index.html": "home", "a/index.html": "a", "pagefind/x.pf": "index"})
    (site / "link").symlink_to("index.html")
    write(replaced, {"old/index.html": "the site the last build replaced"})
    (staging / "debris").mkdir(parents=True)  # what a killed build left
    copy = SiteCopy(site, staging, replaced)
    copy.make()
    assert copy.made and not replaced.exists()
    assert files_of(staging) == files_of(site) and not (staging / "debris").exists()
    assert inodes(staging) == inodes(site), "links, not copies"
    assert os.readlink(staging / "link") == "index.html"


def test_where_linking_fails_the_site_is_copied_with_its_times(tmp_path, monkeypatch):
    site, staging = tmp_path / "site", tmp_path / "staging"
    write(site, {"index.html": "home", "a/index.html": "a"})
    fake(tmp_path, "cp", 'case "$1" in -al) mkdir -p "$4"/half; exit 1;; esac\nexec /bin/cp "$@"', monkeypatch)
    link_site(site, staging)
    assert files_of(staging) == files_of(site) and not (staging / "half").exists()
    assert not inodes(staging) & inodes(site)
    assert (staging / "a/index.html").stat().st_mtime_ns == (site / "a/index.html").stat().st_mtime_ns


def test_without_cp_python_copies(tmp_path, monkeypatch):
    site, staging = tmp_path / "site", tmp_path / "staging"
    write(site, {"index.html": "home", "a/index.html": "a"})
    fake(tmp_path, "cp", "exit 1", monkeypatch)
    link_site(site, staging)
    assert files_of(staging) == files_of(site) and not inodes(staging) & inodes(site)


def test_the_tree_is_made_from_a_thread_as_the_build_makes_it(tmp_path, monkeypatch):
    """The build makes the tree in a thread while the generator works (commands.py), where Python cannot handle
    signals: the programs it runs must not need to."""

    def no_python_copy(*arguments, **options):
        raise AssertionError("copied by Python: cp failed")

    monkeypatch.setattr(site_copy.shutil, "copytree", no_python_copy)
    site, staging, replaced = tmp_path / "site", tmp_path / "staging", tmp_path / "replaced"
    write(site, {"index.html": "home", "a/index.html": "a"})
    write(replaced, {"index.html": "old"})
    copy = SiteCopy(site, staging, replaced)
    thread = threading.Thread(target=copy.make)
    thread.start()
    thread.join()
    assert copy.made and files_of(staging) == files_of(site) and not replaced.exists()


def test_cp_and_rm_run_at_the_lowest_priority_so_that_the_generator_working_meanwhile_keeps_the_cores(
        tmp_path, monkeypatch):
    site, staging, replaced = tmp_path / "site", tmp_path / "staging", tmp_path / "replaced"
    write(site, {"index.html": "home"})
    write(replaced, {"index.html": "old"})
    seen = tmp_path / "niceness"
    fake(tmp_path, "cp", f'nice >> "{seen}"\nexec /bin/cp "$@"', monkeypatch)
    real_rm = shutil.which("rm")
    program = tmp_path / "bin" / "rm"
    program.write_text(f'#!/bin/sh\nnice >> "{seen}"\nexec "{real_rm}" "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    which = site_copy.shutil.which
    monkeypatch.setattr(site_copy.shutil, "which", lambda wanted: str(program) if wanted == "rm" else which(wanted))
    SiteCopy(site, staging, replaced).make()
    assert files_of(staging) == files_of(site) and not replaced.exists()
    expected = min(os.nice(0) + site_copy.LOWEST_PRIORITY, 19)
    assert [int(line) for line in seen.read_text().split()] == [expected, expected]
