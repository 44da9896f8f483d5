"""HTML seeds (issue 14, point 1): scraped pages read into the article's paragraphs and the page's metadata.

The fixtures in tests/fixtures/html/ (see its README) are a news page with full
furniture, a Russian-language page and a hostile page. Hostile input is tested
here too: nothing of a script, an event handler or a frame reaches the text,
and deep, huge or lying pages are read or refused in bounded time, in a
subprocess where a crash could take the test runner down.
"""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser

import htmldate
import pytest
import trafilatura
import yaml

from generator.inputs import seed_formats
from generator.inputs.parse_cache import ParseCache
from generator.inputs.html_reader import MAX_ELEMENTS, read_html_seed
from generator.inputs.load import load_inputs, load_seed
from generator.common.project import Project
from generator.inputs.reader import read_seed
from generator.inputs.seed_bytes import MAX_SEED_BYTES, SeedDecodeError
from tests.conftest import ROOT
from tests.helpers import check_problems, one_seed_project, run_cli

FIXTURES = ROOT / "tests" / "fixtures" / "html"
NEWS = (FIXTURES / "kazakh-media-law-en.html").read_bytes()
RUSSIAN = (FIXTURES / "kazakh-media-law-ru.html").read_bytes()
HOSTILE = (FIXTURES / "hostile-page.html").read_bytes()
SECONDS = 5  # CPU seconds for one page: a hang detector; each case takes well under 3 s


def texts(seed) -> list[str]:
    return [p.text for p in seed.paragraphs]


# --- a news page: the article, and only the article ----------------------------------------------------------

def test_a_news_page_gives_its_article_paragraphs_and_headings_without_the_furniture():
    seed = read_html_seed(NEWS)
    assert texts(seed)[0].startswith("Kazakhstan wants its broadcasters to speak more Kazakh")
    assert texts(seed)[-1].startswith("In Tajikistan, Turkmenistan and Uzbekistan, the other former Soviet states")
    assert [p.text for p in seed.paragraphs if p.heading] == [
        "A language that is official, and one that is everywhere", "Neighbours moving the same way"]
    assert any(text.startswith('"This transition will take place') for text in texts(seed))  # the blockquote
    whole = "\n".join(texts(seed))
    for furniture in ("cookies", "Skip to content", "Mongolia", "Politics | Economy", "Tenge slips", "Share",
                      "Tweet", "Telegram", "Sign up", "Subscribe", "Related", "Kyrgyzstan's language law takes effect",
                      "Most read", "Sputnik", "comments", "About time", "Donate", "All rights reserved",
                      "Photo: Steppe Wire", "gtag", "Breaking"):
        assert furniture not in whole, furniture
    assert [p.number for p in seed.paragraphs] == list(range(1, len(seed.paragraphs) + 1))


def test_a_news_page_says_who_published_it_when_and_where():
    meta = read_html_seed(NEWS).meta
    assert (meta.title, meta.author, meta.publisher) == (
        "Kazakhstan plans more Kazakh, less Russian, on air", "Aigerim Bekova", "Steppe Wire")
    assert (meta.published, meta.published_from, meta.updated) == ("2023-10-06", "page metadata", "2023-10-07")
    assert meta.url == "https://steppewire.example.org/politics/2023/10/06/kazakhstan-plans-more-kazakh-on-air"
    assert meta.language == "en"


def test_a_russian_page_keeps_its_table_and_gives_its_language_and_byline_in_normal_case():
    seed = read_html_seed(RUSSIAN)
    assert seed.meta.language == "ru" and seed.meta.author == "Дарья Ким"
    assert (seed.meta.publisher, seed.meta.published) == ("Степной вестник", "2024-06-20")
    assert seed.meta.title == "Токаев подписал закон «О масс-медиа»: казахского языка в эфире станет больше"
    assert "Программы на казахском языке | 50% | 55% с 2025 года, 60% с 2027 года" in texts(seed)
    whole = "\n".join(texts(seed))
    for furniture in ("Главная", "Поделиться", "Telegram", "Читайте также", "Опрос", "Голосовать",
                      "Самое читаемое", "Все права защищены", "Просмотров", "мультфильмы"):
        assert furniture not in whole, furniture


