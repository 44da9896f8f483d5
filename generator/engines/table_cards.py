"""A Python-Markdown extension that lets every table of three or more columns fold into cards on a phone.

Each body cell gets its column's heading as data-label, and the table data-cards,
so that the site's stylesheet (briefing.css) can show each row as a card on a
narrow screen, every value named by its column, instead of a table wider than the
screen. The table keeps no class of its own: the theme styles only tables without
one. Both engines load it by name from mkdocs.yml (markdown_extensions:
generator.engines.table_cards).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# Python-Markdown's placeholder for raw HTML kept aside while it parses (a badge in a heading, say).
STASHED = re.compile("\x02wzxhzdk:\\d+\x03")
# A two-column table (a label and its value) reads on a phone as it is; wider ones become cards.
MIN_COLUMNS = 3


class TableCards(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            headings = [_text_of(cell) for cell in table.iterfind("thead/tr/th")]
            if len(headings) < MIN_COLUMNS:
                continue
            table.set("data-cards", "")
            for row in table.iterfind("tbody/tr"):
                for cell, heading in zip(row.iterfind("td"), headings, strict=False):
                    if heading:
                        cell.set("data-label", heading)


def _text_of(cell: etree.Element) -> str:
    return " ".join(STASHED.sub("", "".join(cell.itertext())).split())


class TableCardsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After the inline patterns (priority 20), which turn a heading's [link](...) into an element with text.
        md.treeprocessors.register(TableCards(md), "briefing_table_cards", 15)


def makeExtension(**kwargs: object) -> TableCardsExtension:
    return TableCardsExtension(**kwargs)
