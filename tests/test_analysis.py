"""What a briefing says beyond tag pages, on small hand-built models.

- analysis: the same event from several sources, near-duplicate sources,
  related sources;
- comparison: which figures agree, contradict each other, or are merely
  different measurements (other polls, periods, methods);
- charts: the inline SVG bar chart (accessible, inert, styled by CSS classes);
- evidence: which figures get a chart (one per comparable series) and which are flagged;
- trends: errors in content/trends.yml, through `python -m generator check`.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.derive import analysis, remembered
from generator.derive.remembered_related import RememberedRelated
from generator.model.works import Kinship
from generator.render import charts
from generator.derive import comparison
from generator.render import evidence
from generator.model.dates import PartialDate
from generator.inputs.seed_text import Paragraph
from generator.model.entities import Citation, Event, Figure, Inference, Measure, Metric, Period, Sentence, Source, Term
from generator.model.briefing import Briefing
from tests.conftest import ROOT
from tests.helpers import copy_project, position, run_cli

SVG = "{http://www.w3.org/2000/svg}"

COUNTRIES = (
    Term("kazakhstan", "Kazakhstan", "A country.", kind="country"),
    Term("kyrgyzstan", "Kyrgyzstan", "A country.", kind="country"),
    Term("uzbekistan", "Uzbekistan", "A country.", kind="country"),
)
THEMES = (
    Term("soft-power", "Soft power", "A theme."),
    Term("security", "Security", "A theme."),
    Term("migration", "Migration", "A theme."),
)
METRICS = (
    Metric("blame", "Share blaming the war", "percent", "Poll share."),
    Metric("migrants", "Migrant workers", "people", "Head count."),
    Metric("deaths", "Deaths", "count", "Head count."),
)


# --- small model builders ---------------------------------------------------------------------

def source(source_id: str, *texts: str, countries=("kazakhstan",), themes=("soft-power",), date=None,
           listing_id=None, item_ids=(), events=(), figures=()) -> Source:
    texts = texts or ("A paragraph of text.",)
    return Source(
        id=source_id, seed=f"{source_id}.txt", title=f"Title of {source_id}", publisher=None, author=None, url=None,
        date=PartialDate.parse(date) if date else None, quality="clean", review="reviewed",
        countries=tuple(countries), themes=tuple(themes), summary="",
        paragraphs=tuple(Paragraph(n, text, line=n) for n, text in enumerate(texts, 1)),
        events=tuple(events), figures=tuple(figures), listing_id=listing_id, item_ids=tuple(item_ids),
    )


def event(source_id: str, number: int, date: str, countries, text: str) -> Event:
    return Event(f"{source_id}-e{number}", PartialDate.parse(date), tuple(countries), ("security",), text,
                 Citation(source_id, 1, text[:20]))


POLL = Measure("Central Asia Barometer")


def figure(source_id: str, number: int, value: float, *, metric="blame", country="kyrgyzstan", as_of="2022",
           period=None, bound="exact", measure=POLL, inferred=()) -> Figure:
    """A figure; period is (start, end) as data, a label in words only, or None for the as_of date alone."""
    date = PartialDate.parse(as_of)
    if isinstance(period, tuple):
        start, end = (PartialDate.parse(d) for d in period)
        span, date = Period(f"{start.iso} to {end.iso}", start, end), end
    else:
        span = Period(period) if period else Period(date.human, date, date)
    return Figure(f"{source_id}-f{number}", metric, country, value, date, span, bound,
                  f"{value} of something", Citation(source_id, 1, "quote"), ("soft-power",),
                  tuple(Inference(field, why) for field, why in inferred), measure)


def briefing(*sources: Source) -> Briefing:
    return Briefing(title="Test briefing", bottom_line=(Sentence("Bottom line."),), countries=COUNTRIES, themes=THEMES,
                    metrics=METRICS, sources=tuple(sources))


def ids(items) -> list[str]:
    return [item.id for item in items]


# --- analysis.group_events ----------------------------------------------------------------------

CSTO_A = "Kyrgyzstan cancels CSTO military exercises that were to be held on its territory."
CSTO_B = "Kyrgyzstan cancelled the CSTO military exercises planned on its territory."


def test_two_sources_reporting_one_event_make_one_group_with_both():
    first = event("a", 1, "2022-10", ["kyrgyzstan", "russia"], CSTO_A)
    second = event("b", 1, "2022-10", ["kyrgyzstan"], CSTO_B)
    groups = analysis.group_events((first, second))
    assert len(groups) == 1
    assert groups[0].events == (first, second)
    assert groups[0].main == first
    assert groups[0].countries == ("kyrgyzstan", "russia")


def test_the_same_source_twice_is_two_events():
    first = event("a", 1, "2022-10", ["kyrgyzstan"], CSTO_A)
    second = event("a", 2, "2022-10", ["kyrgyzstan"], CSTO_B)
    groups = analysis.group_events((first, second))
    assert [group.events for group in groups] == [(first,), (second,)]


def test_different_dates_are_different_events():
    first = event("a", 1, "2022-10", ["kyrgyzstan"], CSTO_A)
    second = event("b", 1, "2022-11", ["kyrgyzstan"], CSTO_B)
    assert [group.events for group in analysis.group_events((first, second))] == [(first,), (second,)]


def test_no_shared_country_means_different_events():
    first = event("a", 1, "2022-10", ["kyrgyzstan"], CSTO_A)
    second = event("b", 1, "2022-10", ["kazakhstan"], CSTO_B)
    assert [group.events for group in analysis.group_events((first, second))] == [(first,), (second,)]


def test_unrelated_text_on_the_same_day_is_a_different_event():
    first = event("a", 1, "2022-10", ["kyrgyzstan"], CSTO_A)
    second = event("b", 1, "2022-10", ["kyrgyzstan"], "Parliament passes a new media law modelled on Russia's.")
    assert len(analysis.group_events((first, second))) == 2


def test_grouping_keeps_every_event_once_and_in_order():
    events = (
        event("a", 1, "2014", ["central-asia"], "No Central Asian state recognises the annexation of Crimea."),
        event("a", 2, "2008", ["central-asia"], "Central Asia does not support Russia's war against Georgia."),
        event("b", 1, "2014", ["central-asia"], "Central Asian states stay neutral on the annexation of Crimea."),
        event("b", 2, "2008", ["central-asia"], "Central Asian states do not support Russia's war with Georgia."),
    )
    groups = analysis.group_events(events)
    assert [ids(group.events) for group in groups] == [["a-e1", "b-e1"], ["a-e2", "b-e2"]]


# --- comparison: agree, contradict, or differ --------------------------------------------------

def test_figures_within_five_per_cent_are_one_figure_and_no_conflict():
    first, second = figure("a", 1, 70), figure("b", 1, 72)
    groups = comparison.group_figures((first, second))
    assert [group.figures for group in groups] == [(first, second)]
    assert groups[0].main == first
    assert comparison.conflicts((first, second)) == ()


def test_the_same_measure_and_period_with_different_values_is_a_contradiction():
    first, second = figure("a", 1, 70), figure("b", 1, 49)
    assert len(comparison.group_figures((first, second))) == 2
    (conflict,) = comparison.conflicts((first, second))
    assert (conflict.metric, conflict.country) == ("blame", "kyrgyzstan")
    assert set(conflict.figures) == {first, second}
    assert comparison.differences((first, second)) == ()


def test_different_periods_as_data_differ_but_do_not_contradict():
    first = figure("a", 1, 10, period=("2022-01", "2022-03"))
    second = figure("b", 1, 40, period=("2022-01", "2022-10"))
    assert comparison.conflicts((first, second)) == ()
    (difference,) = comparison.differences((first, second))
    assert difference.figures == (first, second)  # ordered by the end of the period


def test_unnamed_polls_in_two_articles_differ_but_never_contradict():
    # Two articles each cite polls they do not name: 70 and 49 are different measurements, not a fall.
    unnamed = Measure("polls the author does not name", known=False)
    first = figure("a", 1, 70, measure=unnamed, period=("2022-02", "2022-12"))
    second = figure("b", 1, 49, measure=unnamed, period=("2022-02", "2022-12"))
    assert comparison.conflicts((first, second)) == ()
    assert [d.figures for d in comparison.differences((first, second))] == [(first, second)]
    assert first.series != second.series


def test_one_unnamed_poll_in_one_article_is_one_series():
    unnamed = Measure("polls the author does not name", known=False)
    kyrgyz, kazakh = figure("a", 1, 70, measure=unnamed), figure("a", 2, 55, country="kazakhstan", measure=unnamed)
    assert comparison.series((kyrgyz, kazakh)) == [(kyrgyz, kazakh)]


def test_different_known_measures_differ_but_do_not_contradict():
    first, second = figure("a", 1, 70), figure("b", 1, 49, measure=Measure("Gallup"))
    assert comparison.conflicts((first, second)) == ()
    assert len(comparison.differences((first, second))) == 1


def test_bounds_decide_whether_two_values_can_both_be_true():
    at_least = figure("a", 1, 140, bound="more-than", metric="deaths")
    later = figure("b", 1, 149, metric="deaths")
    assert comparison.conflicts((at_least, later)) == ()
    fewer = figure("c", 1, 100, bound="fewer-than", metric="deaths")
    (conflict,) = comparison.conflicts((fewer, later))
    assert set(conflict.figures) == {fewer, later}
    assert comparison.conflicts((figure("d", 1, 100, bound="about"), figure("e", 1, 108, bound="about"))) == ()


def test_a_period_in_words_only_is_compared_with_nothing():
    first = figure("a", 1, 10, period="first quarter of 2022")
    second = figure("b", 1, 40, period="first quarter of 2022")
    assert comparison.conflicts((first, second)) == ()
    assert first.series != second.series


def test_a_source_never_conflicts_with_itself():
    assert comparison.conflicts((figure("a", 1, 70), figure("a", 2, 49))) == ()


def test_other_countries_and_metrics_never_conflict():
    first = figure("a", 1, 70)
    assert comparison.conflicts((first, figure("b", 1, 30, country="uzbekistan"))) == ()
    assert comparison.conflicts((first, figure("b", 1, 30, metric="deaths"))) == ()


def test_only_the_disagreeing_figures_are_in_the_conflict():
    first, second, third = figure("a", 1, 70), figure("b", 1, 49), figure("c", 1, 55, country="kazakhstan")
    (conflict,) = comparison.conflicts((first, second, third))
    assert set(conflict.figures) == {first, second}


# --- analysis.kinships ---------------------------------------------------------------------------

ARTICLE = [
    "Moscow had every opportunity to make the Central Asian nations gravitate toward it of their own accord.",
    "Yet now Russian soft power in Central Asia is dissipating before our eyes.",
    "None of the five republics has supported the invasion, and all of them abide by Western sanctions.",
    "Trade with Russia has nevertheless grown quickly, and migrant workers keep travelling north each spring.",
    "Kyrgyzstan cancelled military exercises that the alliance planned to hold on its territory in October.",
    "Uzbekistan will not join the customs union, and the security bloc has lost whatever appeal it had left.",
    "Young people blame the war for rising prices, and concert halls refuse to host performers from Moscow.",
    "The pillar of influence remains trust between ageing elites who were formed in the late Soviet years.",
]
UNRELATED = [
    "Shepherds in the high pastures moved their flocks earlier than usual because snow melted fast.",
    "A new railway bridge over the river will carry freight wagons from the quarry to the port by winter.",
]


def test_a_text_republished_almost_verbatim_is_also_published_as_both_ways():
    original = source("orig", *ARTICLE)
    copy = source("copy", *[p.replace("quickly", "fast") for p in ARTICLE])
    found = analysis.kinships((original, copy))
    assert [(k.relation, k.source_id) for k in found["orig"]] == [("also published as", "copy")]
    assert [(k.relation, k.source_id) for k in found["copy"]] == [("also published as", "orig")]
    assert 0.9 < found["orig"][0].share <= 1


def test_a_short_teaser_summarises_the_long_article():
    article = source("article", *ARTICLE)
    teaser = source("teaser", ARTICLE[0].replace("nations", "countries") + " " + ARTICLE[1])
    found = analysis.kinships((article, teaser))
    assert [(k.relation, k.source_id) for k in found["teaser"]] == [("summarises", "article")]
    assert [(k.relation, k.source_id) for k in found["article"]] == [("summarised in", "teaser")]
    assert found["teaser"][0].share >= analysis.CONTAINED


def test_the_order_of_the_sources_does_not_change_who_summarises_whom():
    article = source("b-article", *ARTICLE)
    teaser = source("a-teaser", ARTICLE[1] + " " + ARTICLE[2])
    found = analysis.kinships((teaser, article))
    assert [(k.relation, k.source_id) for k in found["a-teaser"]] == [("summarises", "b-article")]
    assert [(k.relation, k.source_id) for k in found["b-article"]] == [("summarised in", "a-teaser")]


def test_a_teaser_and_its_own_listing_are_never_kin():
    listing = source("listing", ARTICLE[1], UNRELATED[0], item_ids=("listing-01", "listing-02"))
    first = source("listing-01", ARTICLE[1], listing_id="listing")
    second = source("listing-02", UNRELATED[0], listing_id="listing")
    found = analysis.kinships((listing, first, second))
    assert found == {}


def test_a_teaser_of_a_listing_still_summarises_an_article_elsewhere():
    listing = source("listing", ARTICLE[1], UNRELATED[0], item_ids=("listing-01",))
    teaser = source("listing-01", ARTICLE[1], listing_id="listing")
    article = source("article", *ARTICLE)
    found = analysis.kinships((article, listing, teaser))
    assert ("summarises", "article") in [(k.relation, k.source_id) for k in found["listing-01"]]
    assert "listing" not in [k.source_id for k in found["listing-01"]]
    assert "listing-01" not in [k.source_id for k in found.get("listing", ())]


def test_unrelated_texts_are_not_kin():
    found = analysis.kinships((source("a", *ARTICLE), source("b", *UNRELATED)))
    assert found == {}


def test_kinships_found_last_time_are_used_while_every_text_is_the_same_and_found_again_after():
    article, teaser = source("article", *ARTICLE), source("teaser", ARTICLE[1] + " " + ARTICLE[2])
    first = remembered.RememberedKinships()
    found = first((article, teaser))
    stored = json.loads(json.dumps(first.stored_form()))  # as the pipeline keeps it between runs
    assert remembered.RememberedKinships(stored)((article, teaser)) == found == analysis.kinships((article, teaser))
    planted = {**stored, "found": {"article": [["summarises", "teaser", 0.5]]}}  # shows when it is used
    assert remembered.RememberedKinships(planted)((article, teaser))["article"][0].share == 0.5
    edited = source("teaser", ARTICLE[1])  # a text changed: found again, not taken from the last run
    assert remembered.RememberedKinships(planted)((article, edited)) == analysis.kinships((article, edited))
    relisted = source("teaser", ARTICLE[1] + " " + ARTICLE[2], listing_id="article")  # what kinships() reads
    assert remembered.RememberedKinships(planted)((article, relisted)) == analysis.kinships((article, relisted))


# --- analysis.related_sources --------------------------------------------------------------------

def test_sharing_more_countries_and_themes_ranks_higher_than_being_closer_in_time():
    me = source("me", themes=("security", "soft-power"), countries=("kazakhstan",), date="2022")
    both = source("z-both", themes=("security", "soft-power"), countries=(), date="2010")
    one = [source(f"a-one-{n}", themes=("soft-power",), countries=(), date="2022") for n in range(3)]
    all_three = source("y-all", themes=("security", "soft-power"), countries=("kazakhstan",), date="2000")
    result = analysis.related_sources(briefing(me, both, all_three, *one), me)
    assert ids(result) == ["y-all", "z-both", "a-one-0", "a-one-1", "a-one-2"]


def test_related_lists_found_last_time_are_used_while_what_they_read_is_the_same_and_found_again_after():
    me = source("me", themes=("security",), countries=("kazakhstan",), date="2022")
    other = source("other", themes=("security",), countries=(), date="2021")
    far = source("far", themes=("soft-power",), countries=("kazakhstan",), date="2001")
    first = RememberedRelated()
    found = first(briefing(me, other, far), {})
    assert ids(found["me"]) == ["other", "far"]
    stored = json.loads(json.dumps(first.stored_form()))  # as the pipeline keeps it between runs
    planted = {**stored, "found": {**stored["found"], "me": ["far"]}}  # shows when it is used
    assert ids(RememberedRelated(planted)(briefing(me, other, far), {})["me"]) == ["far"]
    for changed in (
        (source("me", themes=("soft-power",), countries=("kazakhstan",), date="2022"), other, far),  # a theme
        (me, other, source("far", themes=("soft-power",), countries=("kazakhstan",), date="2021")),  # a date
        (me, other, far, source("new", themes=("security",), date="2022")),  # a new source
    ):
        again = RememberedRelated(planted)(briefing(*changed), {})
        assert {k: ids(v) for k, v in again.items()} == {
            s.id: ids(analysis.related_sources(briefing(*changed), s)) for s in changed}
    other_kin = {"me": (Kinship("summarises", "far", 0.6),)}  # other near-duplicates, which lists leave out
    assert ids(RememberedRelated(planted)(briefing(me, other, far), other_kin)["me"]) == ["other"]


def test_a_new_source_changes_only_the_lists_it_belongs_in():
    """Related lists depend on the two sources compared, not on the rest of the corpus: a source landing
    elsewhere reshuffles nothing (corpus-wide weights did, and each CI run rebuilt hundreds of pages)."""
    me = source("me", themes=("security",), countries=("kazakhstan",), date="2022")
    pair = source("b-pair", themes=("security",), countries=("kazakhstan",), date="2015")
    theme = source("a-theme", themes=("security",), countries=(), date="2022")
    country = source("c-country", themes=(), countries=("kazakhstan",), date="2021")
    before = ids(analysis.related_sources(briefing(me, pair, theme, country), me))
    newcomers = [source(f"n{n}", themes=("security",), countries=("uzbekistan",), date="2001") for n in range(6)]
    after = ids(analysis.related_sources(briefing(me, pair, theme, country, *newcomers), me))
    assert before == ["b-pair", "a-theme", "c-country"]
    assert after[:3] == before


def test_sharing_nothing_is_not_related_and_a_source_is_not_related_to_itself():
    me = source("me", themes=("security",), countries=("kazakhstan",))
    other = source("other", themes=("migration",), countries=("uzbekistan",))
    assert analysis.related_sources(briefing(me, other), me) == ()


def test_closeness_in_time_breaks_ties():
    me = source("me", themes=("security",), date="2022")
    far = source("a-far", themes=("security",), date="2010")
    near = source("b-near", themes=("security",), date="2023")
    assert ids(analysis.related_sources(briefing(me, far, near), me)) == ["b-near", "a-far"]


def test_exclude_and_limit_are_honoured():
    me = source("me", themes=("security",))
    others = [source(f"o{n}", themes=("security",)) for n in range(8)]
    b = briefing(me, *others)
    assert ids(analysis.related_sources(b, me)) == [f"o{n}" for n in range(analysis.RELATED_COUNT)]
    assert ids(analysis.related_sources(b, me, exclude=frozenset({"o0", "o2"}), limit=3)) == ["o1", "o3", "o4"]
    assert analysis.related_sources(b, me, limit=0) == ()


def test_a_teaser_is_not_related_to_its_listing_nor_the_listing_to_it():
    listing = source("listing", themes=("security",), item_ids=("listing-01",))
    teaser = source("listing-01", themes=("security",), listing_id="listing")
    other = source("other", themes=("security",))
    b = briefing(listing, teaser, other)
    assert ids(analysis.related_sources(b, teaser)) == ["other"]
    assert ids(analysis.related_sources(b, listing)) == ["other"]


# --- charts.bar_chart ----------------------------------------------------------------------------

def spec(bars, percent=False, chart_id="chart-test", title="A chart", unit="Per cent", **fields) -> charts.ChartSpec:
    return charts.ChartSpec(chart_id, title, unit, fields.get("period", "2022"), fields.get("measured", "a named poll"),
                            tuple(fields.get("sources", ("Article one",))), tuple(bars), percent)


def chart(bars, percent=False, **fields) -> ET.Element:
    return ET.fromstring(str(charts.bar_chart(spec(bars, percent, **fields))))


def svg_of(figure_element: ET.Element) -> ET.Element:
    (svg,) = figure_element.findall(f"{SVG}svg")
    return svg


def rects(figure_element: ET.Element) -> list[ET.Element]:
    return [r for r in svg_of(figure_element).findall(f"{SVG}rect") if "briefing-chart__bar" in r.get("class", "")]


def texts(figure_element: ET.Element, kind: str) -> list[str]:
    return ["".join(t.itertext()) for t in svg_of(figure_element).findall(f"{SVG}text")
            if f"briefing-chart__{kind}" in t.get("class", "").split()]


def percent_of(value: str) -> float:
    assert value.endswith("%"), value
    return float(value.removesuffix("%"))


POLL = [charts.Bar("Kyrgyzstan", 70, "70%", True), charts.Bar("Kazakhstan", 49, "49%", True, inferred=True),
        charts.Bar("Uzbekistan", 30, "more than 30%", bounded=True)]


def test_the_chart_is_a_figure_with_an_accessible_svg():
    element = chart(POLL, percent=True, title="Share blaming the war")
    assert element.tag == "figure" and "briefing-chart" in element.get("class").split()
    assert element.get("id") == "chart-test"
    svg = svg_of(element)
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby").split() == ["chart-test-title", "chart-test-desc"]
    by_id = {e.get("id"): e for e in element.iter() if e.get("id")}
    assert by_id["chart-test-title"].tag == f"{SVG}title" and by_id["chart-test-desc"].tag == f"{SVG}desc"
    assert "".join(by_id["chart-test-title"].itertext()) == "Share blaming the war"
    assert element.find("figcaption") is not None


def test_title_unit_period_measure_and_source_are_drawn_in_the_svg():
    element = chart(POLL, percent=True, title="Share blaming the war", period="first half of 2022",
                    measured="Central Asia Barometer", sources=("Article one", "Article two"))
    drawn = " ".join(" ".join(texts(element, kind)) for kind in ("title", "subtitle", "note", "source"))
    for words in ("Share blaming the war", "Per cent, first half of 2022", "Measured by: Central Asia Barometer",
                  "Source: Article one; Article two"):
        assert words in drawn, words


def test_marks_for_inferred_bounded_and_disputed_values_with_their_key():
    element = chart(POLL, percent=True)
    assert texts(element, "label") == ["Kyrgyzstan", "Kazakhstan †", "Uzbekistan"]
    assert texts(element, "value") == ["70%", "49%", "more than 30%"]
    notes = " ".join(texts(element, "note"))
    assert "† Period inferred" in notes and "bounds" in notes and "dashed outline" in notes
    plain = chart([charts.Bar("A", 1, "1"), charts.Bar("B", 2, "2")])
    assert texts(plain, "note") == ["Measured by: a named poll."], "no key for marks that are not drawn"


def test_the_description_lists_every_label_value_and_mark():
    desc = "".join(svg_of(chart(POLL, percent=True)).find(f"{SVG}desc").itertext())
    for bar in POLL:
        assert f"{bar.label}: {bar.shown}" in desc
    assert desc.count("sources disagree") == 2 and "(period inferred)" in desc and "Source: Article one" in desc


def test_the_chart_has_no_script_and_no_event_handler():
    markup = str(charts.bar_chart(spec([
        charts.Bar('<script>alert(2)</script>', 5, "5", False),
        charts.Bar('" onmouseover="alert(3)', 7, "7", True)], title="<script>alert(1)</script>", unit="onload=x",
        sources=("<img src=x onerror=alert(4)>",))))
    element = ET.fromstring(markup)
    assert not [e for e in element.iter() if e.tag.rpartition("}")[2].lower() in ("script", "img")]
    for e in element.iter():
        assert not [name for name in e.attrib if name.lower().startswith("on")], (e.tag, e.attrib)
    assert "<script" not in markup.lower()


def test_labels_with_markup_characters_are_escaped_and_read_back_literally():
    label = 'Kazakhstan <b>&amp; "Kyrgyz" \'region\'</b> & co'
    shown = "<1% & \"about\""
    title = 'Share of "yes" & <no>'
    element = chart([charts.Bar(label, 1, shown), charts.Bar("Other", 2, "2")], title=title)
    assert texts(element, "label")[0] == label
    assert texts(element, "value")[0] == shown
    assert "".join(svg_of(element).find(f"{SVG}title").itertext()) == title
    assert f"{label}: {shown}" in "".join(svg_of(element).find(f"{SVG}desc").itertext())
    assert not [e for e in element.iter() if e.tag.rpartition("}")[2] == "b"]


def test_long_lines_are_wrapped_for_a_phone():
    element = chart(POLL, percent=True, title="A title long enough to need two or three lines on a narrow phone")
    for kind in ("title", "subtitle", "note", "source"):
        for line in texts(element, kind):
            assert len(line) <= charts.NOTE_CHARS, (kind, line)
    assert len(texts(element, "title")) >= 2


def test_widths_are_percentages_so_the_chart_fits_any_screen():
    element = chart(POLL, percent=True)
    assert svg_of(element).get("width") == "100%" and svg_of(element).get("viewBox") is None
    for rect in rects(element):
        assert rect.get("width").endswith("%") and percent_of(rect.get("width")) <= charts.PLOT
    values = [t for t in svg_of(element).findall(f"{SVG}text") if "briefing-chart__value" in t.get("class")]
    for text, rect in zip(values, rects(element), strict=True):
        assert text.get("x") == rect.get("width") and text.get("dx") == "6"  # just past its bar


def test_percent_charts_end_at_one_hundred_per_cent():
    element = chart([charts.Bar("A", 100, "100%"), charts.Bar("B", 50, "50%")], percent=True)
    ticks = texts(element, "tick")
    assert ticks[0] == "0%" and ticks[-1] == "100%"
    full, half = rects(element)
    assert percent_of(full.get("width")) == pytest.approx(charts.PLOT, abs=0.01)
    assert percent_of(half.get("width")) == pytest.approx(charts.PLOT / 2, abs=0.01)


def test_bar_widths_are_proportional_to_the_values():
    values = [10_000_000, 2_500_000, 7_000_000, 400_000]
    element = chart([charts.Bar(f"Bar {n}", v, f"{v:,}") for n, v in enumerate(values)])
    widths = [percent_of(rect.get("width")) for rect in rects(element)]
    for value, width in zip(values, widths, strict=True):
        assert width / widths[0] == pytest.approx(value / values[0], abs=0.001)
    assert max(widths) < charts.PLOT  # headroom


def test_flagged_bars_carry_the_flagged_class_and_only_they():
    classes = [rect.get("class").split() for rect in rects(chart(POLL, percent=True))]
    assert all("briefing-chart__bar" in c for c in classes)
    assert ["briefing-chart__bar--flagged" in c for c in classes] == [bar.flagged for bar in POLL]


def test_colours_come_from_css_classes_defined_for_light_and_dark_mode():
    element = chart(POLL, percent=True)
    used = set()
    for e in svg_of(element).iter():
        assert not {"fill", "stroke", "style", "color"} & set(e.attrib), (e.tag, e.attrib)
        used.update(c for c in e.get("class", "").split() if c.startswith("briefing-chart__"))
    assert {"briefing-chart__bar", "briefing-chart__bar--flagged", "briefing-chart__label"} <= used
    css = (ROOT / "generator/render/assets/briefing.css").read_text(encoding="utf-8")
    for name in ("briefing-chart__bar", "briefing-chart__bar--flagged", "briefing-chart__axis"):
        assert f".{name}" in css, name
    assert ".briefing-chart text" in css  # labels, values and ticks take the page's text colour
    assert re.search(r'\[data-md-color-scheme="slate"\][^{]*\.briefing-chart', css), "no dark-mode rule for charts"
    assert "var(--md-" in css


def test_a_percent_value_above_one_hundred_stays_inside_the_chart():
    element = chart([charts.Bar("Growth", 150, "150%"), charts.Bar("Other", 40, "40%")], percent=True)
    for rect in rects(element):
        assert percent_of(rect.get("width")) <= charts.PLOT + 0.01
    assert int(texts(element, "tick")[-1].removesuffix("%")) >= 150  # the scale goes past 100% when it must


def test_the_downloaded_svg_stands_alone_with_its_own_style():
    text = charts.svg_file(spec(POLL, percent=True))
    root = ET.fromstring(text.split("\n", 1)[1])
    assert root.get("width") == str(charts.FILE_WIDTH)
    style = root.find(f"{SVG}style")
    assert style is not None and ".briefing-chart__bar{fill:" in style.text
    assert texts(ET.fromstring(f'<figure xmlns:s="{SVG[1:-1]}">' + text.split("\n", 1)[1] + "</figure>"), "title")


# --- evidence.figure_view ------------------------------------------------------------------------

def view_of(b: Briefing, figures=None) -> evidence.FigureView:
    figures = b.figures if figures is None else figures
    return evidence.figure_view(b, figures, evidence.compared(figures, comparison.comparisons(b.figures), frozenset()))


def test_a_chart_only_for_series_with_at_least_two_figures():
    figures = (
        figure("a", 1, 70, country="kyrgyzstan"),
        figure("a", 2, 55, country="kazakhstan"),
        figure("a", 3, 140, metric="deaths", country="kazakhstan"),  # one figure: a sentence, not a chart
        figure("a", 4, 1000, metric="migrants", country="kazakhstan"),
        figure("b", 1, 1010, metric="migrants", country="kazakhstan"),  # agrees with a-f4: one figure
    )
    b = briefing(source("a", figures=figures[:4]), source("b", figures=figures[4:]))
    view = view_of(b)
    assert [ET.fromstring(str(c.markup)).get("id") for c in view.charts] == ["chart-blame"]
    assert len(view.groups) == 4
    assert view.conflicts == () and view.flagged == frozenset()
    labels = texts(ET.fromstring(str(view.charts[0].markup)), "label")
    assert sorted(labels) == ["Kazakhstan", "Kyrgyzstan"]
    assert "Share blaming the war" in view.charts[0].markup and "Central Asia Barometer" in view.charts[0].markup


def test_two_unnamed_polls_are_two_charts_never_one_series():
    unnamed = Measure("polls the author does not name", known=False)
    figures_a = (figure("a", 1, 70, measure=unnamed), figure("a", 2, 55, country="kazakhstan", measure=unnamed))
    figures_b = (figure("b", 1, 49, as_of="2024", measure=unnamed, inferred=[("period", "Assumed.")]),
                 figure("b", 2, 43, as_of="2024", country="kazakhstan", measure=unnamed, inferred=[("period", "Assumed.")]))
    b = briefing(source("a", figures=figures_a), source("b", figures=figures_b))
    view = view_of(b)
    assert view.conflicts == () and view.flagged == frozenset()
    assert {d.country for d in view.differences} == {"kyrgyzstan", "kazakhstan"}
    assert view.differing == {"a-f1", "a-f2", "b-f1", "b-f2"}
    charts_ = [ET.fromstring(str(c.markup)) for c in view.charts]
    assert [c.get("id") for c in charts_] == ["chart-blame", "chart-blame-2"]
    assert [sorted(texts(c, "value")) for c in charts_] == [["55%", "70%"], ["43%", "49%"]]
    assert sorted(texts(charts_[1], "label")) == ["Kazakhstan", "Kyrgyzstan"]  # the subtitle says inferred, once
    assert texts(charts_[1], "subtitle") == ["Per cent, 2024 (inferred)"]
    assert "Title of a" in view.charts[0].markup and "Title of b" in view.charts[1].markup


def test_charts_of_one_measure_are_told_apart_by_their_titles():
    unnamed = Measure("polls the author does not name", known=False)
    figures_a = (figure("a", 1, 70, measure=unnamed), figure("a", 2, 55, country="kazakhstan", measure=unnamed))
    figures_b = (figure("b", 1, 49, as_of="2024", measure=unnamed),
                 figure("b", 2, 43, as_of="2024", country="kazakhstan", measure=unnamed))
    view = view_of(briefing(source("a", figures=figures_a), source("b", figures=figures_b)))
    titles = [" ".join(texts(ET.fromstring(str(c.markup)), "title")) for c in view.charts]
    assert titles == ["Share blaming the war (1 of 2)", "Share blaming the war (2 of 2)"]
    assert [c.spec.title for c in view.charts] == ["Share blaming the war"] * 2, "the downloads, shared by pages"
    (alone,) = view_of(briefing(source("a", figures=figures_a))).charts
    assert " ".join(texts(ET.fromstring(str(alone.markup)), "title")) == "Share blaming the war"


def test_a_page_showing_only_the_newest_rows_charts_only_their_series():
    """The home page lists the newest figures: a series none of them belongs to is not drawn there."""
    old = (figure("a", 1, 70), figure("a", 2, 55, country="kazakhstan"))
    new = (figure("b", 1, 1000, metric="migrants", as_of="2024"),
           figure("b", 2, 900, metric="migrants", country="kazakhstan", as_of="2024"))
    b = briefing(source("a", figures=old), source("b", figures=new))
    found = evidence.compared(b.figures, comparison.comparisons(b.figures), frozenset())
    everything = evidence.figure_view(b, b.figures, found)
    assert [c.spec.title for c in everything.charts] == ["Share blaming the war", "Migrant workers"]
    newest = evidence.figure_view(b, b.figures, found, rows=2)
    assert [c.spec.title for c in newest.charts] == ["Migrant workers"] and newest.total == 4


def test_a_series_charted_alone_keeps_its_number_among_its_measures_series():
    """Only the series a page's rows draw are made, each numbered as when every series is made."""
    older = (figure("a", 1, 70, as_of="2022", period=("2022-01", "2022-03")),
             figure("a", 2, 55, country="kazakhstan", as_of="2022", period=("2022-01", "2022-03")))
    newer = (figure("b", 1, 60, as_of="2024", period=("2024-01", "2024-03")),
             figure("b", 2, 50, country="kazakhstan", as_of="2024", period=("2024-01", "2024-03")))
    b = briefing(source("a", figures=older), source("b", figures=newer))
    found = evidence.compared(b.figures, comparison.comparisons(b.figures), frozenset())
    everything = evidence.figure_view(b, b.figures, found).charts
    newest = evidence.figure_view(b, b.figures, found, rows=2).charts
    assert len(everything) == 2 and newest == everything[1:]
    assert newest[0].spec.chart_id.endswith("-2")  # and equal to the chart made among all: its title, its markup