def test_a_page_that_states_nothing_about_itself_gets_nothing_invented():
    page = ("<html><head><title>Russia loses its grip on Central Asia | OpEd</title>"
            '<link rel="canonical" href="https://news.example.com/russia-loses-its-grip"></head><body><article>'
            "<p>Moscow's hold on the region has weakened since 2022, the author argues, as trade turns to China.</p>"
            "<p>Related coverage from March 3, 2021 and June 1, 2020 is listed below the article.</p>"
            "</article></body></html>")
    meta = read_html_seed(page.encode()).meta
    assert meta.title == "Russia loses its grip on Central Asia"
    assert (meta.publisher, meta.author, meta.language) == (None, None, None)  # not "OpEd", not the host name
    assert (meta.published, meta.published_from, meta.updated) == (None, None, None)  # not a date of the text


def test_text_and_html_seeds_lose_the_same_furniture():
    lines = ["Uzbekistan opens more Russian-language classes", "By Jane Roe", "Published 8 September 2022",
             "Share this article",
             "Uzbekistan's education ministry said this week that it would open more Russian-language classes.",
             "The decision comes as the government promotes Uzbek in public life and English in universities.",
             "#Uzbekistan #education", "Sign up for our weekly newsletter on Central Asia",
             "This article was originally published by Eurasianet.", "Related articles",
             "Kazakhstan plans more Kazakh on air", "Kyrgyzstan's language law takes effect"]
    page = (f"<html><head><title>{lines[0]}</title></head><body><article><h1>{lines[0]}</h1>"
            + "".join(f"<p>{line}</p>" for line in lines[1:]) + "</article></body></html>")
    from_html, from_text = read_html_seed(page.encode()), read_seed("\n\n".join(lines).encode())
    assert texts(from_html) == texts(from_text) == lines[4:6]
    assert [(r.reason, r.text) for r in from_html.removed] == [(r.reason, r.text) for r in from_text.removed]
    assert from_html.attribution == from_text.attribution == ("This article was originally published by Eurasianet.",)


def test_reading_a_page_again_in_the_same_process_gives_the_same_paragraphs():
    """trafilatura's deduplication counts repeats across every page of a process by default: a paragraph seen
    twice before would vanish from the third read (a seed edited while serving, or two pages sharing a quote)."""
    first = read_html_seed(NEWS)
    for _ in range(4):
        assert read_html_seed(NEWS).paragraphs == first.paragraphs


# --- hostile pages -----------------------------------------------------------------------------------------

ACTIVE = ("alert(", "evil.example", "Zqxscript", "Zqxinline", "Zqxiframe", "Zqxsrcdoc", "Zqxstyle", "Zqxsvg",
          "Zqxnoscript", "Zqxobject", "Zqxinput", "Zqxtemplate", "onerror", "onclick", "onload", "onmouseover")


def test_nothing_of_scripts_frames_handlers_or_refresh_reaches_the_text():
    seed = read_html_seed(HOSTILE)
    quoted = 'read <script>alert("quoted")</script> and <img src=x onerror=alert(9)> before it was deleted'
    assert any(quoted in text for text in texts(seed))  # text the page shows as text stays text, for escaping
    others = "\n".join(text for text in texts(seed) if quoted not in text)
    assert [word for word in ACTIVE if word in others] == []
    assert "a fast route to a Russian passport if he signed a contract with the army" in others  # around a script
    assert seed.meta.url is None  # the canonical address is javascript:
    assert seed.meta.author is None  # the JSON-LD author is markup


def test_a_javascript_canonical_address_gives_way_to_an_http_one():
    page = ('<html><head><link rel="canonical" href=" JaVaScRiPt:alert(1)">'
            '<meta property="og:url" content="https://news.example.com/a"></head>'
            "<body><p>A paragraph of article text that is long enough to be kept by the extractor.</p></body></html>")
    assert read_html_seed(page.encode()).meta.url == "https://news.example.com/a"


