"""Escaping and rendering: untrusted text stays text, pages link correctly."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
import pytest
import yaml

from generator.render import escape
from generator.model.dates import PartialDate
from generator.inputs.seed_text import Paragraph
from generator.model.entities import Citation, Correction, Event, Figure, KeyPoint, Metric, Period, Sentence, Source, Term
from generator.model.briefing import Briefing
from tests.helpers import renderer, texts_by_id

SYNTAX = set("<>[(*{|#")

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))",
    "# heading",
    "*em* and **strong** and _under_",
    "{{ jinja }} {% block x %}",
    '--8<-- "file.md"',
    "!!! note",
    "| pipe | table |",
    "1. a numbered line",
    "- a bullet line",
    "<!-- comment -->",
    "`code` ~~strike~~",
    "line one\n# heading on line two\n- bullet on line three",
    "text { #id .class } more",
    "&lt;script&gt; already escaped",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_leaves_no_markdown_or_html_syntax(text):
    result = str(escape.inline(text))
    bare = re.sub(r"&#[0-9]+;", "", result)  # what is left outside numeric character references
    assert not SYNTAX & set(bare), result
    assert "&" not in bare and "!" not in bare and "`" not in bare and "_" not in bare
    assert "\n" not in result


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_keeps_letters_digits_and_the_text_itself(text):
    result = str(escape.inline(text))
    assert html.unescape(result) == " ".join(text.split())
    unmarked = re.sub(r"^(-|[0-9]+[.)])", "", text)  # a leading list marker is escaped as a whole
    for word in "".join(c if c.isalnum() else " " for c in unmarked).split():
        assert word in result


@pytest.mark.parametrize("text, start", [("1. a numbered line", "&#49;&#46;"), ("- a bullet", "&#45;"),
                                         ("12. item", "&#49;&#50;&#46;")])
def test_inline_escapes_list_markers_at_the_start(text, start):
    assert str(escape.inline(text)).startswith(start)


def test_inline_keeps_harmless_punctuation_readable():
    assert str(escape.inline("Kyrgyzstan, Kazakhstan; well-known. Really? “Yes” – and/or…")) == \
        "Kyrgyzstan, Kazakhstan; well-known. Really? “Yes” – and/or…"


@pytest.mark.parametrize("address", ["http://example.com/", "https://example.com/a?b=c#d", "HTTPS://EXAMPLE.COM"])
def test_url_accepts_web_addresses(address):
    assert escape.url(address) == address


def test_url_percent_encodes_characters_that_could_end_the_link():
    result = str(escape.url('https://example.com/a b(c)"<d>\'*'))
    assert result.startswith("https://example.com/a%20b")
    assert not set(" ()\"<>'*") & set(result)


@pytest.mark.parametrize("address", [
    "javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)", "/relative/path", "relative.html", "//example.com/x", "https://", "http:example.com",
    "mailto:a@example.com", "", None,
])
def test_url_rejects_everything_but_absolute_web_addresses(address):
    assert escape.url(address) is None


# --- a small briefing built directly from the model -------------------------------------------

PAYLOAD = "<script>alert(1)</script> **bold** [link](javascript:x)"
RAW_FRAGMENTS = ["<script", "**bold**", "[link]", "javascript:x", "alert(1)"]
SOURCE_ID = "src-1"
QUOTE = "Troops crossed the border"


def small_briefing(corrections=(), paragraph_text=None) -> Briefing:
    text = paragraph_text or f"{QUOTE} in March. {PAYLOAD} 1. not a list"
    citation = Citation(SOURCE_ID, 1, QUOTE)
    source = Source(
        id=SOURCE_ID, seed="src-1.txt", title="A <b>title</b> [with](javascript:y) syntax", publisher="Pub & Co",
        author=None, url="javascript:alert(2)", date=PartialDate(2024, 3, 10), quality="clean", review="reviewed",
        countries=("kazakhstan",), themes=("soft-power",), summary="Summary with *stars* and <i>tags</i>.",
        paragraphs=(Paragraph(1, text, line=1), Paragraph(2, "A second paragraph.", line=3)),
        key_points=(KeyPoint("Point <u>one</u>", citation, ("kazakhstan",), ("soft-power",)),),
        events=(Event(f"{SOURCE_ID}-e1", PartialDate(2024, 3), ("kazakhstan",), ("soft-power",),
                      "Event {{ text }}", citation),),
        figures=(Figure(f"{SOURCE_ID}-f1", "migrants", "kazakhstan", 1500000, PartialDate(2024),
                        Period("2024", PartialDate(2024), PartialDate(2024)), "about", "Figure text", citation),),
        corrections=tuple(corrections),
    )
    return Briefing(
        title="Test <briefing>", bottom_line=(Sentence("Bottom | line"),),
        countries=(Term("kazakhstan", "Kazakhstan", "A country.", ("Kazakh",), kind="country"),
                   Term("russia", "Russia", "Unused country.", kind="country")),
        themes=(Term("soft-power", "Soft power", "A theme.", ("Rossotrudnichestvo",)),),
        metrics=(Metric("migrants", "Migrants", "people", "Migrant workers."),),
        sources=(source,),
    )


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return renderer(small_briefing()).all_pages()


def split_front_matter(page: str) -> tuple[dict, str]:
    assert page.startswith("---\n")
    _, front, body = page.split("---\n", 2)
    return yaml.safe_load(front), body


def test_every_expected_page_is_rendered(pages):
    assert set(pages) == {
        "index.md", "countries/index.md", "countries/kazakhstan.md", "themes/index.md", "themes/soft-power.md",
        "sources/index.md", f"sources/{SOURCE_ID}.md", "timeline.md", "data.md", "corrections.md",
        "browse/index.md", "browse/countries/kazakhstan/index.md", "browse/themes/soft-power/index.md",
        "browse/years/2024/index.md", "timeline/2024/index.md",
    }


def test_unused_terms_get_no_page(pages):
    assert "countries/russia.md" not in pages


def test_front_matter_parses_and_has_the_title_escaped_once(pages):
    """Both engines print the front matter's title into the page as it is: it is HTML-escaped here, once."""
    titles = {path: split_front_matter(page)[0]["title"] for path, page in pages.items()}
    assert titles["index.md"] == "Test &lt;briefing&gt;"
    assert titles[f"sources/{SOURCE_ID}.md"] == "A &lt;b&gt;title&lt;/b&gt; [with](javascript:y) syntax"
    assert titles["countries/kazakhstan.md"] == "Kazakhstan"
    assert titles["timeline.md"] == "Timeline"
    meta, _ = split_front_matter(pages[f"sources/{SOURCE_ID}.md"])
    assert meta["tags"] == ["Kazakhstan", "Soft power"]


