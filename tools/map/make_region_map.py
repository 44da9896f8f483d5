"""Draw generator/render/data/region_map.json from Natural Earth's countries (a maintainer tool).

Never run at build time or in the tests: the site reads the committed JSON. This tool needs shapely, which is not
one of the project's requirements; see tools/map/README.md for the throwaway venv to run it in.

    python tools/map/make_region_map.py /tmp/wa/package/countries-50m.json

Steps: check the input against its pinned sha256, decode the TopoJSON arcs, project them (Albers equal-area conic
centred on the region), simplify each shared arc once (so neighbours keep exactly the same border), build the
countries, redraw the borders that Natural Earth's default layer draws de facto where they are not internationally
recognised (Crimea to Ukraine, Northern Cyprus to Cyprus), clip to the frame and write paths in viewBox units, each
country with its ISO 3166 alpha-3 code (the short label the renderer shows on a phone).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import math
import sys
from pathlib import Path

from shapely import make_valid, set_precision
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel, unary_union

INPUT_SHA256 = "04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394"  # world-atlas 2.0.2
OUTPUT = Path(__file__).resolve().parents[2] / "generator" / "render" / "data" / "region_map.json"

# The region: the five Central Asian states, the Caucasus, Ukraine with Crimea, western Russia and the neighbours.
# The south edge runs just below Turkmenistan's southern tip (35.1° N): further south Iran and Afghanistan would
# only fill the map with land the briefing does not cover. The north edge keeps Moscow (55.8° N) inside the frame.
WEST, EAST, SOUTH, NORTH = 22.0, 92.0, 35.0, 58.0
CENTRAL_MERIDIAN, ORIGIN_LATITUDE = 57.0, 46.5
# Standard parallels about a sixth of the span in from each edge keep the scale error small across the whole map.
STANDARD_PARALLELS = (39.0, 54.0)
WIDTH = 1000.0  # viewBox units; the renderer picks font sizes for this width
SIMPLIFY_TOLERANCE = 0.5  # viewBox units: about 3 km, half a pixel on a 900 px wide map
SMALLEST_ISLAND = 3.0  # square viewBox units; smaller parts are invisible at any size the site shows
DECIMALS = 1

SIMFEROPOL = (34.10, 44.95)  # the point that finds Crimea among Russia's polygons
MERGES = [
    # (from, into, a point inside the part to move or None for the whole shape, what changed)
    (
        "Russia",
        "Ukraine",
        SIMFEROPOL,
        "Crimea drawn as part of Ukraine, as in Natural Earth's Ukrainian point-of-view layer",
    ),
    ("N. Cyprus", "Cyprus", None, "Northern Cyprus drawn as part of Cyprus, as recognised by the UN"),
]
CHECKPOINTS = [("Simferopol", SIMFEROPOL, "Ukraine"), ("Sevastopol", (33.52, 44.60), "Ukraine")]
# Where a name goes when the centre of the largest area (polylabel) would crowd a neighbour's name: the Central
# Asian names are wider than their countries, so they are spread apart by hand. (lon, lat), inside the country.
LABEL_POINTS = {
    "Uzbekistan": (63.3, 42.0),
    "Turkmenistan": (58.8, 39.2),
    "Kyrgyzstan": (74.6, 41.5),
    "Tajikistan": (71.0, 38.6),
}
# ISO 3166-1 numeric (world-atlas's id) to alpha-3, for every country with an id that the frame shows; the
# renderer's short labels. world-atlas keeps only the name in its properties, so the codes are listed here; the tool
# stops when a country in the frame has an id this table lacks.
ALPHA_3 = {
    "004": "AFG",
    "031": "AZE",
    "051": "ARM",
    "100": "BGR",
    "112": "BLR",
    "156": "CHN",
    "196": "CYP",
    "268": "GEO",
    "275": "PSE",
    "300": "GRC",
    "348": "HUN",
    "356": "IND",
    "364": "IRN",
    "368": "IRQ",
    "376": "ISR",
    "398": "KAZ",
    "400": "JOR",
    "417": "KGZ",
    "422": "LBN",
    "440": "LTU",
    "496": "MNG",
    "498": "MDA",
    "586": "PAK",
    "616": "POL",
    "642": "ROU",
    "643": "RUS",
    "703": "SVK",
    "760": "SYR",
    "762": "TJK",
    "792": "TUR",
    "818": "EGY",
    "795": "TKM",
    "804": "UKR",
    "860": "UZB",
}
READERS_NOTE = (
    "Crimea is shown as part of Ukraine and Northern Cyprus as part of Cyprus, as internationally recognised. "
    "Other lines are Natural Earth's, which in disputed areas such as Kashmir, Aksai Chin and the Golan Heights "
    "follow the line of actual control; no line implies a judgement on the status of any territory."
)


def albers(lon: float, lat: float) -> tuple[float, float]:
    """Spherical Albers equal-area conic on the unit sphere (Snyder, Map Projections: A Working Manual, eq. 14-1…)."""
    phi1, phi2 = (math.radians(p) for p in STANDARD_PARALLELS)
    n = (math.sin(phi1) + math.sin(phi2)) / 2
    c = math.cos(phi1) ** 2 + 2 * n * math.sin(phi1)
    rho0 = math.sqrt(c - 2 * n * math.sin(math.radians(ORIGIN_LATITUDE))) / n
    rho = math.sqrt(c - 2 * n * math.sin(math.radians(lat))) / n
    theta = n * math.radians(lon - CENTRAL_MERIDIAN)
    return rho * math.sin(theta), rho0 - rho * math.cos(theta)


def frame() -> tuple[float, float, float, float]:
    """The map's rectangle in projected units: through the midpoints of the extent's four sides."""
    middle_latitude = (SOUTH + NORTH) / 2
    left, right = albers(WEST, middle_latitude)[0], albers(EAST, middle_latitude)[0]
    bottom, top = albers(CENTRAL_MERIDIAN, SOUTH)[1], albers(CENTRAL_MERIDIAN, NORTH)[1]
    return left, bottom, right, top


def view_transform() -> tuple[float, float, float]:
    """scale, tx, ty with X = scale·x + tx and Y = ty − scale·y: the frame's top left at 0, 0 (SVG's y points down)."""
    left, _bottom, right, top = frame()
    scale = WIDTH / (right - left)
    return scale, -scale * left, scale * top


def view_point(lon: float, lat: float) -> tuple[float, float]:
    scale, tx, ty = view_transform()
    x, y = albers(lon, lat)
    return scale * x + tx, ty - scale * y


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantized, delta-encoded arcs as lists of (lon, lat)."""
    (kx, ky), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * kx + tx, y * ky + ty))
        arcs.append(points)
    return arcs


