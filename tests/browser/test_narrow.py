"""Every page reads on a 360-pixel screen: nothing wider than the screen, no table or box that needs a sideways
swipe, every chart label inside its chart; and one page of each kind at 390, 768 and 1366 pixels."""

from __future__ import annotations

import pytest

from tests.browser.pagetools import COUNTRY, S003, THEME, load

NARROWEST = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}
ONE_OF_EACH_KIND = ["/", "/countries/", f"/countries/{COUNTRY}/", f"/themes/{THEME}/", f"/sources/{S003}/",
                    "/sources/", "/timeline/", "/data/", "/corrections/", "/browse/"]

# What would make a reader swipe sideways, or lose part of the page off its edge: the page wider than the
# screen; any box that scrolls sideways because its content is wider (a table in a scroll box, a chart);
# any table cell beyond the screen's edge; any chart text outside its chart or off the screen.
NARROW_PROBLEMS_JS = r"""() => {
  const width = window.innerWidth, problems = [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + [...el.classList].slice(0, 2).map(c => '.' + c).join('');
  if (document.documentElement.scrollWidth > width) problems.push('page is ' + document.documentElement.scrollWidth + 'px wide');
  for (const el of document.querySelectorAll('.md-content *')) {
    const style = getComputedStyle(el);
    if (['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
      problems.push(name(el) + ' scrolls sideways (' + el.scrollWidth + ' > ' + el.clientWidth + ')');
  }
  for (const cell of document.querySelectorAll('.md-content td, .md-content tbody th')) {  // a card's headings are visually hidden
    const box = cell.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 0.5 && cell.checkVisibility())
      problems.push(name(cell) + ' "' + cell.textContent.trim().slice(0, 30) + '" ends at ' + Math.round(box.right) + 'px');
  }
  for (const text of document.querySelectorAll('.briefing-chart svg text, .briefing-map svg text')) {
    const box = text.getBoundingClientRect(), chart = text.ownerSVGElement.getBoundingClientRect();
    if (box.width === 0) continue;
    if (box.left < chart.left - 0.5 || box.right > chart.right + 0.5 || box.right > width + 0.5)
      problems.push('chart text "' + text.textContent.trim().slice(0, 30) + '" runs out of its chart ('
                    + Math.round(box.left) + '..' + Math.round(box.right) + ' in ' + Math.round(chart.left) + '..'
                    + Math.round(chart.right) + ')');
  }
  return problems;
}"""


def narrow_problems(page, paths: list[str]) -> list[str]:
    found = []
    for path in paths:
        load(page, path)
        found += [f"{path}: {problem}" for problem in page.evaluate(NARROW_PROBLEMS_JS)]
    return found


def test_every_page_reads_at_360_pixels(pages, site):
    paths = site.pages()
    assert len(paths) > 40
    problems = narrow_problems(pages.open(**NARROWEST), paths)
    assert not problems, f"{len(problems)} problem(s) at 360 px:\n  " + "\n  ".join(problems[:40])


@pytest.mark.parametrize("width", [390, 768, 1366])
def test_one_page_of_each_kind_reads_at(pages, width):
    options = {"viewport": {"width": width, "height": 900}}
    if width < 1000:
        options.update(is_mobile=True, has_touch=True)
    problems = narrow_problems(pages.open(**options), ONE_OF_EACH_KIND)
    assert not problems, f"{len(problems)} problem(s) at {width} px:\n  " + "\n  ".join(problems)


def test_the_country_by_theme_grid_fits_a_desktop_with_every_column(pages):
    page = pages.open(viewport={"width": 1366, "height": 900})
    load(page, "/")
    grid = page.evaluate("""() => { const t = document.querySelector('table.briefing-grid');
        const box = t.getBoundingClientRect(), main = document.querySelector('.md-content').getBoundingClientRect();
        return {right: box.right, contentRight: main.right, columns: t.querySelectorAll('thead th').length,
                shown: [...t.querySelectorAll('thead th')].filter(th => th.getBoundingClientRect().right <= main.right).length}; }""")
    assert grid["columns"] > 10 and grid["shown"] == grid["columns"], grid
