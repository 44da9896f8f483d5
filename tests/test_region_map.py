"""The regional map: its committed shapes and the SVG drawn from them.

- the data: region_map.json keeps its schema, its size and its byte-for-byte form; every label sits in its
  country; Crimea (Simferopol and Sevastopol, projected by the renderer) is inside Ukraine and not Russia; the frame
  holds the Caucasus and Central Asia whole and no empty band south of them; each country has its ISO alpha-3 code;
- the figure: it parses as XML, escapes the caller's text, links shaded countries with a name that says their
  reading, hatches "no reading yet", labels each shaded country with its full name and a short form, and its
  description lists every shaded country with its state and date; the legend and the source line are HTML after the
  SVG (so they take the page's type size), and the caption names Crimea once.
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
CENTRAL_ASIA = "Kazakhstan Kyrgyzstan Tajikistan Turkmenistan Uzbekistan".split()
CAUCASUS = "Azerbaijan Georgia Armenia".split()
DRAWABLE = {*CENTRAL_ASIA, *CAUCASUS, *"Russia Ukraine China Iran Afghanistan Mongolia Pakistan Turkey".split()}
CODES = {
    "Kazakhstan": "KAZ",
    "Kyrgyzstan": "KGZ",
    "Tajikistan": "TJK",
    "Turkmenistan": "TKM",
    "Uzbekistan": "UZB",
    "Azerbaijan": "AZE",
    "Ukraine": "UKR",
    "Russia": "RUS",
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
        assert country.keys() == {"name", "id", "iso_a3", "d", "label"}
        assert country["id"] is None or re.fullmatch(r"\d{3}", country["id"])
        # every shape with an ISO numeric id has its alpha-3 code, the short label on a phone
        assert (country["iso_a3"] is None) == (country["id"] is None), country["name"]
        assert country["iso_a3"] is None or re.fullmatch(r"[A-Z]{3}", country["iso_a3"])
        assert re.fullmatch(r"(M[-\d. ]+l[-\d. ]+z)+", country["d"]), country["name"]
        x, y = country["label"]
        assert 0 <= x <= data["width"] and 0 <= y <= data["height"]


def test_each_country_has_its_iso_code(data):
    codes = {country["name"]: country["iso_a3"] for country in data["countries"]}
    assert {name: codes[name] for name in CODES} == CODES
    assert len(set(codes.values()) - {None}) == len([code for code in codes.values() if code])  # no code twice


def test_the_frame_holds_central_asia_and_the_caucasus_whole_and_no_empty_south(data, paths):
    width, height = data["width"], data["height"]
    for name in [*CENTRAL_ASIA, *CAUCASUS]:
        points = [point for ring in paths[name] for point in ring]
        # a country the frame cut would have points on its edge
        assert all(0 < x < width and 0 < y < height for x, y in points), name
    # Turkmenistan's southern tip is near the bottom: below it would be only Iran and Afghanistan
    lowest = max(y for ring in paths["Turkmenistan"] for _, y in ring)
    assert lowest > 0.95 * height
    # Crimea, the Kerch Strait and Moscow, the measure's reference, are in the frame
    for lon, lat in [(34.10, 44.95), (36.47, 45.36), (37.62, 55.75)]:
        x, y = rm.project(lon, lat)
        assert 0 < x < width and 0 < y < height


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


def labels(figure: ET.Element, form: str) -> list[str]:
    """The labels' full names ("name") or short forms ("short"), as drawn."""
    return [
        "".join(span.itertext()) for span in figure.iter(f"{SVG}tspan") if span.get("class") == f"briefing-map__{form}"
    ]


def test_caller_text_is_escaped(figure):
    assert not list(figure.iter("script")) and not list(figure.iter(f"{SVG}script"))
    assert "▶ " + HOSTILE in labels(figure, "name")  # shown literally (after its state arrow), not run
    link = parent_of(figure, shaded_path(figure, "Kazakhstan"))
    assert link.get("href") == '"><script>alert(1)</script>'  # one attribute value, never markup


def test_each_label_has_its_full_name_and_a_short_form_for_phones(figure):
    assert labels(figure, "name") == ["▲ Kyrgyzstan", "▶ " + HOSTILE, "▼ Tajikistan", "Turkmenistan"]
    assert labels(figure, "short") == ["▲ KGZ", "▶ KAZ", "▼ TJK", "TKM"]
    for text in figure.iter(f"{SVG}text"):
        name, short = list(text)
        assert name.get("class") == "briefing-map__name" and short.get("class") == "briefing-map__short"
        # two chunks at the same point; the short one hidden unless the page's CSS shows it
        assert [name.get(a) for a in "xy"] == [short.get(a) for a in "xy"]
        assert name.get("display") is None and short.get("display") == "none"


def test_a_shape_without_a_code_is_labelled_by_its_name_on_phones():
    glacier = [rm.MapCountry("Siachen Glacier", "Siachen", "steady", "2025", None)]
    drawn = ET.fromstring(str(rm.region_map("glacier", "Glacier", glacier)))
    assert labels(drawn, "short") == ["▶ Siachen"]


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
    # the legend's "no reading yet" swatch uses the same hatch
    swatch = figure.find(f".//li/{SVG}svg/{SVG}rect[@class='briefing-map__country briefing-map__country--none']")
    assert swatch is not None and f"url(#{pattern.get('id')})" in swatch.get("style", "")
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


def test_the_legend_and_the_source_line_are_html_after_the_svg(figure):
    assert [child.tag for child in figure] == [f"{SVG}svg", "div", "figcaption"]
    key = figure.find("div")
    assert key.get("class") == "briefing-map__key"
    title = key.find("span")
    legend = key.find("ul")
    assert title.text == "Distance from Moscow:" and legend.get("class") == "briefing-map__legend"
    assert legend.get("aria-labelledby") == title.get("id") == "region-map-key"
    items = legend.findall("li")
    assert ["".join(item.itertext()) for item in items] == ["▲ growing", "▶ steady", "▼ shrinking", "no reading yet"]
    for item, state in zip(items, rm.STATES, strict=True):
        swatch = item.find(f"{SVG}svg")
        assert swatch.get("class") == "briefing-map__swatch" and swatch.get("aria-hidden") == "true"
        assert f"briefing-map__country--{state}" in swatch.find(f"{SVG}rect").get("class")
    # nothing of the legend or the source is drawn in the map itself, where it would shrink with it
    drawn = " ".join("".join(text.itertext()) for text in figure.iter(f"{SVG}text"))
    assert not any(words in drawn for words in ("growing", "no reading", "Natural Earth", "Crimea"))
    assert all(element.get("font-size") is None for element in key.iter())


def test_the_caption_has_the_title_the_source_and_the_readers_note_once(figure):
    caption = figure.find("figcaption")
    text = "".join(caption.itertext())
    assert text.startswith("Distance & <direction>. Borders: Natural Earth 1:50m (public domain), via world-atlas.")
    assert caption.find("span").get("class") == "briefing-map__source"
    assert "Kashmir" in text
    # Crimea is named once in what is shown (the SVG's description, read instead of the map, names it too)
    shown = (
        text
        + "".join(figure.find("div").itertext())
        + "".join(t for e in figure.iter(f"{SVG}text") for t in e.itertext())
    )
    assert shown.count("Crimea") == 1


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
