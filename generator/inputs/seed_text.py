"""A seed as read: its numbered paragraphs, what was set aside, what the page says about itself; and its plain-data
form for the parse cache. The types only, so that the modules that use a read seed do not load the readers
(generator/inputs/reader.py, generator/inputs/html_reader.py), whose patterns take a tenth of a second to compile."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, overload

from generator.inputs.page_meta import PageMeta


@dataclass(frozen=True, slots=True)
class Paragraph:
    number: int  # 1-based; the anchor on the source page is p<number>
    text: str
    line: int  # line in the seed file where the paragraph starts
    heading: bool = False


class StoredTexts(Protocol):
    def get(self, key: str) -> str | None: ...


class StoredParagraphs(Sequence[Paragraph]):
    """A seed's paragraphs left in the parse cache's files (common/json_store.py TextsOnDisk) and read from there
    each time they are asked for: a big briefing's paragraph texts are most of its model (about 0.9 GB at 100,000
    sources), yet after the model is built only a source's own page and new texts' word pairs read them.

    Equal to any sequence of the same paragraphs; its repr names the parse cache's key (the seed's bytes and how
    they were read), so that digesting a source does not read its text. Pickled as the tuple it reads as."""

    __slots__ = ("_key", "_length", "_texts")

    def __init__(self, texts: StoredTexts, key: str, length: int) -> None:
        self._texts, self._key, self._length = texts, key, length

    def read(self) -> tuple[Paragraph, ...]:
        stored = self._texts.get(self._key)
        if stored is None:
            raise LookupError(f"the parse cache no longer holds {self._key}")
        # the entry's rest (parse_cache.Parted): what follows its first tab
        return tuple(Paragraph(*p) for p in json.loads(stored.partition("\t")[2]))

    def __len__(self) -> int:
        return self._length

    def rehome(self, other: StoredParagraphs) -> None:
        """Read from now on where other is read, if it holds the same text: a preview keeps sources from one
        generation to the next, and the last generation's parse cache files are let go of only once none reads
        from them."""
        if other._key == self._key:
            self._texts = other._texts

    @overload
    def __getitem__(self, index: int) -> Paragraph: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Paragraph, ...]: ...
    def __getitem__(self, index: int | slice) -> Paragraph | tuple[Paragraph, ...]:
        return self.read()[index]

    def __iter__(self) -> Iterator[Paragraph]:
        return iter(self.read())

    # Sequence's own versions of these ask for one item at a time, and each item reads the whole text
    def __reversed__(self) -> Iterator[Paragraph]:
        return reversed(self.read())

    def __contains__(self, value: object) -> bool:
        return value in self.read()

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        return self.read().index(value, start, self._length if stop is None else stop)

    def count(self, value: Any) -> int:
        return self.read().count(value)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, StoredParagraphs) and other._key == self._key:
            return True
        if not isinstance(other, (StoredParagraphs, tuple)):
            return NotImplemented
        return len(other) == self._length and self.read() == tuple(other)

    def __hash__(self) -> int:
        return hash(self.read())

    def __repr__(self) -> str:
        return f"StoredParagraphs({self._key!r}, {self._length})"

    def __reduce__(self) -> tuple[Any, ...]:
        return tuple, (self.read(),)


@dataclass(frozen=True, slots=True)
class RemovedLine:
    line: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class SeedText:
    """A seed after cleaning: what the site shows, and what was taken out."""

    paragraphs: tuple[Paragraph, ...]
    title: str | None
    date: str | None
    attribution: tuple[str, ...]
    removed: tuple[RemovedLine, ...]
    meta: PageMeta = field(
        default_factory=PageMeta
    )  # what the page says about itself (see generator/inputs/page_meta.py)


def seed_text_to_json(text: SeedText) -> dict[str, Any]:
    """A plain-data form of a clean seed, for the parse cache."""
    return {
        "paragraphs": [[p.number, p.text, p.line, p.heading] for p in text.paragraphs],
        "title": text.title,
        "date": text.date,
        "attribution": list(text.attribution),
        "removed": [[r.line, r.text, r.reason] for r in text.removed],
        "meta": text.meta.to_json(),
    }


def seed_text_from_json(data: dict[str, Any], paragraphs: Sequence[Paragraph] | None = None) -> SeedText:
    """The seed seed_text_to_json gave data for; with paragraphs, those instead of the paragraphs in data."""
    return SeedText(
        tuple(Paragraph(*p) for p in data["paragraphs"]) if paragraphs is None else paragraphs,  # type: ignore[arg-type]
        data["title"],
        data["date"],
        tuple(data["attribution"]),
        tuple(RemovedLine(*r) for r in data["removed"]),
        PageMeta.from_json(data.get("meta")),
    )
