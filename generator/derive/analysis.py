"""What a briefing can say beyond a tag page: agreement, disagreement, kinship.

- The same event from several sources is one item with every source (figures:
  generator/derive/comparison.py).
- Near-duplicate sources (republished, translated, summarised as a teaser) are
  found by shared word pairs, through an index, so the cost stays near linear.
- Related sources share the most countries and themes, and are close in time.

Pure functions over the model; no I/O.
"""

from __future__ import annotations

import bisect
import datetime
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from generator.derive.word_pairs import WordPairs
from generator.model.briefing import Briefing
from generator.model.entities import Citation, Event, Source
from generator.model.works import Kinship

CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
STOP_WORDS = frozenset(
    """the and for with that this from its their was were are has have had not but
into over after before about than then they them also which while who whom what when where there
been being does did can could would should may might will shall all any some such only very more most""".split()
)
SAME_EVENT_OVERLAP = 0.3  # share of content words two descriptions of one event have in common
CONTAINED = 0.5  # share of a text's word pairs found in another: a copy or a summary
COMMON_PAIR_LIMIT = 50  # word pairs in more sources than this say nothing about kinship
SKETCH_SIZE = 24  # pairs per source used to look for candidates
# Share of a sketch found in another text before the two are compared in full. The
# sketch is a random sample of the text's pairs, so its share estimates the true share
# within about 0.1: a real summary or copy (CONTAINED) is very rarely missed.
SKETCH_HINT = 0.2
RELATED_COUNT = 5
RELATED_WINDOW = 60  # sources either side in time, per shared term, considered for "related"
UNDATED_DISTANCE = 10**7  # days apart, for ranking, when either source has no date: after every dated one


@dataclass(frozen=True)
class EventGroup:
    """One event, as reported by one or more sources."""

    events: tuple[Event, ...]

    @property
    def main(self) -> Event:
        return self.events[0]

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for e in self.events for c in e.countries))

    @property
    def in_one_wording(self) -> bool:
        """Every source words the event alike: one line, cited once with all of them."""
        return len({event.text for event in self.events}) == 1

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(event.citation for event in self.events)


def _overlap(first: frozenset[str], second: frozenset[str]) -> float:
    return len(first & second) / len(first | second) if first | second else 0.0


def group_events(events: tuple[Event, ...]) -> tuple[EventGroup, ...]:
    """Events from different sources with the same date, a shared country and similar words."""
    groups: list[list[Event]] = []
    by_date_country: dict[tuple[str, str], list[list[Event]]] = defaultdict(list)
    for event in events:
        words = _words(event.text)
        keys = [(event.date.iso, country) for country in event.countries]
        candidates = (group for key in keys for group in by_date_country[key])
        home = next((group for group in candidates if _same_event(group, event, words)), None)
        if home is None:
            home = []
            groups.append(home)
        for key in keys:
            if all(group is not home for group in by_date_country[key]):
                by_date_country[key].append(home)
        home.append(event)
    return tuple(EventGroup(tuple(group)) for group in groups)


def _same_event(group: list[Event], event: Event, words: frozenset[str]) -> bool:
    return any(
        other.citation.source_id != event.citation.source_id
        and set(other.countries) & set(event.countries)
        and _overlap(_words(other.text), words) >= SAME_EVENT_OVERLAP
        for other in group
    )


@lru_cache(maxsize=200_000)
def _words(text: str) -> frozenset[str]:
    return frozenset(w.rstrip("s") for w in CONTENT_WORD.findall(text.casefold()) if w not in STOP_WORDS)


