"""Where a page sits in the site: its section (the tab to highlight) and its breadcrumb trail.

Source pages, the browse indexes and the timeline's years are not in the navigation
(ten thousand sources would put ten thousand links in every page), so the engine
cannot know their section: the generator states it in each page's front matter
("tab", read by overrides/partials/tabs-item.html) and writes the trail into the
page itself, which works the same in every engine.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.render import locations
from generator.render.environment import environment

HOME_TITLE = "Home"
COUNTRIES_TITLE = "Countries"
THEMES_TITLE = "Themes"
TIMELINE_TITLE = "Timeline"
SOURCES_TITLE = "Sources"
BROWSE_TITLE = "Browse by country, theme or year"
DATA_TITLE = "Data"
ABOUT_TITLE = "About"  # a section without a page of its own: the hand-written pages and the corrections

# Pages by folder: the section (tab) they belong to, and the crumbs between Home and the page itself.
_FOLDERS: dict[str, tuple[str, tuple[tuple[str, str | None], ...]]] = {
    "countries/": (COUNTRIES_TITLE, ((COUNTRIES_TITLE, locations.COUNTRIES),)),
    "themes/": (THEMES_TITLE, ((THEMES_TITLE, locations.THEMES),)),
    "sources/": (SOURCES_TITLE, ((SOURCES_TITLE, locations.SOURCES),)),
    "browse/": (SOURCES_TITLE, ((SOURCES_TITLE, locations.SOURCES), ("Browse", locations.BROWSE))),
    "timeline/": (TIMELINE_TITLE, ((TIMELINE_TITLE, locations.TIMELINE),)),
}
_TOP_LEVEL = {
    locations.HOME: HOME_TITLE,
    locations.COUNTRIES: COUNTRIES_TITLE,
    locations.THEMES: THEMES_TITLE,
    locations.SOURCES: SOURCES_TITLE,
    locations.TIMELINE: TIMELINE_TITLE,
    locations.DATA: DATA_TITLE,
}


@dataclass(frozen=True)
class Crumb:
    label: str
    href: str | None  # relative to the page; None: the page itself, or a section without a page


def section_of(page_path: str) -> str:
    """The navigation tab a page belongs to; pages outside the generated folders are About pages."""
    if page_path in _TOP_LEVEL:
        return _TOP_LEVEL[page_path]
    if page_path == locations.BROWSE:
        return SOURCES_TITLE
    for folder, (section, _) in _FOLDERS.items():
        if page_path.startswith(folder):
            return section
    return ABOUT_TITLE


def trail(page_path: str, title: str) -> tuple[Crumb, ...]:
    """Home › section › … › the page; empty for the top-level pages, which the tabs name already."""
    if page_path in _TOP_LEVEL:
        return ()
    between: tuple[tuple[str, str | None], ...] = ((ABOUT_TITLE, None),)
    if page_path == locations.BROWSE:
        between = ((SOURCES_TITLE, locations.SOURCES),)
    else:
        between = next((steps for folder, (_, steps) in _FOLDERS.items() if page_path.startswith(folder)), between)
    # A section without a page of its own says nothing more when the page has its name ("About › About").
    steps = ((HOME_TITLE, locations.HOME), *(step for step in between if step[1] or step[0] != title))
    return (
        *(Crumb(label, locations.href(path, page_path) if path else None) for label, path in steps),
        Crumb(title, None),
    )


def hides_navigation(page_path: str) -> bool:
    """Pages whose section has no list of pages to show beside them: their left sidebar would be empty."""
    return section_of(page_path) not in (COUNTRIES_TITLE, THEMES_TITLE, ABOUT_TITLE)


def placed(page_path: str, meta: dict) -> dict:
    """The page's front matter with its place in the site: the tab it belongs to, and no empty left sidebar."""
    placed_meta = {**meta, "tab": section_of(page_path)}
    if hides_navigation(page_path):
        placed_meta["hide"] = sorted({*meta.get("hide", ()), "navigation"})
    return placed_meta


def crumbs_line(page_path: str, title: str) -> str:
    """The breadcrumb trail that opens the page's Markdown (empty on top-level pages)."""
    return environment().get_template("_crumbs.md.j2").render(crumbs=trail(page_path, title))


def hand_written_title(name: str) -> str:
    """The title the navigation and the trail give an editor's page: about-us.md -> "About us"."""
    return name.removesuffix(".md").replace("-", " ").capitalize()


def with_trail(name: str, text: str) -> str:
    """An editor's page with the trail put after its front matter, if it has any."""
    line = crumbs_line(name, hand_written_title(name))
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return text[: end + 5] + "\n" + line + text[end + 5 :].lstrip("\n")
    return line + text
