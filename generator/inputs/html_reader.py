"""Read a seed that is a scraped HTML page: the article's paragraphs and what the page says about itself.

trafilatura finds the article among the page's furniture (menus, cookie banners,
share bars, related links, comments); the lines it keeps then pass through the
text seeds' own furniture filter (reader.strip_furniture), so that a text seed
and an HTML seed lose the same lines. Headings stay paragraphs of their own,
marked as headings; a table row is one paragraph, its cells joined by " | ".

The page is untrusted input. It is parsed, never run: only text leaves this
module, so nothing of a script, an event handler or a meta refresh reaches the
site, whose renderer escapes text anyway. A page nested deeper than the parser
reads is refused, not cut short in silence, and a charset the page declares is
believed only when the bytes are not UTF-8 already. The file is never changed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import TypedDict

import charset_normalizer
import lxml.html
import trafilatura
from lxml.etree import ParserError, _Element, strip_elements
from lxml.html import HtmlElement
from trafilatura.deduplication import LRUCache

from generator.inputs.html_meta import page_meta
from generator.inputs.reader import strip_furniture
from generator.inputs.seed_bytes import SeedDecodeError, collapse_spaces, decode_seed, normalise_text
from generator.inputs.seed_text import Paragraph, RemovedLine, SeedText


class _Extraction(TypedDict):
    """Keyword arguments of trafilatura.bare_extraction, typed so that they can be passed as **EXTRACTION."""

    fast: bool
    favor_precision: bool
    include_comments: bool
    include_tables: bool
    include_images: bool
    include_links: bool
    include_formatting: bool


EXTRACTION: _Extraction = {
    "fast": True,
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
}
REPEATS_REMEMBERED = 4096  # distinct text segments one page's deduplication keeps count of
MAX_NESTING = 255  # libxml2 stops reading a page at 256 levels and drops the rest
# trafilatura's time grows with a page's elements, and faster than their square with the elements inside its
# paragraphs (links, emphasis: one paragraph of 25,000 links takes minutes). Real article pages stay far below
# these limits, under which a page takes at most about 3 s.
MAX_ELEMENTS = 30_000
MAX_IN_PARAGRAPH = 500
MAX_IN_PARAGRAPHS = 10_000
DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")
STRUCTURE = {"p", "head", "list", "item", "quote", "table", "code", "div"}  # trafilatura's block elements
NEVER_TEXT = ("script", "style", "template", "iframe", "frame", "object", "embed", "svg", "math", "canvas")  # a
# browser shows none of what these hold as text (a template is inert, a frame's content is another page)
LINE_KEY_CHARS = 32
NOT_AN_ARTICLE = "save the article's text as a .txt seed instead"


@dataclass(frozen=True)
class Block:
    """One line the extractor kept: a paragraph, a heading or a table row."""

    text: str
    heading: bool = False
    table_row: bool = False


def read_html_seed(data: bytes, encoding: str | None = None) -> SeedText:
    """Bytes of a scraped page to the article's clean paragraphs and the page's metadata."""
    tree = parse_html(decode_html(data, encoding), data)
    meta = page_meta(tree)
    blocks = extracted_blocks(tree)
    if not blocks:
        raise SeedDecodeError("no article text was found in the page", NOT_AN_ARTICLE)
    where = _SourceLines(tree).lines_of(blocks)
    lines, attribution, removed = _without_furniture(blocks, meta.title, meta.publisher)
    kept = [index for index, text in enumerate(lines) if text]
    paragraphs = tuple(
        Paragraph(number, lines[index], where[index], blocks[index].heading)
        for number, index in enumerate(kept, start=1)
    )
    set_aside = tuple(RemovedLine(where[r.line - 1], r.text, r.reason) for r in sorted(removed, key=lambda r: r.line))
    return SeedText(paragraphs, meta.title, meta.published, attribution, set_aside, meta)  # set_aside: in page order


def _without_furniture(
    blocks: list[Block], title: str | None, publisher: str | None
) -> tuple[list[str], tuple[str, ...], list[RemovedLine]]:
    """The blocks' lines, blank where the title, the site's name or the text seeds' furniture was; the
    attribution found; and what was removed (RemovedLine.line: the block's index plus one)."""
    lines = [block.text for block in blocks]
    removed = _take_title(lines, title, publisher)
    rows = {index: lines[index] for index, block in enumerate(blocks) if block.table_row}
    for index in rows:
        lines[index] = ""  # data, not furniture: a row of four short cells is no navigation menu
    attribution, furniture = strip_furniture(lines)
    return [rows.get(index, line) for index, line in enumerate(lines)], attribution, removed + furniture


def decode_html(data: bytes, encoding: str | None = None) -> str:
    """Bytes to text: the encoding the metadata names; else UTF-8 when the bytes are UTF-8, whatever the page
    claims; else the charset the page declares, if its bytes decode with it; else the likeliest guess."""
    if encoding is None:
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError:
            encoding = _declared_charset(data) or _guessed_charset(data)
    return decode_seed(data, encoding)


def _declared_charset(data: bytes) -> str | None:
    match = DECLARED_CHARSET.search(data[:16_384])
    if not match:
        return None
    name = match.group(1).decode("ascii")
    try:
        codecs.lookup(name).decode(data)
    except (LookupError, ValueError, TypeError):  # unknown, not a text codec, or the bytes are not in it
        return None
    return name


def _guessed_charset(data: bytes) -> str | None:
    best = charset_normalizer.from_bytes(data).best()
    return best.encoding if best else None


def parse_html(text: str, data: bytes) -> HtmlElement:
    """The page's tree; a page nested deeper than the parser reads is refused, naming where."""
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, collect_ids=False)
    try:
        tree = lxml.html.document_fromstring(XML_DECLARATION.sub("", text, count=1), parser=parser)
    except (ParserError, ValueError):
        raise SeedDecodeError("the page holds no HTML to read", NOT_AN_ARTICLE) from None
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT":
            raise SeedDecodeError(
                f"the page nests its elements more than {MAX_NESTING} deep; what lies deeper cannot be read",
                f"remove the wrapping elements, or {NOT_AN_ARTICLE}",
                _byte_offset(data, entry.line, entry.column),
            )
    _check_size(tree, data)
    return tree


