"""Reader-facing text uses readers' words, not the project's (issue 12, part 4).

Every generated page of the fixture corpus and of the shipped content is turned
into HTML as MkDocs would (same Markdown extensions), and only the text a reader
sees is searched: front matter, HTML attributes (ids, classes, titles of
anchors), link targets and code spans (field names of the data downloads, which
data users type) are not reader text. The words: "seed", "null", "Covered by",
and the names of metadata keys (every snake_case key the schemas define).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from tests.conftest import ROOT
from tests.helpers import copy_project, run_cli

PROJECT_WORDS = re.compile(r"\bseeds?\b|\bnull\b", re.IGNORECASE)
PLACEHOLDER = "Covered by"


def metadata_keys() -> list[str]:
    """Keys editors write that no reader should meet: the schemas' snake_case property names."""
    names: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            names.update(node.get("properties", {}) if isinstance(node.get("properties"), dict) else ())
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for schema in (ROOT / "generator" / "schemas").glob("*.schema.json"):
        walk(json.loads(schema.read_text(encoding="utf-8")))
    return sorted(name for name in names if "_" in name)


KEY_NAMES = re.compile(r"\b(" + "|".join(map(re.escape, metadata_keys())) + r")\b")


class ReaderText(HTMLParser):
    """The text nodes of a page, without script, style and code."""

    HIDDEN = {"script", "style", "code"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag):
        self.hidden -= tag in self.HIDDEN

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def reader_text(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[1]  # front matter
    parser = ReaderText()
    parser.feed(markdown.markdown(text, extensions=["attr_list", "tables", "toc"]))
    return " ".join(" ".join(parser.parts).split())


def offending(docs: Path, pattern: re.Pattern) -> list[str]:
    found = []
    for page in sorted(docs.rglob("*.md")):
        text = reader_text(page)
        found += [f"{page.relative_to(docs)}: …{text[max(0, m.start() - 60):m.end() + 40]}…"
                  for m in pattern.finditer(text)]
    return found


@pytest.fixture(scope="module", params=["fixture corpus", "shipped content"])
def docs(request, tmp_path_factory) -> Path:
    corpus = {"fixture corpus": None, "shipped content": ROOT}[request.param]
    root = tmp_path_factory.mktemp("words")
    root = copy_project(root / "project", *([corpus] if corpus else []))
    result = run_cli("generate", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "build" / "docs"


def test_the_test_sees_reader_text_only(tmp_path):
    page = tmp_path / "page.md"
    page.write_text('---\ntitle: seed\n---\n\n<span id="bottom_line" title="null">A seed</span> [x](null.md) '
                    "`key_points` and key_points\n", encoding="utf-8")
    assert reader_text(page) == "A seed x and key_points"  # the link's words are text; its target is not
    assert [m.group() for m in PROJECT_WORDS.finditer(reader_text(page))] == ["seed"]
    assert KEY_NAMES.search("key_points") and KEY_NAMES.search("same_work_as") and not KEY_NAMES.search("seeded")


def test_no_page_uses_project_words_or_metadata_keys(docs):
    found = offending(docs, PROJECT_WORDS) + offending(docs, KEY_NAMES)
    assert not found, f"{len(found)} place(s):\n" + "\n".join(found[:40])


def test_no_page_shows_the_covered_by_placeholder(docs):
    found = offending(docs, re.compile(re.escape(PLACEHOLDER)))
    assert not found, f"{len(found)} place(s):\n" + "\n".join(found[:40])
