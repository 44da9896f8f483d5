"""write_tree keeps files the page cache vouched for without reading them, and compares the rest one at a time."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.write.tree import MARKER, OutputError, write_tree


def test_a_kept_file_stays_the_same_file_and_a_changed_one_is_replaced(tmp_path):
    out = tmp_path / "docs"
    write_tree({"a.md": b"first", "b/c.md": b"second", "gone.md": b"old"}, out)
    kept_inode = (out / "b" / "c.md").stat().st_ino
    report = write_tree({"a.md": b"changed", "b/c.md": None}, out)
    assert report.written == ["a.md"] and report.deleted == ["gone.md"] and report.unchanged == 1
    assert (out / "a.md").read_bytes() == b"changed"
    assert (out / "b" / "c.md").read_bytes() == b"second"
    assert (out / "b" / "c.md").stat().st_ino == kept_inode  # linked into the new tree, never rewritten
    assert not (out / "gone.md").exists()


def test_same_size_other_bytes_is_a_change_and_same_bytes_is_not(tmp_path):
    out = tmp_path / "docs"
    write_tree({"a.md": b"abc", "b.md": b"xyz"}, out)
    report = write_tree({"a.md": b"abd", "b.md": b"xyz"}, out)
    assert report.written == ["a.md"] and report.unchanged == 1


def test_nothing_changed_touches_nothing(tmp_path):
    out = tmp_path / "docs"
    write_tree({"a.md": b"abc"}, out)
    before = out.stat().st_ino
    report = write_tree({"a.md": None}, out)
    assert not report.changed and out.stat().st_ino == before


def test_keeping_a_file_that_is_gone_is_refused_and_the_output_left_alone(tmp_path):
    out = tmp_path / "docs"
    write_tree({"a.md": b"abc"}, out)
    with pytest.raises(OutputError, match="gone"):
        write_tree({"a.md": b"new", "missing.md": None}, out)
    assert (out / "a.md").read_bytes() == b"abc"



def test_files_made_as_they_are_asked_for_are_written_at_once_and_not_held(tmp_path):
    """A big site's pages are never all in memory: when the next file is asked for, the one before is on disk."""
    out = tmp_path / "docs"
    write_tree({"a.md": b"old a", "b.md": b"old b"}, out)
    pending = tmp_path / ".docs.pending"
    seen_on_disk = []

    def made():
        for number in range(5):
            if number:
                seen_on_disk.append((pending / f"p{number - 1}.md").read_bytes())
            yield f"p{number}.md", f"page {number}".encode()
        yield "a.md", b"old a"  # the same bytes: compared, not written

    report = write_tree(made(), out)
    assert seen_on_disk == [f"page {number}".encode() for number in range(4)]
    assert report.written == [f"p{number}.md" for number in range(5)] and report.deleted == ["b.md"]
    assert _tree(out) == {"a.md": b"old a"} | {f"p{number}.md": f"page {number}".encode() for number in range(5)}
    assert not pending.exists()


def test_a_failure_while_files_are_made_leaves_the_output_as_it_was(tmp_path):
    out = tmp_path / "docs"
    write_tree({"a.md": b"abc"}, out)

    def made():
        yield "new.md", b"new"
        raise RuntimeError("a page failed to render")

    with pytest.raises(RuntimeError):
        write_tree(made(), out)
    with pytest.raises(ValueError, match="made twice"):
        write_tree(iter([("a.md", b"one"), ("a.md", b"two")]), out)
    assert _tree(out) == {"a.md": b"abc"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["docs"]  # no pending or staging folder left


PATHS = ["a.md", "b.md", "x", "x/a.md", "x/y/b.md", "x/y", "z/c.md", "z/d/e.md"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example([{"a.md": b"1"}, {"a.md": b"22"}, {"a.md": b"22", "b.md": b"1"}])  # the spare holds a's older bytes
@given(st.lists(st.dictionaries(st.sampled_from(PATHS), st.sampled_from([b"1", b"22", b"333", None]), max_size=6),
                min_size=1, max_size=6))
def test_a_tree_brought_up_to_date_from_the_spare_is_the_tree_written_afresh_and_no_file_is_rewritten(
        tmp_path_factory, trees):
    """With a spare (the tree the last run replaced), each run gives exactly the tree a run without one gives,
    whatever files, folders and changes come and go; and no file of any earlier tree changes its bytes, since
    files there share their inodes with the newer trees (a reader holding one keeps reading what it opened)."""
    root = tmp_path_factory.mktemp("spare")
    out, fresh, spare, held = root / "docs", root / "fresh", root / ".docs.spare", root / "held"
    held.mkdir()
    seen: dict[str, bytes] = {}
    expected: dict[str, bytes] = {}
    for number, wanted in enumerate(trees):
        files = _possible(wanted, out)
        expected = {path: expected[path] if data is None else data for path, data in files.items()}
        write_tree(files, out, spare)
        write_tree(dict(expected), fresh)
        assert _tree(out) == _tree(fresh) == expected
        for path in sorted(files):
            link = held / f"{number}-{path.replace('/', '_')}"
            os.link(out / path, link)
            seen[link.name] = link.read_bytes()
        assert {link.name: link.read_bytes() for link in held.iterdir()} == seen
    assert not (root / ".docs.staging").exists()


def _possible(wanted: dict[str, bytes | None], out) -> dict[str, bytes | None]:
    """wanted, less paths that are another's folder, and with None (keep) only for files the output holds."""
    files = {p: d for p, d in wanted.items() if not any(o.startswith(p + "/") for o in wanted)}
    return {p: d if d is not None or (out / p).is_file() else b"kept?" for p, d in files.items()}


def _tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
            and p.name != MARKER}
