"""Safety, point 1: seed text and metadata can never become markup in the built site.

The real project is copied, the hostile fixture (tests/fixtures/hostile/seed.txt and
meta.yml) is added as seeds/hostile.txt and content/sources/hostile.yml, a second
hostile seed without metadata (bare-seed.txt, published as unreviewed with a title
and publisher detected from its text) as seeds/hostile-bare.txt, the briefing title
and a country's free-text fields get hostile strings too, and the REAL
`python -m generator build` runs once for the module. Then every built .html file is
parsed with html.parser, and the search index and tags index are checked.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.inputs.reader import read_seed
from tests.conftest import ROOT
from tests.helpers import collapse, copy_project, edit, position, run_cli, search_documents, texts_by_id

FIXTURE = ROOT / "tests" / "fixtures" / "hostile"
SEED_NAME = "hostile.txt"
SOURCE_ID = "hostile"
BARE_ID = "hostile-bare"  # no metadata: published as unreviewed from what is detected in its text
SEED_FILES = {SOURCE_ID: FIXTURE / "seed.txt", BARE_ID: FIXTURE / "bare-seed.txt"}
META = yaml.safe_load((FIXTURE / "meta.yml").read_text(encoding="utf-8"))
SITE_NAME = "Central Asia Briefing"
DISTINCTIVE_WORDS = {SOURCE_ID: "Xylocarpine", BARE_ID: "Quokkarine"}  # in the hostile seeds, in no other seed

BRIEFING_TITLE = '<script>alert("briefing")</script> {{ 7*7 }} </title><img src=x onerror=alert(11)> Briefing'
COUNTRY_DESCRIPTION = '"><img src=x onerror=alert(12)> [x](javascript:alert(13)) {{ 7*7 }}'
COUNTRY_ALIAS = '<script>alert("alias")</script>'
COUNTRY_BOTTOM_LINE = '<iframe src="https://evil.example"></iframe> --8<-- "/etc/passwd"'

# Elements that load, run or style something: none may be added by the inputs.
ACTIVE_TAGS = {"script", "img", "iframe", "style", "svg", "path", "object", "embed", "form", "input", "button",
               "link", "meta", "base", "textarea", "select", "video", "audio", "source", "frame", "frameset",
               "math", "template", "noscript", "label", "picture", "canvas", "applet", "marquee"}
# Everything the source template and the Markdown extensions make inside <article>.
SOURCE_ARTICLE_TAGS = {"nav", "a", "h1", "h2", "table", "thead", "tbody", "tr", "th", "td", "p", "ul", "ol", "li",
                       "span", "strong", "em", "del", "ins", "div", "sup", "h3",
                       # the source's inferred values, one line until opened
                       "details", "summary",
                       # a chart of the source's figures (inline SVG drawn by the template)
                       "figure", "figcaption", "svg", "title", "desc", "text", "rect", "line",
                       # the "Copy citation" button under the citation, exactly as the template writes it
                       "button"}
OUR_COPY_BUTTON = {"type": "button", "class": "briefing-copy-citation", "data-copied": "Citation copied"}
# Material's own scripts: the bundle, its inline bootstrap snippets and its JSON config.
# Material's bundle, our search (overrides/assets/) and our page script (generator/render/assets/).
THEME_SCRIPT_SRC = re.compile(
    r"^(\.\./|\./|/)*assets/(javascripts/bundle\.[0-9a-f]+\.min\.js|javascripts/briefing-search\.js|briefing\.js)$")
THEME_INLINE_SCRIPTS = ("__md_scope=new URL(", 'var palette=__md_get("__palette");',
                        "var target=document.getElementById(location.hash.slice(1));",
                        # ours (overrides/main.html and partials/palette.html): fixed text, the same on every page
                        'document.documentElement.classList.remove("no-js");', "(function briefingPalette() {")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset", "background"}


# --- a small DOM on top of html.parser ------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "param", "path"}


@dataclass
class Node:
    tag: str
    attrs: dict
    children: list
    line: int

    def elements(self):
        """Every element below this one, depth first."""
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.elements()

    def text(self, skip=lambda node: False) -> str:
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif not skip(child):
                parts.append(child.text(skip))
        return "".join(parts)

    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()


class Dom(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, [], 0)
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), [], self.getpos()[0])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs), [], self.getpos()[0]))

    def handle_endtag(self, tag):
        if any(node.tag == tag for node in self.stack[1:]):
            while self.stack.pop().tag != tag:
                pass

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def dom(markup: str) -> Node:
    parser = Dom()
    parser.feed(markup)
    parser.close()
    return parser.root


def elements(markup_or_node, tag: str | None = None) -> list[Node]:
    node = dom(markup_or_node) if isinstance(markup_or_node, str) else markup_or_node
    return [e for e in node.elements() if tag is None or e.tag == tag]


def headerlink(node: Node) -> bool:
    return "headerlink" in node.classes()


# --- the module's hostile build -------------------------------------------------------------------

@dataclass
class HostileSite:
    root: Path
    site: Path
    pages: dict  # relative path of every .html -> its DOM

    def page(self, url_path: str) -> Node:
        return self.pages[f"{url_path.strip('/')}/index.html".lstrip("/")]

    def article(self, url_path: str) -> Node:
        (article,) = elements(self.page(url_path), "article")
        return article


def add_hostile_inputs(root: Path) -> None:
    shutil.copyfile(FIXTURE / "seed.txt", root / "seeds" / SEED_NAME)
    shutil.copyfile(FIXTURE / "meta.yml", root / "content" / "sources" / f"{SOURCE_ID}.yml")
    shutil.copyfile(FIXTURE / "bare-seed.txt", root / "seeds" / f"{BARE_ID}.txt")
    edit(root, "content/briefing.yml", "title: Central Asia and Russian soft power",
         f"title: {json.dumps(BRIEFING_TITLE)}")
    edit(root, "content/taxonomy.yml", "    description: >-\n      Largest Central Asian state;",
         f"    description: >-\n      {COUNTRY_DESCRIPTION} Largest Central Asian state;")
    edit(root, "content/taxonomy.yml", "      - Kazakh\n", f"      - {json.dumps(COUNTRY_ALIAS)}\n      - Kazakh\n")
    edit(root, "content/taxonomy.yml", "      - text: >-\n          Kazakhstan shows cautious",
         f"      - text: >-\n          {COUNTRY_BOTTOM_LINE} Kazakhstan shows cautious")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> HostileSite:
    root = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    add_hostile_inputs(root)
    result = run_cli("build", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    site = root / "site"
    pages = {p.relative_to(site).as_posix(): dom(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))}
    assert f"sources/{SOURCE_ID}/index.html" in pages and f"sources/{BARE_ID}/index.html" in pages
    return HostileSite(root, site, pages)


def built_text_files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(site.rglob("*")) if p.is_file() and p.suffix in (".html", ".json", ".xml", ".md", ".js")}


# --- every page ------------------------------------------------------------------------------------

def normalised_script(attrs: dict, text: str) -> tuple:
    """A script with the page's depth taken out, so the same theme script compares equal on every page."""
    text = re.sub(r'new URL\("[./]*"', 'new URL("."', text)
    text = re.sub(r'"(base|search)": "(\.\./|\./|\.|/)*', r'"\1": "', text)
    attrs = {k: re.sub(r"^(\.\./|\./|/)*", "", v or "") for k, v in attrs.items()}
    return tuple(sorted(attrs.items())), text


