"""Accessibility: axe finds nothing serious or critical, and every chart has a text alternative."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.pagetools import COUNTRY, S003, THEME, load

AXE = Axe()
PAGES = {
    "home": "/",
    "country": f"/countries/{COUNTRY}/",
    "theme": f"/themes/{THEME}/",
    "source": f"/sources/{S003}/",
    "timeline": "/timeline/",
    "listing": f"/browse/countries/{COUNTRY}/",
}
MISSING = "/no-such-page/at/all/"
BLOCKING = {"serious", "critical"}


def axe_problems(page) -> list[str]:
    found = []
    for violation in AXE.run(page).response["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        nodes = violation["nodes"]
        targets = ", ".join(" ".join(map(str, node["target"])) for node in nodes[:8])
        more = f" and {len(nodes) - 8} more" if len(nodes) > 8 else ""
        summary = (nodes[0].get("failureSummary") or "").replace("\n", " ") if nodes else ""
        found.append(f"{violation['id']} ({violation['impact']}, {len(nodes)} nodes): {violation['help']}\n"
                     f"      nodes: {targets}{more}\n      first: {summary[:400]}")
    return found


# Every page in light mode; dark mode on the pages with the most charts, badges and tables.
CASES = [(name, "light") for name in PAGES] + [(name, "dark") for name in ("home", "country")]


@pytest.mark.parametrize(("name", "scheme"), CASES, ids=[f"{n}-{s}" for n, s in CASES])
def test_axe_finds_nothing_serious(pages, name, scheme):
    page = pages.open(color_scheme=scheme)
    load(page, PAGES[name])
    problems = axe_problems(page)
    assert not problems, f"axe on {PAGES[name]} ({scheme} mode):\n  " + "\n  ".join(problems)


def test_axe_finds_nothing_serious_on_the_page_not_found(pages, site):
    page = pages.open()
    pages.watch(page).expect_missing(site.url(MISSING))
    load(page, MISSING, status=404)
    assert page.locator("article h1").first.is_visible(), "the 404 page has no visible heading"
    assert page.locator("article a[href]").count() > 0 or page.locator(".md-tabs__link").count() > 0, \
        "the 404 page offers no way back"
    # Its stylesheets load (absolute URLs), so it looks like the rest of the site even at a deep address.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    problems = axe_problems(page)
    assert not problems, f"axe on the 404 page ({MISSING}):\n  " + "\n  ".join(problems)


CHART_JS = """(figure) => {
  const svg = figure.querySelector('svg');
  if (!svg) return {id: figure.id, svg: false};
  const words = (el) => (el ? el.textContent : '').replace(/\\s+/g, ' ').trim();
  const byIds = (attr) => (svg.getAttribute(attr) || '').split(/\\s+/).filter(Boolean)
      .map(id => words(document.getElementById(id))).join(' ').trim();
  let next = figure.nextElementSibling;
  // the next charts, and each chart's line of downloads, come before the table of their numbers
  while (next && next.matches('figure.briefing-chart, p.briefing-chart-downloads')) next = next.nextElementSibling;
  const table = next && (next.matches('table') ? next : next.querySelector('table'));
  return {
    id: figure.id, svg: true, role: svg.getAttribute('role'),
    name: byIds('aria-labelledby') || svg.getAttribute('aria-label') || words(svg.querySelector(':scope > title')),
    description: words(svg.querySelector(':scope > desc')) || byIds('aria-describedby'),
    caption: words(figure.querySelector('figcaption')),
    values: [...svg.querySelectorAll('.briefing-chart__value')].map(words),
    table: table ? words(table) : null,
  };
}"""


def test_every_chart_has_a_text_alternative_and_a_table_of_its_numbers(page, site):
    chart_pages = sorted({path for path in site.pages()
                          if 'class="briefing-chart"' in (site.dir / path.strip("/") / "index.html").read_text("utf-8")})
    assert len(chart_pages) >= 3, chart_pages
    problems, charts = [], 0
    for path in chart_pages:
        load(page, path)
        for figure in page.locator("figure.briefing-chart").all():
            chart = figure.evaluate(CHART_JS)
            charts += 1
            where = f"{path} figure#{chart['id']}"
            if not chart["svg"]:
                problems.append(f"{where}: no svg")
                continue
            if chart["role"] != "img" or not chart["name"]:
                problems.append(f"{where}: the svg has no role=img with a name (role={chart['role']!r})")
            if not chart["description"]:
                problems.append(f"{where}: the svg has no text description (desc or aria-describedby)")
            if not chart["caption"]:
                problems.append(f"{where}: no figcaption")
            if chart["table"] is None:
                problems.append(f"{where}: no table of the numbers after the chart")
            else:
                absent = [v for v in chart["values"] if v not in chart["table"]]
                if absent:
                    problems.append(f"{where}: the table after the chart lacks {absent}")
            if chart["name"] and page.get_by_role("img", name=chart["name"], exact=True).count() == 0:
                problems.append(f"{where}: Chromium's accessibility tree has no image named {chart['name']!r}")
    assert charts >= 5
    assert not problems, "charts without a text alternative:\n  " + "\n  ".join(problems)
