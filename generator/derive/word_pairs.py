"""Each source's word pairs, the costliest part of finding near-duplicates (derive/analysis.py kinships), kept
between runs by the digest of the text they were read from.

When a seed lands, the near-duplicates of every source must be found again (a new text can copy any older one),
but the word pairs of the older texts are the same: they are taken from what the last run stored instead of being
read out of every text again. The stored form is plain data: a JSON header, one line, that gives each text's
digest the place of its pairs in what follows, an array of unsigned 64-bit integers (little-endian), each text's
pairs sorted. The pipeline reads and writes it; this stage only turns it into pairs and back.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import sys
import zlib
from array import array
from collections.abc import Iterator

from generator.model.entities import Source

WORD = re.compile(r"\w+")
PAIR_TYPE = "Q"  # unsigned, 64 bits: two 32-bit word hashes side by side


def text_digest(source: Source) -> str:
    """What a source's word pairs are read from, as a digest."""
    text = "\n".join(p.text for p in source.paragraphs)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def read_pairs(source: Source, word_ids: dict[str, int]) -> array:
    """The source's word pairs, sorted, each as one integer made of two stable word hashes (crc32)."""
    words = WORD.findall(" ".join(p.text for p in source.paragraphs).casefold())
    codes = [word_ids.get(w) or word_ids.setdefault(w, zlib.crc32(w.encode())) for w in words]
    return array(PAIR_TYPE, sorted({(a << 32) | b for a, b in itertools.pairwise(codes)}))


class WordPairs:
    """Word pairs by text digest: those the last run stored (stored_form), and those read in this run."""

    def __init__(self, stored: bytes = b"", code: str = "") -> None:
        self.code = code
        self._view = memoryview(stored)
        self._places: dict[str, list[int]] = _places(stored, code)
        self._read: dict[str, array] = {}
        self._word_ids: dict[str, int] = {}
        self.used: set[str] = set()

    def of(self, source: Source, digest: str | None = None) -> array:
        """The source's sorted word pairs; digest is its text_digest, if already known."""
        digest = digest or text_digest(source)
        self.used.add(digest)
        if digest in self._places:
            pairs = self._stored_pairs(digest)
            if sys.byteorder == "big":
                pairs.byteswap()
            return pairs
        found = self._read.get(digest)
        if found is None:
            found = self._read[digest] = read_pairs(source, self._word_ids)
        return found

    @property
    def changed(self) -> bool:
        """Whether the stored form would differ from what was stored: texts read anew, or stored ones unused."""
        return set(self._known()) != self._places.keys()

    def _known(self) -> list[str]:
        """The digests of the texts in use whose pairs are at hand, in order."""
        return sorted(d for d in self.used if d in self._read or d in self._places)

    def stored_form(self) -> bytes:
        """The pairs of the texts used in this run, for the next one (see the module's docstring)."""
        return b"".join(self.stored_parts())

    def stored_parts(self) -> Iterator[bytes]:
        """stored_form in parts, to be written one after another: joined, they would be held twice."""
        places: dict[str, list[int]] = {}
        arrays: list[array] = []
        offset = 0
        for digest in self._known():
            pairs = self._read.get(digest)
            if pairs is None:
                pairs = self._stored_pairs(digest)  # little-endian as stored: written back as it is
            elif sys.byteorder == "big":
                pairs = array(PAIR_TYPE, pairs)
                pairs.byteswap()
            places[digest] = [offset, len(pairs)]
            offset += len(pairs) * pairs.itemsize
            arrays.append(pairs)
        yield json.dumps({"code": self.code, "places": places}, separators=(",", ":")).encode() + b"\n"
        yield from (pairs.tobytes() for pairs in arrays)

    def let_go(self) -> None:
        """Forget every text's pairs, once near-duplicates are found and the pairs stored (or found unchanged):
        a new briefing's are all read in one run (69 MB at 10,000 sources)."""
        self._read.clear()
        self._places.clear()
        self._view = memoryview(b"")

    def _stored_pairs(self, digest: str) -> array:
        start, count = self._places[digest]
        pairs = array(PAIR_TYPE)
        pairs.frombytes(self._view[start : start + count * pairs.itemsize])
        return pairs


def _places(stored: bytes, code: str) -> dict[str, list[int]]:
    """Where each text's pairs lie in stored, counted from its header's end; nothing if another code wrote it."""
    end = stored.find(b"\n")
    if end < 0:
        return {}
    try:
        header = json.loads(stored[:end])
    except ValueError:
        return {}
    if not isinstance(header, dict) or header.get("code") != code or not isinstance(header.get("places"), dict):
        return {}
    body = len(stored) - end - 1
    size = array(PAIR_TYPE).itemsize
    places = {}
    for digest, place in header["places"].items():
        if not (isinstance(place, list) and len(place) == 2 and all(isinstance(n, int) and n >= 0 for n in place)):
            return {}
        if place[0] + place[1] * size > body:
            return {}  # cut short: read every text again rather than trust it
        places[digest] = [end + 1 + place[0], place[1]]
    return places
