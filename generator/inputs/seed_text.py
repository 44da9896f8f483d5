"""A seed as read: its numbered paragraphs, what was set aside, what the page says about itself; and its plain-data
form for the parse cache. The types only, so that the modules that use a read seed do not load the readers
(generator/inputs/reader.py, generator/inputs/html_reader.py), whose patterns take a tenth of a second to compile."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.inputs.page_meta import PageMeta


@dataclass(frozen=True, slots=True)
class Paragraph:
    number: int  # 1-based; the anchor on the source page is p<number>
    text: str
    line: int  # line in the seed file where the paragraph starts
    heading: bool = False


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


def seed_text_from_json(data: dict[str, Any]) -> SeedText:
    return SeedText(
        tuple(Paragraph(*p) for p in data["paragraphs"]),
        data["title"],
        data["date"],
        tuple(data["attribution"]),
        tuple(RemovedLine(*r) for r in data["removed"]),
        PageMeta.from_json(data.get("meta")),
    )