def test_growth_over_different_periods_gets_no_chart():
    figures = (figure("a", 1, 10, country="kazakhstan", period=("2022-01", "2022-10")),
               figure("a", 2, 45, country="kyrgyzstan", period=("2022-01", "2022-03")))
    view = view_of(briefing(source("a", figures=figures)))
    assert view.charts == () and len(view.groups) == 2


def test_a_bound_is_shown_on_the_bar_and_never_as_about():
    figures = (figure("a", 1, 50, bound="more-than"), figure("a", 2, 22, country="kazakhstan", bound="more-than"))
    view = view_of(briefing(source("a", figures=figures)))
    assert sorted(texts(ET.fromstring(str(view.charts[0].markup)), "value")) == ["more than 22%", "more than 50%"]
    desc = "".join(ET.fromstring(str(view.charts[0].markup)).find(f"{SVG}svg").find(f"{SVG}desc").itertext())
    assert "about" not in desc


def test_flagged_ids_are_exactly_those_in_a_conflict():
    figures_a = (figure("a", 1, 70), figure("a", 2, 55, country="kazakhstan"), figure("a", 3, 30, country="uzbekistan"))
    figures_b = (figure("b", 1, 49), figure("b", 2, 43, country="kazakhstan"))
    b = briefing(source("a", figures=figures_a), source("b", figures=figures_b))
    every = comparison.conflicts(b.figures)
    view = view_of(b)
    in_conflict = {f.id for c in every for f in c.figures}
    assert in_conflict == {"a-f1", "a-f2", "b-f1", "b-f2"}
    assert view.flagged == in_conflict
    (poll_chart,) = view.charts
    element = ET.fromstring(str(poll_chart.markup))
    flagged_values = [value for value, rect in zip(texts(element, "value"), rects(element), strict=True)
                      if "briefing-chart__bar--flagged" in rect.get("class").split()]
    assert sorted(flagged_values) == ["43%", "49%", "55%", "70%"]