@pytest.mark.parametrize("declared", ["windows-1251", "utf-8", None])
@pytest.mark.parametrize("real", ["utf-8", "cp1251"])
def test_a_charset_that_lies_does_not_garble_the_text(declared, real):
    page = RUSSIAN.decode("utf-8").replace("charset=utf-8", f"charset={declared}" if declared else "")
    seed = read_html_seed(page.encode(real))
    assert texts(seed) == texts(read_html_seed(RUSSIAN))
    assert seed.meta == read_html_seed(RUSSIAN).meta


def test_the_encoding_written_in_the_metadata_wins():
    assert texts(read_html_seed(RUSSIAN.decode().encode("cp1251"), "cp1251")) == texts(read_html_seed(RUSSIAN))


READ_IN_A_CHILD = """
import json, sys, time
from pathlib import Path
from generator.inputs.load import load_seed
from generator.common.project import Project
root = Path(sys.argv[1])
outcomes = {}
for path in sorted((root / "seeds").iterdir()):
    problems, started = [], time.process_time()
    text = load_seed(Project.at(root), path, None, problems)
    outcomes[path.stem] = {"paragraphs": len(text.paragraphs) if text else None, "problems": [p.format_text() for p in problems],
                           "seconds": time.process_time() - started}
print(json.dumps(outcomes))
"""


def nested(depth: int) -> bytes:
    article = "<p>The article sits at the very bottom of a page that nests its elements deeper than anyone reads.</p>"
    return f"<html><body>{'<div>' * depth}{article}{'</div>' * depth}</body></html>".encode()


