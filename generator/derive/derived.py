"""Everything computed across sources, computed once per run into plain data that the renderer receives.

The renderer only arranges what is here for its templates; it does not compare,
group or count sources itself (see render/renderer.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.common.progress import QUIET, Progress
from generator.derive import analysis, comparison, listing, readings, term_page
from generator.derive.remembered import RememberedKinships
from generator.derive.remembered_groups import RememberedGroups
from generator.derive.remembered_related import RememberedRelated
from generator.derive.word_pairs import WordPairs
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


@dataclass
class FoundBefore:
    """What the last run found across sources, kept in build/cache/derived.json (derive/remembered*.py): each part is
    found again only where what it reads changed."""

    kin: RememberedKinships
    related: RememberedRelated
    groups: RememberedGroups

    @classmethod
    def of(cls, stored: Mapping[str, Any], word_pairs: WordPairs) -> FoundBefore:
        kin = RememberedKinships(stored.get("kinships"), word_pairs)
        return cls(kin, RememberedRelated(stored.get("related")), RememberedGroups(stored.get("groups")))

    def parts(self) -> dict[str, RememberedKinships | RememberedRelated | RememberedGroups]:
        return {"kinships": self.kin, "related": self.related, "groups": self.groups}

    def changed_since(self, stored: Mapping[str, Any]) -> bool:
        return any((stored.get(name) or {}).get("key") != part.key for name, part in self.parts().items())

    def stored_form(self) -> dict[str, Any]:
        return {name: part.stored_form() for name, part in self.parts().items()}


def derive(briefing: Briefing, progress: Progress = QUIET, found: FoundBefore | None = None) -> Derived:
    """Everything computed across sources. found holds what the last run found; without it everything is found
    again."""
    kinships = (found.kin if found else RememberedKinships())(briefing.sources)
    related = (found.related if found else RememberedRelated())(briefing, kinships, progress)
    terms = briefing.countries_in_use() + briefing.themes_in_use()
    group = found.groups if found else analysis.group_events
    return Derived(
        works=Works(briefing.sources),
        comparisons=comparison.comparisons(briefing.figures),
        kinships=kinships,
        related=related,
        event_groups=group(briefing.events),
        term_views={term.slug: term_page.term_view(briefing, term, TERM_EVENTS, group) for term in terms},
        listings=listing.listings(briefing),
        changes=tuple(every_change(briefing)),
        readings=readings.readings(briefing),
        pair_counts=readings.pair_counts(briefing),
    )
