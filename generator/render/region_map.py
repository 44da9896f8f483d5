"""A map of Central Asia and its neighbours as inline SVG: no script, no tiles, no file from another host.

The shapes are Natural Earth's 1:50m countries, projected, simplified and clipped once by the maintainers' tool
tools/map/make_region_map.py into data/region_map.json, with Crimea drawn as part of Ukraine; this module only
reads that file. The countries the briefing covers are shaded by how their distance from Moscow is moving, the rest
are drawn as context. Colours come from the page's CSS classes, so the map reads in light and dark mode alike, and
"no reading yet" is hatched as well as coloured, so it never depends on colour alone. The SVG has a title and a
description that lists every shaded country with its state and date, and each linked country names itself.

Everything drawn in the SVG shrinks with it, so only the country labels are: each has its full name and a short form
(the ISO alpha-3 code), and the page's CSS shows the short form, larger, on a narrow screen (briefing.css sizes it
there, in viewBox units). The legend and the source line are HTML after the SVG, in the page's own type size.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from generator.render import escape

MEASURE = "distance from Moscow"
STATES = ("growing", "steady", "shrinking", "none")
LEGEND_WORDS = {"growing": "▲ growing", "steady": "▶ steady", "shrinking": "▼ shrinking", "none": "no reading yet"}
# The same arrows as the trend badges on the pages: the state is told by shape as well as by colour.
ARROWS = {"growing": "▲ ", "steady": "▶ ", "shrinking": "▼ ", "none": ""}
# The data's "source" and "licence" name the exact release; this is the line for readers. Crimea is not named here:
# the readers' note after it says how Crimea is drawn.
SOURCE_LINE = "Borders: Natural Earth 1:50m (public domain), via world-atlas."
MAP_ID = re.compile(r"^[A-Za-z][A-Za-z0-9-]*$")

# The full name's size in viewBox units (the map is 1000 wide), so it shrinks with the map: 25 units are 17–24 px on a
# screen of 45em or more, where the CSS shows the full names. The short form's size is the CSS's, as is when to show it.
LABEL_SIZE = 25
HALO_WIDTH = 6
SWATCH = 24  # the legend's swatches, in their own small viewBox; CSS sizes them with the text


@dataclass(frozen=True)
class MapCountry:
    shape: str  # the Natural Earth name of the shape to shade, e.g. "Kyrgyzstan"
    label: str  # the briefing's name for it
    state: str  # "growing" | "steady" | "shrinking" | "none" (no reading yet)
    as_of: str  # e.g. "April 2025 (inferred)"; "" when state is "none"
    href: str | None  # link to the country's page / cited reading; None: not linked


@dataclass(frozen=True)
class _Shape:
    name: str
    code: str | None  # ISO 3166 alpha-3, e.g. "KGZ"; None for a shape without one
    d: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class _MapData:
    width: float
    height: float
    projection: dict[str, Any]
    readers_note: str  # how borders are drawn, for the caption
    shapes: dict[str, _Shape]


@cache
def _map_data() -> _MapData:
    """The committed shapes, read once: they change only when a maintainer reruns the tool."""
    text = resources.files("generator.render").joinpath("data", "region_map.json").read_text(encoding="utf-8")
    raw = json.loads(text)
    shapes = {row["name"]: _Shape(row["name"], row["iso_a3"], row["d"], *row["label"]) for row in raw["countries"]}
    return _MapData(float(raw["width"]), float(raw["height"]), raw["projection"], raw["readers_note"], shapes)


def shape_names() -> frozenset[str]:
    """Every shape the map can draw, by Natural Earth name."""
    return frozenset(_map_data().shapes)


def shape_for(names: Iterable[str]) -> str | None:
    """The first of a term's name and aliases that names a shape, ignoring case; None when none does."""
    by_folded_name = {name.casefold(): name for name in _map_data().shapes}
    return next((by_folded_name[name.casefold()] for name in names if name.casefold() in by_folded_name), None)