def kinships(
    sources: tuple[Source, ...], pairs_of: Callable[[Source], Sequence[int]] | None = None
) -> dict[str, tuple[Kinship, ...]]:
    """Near-duplicates: the share of one text's word pairs found in another.

    Each source probes the index with a small sample of its rarest-looking pairs
    (the lowest hashes, a MinHash-style sketch); only the sources found that way
    are compared in full, so the cost grows with N, not N squared. pairs_of gives
    a source's word pairs, sorted (derive/word_pairs.py); by default they are read.
    """
    if pairs_of is None:
        pairs_of = WordPairs().of
    by_id = {s.id: s for s in sources}
    # Each text's pairs are asked for when needed, not held (they lie on disk): a sketch of each, then each text
    # once more against the pairs some sketch asks about, then the candidates in full
    sketches = {source_id: pairs_of(source)[:SKETCH_SIZE] for source_id, source in by_id.items()}
    probed = set().union(*sketches.values())
    postings: dict[int, list[str]] = defaultdict(list)
    for source_id, source in by_id.items():
        for pair in probed.intersection(pairs_of(source)):  # only pairs some sketch asks about need a posting list
            postings[pair].append(source_id)
    family = {s.id: {s.id, s.listing_id, *s.item_ids} for s in sources}
    candidates: set[tuple[str, str]] = set()
    for source_id, sketch in sketches.items():
        hits: Counter[str] = Counter()  # how much of this sketch each other text holds: estimates containment
        for pair in sketch:
            if len(postings[pair]) <= COMMON_PAIR_LIMIT:
                hits.update(postings[pair])
        candidates.update(
            (min(source_id, o), max(source_id, o))
            for o, count in hits.items()
            if count >= SKETCH_HINT * len(sketch) and o not in family[source_id] and source_id not in family[o]
        )
    found: defaultdict[str, list[Kinship]] = defaultdict(list)
    first_id, first = "", frozenset[int]()
    for a, b in sorted(candidates):
        if a != first_id:  # sorted: each text's candidates come one after another
            first_id, first = a, frozenset(pairs_of(by_id[a]))
        second = pairs_of(by_id[b])
        shared = len(first.intersection(second))
        _relate(found, a, b, shared / max(len(first), 1), shared / max(len(second), 1))
    return {key: tuple(value) for key, value in found.items()}


def _relate(found: defaultdict[str, list[Kinship]], a: str, b: str, a_in_b: float, b_in_a: float) -> None:
    if a_in_b >= CONTAINED and b_in_a >= CONTAINED:
        found[a].append(Kinship("also published as", b, min(a_in_b, b_in_a)))
        found[b].append(Kinship("also published as", a, min(a_in_b, b_in_a)))
    elif a_in_b >= CONTAINED:  # a is (mostly) inside b: a summarises b
        found[a].append(Kinship("summarises", b, a_in_b))
        found[b].append(Kinship("summarised in", a, a_in_b))
    elif b_in_a >= CONTAINED:
        found[b].append(Kinship("summarises", a, b_in_a))
        found[a].append(Kinship("summarised in", b, b_in_a))


class Relatedness:
    """Related sources share the most countries and themes, and are close in time.

    A score counts shared countries and themes, and nothing about the rest of the
    corpus, so a new source changes another's list only when it belongs in it (or
    leaves a time window, below): pages do not reshuffle each time sources land.
    Built once per briefing: each term lists its sources by date, and a source
    looks only at the RELATED_WINDOW sources nearest in time under each of its
    terms, so the cost grows with N, not N squared.
    """

    def __init__(self, briefing: Briefing, window: int = RELATED_WINDOW) -> None:
        self.briefing = briefing
        self.window = window
        by_term: dict[str, list[tuple[tuple, str]]] = defaultdict(list)
        for source in briefing.sources:
            for slug in set(source.countries + source.themes):
                by_term[slug].append((when_of(source), source.id))
        self.by_term = {slug: sorted(items) for slug, items in by_term.items()}
        self.days = {source.id: _day(source) for source in briefing.sources}

    def related(
        self, source: Source, exclude: frozenset[str] = frozenset(), limit: int = RELATED_COUNT
    ) -> tuple[Source, ...]:
        skip = {source.id, source.listing_id, *source.item_ids, *exclude}
        shared: Counter[str] = Counter()
        when = when_of(source)
        for slug in set(source.countries + source.themes):
            items = self.by_term[slug]
            middle = bisect.bisect_left(items, (when, source.id))
            shared.update(other for _, other in items[max(0, middle - self.window) : middle + self.window])
        for other in skip & shared.keys():
            del shared[other]
        mine, days = _day(source), self.days
        ranked = heapq.nsmallest(
            limit,
            shared,
            key=lambda other: (
                -shared[other],
                UNDATED_DISTANCE if mine is None or (day := days[other]) is None else abs(mine - day),
                other,
            ),
        )
        return tuple(self.briefing.source_by_id[other] for other in ranked)


def when_of(source: Source) -> tuple[int, int, int]:
    return source.date.earliest_day() if source.date else (0, 0, 0)


def _day(source: Source) -> int | None:
    """The source's date as a day number, its first possible day when only the year or month is known."""
    return datetime.date(*source.date.earliest_day()).toordinal() if source.date else None


def related_sources(
    briefing: Briefing, source: Source, exclude: frozenset[str] = frozenset(), limit: int = RELATED_COUNT
) -> tuple[Source, ...]:
    """Related sources of one source (see Relatedness, which pages use to do this for all)."""
    return Relatedness(briefing).related(source, exclude, limit)
