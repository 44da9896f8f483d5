"""Operating-system errors (issue 13, cases 6 and 7): one line naming the path and what to do, never a traceback.

An encoding Python cannot decode text with is an input problem at its place in the metadata. A build/ folder
that cannot be written, a read-only file system and a full disk are simulated in a fresh interpreter that makes
the file functions fail as the kernel would (a read-only build/ is also tried for real, with chmod); the
previous build/docs/ stays as it was, nothing is left behind that blocks the next run, and the next run succeeds.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from generator.engines.mkdocs import HANDED_OVER
from generator.inputs.load import unusable_encoding
from generator.common.os_errors import explain
from generator.pipeline import generate
from generator.inputs.reader import read_seed
from generator.inputs.seed_bytes import SeedDecodeError
from tests.conftest import ROOT
from tests.helpers import ONE_SEED, SOURCES, edit, one_seed_project, position, run_cli, tree_bytes

METADATA = f"{SOURCES}/{ONE_SEED}.yml"
ENCODING_HINT = "write a codec name such as utf-8 or cp1251, or remove the line"

# Runs `python -m generator ARGS` in an interpreter whose file functions fail as the kernel would:
#   deny ERRNO FOLDER: creating, writing, renaming or removing anything under FOLDER fails with ERRNO
#     (a folder without write permission: EACCES; a read-only file system: EROFS);
#   full NAME: writing a file called NAME (write_text, write_bytes, or a file opened for writing) stops half-way
#     with ENOSPC, naming no file, as write(2) does.
FAULT_SCRIPT = r"""
import errno, io, os, pathlib, sys
from generator.cli import main

mode, argument, rest = sys.argv[1], sys.argv[2], sys.argv[3:]

def fail(code, *names):
    raise OSError(code, os.strerror(code), *names)

