"""The kinds of seed file, told apart by their suffix: plain text (.txt) and scraped HTML pages (.html, .htm).

A source's id is its seed's name without the suffix, whatever the suffix is, so
x.txt and x.html (or x.htm) would be two seeds of one source: listing keeps one of them.
"""

from __future__ import annotations

from importlib.metadata import version

from generator.inputs.seed_text import SeedText

# The extractor's name and versions, part of the parse cache key of HTML seeds: an upgrade may change paragraphs.
EXTRACTOR = f"trafilatura-{version('trafilatura')}+htmldate-{version('htmldate')}"

TEXT_SUFFIX = ".txt"
HTML_SUFFIXES = (".html", ".htm")  # a browser's "save page as" writes either
SEED_SUFFIXES = (TEXT_SUFFIX, *HTML_SUFFIXES)


def is_html_seed(name: str) -> bool:
    return name.endswith(HTML_SUFFIXES)


def seed_stem(name: str) -> str:
    """The seed's name without its suffix: the source id it gets when its metadata gives none."""
    for suffix in SEED_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def seed_names_for(stem: str) -> set[str]:
    """Every seed name a source called stem could have."""
    return {stem + suffix for suffix in SEED_SUFFIXES}


def read_html_seed(data: bytes, encoding: str | None = None) -> SeedText:
    """generator/inputs/html_reader.py, imported on first use: trafilatura and htmldate take about 0.25 s to load,
    which every command would pay (and the tests, hundreds of times) though most runs read no HTML."""
    from generator.inputs.html_reader import read_html_seed as read_page

    return read_page(data, encoding)


def read_any_seed(name: str, data: bytes, encoding: str | None = None) -> SeedText:
    """Read a seed by its name: a page's article out of .html, clean text out of anything else. The readers are
    imported on first use: their patterns take a tenth of a second to compile, which a run whose seeds all come
    from the parse cache need not pay."""
    if is_html_seed(name):
        return read_html_seed(data, encoding)
    from generator.inputs.reader import read_seed

    return read_seed(data, encoding)


def reading_kind(name: str) -> tuple[str, str]:
    """The parse cache's kind and the variant part that names the code outside this project that reads it: an
    upgrade of the HTML extractor may change paragraphs, so its cached reads are not served after one."""
    return ("html-seed", EXTRACTOR) if is_html_seed(name) else ("seed", "")