def is_theme_script(attrs: dict, text: str) -> bool:
    if "src" in attrs:
        return set(attrs) == {"src"} and bool(THEME_SCRIPT_SRC.match(attrs["src"])) and not text.strip()
    if attrs == {"id": "__config", "type": "application/json"}:
        config = json.loads(text)
        return isinstance(config, dict) and set(config) <= {"annotate", "base", "features", "search", "tags",
                                                            "translations", "version"}
    return attrs == {} and text.startswith(THEME_INLINE_SCRIPTS)


def test_the_hostile_build_has_many_pages_and_the_source_page(hostile):
    assert len(hostile.pages) > 40
    assert "404.html" in hostile.pages


def test_every_script_on_every_page_is_the_themes_own(hostile):
    reference = {normalised_script(s.attrs, s.text()) for s in elements(hostile.pages["404.html"], "script")}
    assert reference, "the 404 page should carry the theme's scripts"
    offenders = []
    for path, page in hostile.pages.items():
        for script in elements(page, "script"):
            text = script.text()
            if not is_theme_script(script.attrs, text) or "alert" in text or \
                    normalised_script(script.attrs, text) not in reference:
                offenders.append((path, script.line, script.attrs, text[:120]))
    assert offenders == []


def test_no_attribute_starts_with_on_and_no_url_is_javascript(hostile):
    offenders = []
    for path, page in hostile.pages.items():
        for element in page.elements():
            for name, value in element.attrs.items():
                if name.lower().startswith("on"):
                    offenders.append((path, element.line, element.tag, name))
                target = re.sub(r"[\x00-\x20]", "", value or "").lower()
                if name.lower() in URL_ATTRIBUTES and target.startswith(("javascript:", "vbscript:", "data:text/html")):
                    offenders.append((path, element.line, element.tag, name, value))
    assert offenders == []