def test_hostile_text_never_appears_raw_in_any_body(pages):
    for path, page in pages.items():
        _, body = split_front_matter(page)
        for fragment in RAW_FRAGMENTS + ["<b>title", "<u>one", "{{ text }}", "*stars*", "<i>tags", "<briefing>"]:
            assert fragment not in body, (path, fragment)


def test_hostile_paragraph_text_is_not_in_the_front_matter_either(pages):
    for path, page in pages.items():
        for fragment in RAW_FRAGMENTS:
            assert fragment not in page, (path, fragment)


def test_paragraph_has_its_anchor_and_the_seed_text(pages):
    body = split_front_matter(pages[f"sources/{SOURCE_ID}.md"])[1]
    assert 'id="p1"' in body and 'id="p2"' in body
    assert texts_by_id(body).text("p1") == f"{QUOTE} in March. {PAYLOAD} 1. not a list"


def test_event_line_on_a_country_page_links_to_the_cited_paragraph(pages):
    body = split_front_matter(pages["countries/kazakhstan.md"])[1]
    event_lines = [line for line in body.splitlines()
                   if "Event" in line and re.match(r"- (<span class=\"briefing-claim\" id=\"[a-z0-9_-]+\"></span>)?\*\*March 2024\*\*", line)]
    assert event_lines
    assert all(f"](../sources/{SOURCE_ID}.md#p1)" in line for line in event_lines)


