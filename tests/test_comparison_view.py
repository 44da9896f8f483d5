"""How a page lists a difference or contradiction among many figures (generator/render/evidence.py).

A source page lists its own figures and those nearest them in time, and says "and
more" without a number: the number would change with every figure of that metric
and country added anywhere, and with it every page that cites one (hundreds of
source pages rebuilt per CI run at 10,000 sources). Other pages list the first
figures and count the rest.
"""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.derive.comparison import Difference
from generator.model.dates import PartialDate
from generator.model.entities import Citation, Figure, Period
from generator.render import evidence
from generator.render.page_data import Fingerprints

SHOWN = evidence.SHOWN_PER_COMPARISON


def figure(number: int, year: int) -> Figure:
    date = PartialDate(year)
    return Figure(f"s{number:03d}-f1", "trade", "kazakhstan", float(number), date, Period(str(year), date, date),
                  "exact", f"{number} per cent", Citation(f"s{number:03d}", 1, "quote"))


def difference(years: list[int]) -> Difference:
    figures = sorted((figure(n, year) for n, year in enumerate(years)), key=lambda f: (f.as_of, f.id))
    return Difference("trade", "kazakhstan", tuple(figures))


def shown_years(view: evidence.ComparisonView) -> list[int]:
    return [f.as_of.year for f in view.figures]


def test_other_pages_list_the_first_figures_and_count_the_rest():
    view = evidence._listed(difference(list(range(1990, 2020))), frozenset())
    assert shown_years(view) == list(range(1990, 1990 + SHOWN))
    assert (view.more, view.counted) == (30 - SHOWN, True)


def test_a_source_page_lists_its_figure_and_the_nearest_in_time_without_a_count():
    found = difference(list(range(1990, 2020)))
    own = next(f for f in found.figures if f.as_of.year == 2005)
    view = evidence._listed(found, frozenset({own.id}))
    assert own in view.figures and len(view.figures) == SHOWN
    assert shown_years(view) == list(range(2001, 2009))
    assert (view.more, view.counted) == (1, False)


def test_a_figure_added_far_away_leaves_a_source_page_as_it_was():
    years = list(range(1990, 2020))
    before = difference(years)
    own = frozenset({next(f for f in before.figures if f.as_of.year == 2005).id})
    after = difference([*years, 1950, 1960, 2040])
    assert evidence._listed(before, own) == evidence._listed(after, own)
    assert evidence._listed(before, frozenset()) != evidence._listed(after, frozenset())


def test_every_figure_is_listed_when_there_are_few():
    found = difference([2001, 2002, 2003])
    view = evidence._listed(found, frozenset({found.figures[0].id}))
    assert view.figures == found.figures and view.more == 0


def test_a_source_page_looks_up_its_listed_comparisons_which_a_figure_far_away_leaves_equal():
    """What a source page looks up (page_reads.py) is its comparisons as listed (ComparedBySource), so that a new
    figure of the series far from its own leaves the lookup's digest, and the page, as they were; the comparison
    of its figure itself has changed."""
    years = list(range(1990, 2020))
    before, after = difference(years), difference([*years, 1950, 2040])
    own = next(f for f in before.figures if f.as_of.year == 2005)
    sources = {"s": SimpleNamespace(figures=(own,))}
    lookups = [evidence.ComparedBySource(sources, {f.id: (found,) for f in found.figures}) for found in (before, after)]
    assert lookups[0]["s"] == lookups[1]["s"] and lookups[0]["s"].differing == {own.id}
    assert Fingerprints().part(lookups[0]["s"]) == Fingerprints().part(lookups[1]["s"])
    assert Fingerprints().part((before,)) != Fingerprints().part((after,))
    near = difference([*years, 2006])
    assert evidence.ComparedBySource(sources, {own.id: (near,)})["s"] != lookups[0]["s"]


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 40), st.data())
def test_a_source_page_lists_the_figures_nearest_its_own_as_sorting_every_near_one_would(count, data):
    """_nearest goes ring by ring out from a page's own figures; the reference sorts every figure within reach of
    one by its distance to the nearest, then by place. Own figures anywhere, any number of them, next to each
    other or not, at the ends or not."""
    found = difference([2000 + n // 3 for n in range(count)])
    own_ids = data.draw(st.sets(st.sampled_from([f.id for f in found.figures]), max_size=12)) if count else set()
    focus = frozenset(own_ids)
    figures, shown = found.figures, SHOWN
    own = sorted(found.place_of[i] for i in focus)[:shown]
    assert evidence._listed(found, focus).figures == tuple(figures[i] for i in (
        sorted(own + sorted(
            (i for i in {i for j in own for i in range(max(0, j - shown), j + shown + 1)}
             if i < len(figures) and figures[i].id not in focus),
            key=lambda i: (min(abs(i - j) for j in own), i),
        )[: shown - len(own)])
        if own else range(min(shown, len(figures)))
    ))


def test_a_source_whose_figures_are_in_no_comparison_looks_up_what_comparing_them_gives():
    """ComparedBySource skips compare() for a source none of whose figures is compared: the value, and the
    digest a page takes of it, are what compare() would give."""
    found = difference(list(range(1990, 2000)))
    outside = figure(99, 2001)
    sources = {"none": SimpleNamespace(figures=()), "outside": SimpleNamespace(figures=(outside,)),
               "in": SimpleNamespace(figures=found.figures[:1])}
    lookups = evidence.ComparedBySource(sources, {f.id: (found,) for f in found.figures})
    for name in ("none", "outside"):
        figures = sources[name].figures
        full = evidence.compared(figures, {f.id: (found,) for f in found.figures}, {f.id for f in figures})
        assert lookups[name] == full and Fingerprints().part(lookups[name]) == Fingerprints().part(full)
    assert lookups["in"].differing == {found.figures[0].id} and lookups["none"] is evidence.NOT_COMPARED
    assert lookups["outside"] is evidence.NOT_COMPARED