@pytest.mark.parametrize("source_id", sorted(SEED_FILES))
def test_the_inputs_add_no_active_element_to_the_source_page(hostile, source_id):
    hostile_page = Counter(e.tag for e in hostile.page(f"/sources/{source_id}/").elements())
    normal_page = Counter(e.tag for e in hostile.page("/sources/000_c1a27e0ec5b1e4f9/").elements())
    assert {t: hostile_page[t] for t in ACTIVE_TAGS} == {t: normal_page[t] for t in ACTIVE_TAGS}
    article = list(hostile.article(f"/sources/{source_id}/").elements())
    assert {e.tag for e in article} <= SOURCE_ARTICLE_TAGS
    assert [e.attrs for e in article if e.tag == "button"] == [OUR_COPY_BUTTON]


def test_no_page_has_an_element_or_iframe_from_the_fixture(hostile):
    offenders = []
    for path, page in hostile.pages.items():
        for element in page.elements():
            if element.tag in ("img", "iframe", "style", "object", "embed", "frame", "b") or \
                    "evil.example" in " ".join(v or "" for v in element.attrs.values()) or \
                    (element.tag == "svg" and "onload" in element.attrs):
                offenders.append((path, element.line, element.tag, element.attrs))
    assert offenders == []


def test_no_page_pulled_in_a_snippet_or_rendered_a_template(hostile):
    readme_phrase = "Two commands"  # a heading of README.md
    assert readme_phrase in (ROOT / "README.md").read_text(encoding="utf-8")
    for path, text in built_text_files(hostile.site).items():
        assert "root:x:0" not in text, path
        assert readme_phrase not in text, path
    titles = [collapse(t.text()) for page in hostile.pages.values() for t in elements(page, "title")]
    assert not any(title.startswith("injected") for title in titles)  # the seed's front-matter fence did nothing


# --- the hostile source page -----------------------------------------------------------------------

def test_the_page_title_shows_the_hostile_title_as_literal_text(hostile):
    (title,) = elements(hostile.page(f"/sources/{SOURCE_ID}/"), "title")
    assert title.children == [f"{META['title']} - {SITE_NAME}"]


def test_the_h1_shows_the_hostile_title_as_literal_text(hostile):
    (h1,) = elements(hostile.article(f"/sources/{SOURCE_ID}/"), "h1")
    assert h1.text(skip=headerlink) == META["title"]
    assert [e.tag for e in h1.elements()] == ["a"]  # only the theme's permalink


