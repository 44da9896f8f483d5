"""When a page was last updated, as its heading line and "Cite this page" say it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.derive.derived import Derived
from generator.model.briefing import Briefing
from generator.model.dates import PartialDate, newest
from generator.model.entities import Event, Source, Term

Dated = Source | Event


@dataclass(frozen=True)
class LastUpdated:
    """The newest date a page shows, and whether the text states it or the editors inferred it."""

    date: PartialDate
    inferred: bool

    @property
    def iso(self) -> str:
        return self.date.iso

    @property
    def human(self) -> str:
        return self.date.human


def last_updated(sources: Iterable[Dated], events: Iterable[Dated] = ()) -> LastUpdated | None:
    """When a page was last updated: the newest date among the sources and events it shows.

    Taken from the data, never from the clock or file times, so that the same inputs
    always give the same pages. Events count too, since an undated source's events
    may be newer than every dated source. The date is marked inferred unless some
    item stating it in its text has it. Dates differ in precision: an article of
    "2024" may be newer than an event of March 2024, so the newest is the one that
    can be the latest (see dates.newest), and the page claims no more than it knows.
    """
    dated = [item for item in (*sources, *events) if item.date]
    date = newest(item.date for item in dated)
    if date is None:
        return None
    bases = {item.date_basis for item in dated if item.date == date}
    return LastUpdated(date, "stated" not in bases)


def term_updated(briefing: Briefing, derived: Derived, term: Term) -> LastUpdated | None:
    """A country or theme page's date: the newest of the sources it rests on and of its events."""
    return last_updated(derived.term_views[term.slug].sources, briefing.events_about(term.slug))