def news_page_grown_to(size: int, filler: str) -> bytes:
    page = NEWS.decode()
    padding = filler * ((size - len(NEWS)) // len(filler.encode()))
    return page.replace("</body>", padding + "</body>").encode()


MB_1_9 = 1_900_000
SCRIPT_BLOB = '<script>window.__DATA__ = {"items": [' + '{"id": 1, "t": "Kazakhstan"},' * 1000 + ']};</script>\n'
DEEP = "skipped: the page nests its elements more than 255 deep"
TOO_BIG = "too many to extract the article from in reasonable time"
HOSTILE_PAGES = {  # name: (page, what its problem says, or None when it is read)
    "nested-5000": (nested(5_000), DEEP),
    "nested-100000": (nested(100_000), DEEP),
    "big-script": (news_page_grown_to(MB_1_9, SCRIPT_BLOB), None),  # most of a big real page is script and JSON
    "many-elements": (news_page_grown_to(MB_1_9, "<div><span>a</span></div>"), f"more than {MAX_ELEMENTS:,} elements"),
    "links-in-paragraphs": (news_page_grown_to(MB_1_9, '<p><a href="/x">Kazakhstan</a> and <a href="/y">Russia</a></p>'),
                            "the page's paragraphs hold more than"),
    "paragraph-of-links": (news_page_grown_to(MB_1_9, "<p>" + '<a href="/x">Kazakhstan</a> and ' * 2_000 + "</p>"),
                           "a paragraph here holds 2,000 elements"),
}


@pytest.fixture(scope="module")
def hostile_outcomes(tmp_path_factory) -> dict:
    """Every hostile page read by load_seed in one child process: a crash there (a C stack overflow, say) cannot
    take the test runner with it, and shows as a negative exit status."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "seeds").mkdir()
    for name, (page, _) in HOSTILE_PAGES.items():
        (root / "seeds" / f"{name}.html").write_bytes(page)
    code = READ_IN_A_CHILD.replace("sys.argv[1]", repr(str(root)))
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"the child exited with {result.returncode}\n{result.stderr[-2000:]}"
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", HOSTILE_PAGES)
def test_deep_and_huge_pages_are_read_or_skipped_in_seconds_naming_the_file(hostile_outcomes, name):
    page, expected = HOSTILE_PAGES[name]
    outcome = hostile_outcomes[name]
    assert outcome["seconds"] < SECONDS
    if expected is None:
        assert len(page) > 1_800_000 and outcome["problems"] == []
        assert outcome["paragraphs"] == len(read_html_seed(NEWS).paragraphs)
    else:
        [problem] = outcome["problems"]
        assert problem.startswith(f"seeds/{name}.html:") and expected in problem and "skipped" in problem
        assert outcome["paragraphs"] is None


def test_every_hostile_page_fits_under_the_seed_size_limit():
    assert all(len(page) <= MAX_SEED_BYTES for page, _ in HOSTILE_PAGES.values())


def test_a_page_nested_just_under_the_parsers_limit_is_read():
    assert len(read_html_seed(nested(250)).paragraphs) == 1


@pytest.mark.parametrize("page, message", [
    (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text was found in the page"),
    (b"<!-- nothing -->", "the page holds no HTML to read"),
    (b"   \n", "the seed is empty"),
    (b"<p>" + b"x" * MAX_SEED_BYTES + b"</p>", "over the limit"),
    (b"<html>\x00\x00</html>", "looks binary"),
])
def test_a_page_without_an_article_is_refused_with_a_reason(page, message):
    with pytest.raises(SeedDecodeError, match=message):
        read_html_seed(page)


# --- in the project: listing, ids, the cache, generate and new ------------------------------------------------

def test_cached_html_reads_are_keyed_by_the_extractors_versions(tmp_path, monkeypatch):
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "page.html").write_bytes(NEWS)
    cache = ParseCache(tmp_path / "cache.json")
    load_seed(Project.at(root), root / "seeds" / "page.html", None, [], cache)
    expected = f"trafilatura-{trafilatura.__version__}+htmldate-{htmldate.__version__}"
    assert [key for key in cache.used if expected in key and key.startswith("html-seed:")] == list(cache.used)
    cache.save()
    monkeypatch.setattr(seed_formats, "EXTRACTOR", "trafilatura-99.0+htmldate-99.0")
    reads = []
    monkeypatch.setattr(seed_formats, "read_html_seed", lambda *args: reads.append(args) or read_html_seed(*args))
    load_seed(Project.at(root), root / "seeds" / "page.html", None, [], ParseCache(tmp_path / "cache.json"))
    assert len(reads) == 1  # an upgraded extractor reads the page again


def test_x_txt_and_x_html_are_one_source_and_the_described_one_is_kept(project_copy):
    seeds, sources = project_copy / "seeds", project_copy / "content/sources"
    (seeds / "900_pair.txt").write_text("Kyrgyzstan and Russia.\n\nA short text seed.\n", encoding="utf-8")
    (seeds / "900_pair.html").write_bytes(NEWS)
    (sources / "900_pair.yml").write_text(
        "seed: 900_pair.txt\ntitle: A pair\nreview: draft\ncountries: [kyrgyzstan]\nthemes: []\n", encoding="utf-8")
    inputs = load_inputs(Project.at(project_copy))
    assert "900_pair.txt" in inputs.seeds and "900_pair.html" not in inputs.seeds
    [problem] = [p for p in inputs.problems if "900_pair" in p.path]
    assert problem.format_text() == ("seeds/900_pair.html:1:1: skipped: 900_pair.html and 900_pair.txt would be two "
                                     "seeds of one source; 900_pair.txt is kept (rename or remove this file)")


def test_an_htm_seed_is_a_web_page_too(project_copy):
    (project_copy / "seeds" / "901_saved-page.htm").write_bytes(NEWS)
    inputs = load_inputs(Project.at(project_copy))
    seed = inputs.seeds["901_saved-page.htm"]
    assert seed.meta.publisher == "Steppe Wire" and "<" not in "".join(p.text for p in seed.paragraphs)


def test_a_curated_source_may_name_an_html_seed_and_quote_it(project_copy):
    (project_copy / "seeds" / "900_media-law.html").write_bytes(NEWS)
    (project_copy / "content/sources/900_media-law.yml").write_text(yaml.safe_dump({
        "seed": "900_media-law.html", "title": "Kazakhstan plans more Kazakh, less Russian, on air",
        "publisher": "Steppe Wire", "date": "2023-10-06", "quality": "clean", "review": "reviewed",
        "added": "2026-12-01T00:00:00Z", "countries": ["kazakhstan"], "themes": [], "summary": "A draft media law.",
        "key_points": [{"id": "k1", "text": "More Kazakh on air.",
                        "quote": "Kazakhstan wants its broadcasters to speak more Kazakh"}]}), encoding="utf-8")
    problems = [p.format_text() for p in check_problems(project_copy) if "900_media-law" in p.path]
    assert problems == []


class Tags(HTMLParser):
    """Every start tag and attribute in a page (Markdown text is text to it)."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_html_seeds_without_metadata_are_published_and_new_drafts_them(tmp_path):
    root = one_seed_project(tmp_path / "project")
    (root / "seeds" / "900_kazakh-media-law.html").write_bytes(NEWS)
    (root / "seeds" / "901_hostile.html").write_bytes(HOSTILE)
    result = run_cli("generate", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stderr
    assert "seeds/900_kazakh-media-law.html:1:1: warning: this seed has no metadata" in result.stderr
    assert (root / "seeds" / "900_kazakh-media-law.html").read_bytes() == NEWS  # the raw file is never changed
    page = (root / "build/docs/sources/900_kazakh-media-law.md").read_text(encoding="utf-8")
    assert "title: Kazakhstan plans more Kazakh, less Russian, on air" in page
    assert "| Publisher | Steppe Wire (detected automatically) |" in page
    assert "| Author | Aigerim Bekova (detected automatically) |" in page
    assert "| Date | 6 October 2023 (detected automatically) |" in page
    assert "Kazakhstan wants its broadcasters to speak more Kazakh" in page and "Mongolia" not in page

    hostile = (root / "build/docs/sources/901_hostile.md").read_text(encoding="utf-8")
    assert "Frontier Desk" in hostile and "2 April 2024" in hostile
    parser = Tags()
    parser.feed(hostile)
    # the page's own markup: its paragraphs, links, badges, the breadcrumb trail (nav, ol, li)
    # and the one "Copy citation" button, exactly as the template writes it
    assert {tag for tag, _ in parser.tags} <= {"p", "a", "span", "div", "strong", "em", "nav", "ol", "li", "button"}
    assert [attrs for tag, attrs in parser.tags if tag == "button"] == [
        {"type": "button", "class": "briefing-copy-citation", "data-copied": "Citation copied"}]
    attributes = [(name, value) for _, attrs in parser.tags for name, value in attrs.items()]
    assert not [name for name, _ in attributes if name.startswith("on") or name in ("src", "style", "srcdoc")]
    assert not [value for _, value in attributes if "javascript" in (value or "").lower()]
    [quoted] = [line for line in hostile.splitlines() if "quoted" in line]
    assert "read &#60;script&#62;alert&#40;&#34;quoted&#34;&#41;&#60;/script&#62; and &#60;img" in quoted
    rest = hostile.replace(quoted, "")
    assert [word for word in ("alert", *ACTIVE) if word in rest] == []

    result = run_cli("new", "--root", str(root), "seeds/900_kazakh-media-law.html", cwd=root)
    assert result.returncode == 0, result.stderr
    draft = yaml.safe_load((root / "content/sources/900_kazakh-media-law.yml").read_text(encoding="utf-8"))
    assert (draft["seed"], draft["title"], draft["publisher"], draft["author"], draft["date"]) == (
        "900_kazakh-media-law.html", "Kazakhstan plans more Kazakh, less Russian, on air", "Steppe Wire",
        "Aigerim Bekova", "2023-10-06")
    assert "kazakhstan" in draft["countries"]
