"""Safety, point 2: for ANY seed text, the rendered paragraphs are text and nothing else.

Arbitrary text (biased towards Markdown, HTML, Jinja and snippet syntax) goes through
the real reader (generator.inputs.reader.read_seed), the real source-page template
(generator.render.renderer.Renderer), and the `markdown` package with the extensions that
mkdocs.yml enables. The HTML must have exactly the elements and attributes that the
same page has for harmless text, and each paragraph's text must be the cleaned text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from generator.render import escape
from tests.helpers import renderer
from generator.model.entities import Source
from generator.model.briefing import Briefing
from generator.inputs.reader import read_seed
from generator.inputs.seed_bytes import SeedDecodeError
from tests.conftest import ROOT

FRAGMENTS = ["<", ">", "&", "`", "*", "_", "[", "]", "(", ")", "#", "!", "|", "{", "}", "-", ":", "\n", "\n\n",
             "<script>", "</script>", "javascript:", "--8<--", "<img src=x onerror=alert(1)>", "{{ 7*7 }}", "{%",
             "%}", "{:", " .class #id ", "---\n", "```", "~~~", "    ", "1. ", "- ", "> ", "!!! note", "&#60;",
             "&amp;", "<!--", "-->", "\\", "\"", "'", "=", "http://x", "<p>", "</p>", "<a href=", "]:", "^", "~",
             "$", "@", "\r", "\r\n", "\t", "\u00a0", "\u200b", "\ufeff", "e\u0301", "Ж", "字", "😀", " "]
SEED_TEXT = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=60).map("".join),
)
PROPERTY_SETTINGS = settings(max_examples=200, deadline=None, derandomize=True,
                             suppress_health_check=[HealthCheck.too_slow])


def mkdocs_markdown() -> markdown.Markdown:
    """A Markdown converter with exactly the extensions (and options) of mkdocs.yml."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, settings_), = entry.items()
            names.append(name)
            options[name] = settings_ or {}
        else:
            names.append(entry)
    assert names == ["attr_list", "md_in_html", "tables", "generator.engines.table_cards", "toc"], \
        "update this test when mkdocs.yml gains an extension"
    return markdown.Markdown(extensions=names, extension_configs=options)


CONVERTER = mkdocs_markdown()


def source_with(paragraphs) -> Source:
    return Source(
        id="prop", seed="prop.txt", title="A title", publisher=None, author=None, url=None, date=None,
        quality="clean", review="reviewed", countries=(), themes=(), summary="A summary.",
        paragraphs=tuple(paragraphs),
    )


def page_html(paragraphs) -> str:
    """The source page of these paragraphs, rendered by the real template and converted to HTML."""
    source = source_with(paragraphs)
    page = renderer(Briefing("Briefing", "Bottom line.", (), (), (), (source,))).source_page(source.id)
    assert page.startswith("---\n")
    body = page.split("---\n", 2)[2]
    CONVERTER.reset()
    return CONVERTER.convert(body)


