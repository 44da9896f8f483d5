"""Each source's word pairs, the costliest part of finding near-duplicates (derive/analysis.py kinships), kept
between runs by the digest of the text they were read from.

When a seed lands, the near-duplicates of every source must be found again (a new text can copy any older one), but
the word pairs of the older texts are the same: they are taken from what the last run stored instead of being read
out of every text again. The stored form is plain data, one or more segments: a JSON header, one line, that gives
each text's digest the place of its pairs in what follows, an array of unsigned 64-bit integers (little-endian),
each text's pairs sorted. A run that reads new texts adds a segment of theirs at the end (saving). The pipeline
opens and writes it; this stage only turns it into pairs and back.

Pairs are not held in memory (3.4 KB a text, 340 MB at 100,000 sources): the stored ones are read where they lie,
and those read out of a text in this run go to an unnamed scratch file, in the stored form, and are read back
from it when asked for again.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import re
import sys
import tempfile
import zlib
from array import array
from collections.abc import Iterator
from typing import BinaryIO

from generator.common.atomic_file import worth_appending
from generator.inputs.seed_text import StoredParagraphs
from generator.model.entities import Source

WORD = re.compile(r"\w+")
PAIR_TYPE = "Q"  # unsigned, 64 bits: two 32-bit word hashes side by side
PAIR_SIZE = array(PAIR_TYPE).itemsize
Place = tuple[BinaryIO, int, int]  # the file, the offset of the first pair, the number of pairs


def text_digest(source: Source) -> str:
    """What a source's word pairs are read from, as a digest; for paragraphs left on disk, of the parse cache's key
    that names them (not read for it: every source's digest is taken on every run)."""
    if isinstance(source.paragraphs, StoredParagraphs):
        return hashlib.sha256(repr(source.paragraphs).encode("utf-8")).hexdigest()[:32]
    text = "\n".join(p.text for p in source.paragraphs)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def read_pairs(source: Source, word_ids: dict[str, int]) -> array:
    """The source's word pairs, sorted, each as one integer made of two stable word hashes (crc32)."""
    words = WORD.findall(" ".join(p.text for p in source.paragraphs).casefold())
    codes = [word_ids.get(w) or word_ids.setdefault(w, zlib.crc32(w.encode())) for w in words]
    return array(PAIR_TYPE, sorted({(a << 32) | b for a, b in itertools.pairwise(codes)}))


class WordPairs:
    """Word pairs by text digest: those the last run stored (stored_form), and those read in this run.

    stored: the last run's stored form, as an open file (the pipeline's) or as bytes.
    """

    def __init__(self, stored: BinaryIO | bytes = b"", code: str = "") -> None:
        self.code = code
        self._stored = io.BytesIO(stored) if isinstance(stored, bytes) else stored
        self._places: dict[str, Place] = _places(self._stored, code)
        self._last_run = frozenset(self._places)
        self._scratch: BinaryIO | None = None
        self._word_ids: dict[str, int] = {}
        self.used: set[str] = set()

    def of(self, source: Source, digest: str | None = None) -> array:
        """The source's sorted word pairs; digest is its text_digest, if already known."""
        digest = digest or text_digest(source)
        self.used.add(digest)
        if digest in self._places:
            return _native(_read(*self._places[digest]))
        pairs = read_pairs(source, self._word_ids)
        self._places[digest] = self._set_aside(pairs)
        return pairs

    @property
    def changed(self) -> bool:
        """Whether the stored form would differ from what was stored: texts read anew, or stored ones unused."""
        return set(self._known()) != self._last_run

    def _known(self) -> list[str]:
        """The digests of the texts in use whose pairs are at hand, in order."""
        return sorted(d for d in self.used if d in self._places)

    def stored_form(self) -> bytes:
        """The pairs of the texts used in this run, for the next one (see the module's docstring)."""
        return b"".join(self.stored_parts())

    def stored_parts(self) -> Iterator[bytes]:
        """stored_form in parts, each text's pairs read only when it is its turn to be written."""
        return self._segment(self._known())

    def saving(self) -> tuple[str, Iterator[bytes]] | None:
        """How to keep this run's pairs for the next, if they changed: ("append", a segment of the texts read in
        this run) while fewer than a quarter of the stored texts go unused (at 100,000 sources the store is
        690 MB, and a few seeds landing add a few texts), else ("write", stored_parts())."""
        if not self.changed:
            return None
        known = set(self._known())
        if worth_appending(self._last_run, known):
            return "append", self._segment(sorted(known - self._last_run))
        return "write", self.stored_parts()

    def _segment(self, digests: list[str]) -> Iterator[bytes]:
        """A header line saying where each text's pairs lie after it, then the pairs."""
        places, offset = {}, 0
        for digest in digests:
            count = self._places[digest][2]
            places[digest] = [offset, count]
            offset += count * PAIR_SIZE
        yield json.dumps({"code": self.code, "places": places}, separators=(",", ":")).encode() + b"\n"
        yield from (_read(*self._places[digest]) for digest in digests)

    def let_go(self) -> None:
        """Forget every text's pairs and close the files they lie in, once near-duplicates are found and the pairs
        stored (or found unchanged)."""
        for file in (self._stored, self._scratch):
            if file is not None:
                file.close()
        self._places, self._scratch = {}, None
        self._word_ids.clear()

    def _set_aside(self, pairs: array) -> Place:
        if self._scratch is None:
            self._scratch = tempfile.TemporaryFile()  # noqa: SIM115 (closed by let_go(), or with us)
        start = self._scratch.seek(0, io.SEEK_END)
        self._scratch.write(_little_endian(pairs))
        return self._scratch, start, len(pairs)


def _read(file: BinaryIO, start: int, count: int) -> bytes:
    """count pairs at start, as stored (little-endian)."""
    file.seek(start)
    return file.read(count * PAIR_SIZE)


def _native(data: bytes) -> array:
    pairs = array(PAIR_TYPE)
    pairs.frombytes(data)
    if sys.byteorder == "big":
        pairs.byteswap()
    return pairs


def _little_endian(pairs: array) -> bytes:
    if sys.byteorder == "big":
        pairs = array(PAIR_TYPE, pairs)
        pairs.byteswap()
    return pairs.tobytes()


def _places(stored: BinaryIO, code: str) -> dict[str, Place]:
    """Where each text's pairs lie in stored, segment after segment; nothing if another code wrote it, or if it
    was cut short."""
    places: dict[str, Place] = {}
    try:
        end = stored.seek(0, io.SEEK_END)
        start = stored.seek(0)
        while start < end:
            header_line = stored.readline()
            segment = _segment_places(header_line, code)
            if segment is None:
                return {}
            body = start + len(header_line)
            size = max((offset + count * PAIR_SIZE for offset, count in segment.values()), default=0)
            if body + size > end:
                return {}  # cut short: read every text again rather than trust it
            places.update({digest: (stored, body + offset, count) for digest, (offset, count) in segment.items()})
            start = stored.seek(body + size)
    except OSError:
        return {}
    return places


def _segment_places(header_line: bytes, code: str) -> dict[str, tuple[int, int]] | None:
    """A segment's places (offset after its header line, count) as its header gives them; None if it is not ours."""
    try:
        header = json.loads(header_line) if header_line.endswith(b"\n") else None
    except ValueError:
        return None
    if not isinstance(header, dict) or header.get("code") != code or not isinstance(header.get("places"), dict):
        return None
    found = {}
    for digest, place in header["places"].items():
        if not (isinstance(place, list) and len(place) == 2 and all(type(n) is int and n >= 0 for n in place)):
            return None
        found[digest] = (place[0], place[1])
    return found
