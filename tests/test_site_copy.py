"""The staging copy of site/ starts from the spare, the site the last build replaced (engines/site_copy.py): only
files that differ are copied again, and no file ever shares an inode with the live site."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from generator.engines.site_copy import copy_site, sync_tree


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def inodes(folder: Path) -> set[int]:
    return {p.lstat().st_ino for p in folder.rglob("*") if p.is_file()}


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_a_spare_is_brought_up_to_date_copying_only_what_differs(tmp_path):
    site, staging, spare = tmp_path / "site", tmp_path / "staging", tmp_path / "spare"
    write(site, {"index.html": "home", "a/index.html": "a", "b/index.html": "b", "gone/index.html": "g", "x.css": "x"})
    shutil.copytree(site, spare)  # the site before the last build, kept as the spare
    kept = (spare / "a/index.html").stat().st_ino
    (site / "b/index.html").unlink()
    (site / "b/index.html").write_text("B", encoding="utf-8")  # same size, written again: another time
    os.utime(site / "b/index.html", ns=(1, 1))
    shutil.rmtree(site / "gone")
    write(site, {"new/index.html": "new page", "x.css": "xx"})
    (site / "link").symlink_to("index.html")
    (spare / "a/extra.html").write_text("stale", encoding="utf-8")  # something the site no longer has
    copy_site(site, staging, spare)
    assert not spare.exists() and files_of(staging) == files_of(site)
    assert os.readlink(staging / "link") == "index.html"
    assert not (staging / "gone").exists()
    assert (staging / "a/index.html").stat().st_ino == kept  # the same in both: not copied again
    assert not inodes(staging) & inodes(site)


def test_a_spare_file_that_shares_an_inode_with_the_site_is_replaced_by_a_copy(tmp_path):
    site, spare = tmp_path / "site", tmp_path / "spare"
    write(site, {"index.html": "home"})
    spare.mkdir()
    os.link(site / "index.html", spare / "index.html")  # same size and time, but the live file itself
    sync_tree(site, spare)
    assert files_of(spare) == files_of(site) and not inodes(spare) & inodes(site)


def test_without_a_spare_the_site_is_copied_whole_with_its_times(tmp_path):
    site, staging = tmp_path / "site", tmp_path / "staging"
    write(site, {"index.html": "home", "a/index.html": "a"})
    (staging / "debris").mkdir(parents=True)  # what a killed build left
    copy_site(site, staging, tmp_path / "no-spare")
    assert files_of(staging) == files_of(site) and not inodes(staging) & inodes(site)
    assert (staging / "a/index.html").stat().st_mtime_ns == (site / "a/index.html").stat().st_mtime_ns


def test_where_cp_fails_python_copies(tmp_path, monkeypatch):
    from generator.engines import site_copy

    site, staging = tmp_path / "site", tmp_path / "staging"
    write(site, {"index.html": "home", "a/index.html": "a"})
    failing = tmp_path / "cp"
    failing.write_text("#!/bin/sh\nmkdir -p \"$5\"/half\nexit 1\n", encoding="utf-8")  # leaves half a copy
    failing.chmod(0o755)
    monkeypatch.setattr(site_copy.shutil, "which", lambda name: str(failing))
    copy_site(site, staging)
    assert files_of(staging) == files_of(site) and not (staging / "half").exists()
    assert not inodes(staging) & inodes(site)


def test_cp_copies_from_a_thread_as_the_build_runs_it(tmp_path, monkeypatch):
    """The build copies site/ in a thread while the generator works (commands.py), where Python cannot handle
    signals: the copy must not need to."""
    import threading

    from generator.engines import site_copy

    def no_python_copy(*arguments, **options):
        raise AssertionError("copied by Python: cp failed")

    monkeypatch.setattr(site_copy.shutil, "copytree", no_python_copy)
    site, staging = tmp_path / "site", tmp_path / "staging"
    write(site, {"index.html": "home", "a/index.html": "a"})
    failed = []
    thread = threading.Thread(target=lambda: _copy_or_record(site, staging, failed))
    thread.start()
    thread.join()
    assert failed == [] and files_of(staging) == files_of(site) and not inodes(staging) & inodes(site)


def _copy_or_record(site: Path, staging: Path, failed: list) -> None:
    try:
        copy_site(site, staging)
    except BaseException as error:  # raised in the thread: recorded for the test to see
        failed.append(error)


def test_cp_runs_at_the_lowest_priority_so_that_the_generator_working_meanwhile_keeps_the_cores(tmp_path, monkeypatch):
    from generator.engines import site_copy

    site, staging, seen = tmp_path / "site", tmp_path / "staging", tmp_path / "niceness"
    write(site, {"index.html": "home"})
    telling = tmp_path / "cp"
    real_cp = shutil.which("cp")
    telling.write_text(f'#!/bin/sh\nnice > "{seen}"\nexec "{real_cp}" "$@"\n', encoding="utf-8")
    telling.chmod(0o755)
    monkeypatch.setattr(site_copy.shutil, "which", lambda name: str(telling))
    copy_site(site, staging)
    assert files_of(staging) == files_of(site)
    assert int(seen.read_text()) == min(os.nice(0) + site_copy.LOWEST_PRIORITY, 19)
