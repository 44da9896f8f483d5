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

from generator.derive.listing import ALL_SOURCES_TITLE
from generator.model.briefing import Briefing
from generator.model.entities import Term
from generator.render import crumbs, locations
from generator.render.renderer import CORRECTIONS_TITLE

BASE_CONFIG = "mkdocs.yml"
GENERATED_CONFIG = "mkdocs.generated.yml"
HEADER = (
    "# Written by python -m generator on every generation, from mkdocs.yml and the briefing's pages.\n"
    "# Do not edit (git ignores it): change mkdocs.yml or content/ instead.\n"
)

# (title, path) or (title, (index title, index path) or None, [(title, path), ...])
SiteMap = list[tuple[Any, ...]]


def site_map(briefing: Briefing, extra_pages: list[str]) -> SiteMap:
    """The site's sections, engine-neutral: (title, path) or (title, (index title, index path), [children]).

    A section's index page is named with its own title (the title of its page): a page the navigation leaves
    untitled has none in a dirty build that does not render it again (engines/incremental.py), and the pages
    beside it would link to it as "None"."""

    def section(title: str, index: str, terms: tuple[Term, ...]) -> tuple[str, tuple[str, str], list[tuple[str, str]]]:
        return (title, (title, index), [(t.name, locations.term(t.kind, t.slug)) for t in terms])

    about = [(crumbs.hand_written_title(name), name) for name in extra_pages]
    about.append((CORRECTIONS_TITLE, locations.CORRECTIONS))
    return [
        (crumbs.HOME_TITLE, locations.HOME),
        section(crumbs.COUNTRIES_TITLE, locations.COUNTRIES, briefing.countries_in_use()),
        section(crumbs.THEMES_TITLE, locations.THEMES, briefing.themes_in_use()),
        (crumbs.TIMELINE_TITLE, locations.TIMELINE),
        (crumbs.SOURCES_TITLE, (ALL_SOURCES_TITLE, locations.SOURCES), [(crumbs.BROWSE_TITLE, locations.BROWSE)]),
        (crumbs.DATA_TITLE, locations.DATA),
        (crumbs.ABOUT_TITLE, None, about),
    ]


def nav_entries(site_map: SiteMap) -> list[dict[str, Any]]:
    """The navigation in mkdocs.yml's form, titles HTML-escaped."""
    nav: list[dict[str, Any]] = []
    for entry in site_map:
        if len(entry) == 2:
            nav.append({html.escape(entry[0]): entry[1]})
            continue
        title, index, children = entry
        items: list[Any] = [{html.escape(index[0]): index[1]}] if index else []
        items += [{html.escape(name): path} for name, path in children]
        nav.append({html.escape(title): items})
    return nav


def config_text(site_map: SiteMap, site_url: str | None, footer: str) -> str:
    """mkdocs.generated.yml: mkdocs.yml, with the navigation, the footer line (masthead.py) and, when the briefing
    has one, the public address. The footer replaces the theme's own credit line."""
    data: dict[str, Any] = {
        "INHERIT": BASE_CONFIG,
        "nav": nav_entries(site_map),
        "copyright": footer,
        "extra": {"generator": False},
    }
    if site_url:
        data["site_url"] = site_url
    return HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)
