"""The pages that list sources or events by period: the indexes of sources (all, by country, theme and year) and
the timeline's years (derive/listing.py says what goes on which page)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, cast

from generator.derive.analysis import EventGroup
from generator.derive.listing import EVENTS_PER_PAGE, SOURCES_PER_PAGE, Listing, PeriodPage, events_by_year, month_pages
from generator.model.entities import Event, Source
from generator.render import locations
from generator.render.pages_apart import Maker
from generator.render.read_pages import PagesByReads

if TYPE_CHECKING:
    from generator.derive.derived import Derived

LATEST_TIMELINE = 50
# Front matter for pages that only list what other pages say: search engines and the
# site search skip them, so a search finds the source or briefing itself.
NOT_SEARCHED = {"search": {"exclude": True}}


class IndexPages(PagesByReads):
    """Page families of the Renderer (render/renderer.py) that list by period."""

    derived: Derived

    def listing_page_makers(self) -> list[Maker]:
        """The browse page, then each index's pages: what makes each (pages_apart.py), its values worked out only
        when it is made."""
        found = self.derived.listings
        sizes = [(index.label, locations.listing(index.key), len(index.sources)) for index in found]

        def of_kind(prefix: str) -> list:
            return [size for index, size in zip(found, sizes, strict=False) if index.key.startswith(prefix)]

        def browse() -> str:
            return self.page(
                "browse.md.j2",
                locations.BROWSE,
                {"title": "Browse sources", **NOT_SEARCHED},
                {
                    "per_page": SOURCES_PER_PAGE,
                    "all": sizes[0],
                    "countries": of_kind("countries/"),
                    "themes": of_kind("themes/"),
                    "years": of_kind("years/"),
                },
            )

        makers: list[Maker] = [(locations.BROWSE, browse)]
        for index in found:
            makers += self._listing_makers(index)
        return makers

    def _listing_makers(self, index: Listing) -> list[Maker]:
        """An index's first page (its newest sources, links to its periods) and a page per period."""
        periods = index.periods
        links = [(period.label, locations.listing(index.key, period.key), len(period.items)) for period in periods]
        first = locations.listing(index.key)

        def first_page() -> str:
            all_ids, newest = tuple(s.id for s in index.sources), tuple(s.id for s in index.newest)
            return self.by_reads(
                first,
                (index.title, newest, all_ids, links),
                lambda: self.page(
                    "listing.md.j2",
                    first,
                    {"title": index.title, **NOT_SEARCHED},
                    {
                        "title": index.title,
                        "source_count": len(all_ids),
                        "works_listed": self.works_count(all_ids),
                        "sources": self.sources_looked_up(newest),
                        "periods": links,
                    },
                ),
            )

        def period_page(number: int, period: PeriodPage[Source], path: str) -> str:
            ids = tuple(s.id for s in period.items)
            newer = links[number - 1] if number > 0 else None
            older = links[number + 1] if number + 1 < len(links) else None
            return self.by_reads(
                path,
                (index.title, first, period.label, ids, newer, older),
                lambda: self.page(
                    "listing_period.md.j2",
                    path,
                    {"title": f"{index.title}: {period.label}", **NOT_SEARCHED},
                    {
                        "label": period.label,
                        "index": (index.title, first),
                        "source_count": len(ids),
                        "works_listed": self.works_count(ids),
                        "sources": self.sources_looked_up(ids),
                        "newer": newer,
                        "older": older,
                    },
                ),
            )

        makers: list[Maker] = [(first, first_page)]
        for number, period in enumerate(periods):
            path = locations.listing(index.key, period.key)
            makers.append((path, partial(period_page, number, period, path)))
        return makers

    def timeline_page_makers(self) -> list[Maker]:
        groups = self.derived.event_groups
        years = events_by_year(groups)
        counts = [(year, len(items)) for year, items in years]

        def timeline() -> str:
            latest = event_ids(groups[:LATEST_TIMELINE])
            return self.by_reads(
                locations.TIMELINE,
                (counts, latest),
                lambda: self.page(
                    "timeline.md.j2",
                    locations.TIMELINE,
                    {"title": "Timeline"},
                    {"years": counts, "events": self.groups_looked_up(latest)},
                ),
            )

        makers: list[Maker] = [(locations.TIMELINE, timeline)]
        # A year's page links every year without its count: one new event would otherwise change every page of
        # the timeline (at 100,000 sources, re-rendering thousands of pages on each run)
        every_year = tuple(year for year, _ in years)
        for year, items in years:
            makers += self._timeline_year_makers(year, items, every_year)
        return makers

    def _timeline_year_makers(self, year: int, items: list[EventGroup], every_year: tuple[int, ...]) -> list[Maker]:
        """A year's page: every event, or in a busy year the newest and a page per month (as indexes are)."""
        months = (
            month_pages(year, items, lambda group: group.main.date.month, EVENTS_PER_PAGE)
            if len(items) > EVENTS_PER_PAGE
            else []
        )
        links = [(month.label, locations.timeline_year(year, month.key), len(month.items)) for month in months]
        shown: list[tuple[str, str, tuple[EventGroup, ...], int | None]] = [
            (locations.timeline_year(year), str(year), tuple(items[:EVENTS_PER_PAGE]), None)
        ]
        shown += [
            (link[1], month.label, month.items, number)
            for number, (month, link) in enumerate(zip(months, links, strict=True))
        ]

        def year_page(path: str, label: str, events: tuple[EventGroup, ...], number: int | None) -> str:
            listed = event_ids(events)
            months = links if number is None else []
            newer = links[number - 1] if number else None
            older = links[number + 1] if number is not None and number + 1 < len(links) else None
            return self.by_reads(
                path,
                (year, label, every_year, listed, months, newer, older),
                lambda: self.page(
                    "timeline_year.md.j2",
                    path,
                    {"title": f"Timeline: {label}", **NOT_SEARCHED},
                    {
                        "label": label,
                        "year": year,
                        "years": every_year,
                        "events": self.groups_looked_up(listed),
                        "months": months,
                        "newer": newer,
                        "older": older,
                    },
                ),
            )

        return [(path, partial(year_page, path, label, events, number)) for path, label, events, number in shown]

    def sources_looked_up(self, ids: tuple[str, ...]) -> tuple[Source, ...]:
        """The sources of these ids, each looked up in the briefing (recorded while a page is valued by its reads)."""
        return tuple(self.briefing.source_by_id[source_id] for source_id in ids)

    def groups_looked_up(self, groups: tuple[tuple[str, ...], ...]) -> tuple[EventGroup, ...]:
        """The event groups of these event ids (event_ids), each event looked up in the briefing's claims."""
        claims = self.briefing.claim_by_id
        return tuple(EventGroup(tuple(cast(Event, claims[event_id]) for event_id in group)) for group in groups)


def event_ids(groups: Iterable[EventGroup]) -> tuple[tuple[str, ...], ...]:
    """Each group's events by id: what a timeline page lists, as plain values."""
    return tuple(tuple(event.id for event in group.events) for group in groups)
