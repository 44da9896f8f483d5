"""Saves: what a run keeps for the next is written early, put in place only when the run ends well."""

from __future__ import annotations

import pytest

from generator.common.atomic_file import Saves


def test_saves_are_put_in_place_together_when_the_run_ends_well(tmp_path):
    cache, pairs = tmp_path / "cache" / "parse.json", tmp_path / "cache" / "word-pairs.bin"
    cache.parent.mkdir()
    cache.write_bytes(b"old")
    with Saves() as saves:
        saves.write(cache, [b"new ", b"lines"])
        saves.write(pairs, iter([b"\x00\x01"]))
        assert cache.read_bytes() == b"old" and not pairs.exists()  # written aside, not yet in place
        assert (tmp_path / "cache" / "parse.tmp").read_bytes() == b"new lines"
    assert cache.read_bytes() == b"new lines" and pairs.read_bytes() == b"\x00\x01"
    assert sorted(path.name for path in cache.parent.iterdir()) == ["parse.json", "word-pairs.bin"]


def test_saves_of_a_failed_run_are_dropped_and_the_old_files_kept(tmp_path):
    cache = tmp_path / "parse.json"
    cache.write_bytes(b"old")
    with pytest.raises(RuntimeError), Saves() as saves:
        saves.write(cache, [b"new"])
        saves.write(tmp_path / "sources.json", [b"new"])
        raise RuntimeError("rendering failed")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["parse.json"] and cache.read_bytes() == b"old"


def test_a_save_that_cannot_be_written_names_its_file_and_leaves_nothing(tmp_path):
    def failing():
        yield b"half"
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError) as caught, Saves() as saves:
        saves.write(tmp_path / "parse.json", failing())
    assert caught.value.filename == str(tmp_path / "parse.tmp") and not list(tmp_path.iterdir())