def test_meta_description_is_the_hostile_summary_as_text(hostile):
    metas = [e for e in elements(hostile.page(f"/sources/{SOURCE_ID}/"), "meta") if e.attrs.get("name") == "description"]
    assert [m.attrs.get("content") for m in metas] == [META["summary"]]


@pytest.mark.parametrize("source_id", sorted(SEED_FILES))
def test_each_paragraph_shows_exactly_the_cleaned_seed_text(hostile, source_id):
    seed = read_seed(SEED_FILES[source_id].read_bytes())
    assert len(seed.paragraphs) >= 5
    markup = (hostile.site / f"sources/{source_id}/index.html").read_text(encoding="utf-8")
    found = texts_by_id(markup)
    for paragraph in seed.paragraphs:
        assert found.text(f"p{paragraph.number}") == collapse(paragraph.text), paragraph.number


@pytest.mark.parametrize("source_id", sorted(SEED_FILES))
def test_each_paragraph_holds_only_the_elements_the_template_makes(hostile, source_id):
    article = hostile.article(f"/sources/{source_id}/")
    paragraphs = [e for e in article.elements() if e.tag == "p" and re.fullmatch(r"p\d+", e.attrs.get("id", ""))]
    assert len(paragraphs) == len(read_seed(SEED_FILES[source_id].read_bytes()).paragraphs)
    for paragraph in paragraphs:
        inner = [(e.tag, tuple(e.classes())) for e in paragraph.elements()]
        number = paragraph.attrs["id"][1:]
        assert inner[0] == ("a", ("briefing-para__number",)), number
        correction = [("span", ("correction",)), ("del", ()), ("ins", ()), ("sup", ()), ("a", ())]
        assert inner[1:] in ([], correction), (number, inner)


def test_the_unreviewed_pages_detected_title_and_publisher_are_literal_text(hostile):
    """A seed without metadata gets its title and publisher from its own first line."""
    first_line = read_seed(SEED_FILES[BARE_ID].read_bytes()).title
    (h1,) = elements(hostile.article(f"/sources/{BARE_ID}/"), "h1")
    title = h1.text(skip=headerlink)
    assert "<img src=x onerror=alert(15)>" in title and first_line.startswith(title)
    (head_title,) = elements(hostile.page(f"/sources/{BARE_ID}/"), "title")
    assert head_title.children == [f"{title} - {SITE_NAME}"]
    text = collapse(hostile.article(f"/sources/{BARE_ID}/").text(skip=headerlink))
    assert "<script>alert(16)</script>" in text  # the publisher, detected from the title line
    assert [e.tag for e in h1.elements()] == ["a"]


def test_metadata_text_is_shown_literally_where_it_is_used(hostile):
    article = hostile.article(f"/sources/{SOURCE_ID}/")
    text = collapse(article.text(skip=headerlink))
    for value in (META["summary"], META["publisher"], META["author"], META["inferred"]["title"],
                  META["key_points"][0]["text"], META["key_points"][1]["text"], META["events"][0]["text"],
                  META["corrections"][0]["right"], META["figures"][0]["period"], META["notes"][0],
                  META["key_points"][0]["why"], META["events"][0]["why"], META["figures"][0]["why"]):
        assert collapse(value) in text, value
    items = [collapse(li.text()) for li in elements(article, "li")]
    assert any(item.startswith(collapse(META["key_points"][1]["text"])) for item in items)  # not a nested list


def test_the_correction_note_stays_inside_its_title_attribute(hostile):
    spans = [e for e in hostile.article(f"/sources/{SOURCE_ID}/").elements() if "correction" in e.classes()]
    assert [s.attrs for s in spans] == [{"class": "correction", "title": f"Editor: {META['corrections'][0]['note']}"}]


def test_jinja_syntax_is_shown_not_evaluated(hostile):
    article_text = hostile.article(f"/sources/{SOURCE_ID}/").text()
    assert "{{ config.site_name }}" in article_text
    assert "{% include \"base.html\" %}" in article_text
    assert article_text.count("{{ 7*7 }}") >= 6
    assert "49" not in article_text
    assert SITE_NAME not in article_text