def test_a_page_with_one_side_of_a_conflict_still_flags_it_and_shows_both_sides():
    first, second = figure("a", 1, 70), figure("b", 1, 49)
    other = figure("a", 2, 30, country="uzbekistan")
    b = briefing(source("a", figures=(first, other)), source("b", figures=(second,)))
    view = view_of(b, (first, other))
    (conflict,) = view.conflicts
    assert set(conflict.figures) == {first, second}  # both sides listed
    assert view.flagged == {"a-f1"}  # the page's own figure is marked; the other side is not on this page
    assert "a-f2" not in view.flagged
    alone = view_of(b, (other,))
    assert alone.conflicts == () and alone.flagged == frozenset() and alone.charts == ()


def test_a_chart_with_more_figures_than_fit_keeps_the_newest():
    count = evidence.MAX_BARS
    older = tuple(figure(f"u{n:02d}", 1, 20 + n, country=f"c{n:02d}") for n in range(count))
    newest = figure("x", 1, 60, country="kazakhstan")
    b = briefing(*(source(f.citation.source_id, figures=(f,)) for f in older + (newest,)))
    (poll_chart,) = view_of(b).charts
    labels = texts(ET.fromstring(str(poll_chart.markup)), "label")
    assert len(labels) == count
    assert "Kazakhstan" in labels
    assert "c00" not in labels


