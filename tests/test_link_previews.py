"""Every built page carries Open Graph and Twitter card metadata, so that a shared link previews with the page's own
title and description, even when the title holds markup; with a public address, each names its full URL."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.helpers import copy_project, edit, run_cli

HOSTILE_TITLE = 'Osh "arrest" <script>alert(1)</script> & more'
SITE = "https://briefing.example.org/ca/"


class Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "meta" and (found.get("property") or found.get("name")):
            self.meta[found.get("property") or found["name"]] = found.get("content", "")
        self._in_script = tag == "script"

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("previews") / "project")
    edit(
        root,
        "content/sources/000_c1a27e0ec5b1e4f9.yml",
        "title: Central Asia Pushes Back Against Russian Soft-Power",
        f"title: '{HOSTILE_TITLE}'",
    )
    result = run_cli("build", "--root", str(root), "--site-url", SITE, cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def head_of(path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_page_has_a_preview_with_its_own_title_and_its_address(site):
    pages = sorted(site.rglob("index.html"))
    assert len(pages) > 40
    for page in pages:
        meta = head_of(page).meta
        for key in ("og:title", "og:description", "og:type", "og:site_name", "twitter:card", "twitter:title"):
            assert meta.get(key), f"{page.relative_to(site)} has no {key}"
        address = SITE + page.relative_to(site).parent.as_posix() + "/"
        assert meta["og:url"] == address.replace("/./", "/"), page
    assert head_of(site / "index.html").meta["og:type"] == "website"


def test_a_hostile_title_previews_as_text(site):
    head = head_of(site / "sources" / "000_c1a27e0ec5b1e4f9" / "index.html")
    assert head.meta["og:title"] == HOSTILE_TITLE == head.meta["twitter:title"]
    assert head.meta["og:type"] == "article"
    assert not any("alert(1)" in script for script in head.scripts), "the title must not become a script"
