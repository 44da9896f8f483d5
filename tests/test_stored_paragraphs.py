"""A seed's paragraphs stay in the parse cache's files and are read when asked for (StoredParagraphs in
generator/inputs/seed_text.py): the model holds their key, not their text, and reads give exactly what the reader
made of the seed, in the command line's runs and in a preview's, which keeps sources from one edit to the next."""

from __future__ import annotations

import gc
import json
import pickle
import weakref

from generator.common.project import Project
from generator.inputs.parse_cache import ParseCache
from generator.inputs.seed_formats import read_any_seed
from generator.inputs.seed_text import StoredParagraphs
from generator.pipeline import KeptInMemory, build_model, generate
from tests.helpers import S001, copy_project, edit


def as_read(root, source):
    """The seed's paragraphs as the reader makes them, from its bytes (no cache)."""
    return read_any_seed(source.seed, (root / "seeds" / source.seed).read_bytes(), None).paragraphs


def test_the_models_sources_hold_their_seeds_paragraphs_on_disk_and_read_them_exactly(tmp_path):
    root = copy_project(tmp_path / "project")
    for cache in (None, ParseCache(root / "build/cache/parse.json")):  # without a cache file too (check)
        briefing, _ = build_model(Project.at(root), cache=cache)
        whole = [s for s in briefing.sources if not s.listing_id and s.review == "reviewed"]
        assert whole and all(isinstance(s.paragraphs, StoredParagraphs) for s in whole)
        for source in whole:
            paragraphs = as_read(root, source)
            assert tuple(source.paragraphs) == paragraphs and source.paragraphs == paragraphs
            assert len(source.paragraphs) == len(paragraphs) and source.paragraphs[-1] == paragraphs[-1]
            assert paragraphs[0].text not in repr(source)  # digests of a source do not read its text
            assert pickle.loads(pickle.dumps(source.paragraphs)) == paragraphs  # to another process, as read


class CountedTexts:
    """Stored texts that count how often they are read."""

    def __init__(self, text: str) -> None:
        self.text, self.reads = text, 0

    def get(self, key: str) -> str:
        self.reads += 1
        return self.text


def test_whatever_a_sequence_is_asked_reads_the_text_once():
    paragraphs = [[number, f"Paragraph {number}.", number * 2, False] for number in range(1, 41)]
    texts = CountedTexts(json.dumps({"text": {"paragraphs": len(paragraphs)}}) + "\t" + json.dumps(paragraphs))
    stored = StoredParagraphs(texts, "key", len(paragraphs))
    read = stored.read()
    asked = [
        lambda: list(reversed(stored)) == list(reversed(read)),
        lambda: read[-1] in stored,
        lambda: stored.index(read[-1]) == len(read) - 1,
        lambda: stored.index(read[3], 2, 5) == 3,
        lambda: stored.count(read[7]) == 1,
        lambda: list(stored) == list(read),
        lambda: stored[2:4] == read[2:4],
    ]
    for question in asked:
        texts.reads = 0
        assert question()
        assert texts.reads == 1  # not once per paragraph


def test_a_preview_reads_kept_sources_from_its_newest_cache_and_lets_the_older_go(tmp_path):
    """Sources kept from the last generation read from this generation's parse cache: the last one's files,
    replaced on disk by now, are closed once nothing reads from them, however many edits a preview sees."""
    root = copy_project(tmp_path / "project")
    kept = KeptInMemory()
    first = generate(root, kept=kept).briefing.sources[0]
    older = weakref.ref(first.paragraphs._texts)
    edit(root, S001, "title: Central", "title: Edited, Central")
    second = generate(root, kept=kept).briefing
    assert second.sources[0] is first  # an unchanged file's source, kept
    assert first.paragraphs._texts is second.sources[1].paragraphs._texts
    del second
    gc.collect()
    assert older() is None, "the first generation's parse cache is let go of"
    assert tuple(first.paragraphs) == as_read(root, first)
