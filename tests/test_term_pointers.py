"""A country or theme page's pointers (derive/term_page.py Leads): what is found once per page gives, for every
section, exactly the pointers that looking through all the term's claims for that section gives."""

from __future__ import annotations

import pytest

from generator.common.project import Project
from generator.derive import term_page
from generator.derive.derived import TERM_EVENTS
from generator.pipeline import build_model
from tests.conftest import ROOT
from tests.helpers import CORPUS


def pointers_section_by_section(briefing, term, other, points, homes, shown_events, shown_points):
    """The pointers of one section, each claim of the term looked at (as before Leads)."""
    found = [
        term_page.Pointer(term_page._short(point.text), term_page.claim_anchor(point.id))
        for _, point in points
        if point.id in shown_points
        and homes[point.id] != other.slug
        and other.slug in term_page._slugs_on_other_axis(term, point)
    ]
    mains = {
        shown_events[event.id] for event in briefing.events_about(term.slug, other.slug) if event.id in shown_events
    }
    found += [
        term_page.Pointer(f"{event.date.human}: {term_page._short(event.text)}", term_page.claim_anchor(event.id))
        for event in briefing.events_about(term.slug)
        if event.id in mains
    ]
    metrics = briefing.metric_by_slug
    found += [
        term_page.Pointer(f"figure: {metrics[f.metric].name if f.metric in metrics else f.metric}", "key-figures")
        for f in briefing.figures_about(term.slug)
        if other.slug in term_page._slugs_on_other_axis(term, f)
    ]
    return tuple(dict.fromkeys(found))


@pytest.mark.parametrize("root", [CORPUS, ROOT], ids=["fixture corpus", "shipped content"])
def test_pointers_found_once_per_page_are_those_of_each_section_alone(root):
    briefing, _ = build_model(Project.at(root))
    assert briefing is not None
    compared = 0
    for term in briefing.countries_in_use() + briefing.themes_in_use():
        groups = term_page.analysis.group_events(briefing.events_about(term.slug))
        shown_events = {event.id: group.main.id for group in groups[:TERM_EVENTS] for event in group.events}
        points = briefing.key_points_about(term.slug)
        homes = {point.id: term_page._home(briefing, term, point) for _, point in points}
        shown = {point.id for _, point in points}  # every point: more pointers to compare than a page shows
        leads = term_page.Leads.of(briefing, term, points, shown, shown_events)
        for other in term_page._others(briefing, term):
            expected = pointers_section_by_section(briefing, term, other, points, homes, shown_events, shown)
            assert leads.to(term, other.slug, homes) == expected, (term.slug, other.slug)
            compared += len(expected)
    assert compared > (200 if root == CORPUS else 20) and briefing.figures  # pointers of every kind to compare
