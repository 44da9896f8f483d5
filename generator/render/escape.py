"""Make untrusted text inert in Markdown and HTML.

Seed text and metadata are data. Every character that Markdown, HTML, or the
Markdown extensions we enable could read as syntax is written as a numeric
character reference, so the text renders literally and can never become a tag,
a link, an include, an emphasis or a heading. Letters, digits, spaces and
harmless punctuation stay as they are, so the Markdown stays readable. Text is
folded onto one line, and punctuation that only means something at the start of
a line (a hyphen, "1.") is escaped there too, so no template can turn it into a
list or a rule.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from markupsafe import Markup

INERT = set(",.;?/-’‘“”–—…")
LINE_START_SYNTAX = re.compile(r"^(-|\d+[.)])")
SAFE_URL_SCHEMES = ("http", "https")


def _reference(char: str) -> str:
    return f"&#{ord(char)};"


_TABLE = {
    code: _reference(chr(code)) for code in range(0x21, 0x7F) if not chr(code).isalnum() and chr(code) not in INERT
}


def inline(text: str) -> Markup:
    """Text safe inside a Markdown paragraph, heading, list item, table cell or HTML element."""
    return _at_line_start(fragment(_folded(text)))


def _folded(text: str) -> str:
    """Text on one line, each run of spaces and line breaks one space."""
    return " ".join(str(text).split())


def _at_line_start(markup: str) -> Markup:
    """Escaped text with what would start a list where a line starts ("-", "1.") escaped too."""
    return Markup(LINE_START_SYNTAX.sub(lambda m: "".join(map(_reference, m.group())), markup))


def fragment(text: str) -> Markup:
    """A piece of text inside an HTML element, spaces kept as they are (never at a line start)."""
    return Markup(str(text).translate(_TABLE))


def attribute(text: str) -> Markup:
    """Text safe inside a double-quoted HTML attribute."""
    return inline(text)


def url(address: str | None) -> Markup | None:
    """An external link target, or None when it is not a plain web address."""
    if not address:
        return None
    address = address.strip()
    try:
        parts = urlsplit(address)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_URL_SCHEMES or not parts.netloc:
        return None
    return Markup(quote(address, safe=":/?#[]@!$&'*+,;=%-._~").replace("'", "%27").replace("*", "%2A"))


WEB_ADDRESS = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_AFTER_AN_ADDRESS = ".,;:!?'"  # punctuation that ends the sentence an address is in, not the address


def linked(text: str) -> Markup:
    """inline(text), with each plain web address in it a link to itself: editors' notes cite outside reporting
    by its address, which readers expect to follow. Anything else in the text stays inert."""
    folded = _folded(text)
    pieces: list[str] = []
    done = 0
    for found in WEB_ADDRESS.finditer(folded):
        address = _address_alone(found.group())
        target = url(address)
        if target is None:
            continue
        pieces += [fragment(folded[done : found.start()]), f"[{fragment(address)}]({target})"]
        done = found.start() + len(address)
    pieces.append(fragment(folded[done:]))
    return _at_line_start("".join(pieces))


def _address_alone(found: str) -> str:
    """An address without the punctuation after it: a full stop, or the parenthesis it was written in."""
    while found and (found[-1] in _AFTER_AN_ADDRESS or (found[-1] == ")" and found.count(")") > found.count("("))):
        found = found[:-1]
    return found


def slug_anchor(text: str) -> str:
    """A fragment id from an internal slug (slugs are already checked)."""
    return re.sub(r"[^a-z0-9-]", "-", text.lower())
