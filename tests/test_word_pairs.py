"""Each text's word pairs, stored between runs (derive/word_pairs.py): near-duplicates found from stored pairs are
those found from the texts, a stored form that another code wrote or that was cut short is not trusted, and only
the texts not stored before are read."""

from __future__ import annotations

from generator.derive import analysis, word_pairs
from generator.derive.remembered import RememberedKinships
from generator.derive.word_pairs import WordPairs, read_pairs, text_digest
from tests.test_analysis import ARTICLE, UNRELATED, source

CODE = "code-1"


def corpus() -> tuple:
    return (
        source("article", *ARTICLE),
        source("teaser", ARTICLE[0].replace("nations", "countries") + " " + ARTICLE[1]),
        source("copy", *[p.replace("quickly", "fast") for p in ARTICLE]),
        source("other", *UNRELATED),
    )


def stored_after(sources: tuple) -> bytes:
    pairs = WordPairs(code=CODE)
    for s in sources:
        pairs.of(s)
    return pairs.stored_form()


def test_pairs_are_sorted_and_the_same_when_stored_and_read_back():
    sources = corpus()
    kept = WordPairs(stored_after(sources), CODE)
    for s in sources:
        read = read_pairs(s, {})
        assert list(read) == sorted(set(read))
        assert kept.of(s) == read
    assert not kept.changed  # every text was stored: nothing to write again


def test_near_duplicates_from_stored_pairs_are_those_read_from_the_texts():
    sources = corpus()
    kept = WordPairs(stored_after(sources[:3]), CODE)  # the unrelated text lands after the last run
    found = RememberedKinships(word_pairs=kept)(sources)
    assert found == analysis.kinships(sources) != {}
    assert kept.changed and kept.stored_form() == stored_after(sources)


def test_only_texts_not_stored_are_read(monkeypatch):
    sources = corpus()
    kept = WordPairs(stored_after(sources[:3]), CODE)
    read: list[str] = []
    real = word_pairs.read_pairs
    monkeypatch.setattr(word_pairs, "read_pairs", lambda s, ids: read.append(s.id) or real(s, ids))
    for s in sources:
        kept.of(s)
    assert read == ["other"]


def test_a_stored_form_of_other_code_or_cut_short_is_not_used():
    sources = corpus()
    stored = stored_after(sources)
    for bad in (stored[:-8], stored.replace(CODE.encode(), b"code-2", 1), b"not a header\n", b""):
        pairs = WordPairs(bad, CODE)
        assert [pairs.of(s) for s in sources] == [read_pairs(s, {}) for s in sources]
        assert pairs.changed and pairs.stored_form() == stored


def test_texts_no_longer_used_are_dropped_from_what_is_stored():
    sources = corpus()
    kept = WordPairs(stored_after(sources), CODE)
    for s in sources[:2]:
        kept.of(s, text_digest(s))
    assert kept.changed and kept.stored_form() == stored_after(sources[:2])


def test_pairs_read_in_this_run_are_read_once_and_come_back_the_same_from_disk(monkeypatch):
    sources = corpus()
    pairs = WordPairs(code=CODE)
    read: list[str] = []
    real = word_pairs.read_pairs
    monkeypatch.setattr(word_pairs, "read_pairs", lambda s, ids: read.append(s.id) or real(s, ids))
    first = [pairs.of(s) for s in sources]
    again = [pairs.of(s) for s in sources]
    assert read == [s.id for s in sources]  # the second time, from the scratch file
    assert again == first == [real(s, {}) for s in sources]


def test_the_stored_file_is_read_where_each_text_lies_and_closed_when_let_go(tmp_path):
    sources = corpus()
    path = tmp_path / "word-pairs.bin"
    path.write_bytes(stored_after(sources))
    with path.open("rb") as stored:
        kept = WordPairs(stored, CODE)
        assert [kept.of(s) for s in reversed(sources)] == [read_pairs(s, {}) for s in reversed(sources)]
        assert kept.stored_form() == path.read_bytes()
        kept.let_go()
        assert stored.closed


def saved(kept: WordPairs, stored: bytes) -> bytes:
    """What the store holds once the pipeline has saved kept's pairs (saving) after stored."""
    how = kept.saving()
    if how is None:
        return stored
    kind, parts = how
    return stored + b"".join(parts) if kind == "append" else b"".join(parts)


def test_texts_read_anew_are_added_as_a_segment_at_the_end_and_read_back_with_the_rest(monkeypatch):
    sources = corpus()
    first = stored_after(sources[:3])
    kept = WordPairs(first, CODE)
    assert [kept.of(s) for s in sources] == [read_pairs(s, {}) for s in sources]
    assert kept.saving()[0] == "append"
    second = saved(kept, first)
    assert second.startswith(first) and len(second) < len(stored_after(sources)) + 200
    expected = [read_pairs(s, {}) for s in sources]
    again = WordPairs(second, CODE)
    read: list[str] = []
    real = word_pairs.read_pairs
    monkeypatch.setattr(word_pairs, "read_pairs", lambda s, ids: read.append(s.id) or real(s, ids))
    assert [again.of(s) for s in sources] == expected
    assert again.saving() is None and read == []  # every text's pairs from the two segments
    for bad in (second[:-8], second[: len(first) + 5]):  # the added segment cut short: nothing trusted
        assert not WordPairs(bad, CODE)._places


def test_the_store_is_written_whole_again_once_a_quarter_of_its_texts_are_unused():
    sources = corpus()
    stored = stored_after(sources)
    kept = WordPairs(stored, CODE)
    for s in sources[:3]:  # one of four unused: a quarter
        kept.of(s)
    assert kept.saving()[0] == "write" and saved(kept, stored) == stored_after(sources[:3])