# --- trends errors through the command line ------------------------------------------------------

TRENDS = "content/trends.yml"
TREND_ERRORS = {
    "unknown country": ("country: kazakhstan", "country: narnia", "narnia",
                        "unknown country 'narnia'", "taxonomy"),
    "unknown claim": ("      - 003_511358f27ee65db5-k7\n", "      - 003_511358f27ee65db5-k70\n", "003_511358f27ee65db5-k70",
                      "unknown claim reference '003_511358f27ee65db5-k70'", "did you mean '003_511358f27ee65db5-k7'?"),
    "no evidence": ("    evidence:\n      - 000_c1a27e0ec5b1e4f9-k1\n", "", "country: azerbaijan",
                    "this reading cites no evidence", "under evidence:"),
    "future period": ('period: "2025-04"', 'period: "2999-04"', '"2999-04"', "the date 2999-04 is in the future (today is",
                      "check the year"),
    "bad distance": ("distance: shrinking", "distance: sideways", "sideways", "'sideways'", "growing, steady, shrinking"),
}


@pytest.fixture(scope="module")
def pristine_copy(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("trends") / "pristine")


def test_the_shipped_trends_check_clean(pristine_copy):
    result = run_cli("check", "--root", str(pristine_copy), cwd=pristine_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert TRENDS not in result.stdout + result.stderr


@pytest.mark.parametrize("case", list(TREND_ERRORS))
def test_a_trends_error_is_reported_with_its_place_and_a_hint(case, pristine_copy, tmp_path):
    old, new, at_text, message, hint = TREND_ERRORS[case]
    root = tmp_path / "project"
    shutil.copytree(pristine_copy, root)
    path = root / TRENDS
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"test setup: {old!r} should occur once in {TRENDS}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    line, column = position(root, TRENDS, at_text)
    result = run_cli("check", "--root", str(root), cwd=root)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    lines = [entry for entry in output.splitlines() if entry.startswith(f"{TRENDS}:")]
    assert len(lines) == 1, output
    prefix = f"{TRENDS}:{line}:{column}: error: "
    assert lines[0].startswith(prefix), (lines[0], prefix)
    assert message in lines[0]
    hint_text = re.search(r"\((.+)\)$", lines[0])
    assert hint_text and hint in hint_text.group(1), lines[0]
