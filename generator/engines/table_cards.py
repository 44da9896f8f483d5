"""A Python-Markdown extension that lets every table of three or more columns fold into cards on a phone.

Each body cell gets its column's heading as data-label, and the table data-cards,
so that the site's stylesheet (briefing.css) can show each row as a card on a
narrow screen, every value named by its column, instead of a table wider than the
screen. Both engines load it by name from mkdocs.yml (markdown_extensions:
generator.engines.table_cards).

Every table also comes already in the theme's scrolling wrapper, with a class of
its own (briefing.css styles it as the theme styles a plain table). The theme's
script wraps each table without a class once the page has loaded, and that late
change made the browser restyle the whole page, a tenth of a second on a phone.
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
TABLE_CLASS = "briefing-table"
WRAPPERS = ("md-typeset__scrollwrap", "md-typeset__table")  # the markup the theme's script would add


class TableCards(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for table in list(root.iter("table")):
            table.set("class", TABLE_CLASS)
            headings = [_text_of(cell) for cell in table.iterfind("thead/tr/th")]
            if len(headings) < MIN_COLUMNS:
                continue
            table.set("data-cards", "")
            for row in table.iterfind("tbody/tr"):
                for cell, heading in zip(row.iterfind("td"), headings, strict=False):
                    if heading:
                        cell.set("data-label", heading)
        _wrap_tables(root)


def _wrap_tables(root: etree.Element) -> None:
    for parent in list(root.iter()):
        for index, child in enumerate(list(parent)):
            if child.tag != "table" or child.get("class") != TABLE_CLASS:
                continue
            outer = etree.Element("div", {"class": WRAPPERS[0]})
            inner = etree.SubElement(outer, "div", {"class": WRAPPERS[1]})
            outer.tail, child.tail = child.tail, None
            parent.remove(child)
            inner.append(child)
            parent.insert(index, outer)


def _text_of(cell: etree.Element) -> str:
    return " ".join(STASHED.sub("", "".join(cell.itertext())).split())


class TableCardsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After the inline patterns (priority 20), which turn a heading's [link](...) into an element with text.
        md.treeprocessors.register(TableCards(md), "briefing_table_cards", 15)


def makeExtension(**kwargs: object) -> TableCardsExtension:
    return TableCardsExtension(**kwargs)
