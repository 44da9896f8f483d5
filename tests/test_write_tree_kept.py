"""write_tree keeps files the page cache vouched for without reading them, and compares the rest one at a time."""

from __future__ import annotations

import pytest

from generator.write.tree import OutputError, write_tree


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
