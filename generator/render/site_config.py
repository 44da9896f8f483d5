"""What an engine needs besides the pages: the site's navigation and its public address, as a configuration
that extends the project's mkdocs.yml.

Both engines read it (MkDocs, and Zensical, which reads mkdocs.yml's format): the
generator writes it to the project root as mkdocs.generated.yml on every
successful generation, and the engines build with it. It lives beside mkdocs.yml,
not under build/, because the paths mkdocs.yml gives (docs_dir, custom_dir, the
hook) are resolved against the folder of the file that is read. Titles are HTML-
escaped here: both engines print navigation titles as they are.
"""

from __future__ import annotations

import html
from typing import Any

import yaml

from generator.model.briefing import Briefing
from generator.model.entities import Term
from generator.render import locations
from generator.render.renderer import CORRECTIONS_TITLE

BASE_CONFIG = "mkdocs.yml"
GENERATED_CONFIG = "mkdocs.generated.yml"
HEADER = (
    "# Written by python -m generator on every generation, from mkdocs.yml and the briefing's pages.\n"
    "# Do not edit (git ignores it): change mkdocs.yml or content/ instead.\n"
)

# (title, path) or (title, index path or None, [(title, path), ...])
SiteMap = list[tuple[Any, ...]]


def site_map(briefing: Briefing, extra_pages: list[str]) -> SiteMap:
    """The site's sections, engine-neutral: (title, path) or (title, index path, [children])."""

    def section(title: str, index: str, terms: tuple[Term, ...]) -> tuple[str, str, list[tuple[str, str]]]:
        return (title, index, [(t.name, locations.term(t.kind, t.slug)) for t in terms])

    about = [(_page_title(name), name) for name in extra_pages] + [(CORRECTIONS_TITLE, locations.CORRECTIONS)]
    return [
        ("Home", locations.HOME),
        section("Countries", locations.COUNTRIES, briefing.countries_in_use()),
        section("Themes", locations.THEMES, briefing.themes_in_use()),
        ("Timeline", locations.TIMELINE),
        ("Sources", locations.SOURCES, [("Browse by country, theme or year", locations.BROWSE)]),
        ("Data", locations.DATA),
        ("About", None, about),
    ]


def _page_title(name: str) -> str:
    return name.removesuffix(".md").replace("-", " ").capitalize()


def nav_entries(site_map: SiteMap) -> list[dict[str, Any]]:
    """The navigation in mkdocs.yml's form, titles HTML-escaped."""
    nav: list[dict[str, Any]] = []
    for entry in site_map:
        if len(entry) == 2:
            nav.append({html.escape(entry[0]): entry[1]})
            continue
        title, index, children = entry
        items: list[Any] = [index] if index else []
        items += [{html.escape(name): path} for name, path in children]
        nav.append({html.escape(title): items})
    return nav


def config_text(site_map: SiteMap, site_url: str | None) -> str:
    """mkdocs.generated.yml: mkdocs.yml, with the navigation and (when the briefing has one) the public address."""
    data: dict[str, Any] = {"INHERIT": BASE_CONFIG, "nav": nav_entries(site_map)}
    if site_url:
        data["site_url"] = site_url
    return HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)
