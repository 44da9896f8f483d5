"""Everything computed across sources, computed once per run into plain data that the renderer receives.

The renderer only arranges what is here for its templates; it does not compare,
group or count sources itself (see render/renderer.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.common.progress import QUIET, Progress
from generator.derive import analysis, comparison, listing, readings, term_page
from generator.derive.remembered import RememberedKinships
from generator.derive.remembered_related import RememberedRelated
from generator.model.briefing import Briefing
from generator.model.changes import Change, every_change
from generator.model.entities import Source
from generator.model.works import Works

TERM_EVENTS = 30  # the latest events a country or theme page shows in full


@dataclass(frozen=True)
class Derived:
    works: Works  # what "(N sources)" and the totals count
    # contradictions and differences, by figure id (derive/comparison.py)
    comparisons: Mapping[str, tuple[comparison.Conflict | comparison.Difference, ...]]
    kinships: Mapping[str, tuple[analysis.Kinship, ...]]  # copies and summaries, by source id
    related: Mapping[str, tuple[Source, ...]]  # the sources most like each source, besides its kin
    event_groups: tuple[analysis.EventGroup, ...]  # every event, one group per reported happening, newest first
    term_views: Mapping[str, term_page.TermView]  # each country, region and theme page in use, by slug
    listings: tuple[listing.Listing, ...]
    changes: tuple[Change, ...]  # every correction and update, newest first
    readings: Mapping[str, tuple[readings.Reading, ...]]  # each country's Distance from Moscow, newest first
    pair_counts: Mapping[tuple[str, str], int]  # claims about both terms of a pair


def derive(
    briefing: Briefing,
    progress: Progress = QUIET,
    find_kin: RememberedKinships | None = None,
    find_related: RememberedRelated | None = None,
) -> Derived:
    """Everything computed across sources. find_kin and find_related hold what the last run found (see
    derive/remembered.py); without them everything is found again."""
    find_kin = find_kin or RememberedKinships()
    kinships = find_kin(briefing.sources)
    related = (find_related or RememberedRelated())(briefing, kinships, progress)
    terms = briefing.countries_in_use() + briefing.themes_in_use()
    return Derived(
        works=Works(briefing.sources),
        comparisons=comparison.comparisons(briefing.figures),
        kinships=kinships,
        related=related,
        event_groups=analysis.group_events(briefing.events),
        term_views={term.slug: term_page.term_view(briefing, term, TERM_EVENTS) for term in terms},
        listings=listing.listings(briefing),
        changes=tuple(every_change(briefing)),
        readings=readings.readings(briefing),
        pair_counts=readings.pair_counts(briefing),
    )
