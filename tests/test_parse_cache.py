"""The parse cache (generator/inputs/parse_cache.py): one line of JSON per entry, parsed only when used, written
only when the entries used change, and never serving what it cannot give back exactly."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from generator.common.project import Project
from generator.inputs import load as load_module
from generator.inputs.load import load_inputs, load_seed, load_yaml_file
from generator.inputs.parse_cache import ParseCache


def test_entries_come_back_exactly_whatever_their_text_and_variant_hold(tmp_path):
    value = {"text": "line one\nline two\u2028same paragraph\r\n", "n": [1, 2.5, None, True]}
    cache = ParseCache(tmp_path / "parse.json")
    assert cache.remember("seed", b"bytes", "utf 8|reader-1", lambda: value) == value  # a space in an encoding
    cache.save()
    again = ParseCache(tmp_path / "parse.json")
    assert again.remember("seed", b"bytes", "utf 8|reader-1", lambda: 1 / 0) == value  # not computed again
    assert len((tmp_path / "parse.json").read_text(encoding="utf-8").split("\n")) == 3  # header, entry, end


def test_what_json_cannot_give_back_is_computed_every_time(tmp_path):
    calls = []
    cache = ParseCache(tmp_path / "parse.json")
    for _ in range(2):
        assert cache.remember("yaml", b"1: a", "source", lambda: calls.append(1) or {1: "a"}) == {1: "a"}
    assert len(calls) == 2 and not cache.used


def test_the_file_is_written_only_when_the_entries_used_change(tmp_path):
    path = tmp_path / "parse.json"
    first = ParseCache(path)
    first.remember("yaml", b"a: 1", "source", lambda: {"a": 1})
    first.save()
    written = path.stat().st_mtime_ns
    same = ParseCache(path)
    same.remember("yaml", b"a: 1", "source", lambda: 1 / 0)
    same.save()
    assert path.stat().st_mtime_ns == written
    other = ParseCache(path)
    other.remember("yaml", b"a: 2", "source", lambda: {"a": 2})
    other.save()
    assert [line.split(" ", 1)[0].split(":")[0] for line in path.read_text(encoding="utf-8").splitlines()[1:]] == [
        "yaml"]  # only the entry this run used


def test_a_cache_in_another_format_or_from_other_code_is_not_used(tmp_path):
    path = tmp_path / "parse.json"
    path.write_text(json.dumps({"code": "old", "entries": {"yaml:source:x": {"a": 1}}}), encoding="utf-8")
    assert not ParseCache(path).texts.last_run


def test_texts_on_disk_come_back_exactly_and_a_store_cut_short_or_of_other_code_is_not_trusted(tmp_path):
    from generator.common.json_store import TextsOnDisk, write_lines

    path = tmp_path / "parse.json"
    entries = {"seed:utf-8:1": json.dumps({"text": "Қазақстан «Казахстана»\u2028"}, ensure_ascii=False),
               "yaml:source:2": "[1, 2.5, null]"}
    write_lines(path, "code", entries)
    texts = TextsOnDisk(path, "code")
    assert texts.last_run == set(entries) and {key: texts.get(key) for key in entries} == entries
    texts.add("new:x:3", '"added"')
    assert texts.get("new:x:3") == '"added"' and texts.get("missing") is None
    assert b"".join(texts.lines("code", [*entries, "new:x:3"])).decode() == path.read_text(encoding="utf-8") \
        .replace("\n", '\nnew:x:3 "added"\n', 1)
    texts.close()
    whole = path.read_bytes()
    for broken in (whole[:-1], whole.replace(b'"code"}', b'"other"}', 1), b"", b"\n".join(whole.split(b"\n")[:1])
                   + b"\nno-space-here\n"):
        path.write_bytes(broken)
        assert not TextsOnDisk(path, "code").last_run and TextsOnDisk(path, "code").get("yaml:source:2") is None


def test_once_saved_the_cache_holds_no_entry_text(tmp_path):
    """Saved when the model is built, the cache lets go of its texts (130 MB at 10,000 sources) for the rest of the
    run; given the run's saves, it writes them aside, to be put in place only when the run ends well."""
    from generator.common.atomic_file import Saves

    path = tmp_path / "parse.json"
    with Saves() as saves:
        cache = ParseCache(path)
        cache.remember("yaml", b"a: 1", "source", lambda: {"a": 1})
        cache.save(saves)
        assert not path.exists() and not cache.used and "yaml" not in str(vars(cache.texts))
    assert ParseCache(path).remember("yaml", b"a: 1", "source", lambda: 1 / 0) == {"a": 1}


def test_loading_reads_each_seed_and_metadata_file_once_and_gives_what_reading_each_alone_gives(
    project_copy, monkeypatch
):
    """load_inputs keys every file as it prepares the cache, and loads each by that key: a file is read once,
    cached or not, and the inputs are those of loading each file on its own (load_yaml_file, load_seed)."""
    project = Project.at(project_copy)
    cold = load_inputs(project, ParseCache(None))
    reads = Counter()
    real, real_prepared = Path.read_bytes, load_module._read_bytes_or_none
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.update([self.parent.name]) or real(self))
    monkeypatch.setattr(
        load_module, "_read_bytes_or_none", lambda path: reads.update([path.parent.name]) or real_prepared(path)
    )
    for cache in (ParseCache(project.cache_path), ParseCache(project.cache_path)):  # a first run, then a cached one
        reads.clear()
        inputs = load_inputs(project, cache)
        cache.save()
        assert reads["seeds"] == len(inputs.seed_names) and reads["sources"] == len(inputs.metadata_stems)
        assert inputs.seeds == cold.seeds and [f.digest for f in inputs.metadata] == [f.digest for f in cold.metadata]
    for loaded in inputs.metadata:
        alone = load_yaml_file(project, project_copy / loaded.path, "source", [])
        assert alone is not None and (alone.digest, alone.document.data) == (loaded.digest, loaded.document.data)
    for name, text in inputs.seeds.items():
        assert load_seed(project, project.seeds_dir / name, None, []) == text


