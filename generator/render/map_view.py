"""Which countries the region map shades, and how: each subject country by its newest reading.

The subjects are the members of the briefing's regions and every country with a
reading of its distance from Moscow; other countries are drawn as land around them.
A subject with no reading yet is drawn as such, never given a shade it has not
earned. A subject the map cannot draw (not in its area, or a name it does not
know) is listed below the map instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from generator.derive.readings import Reading
from generator.model.entities import Term
from generator.render import locations
from generator.render.region_map import MapCountry, region_map, shape_for

READING_ANCHOR = "distance-from-moscow"  # on a country page, where its readings are


TITLE = "Distance from Moscow: each country's newest reading"


@dataclass(frozen=True)
class MapView:
    svg: Markup
    drawn: tuple[MapCountry, ...]
    not_drawn: tuple[Term, ...]  # subjects the map cannot show


def map_view(
    map_id: str, countries: tuple[Term, ...], readings: Mapping[str, tuple[Reading, ...]], page_path: str
) -> MapView:
    members = {slug for term in countries if term.kind == "region" for slug in term.members}
    subjects = [t for t in countries if t.kind == "country" and (t.slug in members or t.slug in readings)]
    drawn, not_drawn = [], []
    for term in subjects:
        shape = shape_for((term.name, *term.aliases))
        if shape is None:
            not_drawn.append(term)
            continue
        anchor = f"#{READING_ANCHOR}" if term.slug in readings else ""  # a page without a reading has no such place
        href = locations.href(locations.country(term.slug) + anchor, page_path)
        drawn.append(_shaded(term, shape, readings.get(term.slug, ()), href))
    return MapView(region_map(map_id, TITLE, drawn), tuple(drawn), tuple(not_drawn))


def _shaded(term: Term, shape: str, readings: tuple[Reading, ...], href: str) -> MapCountry:
    if not readings:
        return MapCountry(shape, term.name, "none", "", href)
    newest = readings[0]
    as_of = newest.trend.period.human + (" (inferred)" if newest.period_inferred else "")
    return MapCountry(shape, term.name, newest.trend.distance, as_of, href)