if mode == "deny":
    code, folder = getattr(errno, argument), os.path.abspath(rest.pop(0))

    def inside(name):
        return isinstance(name, (str, bytes, os.PathLike)) and \
            (os.path.abspath(os.fsdecode(name)) + os.sep).startswith(folder + os.sep)

    def guard(function, names=1):
        def guarded(*args, **kwargs):
            touched = [name for name in args[:names] if inside(name)]
            if touched and "dir_fd" not in kwargs:
                fail(code, *map(os.fsdecode, args[:names]))
            return function(*args, **kwargs)
        return guarded

    for name, names in [("mkdir", 1), ("rmdir", 1), ("unlink", 1), ("remove", 1), ("rename", 2),
                        ("replace", 2), ("link", 2), ("symlink", 2), ("utime", 1), ("chmod", 1)]:
        setattr(os, name, guard(getattr(os, name), names))
    real_open = io.open

    def guarded_open(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+") and inside(file):
            fail(code, os.fsdecode(file))
        return real_open(file, mode, *args, **kwargs)
    io.open = guarded_open
    import builtins
    builtins.open = guarded_open
elif mode == "full":
    def filling(real):
        def write(self, data, *args, **kwargs):
            if self.name == argument:
                real(self, data[:len(data) // 2], *args, **kwargs)
                fail(errno.ENOSPC)
            return real(self, data, *args, **kwargs)
        return write
    pathlib.Path.write_text = filling(pathlib.Path.write_text)
    pathlib.Path.write_bytes = filling(pathlib.Path.write_bytes)

    class Filling:  # a file opened for writing (Path.open, open) that fills the disk at its first write
        def __init__(self, file):
            self.file = file
        def write(self, data):
            self.file.write(data[:len(data) // 2])
            fail(errno.ENOSPC)
        def writelines(self, parts):
            for part in parts:
                self.write(part)
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            self.file.close()
        def __getattr__(self, name):
            return getattr(self.file, name)
    real_open = io.open

    def filling_open(file, mode="r", *args, **kwargs):
        opened = real_open(file, mode, *args, **kwargs)
        writing = any(flag in mode for flag in "wax+")
        return Filling(opened) if writing and os.path.basename(os.fsdecode(file)) == argument else opened
    io.open = filling_open
sys.argv = ["python -m generator", *rest]
sys.exit(main(rest))
"""


def faulty_run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", FAULT_SCRIPT, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def one_line(result: subprocess.CompletedProcess) -> str:
    """The one line a failed run prints, after checking that it failed with exit status 1 and no traceback."""
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.returncode == 1, f"exit status {result.returncode}\n{result.stderr}"
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# --- an encoding that cannot decode text ------------------------------------------------------------------

@pytest.fixture(scope="module")
def encoding_project(tmp_path_factory) -> Path:
    return one_seed_project(tmp_path_factory.mktemp("encoding") / "project")


@pytest.mark.parametrize("encoding, message", [
    ("undefined", "unknown encoding 'undefined'"),  # Python finds it, and it refuses every byte
    ("no-such-codec", "unknown encoding 'no-such-codec'"),
    ("rot13", "'rot13' is not a text encoding"),
    ("zlib_codec", "'zlib_codec' is not a text encoding"),
    ("base64", "'base64' is not a text encoding"),
])
@pytest.mark.parametrize("command", ["check", "generate"])
def test_an_encoding_that_cannot_decode_text_is_one_line_at_its_place(encoding_project, command, encoding, message):
    root = encoding_project
    good = (root / METADATA).read_text(encoding="utf-8")
    edit(root, METADATA, f"\nseed: {ONE_SEED}.txt\n", f"\nseed: {ONE_SEED}.txt\nencoding: {encoding}\n")
    try:
        result = run_cli(command, "--root", str(root), cwd=root, timeout=60)
        line, column = position(root, METADATA, f"encoding: {encoding}")
    finally:
        (root / METADATA).write_text(good, encoding="utf-8")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    errors = [text for text in result.stderr.splitlines() if ": error: " in text]
    assert errors == [f"{METADATA}:{line}:{column + len('encoding: ')}: error: {message} ({ENCODING_HINT})"]


@pytest.mark.parametrize("name", ["utf-8", "UTF8", "cp1251", "koi8-r", "utf-16", "latin-1"])
def test_text_encodings_are_accepted(name):
    assert unusable_encoding(name) is None


@pytest.mark.parametrize("name", ["undefined", "rot13", "hex", "bz2", "no-such-codec", "utf-8\x00", ""])
def test_encodings_that_cannot_decode_text_are_refused(name):
    assert unusable_encoding(name)


@pytest.mark.parametrize("encoding", ["undefined", "rot13", "no-such-codec"])
def test_reading_a_seed_with_an_unusable_encoding_raises_the_readers_own_error(encoding):
    """However a seed is read (check refuses these encodings first), the reader never lets UnicodeError out."""
    with pytest.raises(SeedDecodeError):
        read_seed("A paragraph of text with a dot.. in it.\n".encode(), encoding)


# --- a folder that cannot be written, a read-only file system ----------------------------------------------

@pytest.fixture
def built(tmp_path) -> tuple[Path, dict[str, bytes]]:
    """A one-seed project generated once, with an input changed since, and its build/docs/ as it was."""
    root = one_seed_project(tmp_path / "project")
    generate(root)
    edit(root, METADATA, "\ntitle: Russian", "\ntitle: Revised, Russian")
    return root, tree_bytes(root / "build/docs")


@pytest.mark.parametrize("code, folder, advice", [
    ("EACCES", "build", "give yourself access (chmod -R u+rwX build) or run as its owner"),
    ("EPERM", "build", "give yourself access (chmod -R u+rwX build) or run as its owner"),
    ("EROFS", ".", "is on a read-only file system: run the build in a writable copy of the project"),
])
def test_an_unwritable_build_folder_is_one_line_and_the_previous_output_stays(built, code, folder, advice):
    root, previous = built
    result = faulty_run("deny", code, str(root / folder), "generate", "--root", str(root), cwd=root)
    line = one_line(result)
    assert line.startswith("error: ") and advice in line, line
    assert " build/" in line and str(root) not in line, "the path is named, relative to the project"
    assert tree_bytes(root / "build/docs") == previous
    assert run_cli("generate", "--root", str(root), cwd=root).returncode == 0
    assert tree_bytes(root / "build/docs") != previous


def without_permission_override() -> list[str]:
    """A command prefix under which the kernel's permission checks apply: none needed unless we run as root (CI
    does), where setpriv drops the capabilities that let root write through chmod."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: chmod cannot stop root; the simulated test above runs")
    dropped = "-dac_override,-dac_read_search,-fowner"
    return ["setpriv", "--bounding-set", dropped, "--inh-caps", dropped]


@pytest.mark.parametrize("lock_file, named", [(False, "build/run.lock"), (True, "build/.docs.apart")])
def test_a_read_only_build_folder_for_real(built, lock_file, named):
    """Named is the first thing the run cannot write: the run lock, unless an earlier run made it; then the folder
    where another process leaves the feeds and data files (two workers, whatever the cores)."""
    root, previous = built
    if lock_file:
        (root / "build/run.lock").write_text("pid 1: an earlier run\n")
    prefix = without_permission_override()
    folders = [root / "build", root / "build/docs"]
    for folder in folders:
        folder.chmod(0o555)
    try:
        result = subprocess.run([*prefix, sys.executable, "-m", "generator", "generate", "--root", str(root)],
                                cwd=root, env={**os.environ, "PYTHONPATH": str(ROOT), "BRIEFING_WORKERS": "2"},
                                capture_output=True, text=True, timeout=120)
    finally:
        for folder in folders:
            folder.chmod(0o755)
    assert one_line(result) == (f"error: permission denied on {named}: "
                                "give yourself access (chmod -R u+rwX build) or run as its owner")
    assert tree_bytes(root / "build/docs") == previous


# --- a full disk ------------------------------------------------------------------------------------------

def test_a_full_disk_while_saving_the_page_cache_leaves_nothing_behind_and_nothing_stale(built):
    root, previous = built
    result = faulty_run("full", "pages.tmp", "generate", "--root", str(root), cwd=root)
    assert one_line(result) == ("error: no space left on the device while writing build/cache/pages.tmp: "
                                "free some space and run again")
    assert sorted(path.name for path in (root / "build/cache").iterdir() if path.suffix == ".tmp") == []
    assert not (root / "build/cache/pages.json").exists(), "fingerprints of the pages just replaced are dropped"
    # Back to the inputs the old fingerprints describe: a page cache trusted now would keep the revised pages.
    edit(root, METADATA, "\ntitle: Revised, Russian", "\ntitle: Russian")
    assert run_cli("generate", "--root", str(root), cwd=root).returncode == 0
    assert tree_bytes(root / "build/docs") == previous


# --- the message itself, and the MkDocs hook -----------------------------------------------------------------

@pytest.mark.parametrize("code, expected", [
    (errno.EACCES, "permission denied on build/docs/index.md: give yourself access (chmod -R u+rwX build)"),
    (errno.EROFS, "build/docs/index.md is on a read-only file system"),
    (errno.ENOSPC, "no space left on the device while writing build/docs/index.md: free some space"),
    (errno.EDQUOT, "disk quota exceeded while writing build/docs/index.md"),
    (errno.ENAMETOOLONG, "the path build/docs/index.md is too long"),
    (errno.EMFILE, "too many open files at build/docs/index.md: raise the limit"),
    (errno.EIO, f"{os.strerror(errno.EIO)}: build/docs/index.md"),
])
def test_each_error_names_the_path_inside_the_project_and_what_to_do(tmp_path, code, expected):
    error = OSError(code, os.strerror(code), str(tmp_path / "build/docs/index.md"))
    assert explain(error, tmp_path).startswith(expected)


def test_a_path_outside_the_project_is_shown_whole_and_both_names_of_a_rename(tmp_path):
    outside = OSError(errno.EACCES, "Permission denied", "/var/elsewhere/file")
    assert "on /var/elsewhere/file:" in explain(outside, tmp_path)
    renamed = OSError(errno.EROFS, "Read-only file system", str(tmp_path / "build/.docs.staging"),
                      None, str(tmp_path / "build/docs"))
    assert explain(renamed, tmp_path).startswith("build/.docs.staging -> build/docs is on a read-only")


def test_an_error_without_a_file_name_and_a_name_with_control_characters(tmp_path):
    assert explain(OSError(errno.ENOSPC, "No space left on device"), tmp_path).startswith(
        "no space left on the device while writing a file")
    shown = explain(OSError(errno.EACCES, "Permission denied", str(tmp_path / "bad\x1b[31mname")), tmp_path)
    assert "\x1b" not in shown and "bad\\x1b[31mname" in shown


def test_the_mkdocs_hook_turns_an_os_error_into_one_plugin_error(tmp_path, monkeypatch):
    from hooks import briefing

    failing = tmp_path / "build/docs"

    def generate_failing(root, docs_dir):
        raise PermissionError(errno.EACCES, "Permission denied", str(failing))

    monkeypatch.setattr(briefing, "generate_for_preview", generate_failing)
    monkeypatch.delenv(HANDED_OVER, raising=False)
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"),
                             docs_dir=str(failing))
    with pytest.raises(PluginError) as raised:
        briefing.on_config(config)
    assert str(raised.value).startswith("permission denied on build/docs: give yourself access")
