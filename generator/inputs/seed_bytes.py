"""A seed's bytes to text: decoded strictly, with one line ending, one Unicode form and plain spaces.

Shared by text seeds (generator/inputs/reader.py) and scraped pages (generator/inputs/html_reader.py), so that a quote
matches the same text however the seed arrived. A seed that cannot be read is a SeedDecodeError that says
where and what to do; the file is never changed.
"""

from __future__ import annotations

import re
import unicodedata

MAX_SEED_BYTES = 2_000_000


class SeedDecodeError(ValueError):
    """The bytes of a seed cannot be read as text; says where and what to do."""

    def __init__(self, message: str, hint: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.offset = offset


UNWANTED_CHARS = dict.fromkeys(map(ord, "\u200b\u200c\u2060\ufeff\u00ad"), None)
# Printable ASCII never needs cleaning; everything else is looked at one character at a time.
ODD_CHARACTER = re.compile(r"[^\n\x20-\x7e]")


def decode_seed(data: bytes, encoding: str | None = None) -> str:
    """Bytes to text: UTF-8 (BOM tolerated) unless the metadata names an encoding."""
    if not data.strip():
        raise SeedDecodeError("the seed is empty", "add the article text, or delete the file")
    if len(data) > MAX_SEED_BYTES:
        raise SeedDecodeError(
            f"the seed is {len(data):,} bytes, over the limit of {MAX_SEED_BYTES:,}", "trim it to the article text"
        )
    if b"\x00" in data[:8192]:
        raise SeedDecodeError(
            "the seed looks binary (it contains NUL bytes)",
            "save the article as plain text (.txt), or the web page as HTML (.html)",
        )
    try:
        return data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as error:
        raise SeedDecodeError(
            f"the seed is not valid {encoding or 'UTF-8'}: byte 0x{data[error.start]:02x} at byte offset {error.start}",
            "convert it to UTF-8 (iconv -f cp1251 -t utf-8), or set encoding: cp1251 (or its real encoding) in its"
            " metadata",
            error.start,
        ) from None
    except (LookupError, UnicodeError) as error:  # no such codec, not a text codec, or one like 'undefined'
        raise SeedDecodeError(
            f"cannot decode the seed with the encoding {encoding!r}: {error}",
            "write a codec name such as utf-8 or cp1251 as encoding:, or remove the line",
        ) from None


def normalise_text(text: str) -> str:
    """Unify line endings, Unicode form and spaces so quotes match reliably."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).translate(UNWANTED_CHARS)
    return ODD_CHARACTER.sub(_clean_char, text)


def _clean_char(match: re.Match[str]) -> str:
    """Spaces of every kind become a plain space; control and unassigned characters go."""
    char = match.group()
    category = unicodedata.category(char)
    if char == "\t" or category == "Zs":
        return " "
    return "" if category in ("Cc", "Cf", "Cs", "Co", "Cn") else char


def collapse_spaces(text: str) -> str:
    return " ".join(text.split())