class Structure(HTMLParser):
    """Every element with its attributes, and the text of each paragraph after its number link."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple]] = []
        self.texts: dict[str, list[str]] = {}
        self.stack: list[tuple[str, str | None, bool]] = []  # tag, paragraph id, inside the number link

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, tuple(attrs)))
        attrs = dict(attrs)
        paragraph = self.stack[-1][1] if self.stack else None
        if tag == "p" and (attrs.get("id") or "").startswith("p"):
            paragraph = attrs["id"]
            self.texts[paragraph] = []
        number_link = bool(self.stack and self.stack[-1][2]) or "briefing-para__number" in (attrs.get("class") or "")
        self.stack.append((tag, paragraph, number_link))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][1] and not self.stack[-1][2]:
            self.texts[self.stack[-1][1]].append(data)


def structure(html_text: str) -> Structure:
    parser = Structure()
    parser.feed(html_text)
    parser.close()
    return parser


def harmless(paragraphs):
    """The same paragraphs (numbers, heading flags) with plain words for text."""
    return [type(p)(p.number, "plain words", p.line, p.heading) for p in paragraphs]


@PROPERTY_SETTINGS
@given(SEED_TEXT)
@example("<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n--8<-- \"/etc/passwd\"\n\n{{ 7*7 }}")
@example("Title\n\n# heading\n\n- item\n\n1. item\n\n| a | b |\n| - | - |\n\n{: onclick=\"x\" }\n\n```\ncode\n```")
@example("&amp; &#60; &lt;b&gt; <!-- c --> <![CDATA[x]]> <?php ?>")
def test_any_seed_text_renders_as_exactly_the_templates_elements_and_the_cleaned_text(text):
    try:
        seed = read_seed(text.encode("utf-8"))
    except SeedDecodeError as error:
        assert "empty" in error.message or "binary" in error.message, error.message
        return
    rendered = structure(page_html(seed.paragraphs))
    expected = structure(page_html(harmless(seed.paragraphs)))
    assert rendered.elements == expected.elements, "the text added, removed or changed an element or attribute"
    for paragraph in seed.paragraphs:
        shown = "".join(rendered.texts[f"p{paragraph.number}"])
        assert shown == " " + paragraph.text, paragraph.number


METADATA_CONTEXTS = {
    "list item": "- {}\n",
    "table cell": "| A | B |\n| --- | --- |\n| {} | x |\n",
    "heading": "## {}\n",
    "paragraph": "{}\n",
    "emphasis": "*{}*\n",
    "link text": "[{}](../page.md)\n",
}


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.sampled_from(sorted(METADATA_CONTEXTS)), SEED_TEXT)
def test_any_metadata_text_escaped_inline_stays_text_in_every_template_context(context, text):
    assume(text.split())  # metadata text is never empty (the schemas say minLength 1)
    template = METADATA_CONTEXTS[context]
    CONVERTER.reset()
    rendered = structure(CONVERTER.convert(template.format(escape.inline(text))))
    CONVERTER.reset()
    expected = structure(CONVERTER.convert(template.format("plain")))
    assert without_toc_ids(rendered.elements) == without_toc_ids(expected.elements)


def without_toc_ids(elements):
    """Elements with the heading ids (and permalinks to them) that the toc extension derives from the text
    replaced by a placeholder, after checking they are plain slugs; nothing else may follow the text."""
    result = []
    for tag, attrs in elements:
        kept = []
        for name, value in attrs:
            if (name, tag) in (("id", "h2"), ("href", "a")) and re.fullmatch(r"#?[a-z0-9_-]*", value or ""):
                value = "#slug" if (value or "").startswith("#") else "slug"
            kept.append((name, value))
        result.append((tag, tuple(kept)))
    return result


def test_a_heading_paragraph_has_both_css_classes():
    """Found by these tests (the template lost the space before the heading class); fixed in ec4d58b."""
    seed = read_seed(b"A first sentence that ends.\n\nA short heading\n\nThe last sentence.\n")
    assert [p.heading for p in seed.paragraphs] == [False, True, False]
    rendered = structure(page_html(seed.paragraphs))
    classes = [dict(attrs).get("class") for tag, attrs in rendered.elements if tag == "p" and dict(attrs).get("id")]
    assert classes == ["briefing-para", "briefing-para briefing-para--heading", "briefing-para"]


NOTE_TEXT = st.lists(
    st.one_of(st.sampled_from([*FRAGMENTS, "https://example.org/a_(b)?c=1&d=2", "http://x.y/\"><script>", "(", ").",
                               "https://", "HTTPS://A.B/C", "javascript:alert(1)//https://z"]), st.text(max_size=4)),
    max_size=40,
).map("".join)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(NOTE_TEXT)
@example("Asia-Plus, 12 October 2022, https://www.asiaplustj.info/en/news/x-(y)/z). Then.")
def test_an_editors_note_links_its_web_addresses_and_nothing_else(text):
    """escape.linked, for editors' notes: the text reads as written, each http(s) address in it is a link to that
    address, and nothing else becomes an element or attribute, in a list item as the source page prints notes."""
    assume(text.split())
    CONVERTER.reset()
    html_text = CONVERTER.convert(f"- {escape.linked(text)}\n")
    rendered = structure(html_text)
    links = [dict(attrs) for tag, attrs in rendered.elements if tag == "a"]
    assert [tag for tag, _ in rendered.elements if tag != "a"] == ["ul", "li"]
    assert all(list(link) == ["href"] and re.match(r"https?://", link["href"], re.IGNORECASE) for link in links)
    shown = re.sub(r"<[^>]+>", "", html_text)
    from html import unescape

    assert unescape(shown).strip() == " ".join(text.split())
    addresses = [escape._address_alone(found) for found in escape.WEB_ADDRESS.findall(" ".join(text.split()))]
    assert len(links) == len([address for address in addresses if escape.url(address)])
