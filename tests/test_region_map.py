"""The regional map: its committed shapes and the SVG drawn from them.

- the data: region_map.json keeps its schema, its size and its byte-for-byte form; every label sits in its
  country; Crimea (Simferopol and Sevastopol, projected by the renderer) is inside Ukraine and not Russia;
- the SVG: it parses as XML, escapes the caller's text, links shaded countries with a name that says their
  reading, hatches "no reading yet", and its description lists every shaded country with its state and date.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from importlib import resources

import pytest

from generator.render import region_map as rm

SVG = "{http://www.w3.org/2000/svg}"
DATA = resources.files("generator.render").joinpath("data", "region_map.json")
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
DRAWABLE = {
    *"Kazakhstan Kyrgyzstan Tajikistan Turkmenistan Uzbekistan".split(),
    *"Azerbaijan Russia Ukraine China Iran Afghanistan Georgia Armenia Mongolia Pakistan Turkey".split(),
}


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def paths(data) -> dict[str, list[list[tuple[float, float]]]]:
    return {country["name"]: rings(country["d"]) for country in data["countries"]}


def rings(d: str) -> list[list[tuple[float, float]]]:
    """The closed rings of an SVG path made of M/m, L/l, H/h, V/v and Z/z (all the map's paths use)."""
    closed: list[list[tuple[float, float]]] = []
    ring: list[tuple[float, float]] = []
    x = y = 0.0
    for command, arguments in re.findall(r"([MmLlHhVvZz])([^MmLlHhVvZz]*)", d):
        numbers = [float(n) for n in NUMBER.findall(arguments)]
        if command in "Zz":
            closed.append(ring)
            x, y = ring[0]
            ring = []
            continue
        relative = command.islower()
        if command in "Hh" or command in "Vv":
            for n in numbers:
                x, y = (x * relative + n, y) if command in "Hh" else (x, y * relative + n)
                ring.append((x, y))
            continue
        assert len(numbers) % 2 == 0, f"odd number of coordinates after {command}"
        for index in range(0, len(numbers), 2):
            dx, dy = numbers[index], numbers[index + 1]
            x, y = (x + dx, y + dy) if relative else (dx, dy)
            if command in "Mm" and index == 0:
                if ring:
                    closed.append(ring)
                ring = []
            ring.append((x, y))
    if ring:
        closed.append(ring)
    return closed


def inside(point: tuple[float, float], shape: list[list[tuple[float, float]]]) -> bool:
    """Even-odd rule, as SVG fills a path by default when its holes run either way."""
    px, py = point
    crossings = 0
    for ring in shape:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > py) != (y2 > py) and px < x1 + (py - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
    return crossings % 2 == 1


# --- the committed data ----------------------------------------------------------------------------


def test_data_is_small_and_written_deterministically(data):
    text = DATA.read_text(encoding="utf-8")
    assert len(text.encode()) < 60_000
    assert text == json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def test_data_keeps_its_schema(data):
    assert {
        "width",
        "height",
        "projection",
        "extent",
        "source",
        "licence",
        "input_sha256",
        "changes",
        "readers_note",
        "checkpoints",
        "countries",
    } <= data.keys()
    assert data["width"] > 0 and data["height"] > 0
    assert {"central_meridian", "origin_latitude", "standard_parallels", "scale", "translate"} <= data[
        "projection"
    ].keys()
    assert "Natural Earth" in data["source"] and "4.1.0" in data["source"] and "world-atlas 2.0.2" in data["source"]
    assert "public domain" in data["licence"] and "ISC" in data["licence"]
    assert re.fullmatch(r"[0-9a-f]{64}", data["input_sha256"])
    assert any("Crimea" in change and "Ukraine" in change for change in data["changes"])
    assert "Kashmir" in data["readers_note"]
    names = [country["name"] for country in data["countries"]]
    assert names == sorted(names) and len(set(names)) == len(names)
    for country in data["countries"]:
        assert country.keys() == {"name", "id", "d", "label"}
        assert country["id"] is None or re.fullmatch(r"\d{3}", country["id"])
        assert re.fullmatch(r"(M[-\d. ]+l[-\d. ]+z)+", country["d"]), country["name"]
        x, y = country["label"]
        assert 0 <= x <= data["width"] and 0 <= y <= data["height"]


def test_every_label_point_is_inside_its_country(data, paths):
    for country in data["countries"]:
        assert inside(tuple(country["label"]), paths[country["name"]]), country["name"]


def test_crimea_is_drawn_as_part_of_ukraine(data, paths):
    for checkpoint in data["checkpoints"]:
        point = rm.project(checkpoint["lon"], checkpoint["lat"])
        # the renderer's projection is the tool's: the point it stored is where the renderer puts it
        assert point == pytest.approx((checkpoint["x"], checkpoint["y"]), abs=0.01)
        assert inside(point, paths["Ukraine"]), checkpoint["name"]
        assert not inside(point, paths["Russia"]), checkpoint["name"]
    simferopol = rm.project(34.10, 44.95)
    assert inside(simferopol, paths["Ukraine"]) and not inside(simferopol, paths["Russia"])


def test_mainland_places_are_where_they_belong(paths):
    for lon, lat, country in [
        (30.52, 50.45, "Ukraine"),
        (37.62, 55.75, "Russia"),
        (74.6, 42.87, "Kyrgyzstan"),
        (69.24, 41.3, "Uzbekistan"),
        (71.45, 51.17, "Kazakhstan"),
        (49.87, 40.41, "Azerbaijan"),
    ]:
        assert inside(rm.project(lon, lat), paths[country]), country


def test_the_countries_the_briefing_needs_are_drawable():
    assert rm.shape_names() >= DRAWABLE
    assert "N. Cyprus" not in rm.shape_names()  # drawn as part of Cyprus


def test_shape_for_takes_the_first_name_that_matches():
    assert rm.shape_for(["Kyrgyz Republic", "KYRGYZSTAN", "Kirghizia"]) == "Kyrgyzstan"
    assert rm.shape_for(["Narnia", "Ruritania"]) is None
    assert rm.shape_for([]) is None


# --- the SVG ---------------------------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script>'
COUNTRIES = [
    rm.MapCountry("Kyrgyzstan", "Kyrgyzstan", "growing", "April 2025 (inferred)", "../countries/kyrgyzstan/"),
    rm.MapCountry("Kazakhstan", HOSTILE, "steady", "March 2025", '"><script>alert(1)</script>'),
    rm.MapCountry("Tajikistan", "Tajikistan", "shrinking", "January 2025", None),
    rm.MapCountry("Turkmenistan", "Turkmenistan", "none", "", "../countries/turkmenistan/"),
]


@pytest.fixture(scope="module")
def figure() -> ET.Element:
    return ET.fromstring(str(rm.region_map("region-map", "Distance & <direction>", COUNTRIES)))


def shaded_path(figure: ET.Element, shape: str) -> ET.Element:
    return next(p for p in figure.iter(f"{SVG}path") if p.get("data-shape") == shape)


def parent_of(figure: ET.Element, child: ET.Element) -> ET.Element:
    return next(parent for parent in figure.iter() if child in list(parent))


def test_the_map_is_a_figure_with_a_titled_svg(figure):
    assert figure.tag == "figure" and figure.get("class") == "briefing-map"
    svg = figure.find(f"{SVG}svg")
    assert svg is not None and svg.get("viewBox", "").startswith("0 0 1000 ") and svg.get("width") == "100%"
    assert svg.get("role") in ("img", "group")
    assert svg.get("aria-labelledby") == "region-map-title" and svg.get("aria-describedby") == "region-map-desc"
    assert svg.find(f"{SVG}title").text == "Distance & <direction>"


def test_caller_text_is_escaped(figure):
    assert not list(figure.iter("script")) and not list(figure.iter(f"{SVG}script"))
    labels = [text.text for text in figure.iter(f"{SVG}text")]
    assert "▶ " + HOSTILE in labels  # shown literally (after its state arrow), not run
    link = parent_of(figure, shaded_path(figure, "Kazakhstan"))
    assert link.get("href") == '"><script>alert(1)</script>'  # one attribute value, never markup


def test_linked_countries_are_wrapped_in_links_that_name_their_reading(figure):
    kyrgyzstan = parent_of(figure, shaded_path(figure, "Kyrgyzstan"))
    assert kyrgyzstan.tag == f"{SVG}a" and kyrgyzstan.get("href") == "../countries/kyrgyzstan/"
    assert kyrgyzstan.get("aria-label") == "Kyrgyzstan: distance from Moscow growing, as of April 2025 (inferred)"
    assert parent_of(figure, shaded_path(figure, "Tajikistan")).tag != f"{SVG}a"
    assert figure.find(f"{SVG}svg").get("role") == "group"  # role="img" would hide the links
    classes = shaded_path(figure, "Kyrgyzstan").get("class").split()
    assert classes == ["briefing-map__country", "briefing-map__country--growing"]
    assert shaded_path(figure, "China").get("class") == "briefing-map__land"


def test_no_reading_is_hatched_not_only_coloured(figure):
    pattern = figure.find(f".//{SVG}defs/{SVG}pattern")
    assert pattern is not None and list(pattern)
    turkmenistan = shaded_path(figure, "Turkmenistan")
    assert "briefing-map__country--none" in turkmenistan.get("class")
    assert f"url(#{pattern.get('id')})" in turkmenistan.get("style", "")
    assert all("url(" not in shaded_path(figure, name).get("style", "") for name in ("Kyrgyzstan", "Tajikistan"))
    in_pattern = set(pattern.iter())
    outside = [element for element in figure.iter() if element not in in_pattern]
    assert all(element.get("fill") in (None, "none") for element in outside)  # colours come from CSS classes


def test_the_description_lists_each_shaded_country_with_its_state_and_date(figure):
    description = figure.find(f"{SVG}svg/{SVG}desc").text
    assert "Kyrgyzstan: distance from Moscow growing, as of April 2025 (inferred)." in description
    assert f"{HOSTILE}: distance from Moscow steady, as of March 2025." in description
    assert "Tajikistan: distance from Moscow shrinking, as of January 2025." in description
    assert "Turkmenistan: no reading of distance from Moscow yet." in description


def test_the_legend_and_source_line_are_in_the_svg(figure):
    texts = " ".join(text.text or "" for text in figure.iter(f"{SVG}text"))
    for words in (
        "growing",
        "steady",
        "shrinking",
        "no reading yet",
        "Natural Earth",
        "Crimea shown as part of Ukraine",
    ):
        assert words in texts


def test_a_map_without_links_is_an_image():
    plain = [rm.MapCountry("Kyrgyzstan", "Kyrgyzstan", "steady", "May 2025", None)]
    svg = ET.fromstring(str(rm.region_map("plain", "Plain", plain))).find(f"{SVG}svg")
    assert svg.get("role") == "img"


@pytest.mark.parametrize(
    "country, map_id",
    [
        (rm.MapCountry("Narnia", "Narnia", "growing", "2025", None), "m"),
        (rm.MapCountry("Kyrgyzstan", "Kyrgyzstan", "rising", "2025", None), "m"),
        (rm.MapCountry("Kyrgyzstan", "Kyrgyzstan", "growing", "2025", None), 'm" onload="x'),
        (rm.MapCountry("Kyrgyzstan", "Kyrgyzstan", "growing", "2025", "javascript:alert(1)"), "m"),
        (rm.MapCountry("Kyrgyzstan", "Kyrgyzstan", "growing", "2025", " JavaScript:alert(1)"), "m"),
    ],
)
def test_mistakes_in_the_call_are_refused(country, map_id):
    with pytest.raises(ValueError):
        rm.region_map(map_id, "Title", [country])
