"""Any sequence of edits, generated incrementally, gives exactly the output of a generation from scratch.

Random sequences of what editors do (add articles, change or delete a seed or a
metadata file, change the taxonomy, save a broken file and then fix it) are applied
to a copy of the fixture corpus, generating after each with everything kept between
runs (parse cache, source memo, page cache, and in memory what the preview's worker
keeps). At the end, a copy without build/ is generated from scratch: every generated
file must have the same bytes, and the caches kept must be the very ones a fresh run
writes.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.common.problems import InputError
from generator.pipeline import KeptInMemory, generate
from generator.render.page_reads import CHECK_VARIABLE
from tests.helpers import SOURCES, add_new_articles, copy_project, forget_sources, tree_bytes

WORDS = st.sampled_from(["amended", "Kazakh", "Bishkek", "reworded", "«новое»", "updated"])
STEP = st.one_of(
    st.tuples(st.just("title"), st.integers(0, 9), WORDS),
    st.tuples(st.just("seed text"), st.integers(0, 9), WORDS),
    st.tuples(st.just("remove"), st.integers(0, 9), WORDS),
    st.tuples(st.just("add articles"), st.just(0), WORDS),
    st.tuples(st.just("taxonomy"), st.integers(0, 4), WORDS),
    st.tuples(st.just("broken, then fixed"), st.integers(0, 9), WORDS),
)


def metadata_files(root: Path) -> list[Path]:
    return sorted((root / SOURCES).glob("*.yml"))


def named_elsewhere(path: Path, files: list[Path]) -> bool:
    """Whether another metadata file names this source (same_work_as, say): an editor removes it only after
    editing that file."""
    return any(path.stem in other.read_text(encoding="utf-8") for other in files if other != path)


def apply(root: Path, step: tuple[str, int, str]) -> None:
    kind, number, word = step
    files = metadata_files(root)
    path = files[number % len(files)]
    text = path.read_text(encoding="utf-8")
    if kind == "title":
        path.write_text(re.sub(r"(?m)^title: .*$", f'title: "A title, {word}"', text, count=1), encoding="utf-8")
    elif kind == "seed text":
        seed = root / "seeds" / re.search(r"(?m)^seed: (.+)$", text).group(1)
        seed.write_text(seed.read_text(encoding="utf-8") + f"\n\nA closing paragraph, {word}.\n", encoding="utf-8")
    elif kind == "remove" and len(files) > 2 and not named_elsewhere(path, files):
        seed = root / "seeds" / re.search(r"(?m)^seed: (.+)$", text).group(1)
        seed.unlink()
        path.unlink()
        forget_sources(root, path.stem)
    elif kind == "add articles" and not (root / "seeds" / "new-marker").exists():
        add_new_articles(root)
        (root / "seeds" / "new-marker").touch()  # not a seed (no seed suffix): the articles are added once
    elif kind == "taxonomy":  # parsed, not patched: a removal rewrites the taxonomy in another style
        taxonomy = root / "content/taxonomy.yml"
        data = yaml.safe_load(taxonomy.read_text(encoding="utf-8"))
        terms = [term for part in ("countries", "themes") for term in data.get(part) or () if term.get("description")]
        terms[number % len(terms)]["description"] += f" Now {word}."
        taxonomy.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    elif kind == "broken, then fixed":
        path.write_text(text.replace("quote: ", "quote: Not in the seed, ", 1), encoding="utf-8")
        with pytest.raises(InputError):
            generate(root)
        path.write_text(text, encoding="utf-8")


@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck),
          phases=[Phase.explicit, Phase.generate])  # no shrinking: each example costs seconds
@given(steps=st.lists(STEP, min_size=2, max_size=4))
def test_any_sequence_of_edits_generates_what_a_generation_from_scratch_does(tmp_path_factory, steps):
    root = copy_project(tmp_path_factory.mktemp("incremental") / "project")
    kept = KeptInMemory()  # as the preview's worker keeps it: a run with none kept is the command line's
    with mock.patch.dict(os.environ, {CHECK_VARIABLE: "1"}):  # a page kept by its lookups is valued, and checked
        generate(root, kept=kept)
        for step in steps:
            apply(root, step)
            generate(root, kept=kept)
    fresh = tmp_path_factory.mktemp("fresh") / "project"
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("build"))
    generate(fresh)
    assert tree_bytes(root / "build/docs") == tree_bytes(fresh / "build/docs"), steps
    for kept in ("sources.json", "derived.json"):
        assert (root / "build/cache" / kept).read_bytes() == (fresh / "build/cache" / kept).read_bytes(), steps
    # The parse cache adds a run's new entries at its end, keeping unused ones until they are a quarter of it
    parsed, parsed_fresh = (parse_entries(project / "build/cache/parse.json") for project in (root, fresh))
    assert parsed_fresh.items() <= parsed.items() and 3 * len(parsed) <= 4 * len(parsed_fresh), steps


def parse_entries(path) -> dict[bytes, bytes]:
    """The parse cache's entries (after the line naming the code), each line's text by its key."""
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b""
    return dict(line.split(b" ", 1) for line in lines[1:-1])


def test_a_preview_keeps_unchanged_sources_in_memory_and_their_digests_between_generations(tmp_path):
    """The preview's worker generates again and again: an unchanged file's sources are the very objects of the
    last generation (not decoded again), and the digests pages take of them are not worked out again."""
    root = copy_project(tmp_path / "project")
    kept = KeptInMemory()
    first = generate(root, kept=kept)
    digests = dict(kept.model_digests)
    edited = metadata_files(root)[0]
    apply(root, ("title", 0, "amended"))
    second = generate(root, kept=kept)
    before = {s.id: s for s in first.briefing.sources}
    same = [s for s in second.briefing.sources if s is before.get(s.id)]
    assert len(same) >= len(second.briefing.sources) - 2, "the sources of unchanged files are kept"
    assert all(edited.stem not in s.id for s in same)
    assert all(kept.model_digests[id(s)] is digests[id(s)] for s in same if id(s) in digests)
    assert any(id(s) in digests for s in same)


def test_a_preview_renders_again_only_the_pages_whose_values_changed(tmp_path, monkeypatch):
    """A preview's folder has no page cache on disk: the worker keeps the fingerprints of the pages it last wrote
    there, so an edit renders only the pages it changes, and the folder still holds what a fresh generation
    writes. Another folder, or a generation that failed after writing, gets every page rendered anew."""
    root = copy_project(tmp_path / "project")
    preview, kept = tmp_path / "preview", KeptInMemory()
    assert generate(root, out_dir=preview, kept=kept).pages_reused == 0
    for step in [("title", 0, "amended"), ("seed text", 3, "Bishkek"), ("taxonomy", 1, "updated")]:
        apply(root, step)
        edited = generate(root, out_dir=preview, kept=kept)
        assert edited.pages_reused > 0 and edited.report.written, step
        fresh = generate(root, out_dir=tmp_path / f"fresh-{step[0]}")
        assert fresh.pages_reused == 0
        assert tree_bytes(preview) == tree_bytes(tmp_path / f"fresh-{step[0]}"), step
    assert generate(root, out_dir=tmp_path / "elsewhere", kept=kept).pages_reused == 0
    apply(root, ("title", 1, "Kazakh"))
    monkeypatch.setattr("generator.pipeline.site_map", lambda *args: 1 / 0)  # fails once the pages are written
    with pytest.raises(ZeroDivisionError):
        generate(root, out_dir=preview, kept=kept)
    monkeypatch.undo()
    assert generate(root, out_dir=preview, kept=kept).pages_reused == 0
