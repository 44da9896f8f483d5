"""Light and dark mode: charts and badges stay legible (WCAG contrast), and the palette toggle works."""

from __future__ import annotations

import pytest

from tests.browser.pagetools import COUNTRY, CONTRAST_JS, S003, THEME, load, png_size, wait_until

# Pages with charts (inline SVG in figure.briefing-chart) and badges (text quality, distance from Moscow).
PAGES = ["/", f"/countries/{COUNTRY}/", f"/themes/{THEME}/", f"/sources/{S003}/"]
CHART_TEXT = ".briefing-chart text, .briefing-chart figcaption, .briefing-map__legend text, .briefing-map__source"
# Badges, and the numbers of the heat grid on their shaded cells.
BADGES = ".briefing-badge, .briefing-trend, .briefing-grid__cell a, .briefing-grid-legend"
# Chart bars, and the map's countries in their trend colours (each against the page, WCAG 1.4.11).
BARS = (".briefing-chart rect.briefing-chart__bar, .briefing-map__country--growing, .briefing-map__country--steady, "
        ".briefing-map__country--shrinking")
TEXT_MINIMUM, LARGE_TEXT_MINIMUM, SHAPE_MINIMUM = 4.5, 3.0, 3.0  # WCAG 1.4.3 and 1.4.11
# light and dark: as the system prefers; toggled: light, switched to dark with the header's toggle on the first page.
MODES = ["light", "dark", "toggled"]


def scheme(page) -> str:
    return page.locator("body").get_attribute("data-md-color-scheme")


def switch_to_dark(page) -> None:
    """Click Material's palette toggle as a reader does."""
    toggle = page.locator('label.md-header__button[for="__palette_1"]')
    assert toggle.is_visible(), "no visible 'Switch to dark mode' toggle (label[for=__palette_1]) in the header"
    toggle.click()
    wait_until(page, "() => document.body.getAttribute('data-md-color-scheme') === 'slate'",
               "clicking 'Switch to dark mode' did not switch the page to the dark (slate) scheme")


def each_page_in(pages, mode: str):
    """Open every page of PAGES in the mode; yield its path once it shows in that mode's scheme."""
    page = pages.open(color_scheme="dark" if mode == "dark" else "light")
    expected = "default" if mode == "light" else "slate"
    for index, path in enumerate(PAGES):
        load(page, path)
        if mode == "toggled" and index == 0:
            assert scheme(page) == "default"
            switch_to_dark(page)
        # After the toggle the choice must hold on every later page too.
        assert scheme(page) == expected, f"{path} in {mode} mode has data-md-color-scheme={scheme(page)!r}"
        yield page, path


def weak_contrast(found: list[dict], path: str) -> list[str]:
    weak = []
    for item in found:
        assert not item.get("missing"), f"{path}: {item['what']} has no colour"
        minimum = SHAPE_MINIMUM if item["shape"] else LARGE_TEXT_MINIMUM if item["large"] else TEXT_MINIMUM
        if item["ratio"] < minimum:
            size = item.get("detail") or f"{item['size']}px, weight {item['weight']}"
            weak.append(f"{path} {item['what']} {item['text']!r}: {item['fg']} on {item['bg']} = "
                        f"{item['ratio']}:1 < {minimum}:1 ({size})")
    return weak


@pytest.mark.parametrize("mode", MODES)
def test_chart_text_and_badges_are_legible(pages, mode):
    charts = badges = 0
    weak = []
    for page, path in each_page_in(pages, mode):
        for svg in page.locator(".briefing-chart svg").all():
            box = svg.bounding_box()
            assert box and box["width"] > 200 and box["height"] > 40, f"{path}: a chart is not drawn ({box})"
        texts = page.evaluate(CONTRAST_JS, [CHART_TEXT, False])
        marks = page.evaluate(CONTRAST_JS, [BADGES, False])
        charts, badges = charts + len(texts), badges + len(marks)
        weak += weak_contrast(texts + marks, path)
    assert charts >= 10 and badges >= 5, f"found too little chart text ({charts}) or too few badges ({badges})"
    assert not weak, f"text with too little contrast in {mode} mode:\n  " + "\n  ".join(weak)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_chart_bars_stand_out_from_the_background(pages, mode):
    bars = 0
    weak = []
    for page, path in each_page_in(pages, mode):
        found = page.evaluate(CONTRAST_JS, [BARS, True])
        bars += len(found)
        weak += weak_contrast(found, path)
    assert bars >= 5, f"found only {bars} chart bars"
    assert not weak, f"chart bars with too little contrast (WCAG 1.4.11) in {mode} mode:\n  " + "\n  ".join(
        dict.fromkeys(weak))


def test_country_page_screenshots_in_light_and_dark_mode(pages, screenshots):
    for mode in ("light", "dark"):
        page = pages.open(color_scheme=mode)
        load(page, f"/countries/{COUNTRY}/")
        assert scheme(page) == ("default" if mode == "light" else "slate")
        target = screenshots / f"country-{COUNTRY}-{mode}.png"
        page.screenshot(path=str(target), full_page=True)
        width, height = png_size(target)
        assert width == 1280 and height >= 800, (target, width, height)