def test_a_cached_run_decodes_neither_paragraphs_nor_places_until_they_are_asked_for(project_copy, monkeypatch):
    """A seed's paragraphs and a YAML file's places follow the rest of their entry (parse_cache.Parted): loading
    from the cache decodes only what comes before them, and reading them later gives what a cold load gives."""
    from generator.common.json_store import TextsOnDisk
    from generator.inputs import parse_cache

    project = Project.at(project_copy)
    first = ParseCache(project.cache_path)
    load_inputs(project, first)
    first.save()
    lines = project.cache_path.read_bytes().splitlines()[1:]
    assert lines and all(line.count(b"\t") == 1 for line in lines if line.startswith((b"yaml:", b"seed:")))
    assert sum(line.startswith(b"seed:") for line in lines) == len(list(project.seeds_dir.glob("*.txt")))
    cold = load_inputs(project, ParseCache(None))
    kinds = ("positions", "key_positions", "plain_scalars")
    cold_places = [[dict(getattr(loaded.document, kind)) for kind in kinds] for loaded in cold.metadata]
    cold_seeds = {name: tuple(seed.paragraphs) for name, seed in cold.seeds.items()}
    asked = Counter()
    real_rest, real_get = parse_cache._rest_of, TextsOnDisk.get
    monkeypatch.setattr(parse_cache, "_rest_of", lambda texts, key: asked.update(["places"]) or real_rest(texts, key))
    monkeypatch.setattr(TextsOnDisk, "get", lambda self, key: asked.update(["paragraphs"]) or real_get(self, key))
    warm = load_inputs(project, ParseCache(project.cache_path))
    assert asked == Counter()
    assert [[dict(getattr(loaded.document, kind)) for kind in kinds] for loaded in warm.metadata] == cold_places
    assert {name: tuple(seed.paragraphs) for name, seed in warm.seeds.items()} == cold_seeds
    assert asked == Counter(places=len(warm.metadata), paragraphs=len(warm.seeds))  # each read once


def _run(path: Path, values: dict[bytes, object], fail: bool = False) -> None:
    """One run's use of the cache, saved as the pipeline saves it (Saves: put in place when the run ends well)."""
    from generator.common.atomic_file import Saves

    try:
        with Saves() as saves:
            cache = ParseCache(path)
            for data, value in values.items():
                assert cache.remember("yaml", data, "source", lambda value=value: value) == value
            cache.save(saves)
            if fail:
                raise RuntimeError("the run failed after the cache was saved")
    except RuntimeError:
        assert fail


def _stored_keys(path: Path) -> list[str]:
    return [line.split(b" ", 1)[0].decode() for line in path.read_bytes().split(b"\n")[1:-1]]


def test_a_run_that_adds_entries_adds_them_at_the_end_and_a_failed_one_adds_nothing(tmp_path):
    path = tmp_path / "parse.json"
    first = {f"a: {n}".encode(): {"a": n, "text": "«Қазақстан»\u2028"} for n in range(8)}
    _run(path, first)
    before = path.read_bytes()
    _run(path, {**first, b"a: new": {"a": "failed"}}, fail=True)
    assert path.read_bytes() == before
    _run(path, {**first, b"a: 8": {"a": 8}, b"a: 9": [9, None, 2.5]})
    after = path.read_bytes()
    assert after.startswith(before) and len(_stored_keys(path)) == 10
    again = ParseCache(path)
    assert again.remember("yaml", b"a: 9", "source", lambda: 1 / 0) == [9, None, 2.5]
    assert all(again.remember("yaml", data, "source", lambda: 1 / 0) == value for data, value in first.items())
    _run(path, {**first, b"a: 8": {"a": 8}, b"a: 9": [9, None, 2.5]})
    assert path.read_bytes() == after  # nothing new: nothing written


def test_unused_entries_stay_until_a_quarter_of_the_file_is_unused_then_it_is_written_with_the_used_alone(tmp_path):
    path = tmp_path / "parse.json"
    values = {f"a: {n}".encode(): n for n in range(8)}
    _run(path, values)
    edited = {**values, b"a: 0 edited": "new"}
    del edited[b"a: 0"]
    _run(path, edited)  # one of eight unused: kept, the new entry added at the end
    assert len(_stored_keys(path)) == 9
    del edited[b"a: 1"]
    _run(path, edited)  # two of nine unused: still kept, and nothing new to add
    assert len(_stored_keys(path)) == 9
    del edited[b"a: 2"]
    _run(path, edited)  # three of nine: written again with the six in use
    assert len(_stored_keys(path)) == 6 and _stored_keys(path) == sorted(_stored_keys(path))
    assert all(ParseCache(path).remember("yaml", data, "source", lambda: 1 / 0) == v for data, v in edited.items())


def test_an_append_cut_short_by_a_crash_is_not_trusted_and_the_entries_are_computed_again(tmp_path):
    path = tmp_path / "parse.json"
    values = {f"a: {n}".encode(): n for n in range(8)}
    _run(path, values)
    before = path.read_bytes()
    _run(path, {**values, b"a: 8": "eight"})
    path.write_bytes(path.read_bytes()[: len(before) + 20])  # the machine stopped while appending
    computed = []
    cache = ParseCache(path)
    assert cache.remember("yaml", b"a: 3", "source", lambda: computed.append(3) or 3) == 3 and computed == [3]