def project(lon: float, lat: float) -> tuple[float, float]:
    """A point in the map's viewBox units: the spherical Albers conic the tool drew the shapes with."""
    parameters = _map_data().projection
    phi1, phi2 = (math.radians(p) for p in parameters["standard_parallels"])
    n = (math.sin(phi1) + math.sin(phi2)) / 2
    c = math.cos(phi1) ** 2 + 2 * n * math.sin(phi1)
    rho0 = math.sqrt(c - 2 * n * math.sin(math.radians(parameters["origin_latitude"]))) / n
    rho = math.sqrt(c - 2 * n * math.sin(math.radians(lat))) / n
    theta = n * math.radians(lon - parameters["central_meridian"])
    scale, (tx, ty) = parameters["scale"], parameters["translate"]
    return scale * rho * math.sin(theta) + tx, ty - scale * (rho0 - rho * math.cos(theta))


def region_map(map_id: str, title: str, countries: list[MapCountry]) -> Markup:
    """An accessible SVG figure; map_id must be unique on the page (letters, digits, '-')."""
    if not MAP_ID.match(map_id):
        raise ValueError(f"map id {map_id!r} is not letters, digits and '-'")
    _check(countries)
    data = _map_data()
    shaded = {country.shape: country for country in countries}
    # role="img" makes its content presentational, which would hide the links from screen readers; a map with links
    # is a named group instead, so each link is reached and announced.
    role = "group" if any(country.href for country in countries) else "img"
    parts = [
        f'<figure class="briefing-map" id="{map_id}">',
        f'<svg class="briefing-map__svg" viewBox="0 0 {data.width:g} {data.height:g}" width="100%" role="{role}" '
        f'aria-labelledby="{map_id}-title" aria-describedby="{map_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{map_id}-title">{escape.fragment(title)}</title>',
        f'<desc id="{map_id}-desc">{escape.fragment(_description(countries))}</desc>',
        _hatch(map_id),
        f'<rect class="briefing-map__sea" width="{data.width:g}" height="{data.height:g}"/>',
        '<g class="briefing-map__shapes" stroke-linejoin="round">',
        *(_context(shape) for name, shape in sorted(data.shapes.items()) if name not in shaded),
        *(_shaded(data.shapes[country.shape], country, map_id) for country in countries),
        "</g>",
        _labels(countries, data),
        f'<rect class="briefing-map__frame" width="{data.width:g}" height="{data.height:g}" fill="none"/>',
        "</svg>",
        _legend(map_id),
        f"<figcaption>{escape.fragment(title)}. "
        f'<span class="briefing-map__source">{escape.fragment(SOURCE_LINE)}</span> '
        f"{escape.fragment(data.readers_note)}</figcaption>",
        "</figure>",
    ]
    return Markup("\n".join(parts))


def _check(countries: list[MapCountry]) -> None:
    """Mistakes in the caller, not in the content: a wrong state or shape would draw a misleading map."""
    drawable = shape_names()
    seen: set[str] = set()
    for country in countries:
        if country.state not in STATES:
            raise ValueError(f"{country.label}: state {country.state!r} is not one of {', '.join(STATES)}")
        if country.shape not in drawable:
            raise ValueError(f"{country.label}: the map has no shape named {country.shape!r}")
        if country.href and urlsplit(country.href.strip()).scheme.lower() not in ("", "http", "https"):
            raise ValueError(f"{country.label}: the link {country.href!r} is not a page or web address")
        if country.shape in seen:
            raise ValueError(f"{country.label}: the shape {country.shape!r} is shaded twice")
        seen.add(country.shape)


def _reading(country: MapCountry) -> str:
    """A country's state in words, e.g. "distance from Moscow growing, as of April 2025 (inferred)"."""
    if country.state == "none":
        return f"no reading of {MEASURE} yet"
    return f"{MEASURE} {country.state}" + (f", as of {country.as_of}" if country.as_of else "")


