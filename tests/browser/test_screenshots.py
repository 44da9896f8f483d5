"""Screenshots for a person to look at, in build/screenshots/ (the path is printed in the terminal summary).

Kazakhstan's page in light and dark mode is shot by test_colour_schemes.py.
"""

from __future__ import annotations

from tests.browser.conftest import PHONE
from tests.browser.pagetools import S003, load, png_size, wait_until

MENU = 'label.md-header__button[for="__drawer"]'


def shoot(page, target, full_page=True):
    page.screenshot(path=str(target), full_page=full_page)
    assert target.stat().st_size > 10_000, f"{target} is nearly empty"
    return png_size(target)


def test_desktop_screenshots(page, screenshots):
    for name, path in (("home", "/"), ("country-kyrgyzstan", "/countries/kyrgyzstan/"), ("source", f"/sources/{S003}/")):
        load(page, path)
        width, height = shoot(page, screenshots / f"{name}-desktop.png")
        assert width == 1280 and height >= 800, (name, width, height)


def test_phone_screenshots(pages, screenshots):
    page = pages.open(**PHONE)
    load(page, "/")
    width, _ = shoot(page, screenshots / "home-phone.png", full_page=False)
    assert width == 375 * 2, "the phone screenshot is not 375 CSS pixels wide"
    width, _ = shoot(page, screenshots / "home-phone-full.png")
    assert width == 375 * 2, "the phone page is wider than the screen"
    page.locator(MENU).tap()
    wait_until(page, "() => { const b = document.querySelector('.md-sidebar--primary').getBoundingClientRect();"
               " return document.getElementById('__drawer').checked && b.left >= 0; }", "the menu did not open")
    width, _ = shoot(page, screenshots / "home-phone-menu.png", full_page=False)
    assert width == 375 * 2
