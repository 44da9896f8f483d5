"""A 375-pixel phone: the menu opens the drawer, and no page scrolls sideways."""

from __future__ import annotations

from tests.browser.pagetools import OVERFLOW_JS, click_and_wait, h1, load, wait_until

MENU = 'label.md-header__button[for="__drawer"]'
# The top level of the drawer's navigation (not the nested levels, not the page's table of contents).
DRAWER_LINKS = (".md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link, "
                ".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__container > a.md-nav__link")

IN_VIEW_JS = """(el) => { const b = el.getBoundingClientRect();
  return b.width > 0 && b.height > 0 && b.left >= 0 && b.right <= window.innerWidth + 0.5
         && b.top < window.innerHeight && b.bottom > 0 && el.checkVisibility(); }"""


def test_the_menu_button_opens_the_drawer_with_the_site_navigation(phone, site):
    load(phone, "/")
    assert phone.evaluate("window.innerWidth") == 375
    menu = phone.locator(MENU)
    assert menu.is_visible(), "no visible menu button (label[for=__drawer]) in the phone header"
    link = phone.locator(DRAWER_LINKS).filter(has_text="Countries").first
    assert link.count() == 1, "the drawer has no top-level Countries link"
    assert not link.evaluate(IN_VIEW_JS), "the drawer's links are on screen before the menu is opened"
    menu.tap()
    wait_until(phone, "() => document.getElementById('__drawer').checked", "tapping the menu button did not open the drawer")
    wait_until(phone, "() => { const b = document.querySelector('.md-sidebar--primary').getBoundingClientRect();"
               " return b.left >= 0 && b.right <= innerWidth; }", "the drawer did not slide fully onto the screen")
    shown = [a.inner_text().strip() for a in phone.locator(DRAWER_LINKS).all() if a.evaluate(IN_VIEW_JS)]
    assert {"Countries", "Themes", "Timeline", "Sources"} <= set(shown), f"the open drawer shows {shown}"
    click_and_wait(phone, link)
    assert phone.url == site.url("countries/")
    assert h1(phone) == "Countries"


def test_no_page_scrolls_sideways_on_a_phone(phone, site):
    paths = site.pages()
    assert len(paths) > 40, paths
    overflowing = []
    for path in paths:
        load(phone, path)
        found = phone.evaluate(OVERFLOW_JS)
        if found["scrollWidth"] > found["innerWidth"] or found["innerWidth"] != 375:
            culprits = "; ".join(f"{c['element']} reaches x={c['right']}px ({c['text']!r})" for c in found["culprits"])
            overflowing.append(f"{path}: scrollWidth {found['scrollWidth']} > innerWidth {found['innerWidth']}; "
                               f"sticking out: {culprits or 'none found'}")
    assert not overflowing, (f"{len(overflowing)} of {len(paths)} pages scroll sideways at 375px:\n  "
                             + "\n  ".join(overflowing))


SMALLEST_TEXT_PX = 10  # chart labels are scaled with the SVG; below this a phone reader cannot read them

CHART_TEXT_JS = """() => [...document.querySelectorAll('.briefing-chart svg text')].map(t => ({
    text: t.textContent.trim(), height: Math.round(parseFloat(getComputedStyle(t).fontSize)
        * t.ownerSVGElement.getScreenCTM().a * 10) / 10}))"""


def test_chart_text_is_large_enough_to_read_on_a_phone(phone, site):
    chart_pages = [path for path in site.pages()
                   if 'class="briefing-chart"' in (site.dir / path.strip("/") / "index.html").read_text("utf-8")]
    assert chart_pages
    small = []
    for path in chart_pages:
        load(phone, path)
        texts = phone.evaluate(CHART_TEXT_JS)
        tiny = [t for t in texts if t["height"] < SMALLEST_TEXT_PX]
        if tiny:
            sizes = sorted({t["height"] for t in tiny})
            small.append(f"{path}: {len(tiny)} of {len(texts)} chart labels render at {sizes} px, e.g. {tiny[0]['text']!r}")
    assert not small, (f"chart text smaller than {SMALLEST_TEXT_PX}px at 375px wide:\n  " + "\n  ".join(small))