def test_timeline_links_to_the_cited_paragraph(pages):
    assert f"](sources/{SOURCE_ID}.md#p1)" in pages["timeline.md"]


def test_key_point_links_to_its_paragraph_on_the_source_page(pages):
    body = split_front_matter(pages[f"sources/{SOURCE_ID}.md"])[1]
    assert "- Point &#60;u&#62;one&#60;/u&#62; [¶1](#p1)" in body


def test_a_javascript_url_is_not_linked(pages):
    body = split_front_matter(pages[f"sources/{SOURCE_ID}.md"])[1]
    assert "| Original | not known |" in body


class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def elements(html_text: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(html_text)
    parser.close()
    return parser.tags


@pytest.mark.parametrize("path", [f"sources/{SOURCE_ID}.md", "countries/kazakhstan.md", "timeline.md", "index.md"])
def test_converted_page_has_no_script_and_no_javascript_link(pages, path):
    body = split_front_matter(pages[path])[1]
    html_text = markdown.markdown(body, extensions=["attr_list", "tables", "toc"])
    tags = elements(html_text)
    assert tags, "the page converted to nothing"
    assert "script" not in [tag for tag, _ in tags]
    for tag, attrs in tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")), (tag, value)


def test_converted_source_page_keeps_the_paragraph_anchor(pages):
    body = split_front_matter(pages[f"sources/{SOURCE_ID}.md"])[1]
    html_text = markdown.markdown(body, extensions=["attr_list", "tables", "toc"])
    ids = [attrs.get("id") for _, attrs in elements(html_text)]
    assert "p1" in ids and "p2" in ids
    assert PAYLOAD in texts_by_id(html_text).text("p1")


def test_a_correction_is_shown_as_a_marked_edit():
    fix = Correction(1, "Troops crossed the border", "crossed", "approached", "Editor's <note>")
    page = renderer(small_briefing([fix])).source_page(small_briefing([fix]).sources[0].id)
    assert ('<del>crossed</del> <ins>approached</ins><sup><a href="#correction-1" title="Editor&#39;s note 1">1</a>'
            '</sup></span> the border in March.') in page
    assert '1. <span id="correction-1"></span>[¶1](#p1): "crossed" should read "approached"' in page
    assert 'title="Editor: Editor&#39;s &#60;note&#62;"' in page


@pytest.mark.parametrize("wrong, right", [("1.5 million", "15 million"), ("-based", "based")])
def test_a_correction_starting_with_a_number_or_hyphen_keeps_the_paragraph_intact(wrong, right):
    text = "Officials said 1.5 million people left, a Moscow -based outlet reported."
    quote = "said 1.5 million people left" if wrong.startswith("1") else "a Moscow -based outlet"
    fix = Correction(1, quote, wrong, right, "note")
    briefing = small_briefing([fix], paragraph_text=text)
    page = renderer(briefing).source_page(briefing.sources[0].id)
    assert texts_by_id(page).text("p1") == text  # the seed's words, in order, once
    assert f"<ins>{right}</ins>" in page


def test_an_editors_note_links_the_outside_reporting_it_cites():
    """Found trying the site as a new reader: a note citing outside reporting by its address showed it as text."""
    import dataclasses

    briefing = small_briefing()
    note = "Outside reporting (Asia-Plus, 12 October 2022, https://www.asiaplustj.info/en/news/a-(b)/c). <i>Then</i>"
    source = dataclasses.replace(briefing.sources[0], notes=(note,))
    page = renderer(dataclasses.replace(briefing, sources=(source,))).source_page(source.id)
    html_text = markdown.markdown(split_front_matter(page)[1], extensions=["attr_list", "md_in_html", "tables"])
    link = '<a href="https://www.asiaplustj.info/en/news/a-%28b%29/c">https://www.asiaplustj.info/en/news/a-(b)/c</a>).'
    assert link in html.unescape(html_text)
    assert "&#60;i&#62;Then&#60;/i&#62;" in html_text  # the rest stays text