def simplify_arc(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Douglas–Peucker on one arc; its ends stay put, so both countries sharing it keep the same border."""
    if len(points) < 3:
        return points
    return list(LineString(points).simplify(SIMPLIFY_TOLERANCE, preserve_topology=True).coords)


def ring(arc_ids: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for arc_id in arc_ids:
        arc = arcs[arc_id] if arc_id >= 0 else arcs[~arc_id][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygon_parts(geometry: BaseGeometry) -> list[Polygon]:
    """The polygons in any geometry (make_valid and unions may return collections with stray lines)."""
    if isinstance(geometry, Polygon):
        return [] if geometry.is_empty else [geometry]
    return [part for member in getattr(geometry, "geoms", []) for part in polygon_parts(member)]


def polygons(geometry: dict, lonlat_arcs: list, view_arcs: list) -> tuple[list[Polygon], list[Polygon]]:
    """A country's polygons in lon/lat and in view units, index for index."""
    parts = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry.get("arcs", [])
    lonlat, view = [], []
    for part in parts:
        outer = ring(part[0], lonlat_arcs), ring(part[0], view_arcs)
        if len(outer[1]) < 4:  # an islet that simplification reduced to a line
            continue
        holes = [ring(ids, view_arcs) for ids in part[1:]]
        lonlat.append(Polygon(outer[0], [ring(ids, lonlat_arcs) for ids in part[1:]]))
        view.append(Polygon(outer[1], [hole for hole in holes if len(hole) >= 4]))
    return lonlat, view


def read_countries(path: Path) -> tuple[dict[str, dict], str]:
    """Each country by Natural Earth name: its id, its polygons in lon/lat and in view units (same order)."""
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != INPUT_SHA256:
        sys.exit(f"error: {path} has sha256 {digest}, not the pinned {INPUT_SHA256} (world-atlas 2.0.2)")
    topology = json.loads(raw)
    lonlat_arcs = decode_arcs(topology)
    view_arcs = [simplify_arc([view_point(lon, lat) for lon, lat in arc]) for arc in lonlat_arcs]
    countries = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        lonlat, view = polygons(geometry, lonlat_arcs, view_arcs)
        countries[geometry["properties"]["name"]] = {"id": geometry.get("id"), "lonlat": lonlat, "view": view}
    return countries, digest


def merge(countries: dict[str, dict], source: str, target: str, inside: tuple[float, float] | None) -> None:
    """Move a part of one country (or all of it) into another, dissolving the border between them."""
    donor = countries[source]
    if inside is None:
        moving = list(range(len(donor["view"])))
    else:
        moving = [i for i, shape in enumerate(donor["lonlat"]) if shape.contains(Point(inside))]
        if len(moving) != 1:
            sys.exit(f"error: expected one polygon of {source} around {inside}, found {len(moving)}")
    taken = [donor["view"][i] for i in moving]
    receiver = countries[target]
    parts, holes = len(receiver["view"]), holes_in(receiver["view"] + taken)
    receiver["view"] = polygon_parts(unary_union([make_valid(shape) for shape in receiver["view"] + taken]))
    # The shared border must vanish: a part of its own or a new sliver of a hole would leave a line on the map.
    if len(receiver["view"]) != parts or holes_in(receiver["view"]) > holes:
        sys.exit(f"error: merging {source} into {target} left a line between them")
    donor["view"] = [shape for i, shape in enumerate(donor["view"]) if i not in moving]
    donor["lonlat"] = [shape for i, shape in enumerate(donor["lonlat"]) if i not in moving]
    if not donor["view"]:
        del countries[source]


def holes_in(shapes: list[Polygon]) -> int:
    return sum(len(shape.interiors) for shape in shapes)


def clipped(shapes: list[Polygon], window: Polygon) -> MultiPolygon | None:
    pieces = []
    for shape in shapes:
        pieces.extend(polygon_parts(make_valid(shape).intersection(window)))
    kept = [p for p in pieces if p.area >= SMALLEST_ISLAND]
    if not kept:
        return None
    grid = 10**-DECIMALS
    # Snapping to the grid can pinch a narrow neck into a speck of its own: filter again.
    snapped = [p for p in polygon_parts(set_precision(unary_union(kept), grid)) if p.area >= SMALLEST_ISLAND]
    # A hole is a neighbour's exclave: fill it when the exclave itself was too small to keep, or a gap would show.
    filled = [Polygon(p.exterior, [h for h in p.interiors if Polygon(h).area >= SMALLEST_ISLAND]) for p in snapped]
    return MultiPolygon(filled) if filled else None


def number(value: float) -> str:
    text = f"{value:.{DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def path_data(shape: MultiPolygon) -> str:
    """An SVG path: absolute move to each ring's start, then relative lines (shorter), even-odd holes."""
    scale = 10**DECIMALS
    commands = []
    for polygon in sorted(shape.geoms, key=lambda p: (-p.area, p.bounds)):
        for boundary in [polygon.exterior, *polygon.interiors]:
            points = [(round(x * scale), round(y * scale)) for x, y in boundary.coords[:-1]]
            (x0, y0), steps = points[0], []
            for (xa, ya), (xb, yb) in itertools.pairwise(points):
                steps.append(f"{number((xb - xa) / scale)} {number((yb - ya) / scale)}")
            commands.append(f"M{number(x0 / scale)} {number(y0 / scale)}l" + " ".join(steps) + "z")
    return "".join(commands).replace(" -", "-")


def label_point(name: str, shape: MultiPolygon) -> list[float]:
    if name in LABEL_POINTS:
        point = Point(view_point(*LABEL_POINTS[name]))
        if not shape.contains(point):
            sys.exit(f"error: the label point of {name} is outside it")
    else:
        point = polylabel(max(shape.geoms, key=lambda p: p.area), tolerance=0.5)
    return [round(point.x, DECIMALS), round(point.y, DECIMALS)]


def alpha_3(name: str, numeric: str | None) -> str | None:
    """The ISO 3166 alpha-3 code for a numeric id; None for a shape with no id of its own (e.g. Siachen Glacier)."""
    if numeric is None:
        return None
    if numeric not in ALPHA_3:
        sys.exit(f"error: {name} has ISO numeric id {numeric}, which ALPHA_3 lacks: add its alpha-3 code")
    return ALPHA_3[numeric]


def build(path: Path) -> dict:
    countries, digest = read_countries(path)
    changes = []
    for source, target, inside, change in MERGES:
        merge(countries, source, target, inside)
        changes.append(change)
    scale, tx, ty = view_transform()
    _left, bottom, _right, top = frame()
    height = round(scale * (top - bottom), DECIMALS)
    window = box(0, 0, WIDTH, height)
    shapes = []
    for name, country in sorted(countries.items()):
        drawn = clipped(country["view"], window)
        if drawn is not None:
            shapes.append(
                {
                    "name": name,
                    "id": country["id"],
                    "iso_a3": alpha_3(name, country["id"]),
                    "d": path_data(drawn),
                    "label": label_point(name, drawn),
                }
            )
    return {
        "width": WIDTH,
        "height": height,
        "projection": {
            "name": "Albers equal-area conic (spherical)",
            "central_meridian": CENTRAL_MERIDIAN,
            "origin_latitude": ORIGIN_LATITUDE,
            "standard_parallels": list(STANDARD_PARALLELS),
            "scale": round(scale, 6),
            "translate": [round(tx, 6), round(ty, 6)],
            "formula": "x, y on the unit sphere (Snyder 14-1 to 14-4); X = scale·x + translate[0], "
            "Y = translate[1] − scale·y",
        },
        "extent": {
            "west": WEST,
            "east": EAST,
            "south": SOUTH,
            "north": NORTH,
            "frame": "the projected rectangle through the midpoints of the extent's four sides",
        },
        "simplification": {"tolerance": SIMPLIFY_TOLERANCE, "smallest_part": SMALLEST_ISLAND, "decimals": DECIMALS},
        "source": "Natural Earth 1:50m Admin 0 – Countries, version 4.1.0, via world-atlas 2.0.2",
        "licence": "Natural Earth data: public domain; world-atlas packaging: ISC licence",
        "input_sha256": digest,
        "changes": changes,
        "readers_note": READERS_NOTE,
        "checkpoints": [checkpoint(name, lonlat, inside) for name, lonlat, inside in CHECKPOINTS],
        "countries": shapes,
    }


def checkpoint(name: str, lonlat: tuple[float, float], inside: str) -> dict:
    """A named point, projected here, that the tests project again to check the renderer's projection and shapes."""
    x, y = view_point(*lonlat)
    return {"name": name, "lon": lonlat[0], "lat": lonlat[1], "x": round(x, 3), "y": round(y, 3), "country": inside}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("countries_50m", type=Path, help="countries-50m.json from the npm package world-atlas@2.0.2")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    arguments = parser.parse_args()
    data = build(arguments.countries_50m)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_text(text, encoding="utf-8")
    print(f"wrote {arguments.output}: {len(data['countries'])} countries, {len(text.encode())} bytes")


if __name__ == "__main__":
    main()