def _description(countries: list[MapCountry]) -> str:
    readings = " ".join(f"{country.label}: {_reading(country)}." for country in countries)
    return (
        f"Map of Central Asia and its neighbours, shading each country the briefing covers by how its {MEASURE} "
        f"is moving. {readings} Crimea is shown as part of Ukraine."
    )


def _hatch(map_id: str) -> str:
    # The fallback colours here are the only ones in the SVG; the classes let a dark scheme restyle the hatch.
    return (
        f'<defs><pattern id="{map_id}-hatch" class="briefing-map__hatch" width="9" height="9" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect class="briefing-map__hatch-ground" width="9" height="9" fill="#eeeeee"/>'
        '<line class="briefing-map__hatch-line" x1="2" y1="0" x2="2" y2="9" stroke="#767676" stroke-width="3"/>'
        "</pattern></defs>"
    )


def _fill(state: str, map_id: str) -> str:
    """The hatch overrides any fill the page's CSS gives countries: it is what tells "none" apart without colour."""
    return f' style="fill: url(#{map_id}-hatch)"' if state == "none" else ""


def _context(shape: _Shape) -> str:
    return f'<path class="briefing-map__land" data-shape="{escape.attribute(shape.name)}" d="{shape.d}"/>'


def _shaded(shape: _Shape, country: MapCountry, map_id: str) -> str:
    path = (
        f'<path class="briefing-map__country briefing-map__country--{country.state}"{_fill(country.state, map_id)} '
        f'data-shape="{escape.attribute(shape.name)}" d="{shape.d}"/>'
    )
    if not country.href:
        return path
    name = f"{country.label}: {_reading(country)}"
    return f'<a href="{escape.attribute(country.href)}" aria-label="{escape.attribute(name)}">{path}</a>'


def _labels(countries: list[MapCountry], data: _MapData) -> str:
    # Drawn after every shape, so no neighbour covers a long name; hidden from screen readers, which have the
    # description and the links' names, and transparent to clicks, which reach the country below. Each label is two
    # text chunks at the same point, the full name and the short form; the short one is hidden unless the page's CSS
    # shows it (on a narrow screen, hiding the full name instead), so without CSS the full names show.
    texts = []
    for country in countries:
        shape = data.shapes[country.shape]
        at = f'x="{shape.label_x:g}" y="{shape.label_y:g}" dy="0.35em"'
        name = f"{ARROWS[country.state]}{country.label}"
        short = f"{ARROWS[country.state]}{shape.code or country.label}"
        texts.append(
            f'<text><tspan class="briefing-map__name" {at}>{escape.fragment(name)}</tspan>'
            f'<tspan class="briefing-map__short" {at} display="none">{escape.fragment(short)}</tspan></text>'
        )
    return (
        f'<g class="briefing-map__label" aria-hidden="true" pointer-events="none" font-size="{LABEL_SIZE}" '
        f'text-anchor="middle" paint-order="stroke" stroke-width="{HALO_WIDTH}" '
        f'stroke-linejoin="round">{"".join(texts)}</g>'
    )


def _legend(map_id: str) -> str:
    """The key, in HTML so that it takes the page's type size: one swatch per state, drawn with the map's classes and
    hatch, then its words. Screen readers hear it too, as a list named by the measure."""
    items = []
    for state in STATES:
        swatch_class = f"briefing-map__country briefing-map__country--{state}"
        items.append(
            f'<li><svg class="briefing-map__swatch" viewBox="0 0 {SWATCH} {SWATCH}" width="14" height="14" '
            f'aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">'
            f'<rect class="{swatch_class}"{_fill(state, map_id)} width="{SWATCH}" height="{SWATCH}"/></svg>'
            f"{LEGEND_WORDS[state]}</li>"
        )
    measure = MEASURE[0].upper() + MEASURE[1:]
    return (
        f'<div class="briefing-map__key"><span class="briefing-map__key-title" id="{map_id}-key">{measure}:</span>'
        f'<ul class="briefing-map__legend" aria-labelledby="{map_id}-key">{"".join(items)}</ul></div>'
    )