# --- other pages that show hostile metadata ---------------------------------------------------------

def test_the_home_page_shows_the_hostile_briefing_title_literally(hostile):
    page = hostile.page("/")
    title = elements(page, "title")[0]  # the page's own; charts carry <title> elements of their own
    assert title.children == [f"{BRIEFING_TITLE} - {SITE_NAME}"]
    (h1,) = elements(hostile.article("/"), "h1")
    assert h1.text(skip=headerlink) == BRIEFING_TITLE


def test_the_country_page_shows_hostile_description_alias_and_bottom_line_literally(hostile):
    page = hostile.page("/countries/kazakhstan/")
    (kazakhstan,) = [c for c in yaml.safe_load((hostile.root / "content/taxonomy.yml").read_text(encoding="utf-8"))
                     ["countries"] if c["slug"] == "kazakhstan"]
    assert kazakhstan["description"].startswith(COUNTRY_DESCRIPTION)
    metas = [e.attrs.get("content") for e in elements(page, "meta") if e.attrs.get("name") == "description"]
    assert metas == [kazakhstan["description"]]
    text = collapse(hostile.article("/countries/kazakhstan/").text())
    for value in (COUNTRY_DESCRIPTION, COUNTRY_ALIAS, COUNTRY_BOTTOM_LINE):
        assert value in text


def test_every_page_listing_the_hostile_source_shows_its_title_as_text(hostile):
    listed = 0
    for path, page in hostile.pages.items():
        for link in elements(page, "a"):
            if re.search(rf"(^|/)sources/{SOURCE_ID}/(#|$)", link.attrs.get("href", "")) and "…" not in link.text():
                if link.text().strip().startswith("<script>"):
                    assert collapse(link.text()) == collapse(META["title"]), (path, link.text())
                    listed += 1
    assert listed >= 5  # sources index, home, country, theme and tags pages


# --- search index and tag chips -----------------------------------------------------------------

def test_the_hostile_seeds_are_indexed_as_the_text_a_reader_sees(hostile):
    """Pagefind stores page text, not markup, and escapes it when it shows a result.

    So the index holds the hostile strings exactly as the page shows them; the browser
    test tests/browser/test_search.py checks that a search for them adds no element.
    """
    docs = search_documents(hostile.site)
    for source_id, word in DISTINCTIVE_WORDS.items():
        assert word in SEED_FILES[source_id].read_text(encoding="utf-8")
        (entry,) = [d for d in docs if d["url"] == f"/sources/{source_id}/"]
        assert word in entry["content"], source_id
    (ours,) = [d for d in docs if d["url"] == f"/sources/{SOURCE_ID}/"]
    assert '<script>alert("seed")</script>' in ours["content"]
    assert ours["meta"]["title"] == META["title"]


def test_the_tag_chips_of_the_hostile_source_are_plain_links_to_their_listings(hostile):
    """Countries and themes show as tags on a source page; each is a plain link to its index."""
    chips = [e for e in hostile.article(f"/sources/{SOURCE_ID}/").elements()
             if e.tag == "a" and "briefing-tag" in e.classes()]
    assert chips
    for chip in chips:
        assert set(chip.attrs) == {"href", "class", "title"}
        assert re.fullmatch(r"\.\./\.\./browse/(countries|themes)/[a-z0-9-]+/", chip.attrs["href"]), chip.attrs
        assert [e.tag for e in chip.elements()] == []
def test_a_hostile_country_name_is_rejected_by_check_with_its_position(project_copy):
    hostile_name = "<b onmouseover=alert(1)>X</b>"
    edit(project_copy, "content/taxonomy.yml", "    name: Kazakhstan\n", f'    name: "{hostile_name}"\n')
    line, column = position(project_copy, "content/taxonomy.yml", f'"{hostile_name}"')
    result = run_cli("check", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 1, result.stderr
    assert f"content/taxonomy.yml:{line}:{column}: error:" in result.stderr
    assert "display name" in result.stderr