def _check_size(tree: HtmlElement, data: bytes) -> None:
    """Refuse a page too big to extract in seconds, naming the element where it goes over."""
    count = in_paragraphs = 0
    for element in tree.iter():
        count += 1
        inside = sum(1 for _ in element.iterdescendants()) if element.tag == "p" else 0
        in_paragraphs += inside
        if count > MAX_ELEMENTS:
            problem = f"the page has more than {MAX_ELEMENTS:,} elements"
        elif inside > MAX_IN_PARAGRAPH:
            problem = (
                f"a paragraph here holds {inside:,} elements (links, emphasis), over the limit of {MAX_IN_PARAGRAPH}"
            )
        elif in_paragraphs > MAX_IN_PARAGRAPHS:
            problem = f"the page's paragraphs hold more than {MAX_IN_PARAGRAPHS:,} elements (links, emphasis)"
        else:
            continue
        raise SeedDecodeError(
            f"{problem}: too many to extract the article from in reasonable time",
            NOT_AN_ARTICLE,
            _byte_offset(data, element.sourceline or 1, 1),
        )


def _byte_offset(data: bytes, line: int, column: int) -> int:
    start = 0
    for _ in range(max(0, line - 1)):
        start = data.find(b"\n", start) + 1
        if start == 0:
            return 0
    end = data.find(b"\n", start)
    return min(start + max(0, column - 1), end if end >= 0 else len(data))


def extracted_blocks(tree: HtmlElement) -> list[Block]:
    """The article as trafilatura finds it, one Block per paragraph, heading or table row."""
    strip_elements(tree, *NEVER_TEXT, with_tail=False)
    try:
        # A page's own repeats are dropped, counted for this page alone: trafilatura's default counter is shared by
        # the whole process, so a paragraph read in an earlier seed (or in this one, read again) would vanish.
        dedup = LRUCache(maxsize=REPEATS_REMEMBERED)
        document = trafilatura.bare_extraction(tree, output_format="python", deduplicate=dedup, **EXTRACTION)
    except RecursionError:
        raise SeedDecodeError("the page is too deeply nested to extract the article from", NOT_AN_ARTICLE) from None
    assert not isinstance(document, dict)  # as_dict is left False: a Document, or None
    if document is None or document.body is None:
        return []
    blocks = (Block(_clean(block.text), block.heading, block.table_row) for block in _blocks(document.body))
    return [block for block in blocks if block.text]


def _blocks(element: _Element) -> list[Block]:
    if element.tag == "table":
        return [
            Block(" | ".join(filter(None, (_clean(_text(cell)) for cell in row.iter("cell")))), table_row=True)
            for row in element.iter("row")
        ]
    if element.tag != "head" and any(child.tag in STRUCTURE for child in element):
        found = [Block(element.text)] if (element.text or "").strip() else []
        for child in element:
            found += _blocks(child)
            if (child.tail or "").strip():
                found.append(Block(child.tail))
        return found
    return [Block(line, heading=element.tag == "head") for line in _text(element).split("\n")]


def _text(element: _Element) -> str:
    """The element's text, a line break where the page had <br>."""
    for line_break in element.iter("lb"):
        line_break.tail = "\n" + (line_break.tail or "")
    return "".join(element.itertext())


def _clean(text: str) -> str:
    return collapse_spaces(normalise_text(text))


def _key(text: str) -> str:
    return text.casefold()


def _take_title(lines: list[str], title: str | None, publisher: str | None) -> list[RemovedLine]:
    """The headline, and the site's name, when the extractor kept them among the article's lines."""
    wanted = {_key(title): "title"} if title else {}
    if publisher:
        wanted[_key(publisher)] = "site name"
    removed = []
    for index, line in enumerate(lines):
        reason = wanted.get(_key(line))
        if reason:
            removed.append(RemovedLine(index + 1, line, reason))
            lines[index] = ""
    return removed


class _SourceLines:
    """Where in the page's source a line of extracted text starts, for messages and teasers.

    Keyed by the first characters of each element's own text; a line whose element is not found (one that
    starts inside a link, say) is given the line of the one before it."""

    def __init__(self, tree: HtmlElement) -> None:
        self.starts: dict[str, int] = {}
        body = tree.find("body")
        for element in (body if body is not None else tree).iter():  # not <head>: its <title> is no paragraph
            text = (element.text or "").lstrip()[: LINE_KEY_CHARS * 4]  # enough for a key, however long the text
            if isinstance(element.tag, str) and text:
                self.starts.setdefault(_clean(text)[:LINE_KEY_CHARS], element.sourceline or 1)
        self.last = 1

    def lines_of(self, blocks: list[Block]) -> list[int]:
        return [self._find(block.text.split(" | ")[0] if block.table_row else block.text) for block in blocks]

    def _find(self, text: str) -> int:
        self.last = self.starts.get(text[:LINE_KEY_CHARS], self.last)
        return self.last
