"""Which fields of a source hold detection's guesses rather than an editor's word, and the title shown while none
is known: shared by the pages of unreviewed seeds and the drafts written for editors."""

from __future__ import annotations

from generator.model.detect import Detection

DETECTED_FIELDS = ("title", "publisher", "author", "date", "countries", "themes")  # what detection guesses

TITLE_WORDS = 8


def placeholder_title(first_paragraph: str) -> str:
    """The first words of the text, for a seed whose title was not found (marked as guessed on its page)."""
    words = first_paragraph.split()
    return " ".join(words[:TITLE_WORDS]) + ("…" if len(words) > TITLE_WORDS else "")


def detected_fields(detection: Detection) -> tuple[str, ...]:
    """The fields that hold a guess of detection's (the title always: one found, or the first words)."""

    def guessed(field: str) -> bool:
        if field in ("countries", "themes"):
            return bool(detection.accepted(field))
        return field == "title" or getattr(detection, field) is not None

    return tuple(field for field in DETECTED_FIELDS if guessed(field))
