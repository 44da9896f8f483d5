"""A figure's bound, period, measure and outside values, read from its metadata.

Old metadata keeps working without a migration: `approximate: true` reads as
`bound: about` (the figure rule then asks for `more-than` and the like where the
text says so), a figure without `bound:` is exact, a figure without `measure:` comes
from an unknown measure, and `as_of:` with an optional period in words stands for
a period whose span is not given as data, which is compared with no other figure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.model.dates import PartialDate
from generator.model.entities import UNKNOWN_MEASURE, Measure, OutsideSource, OutsideValue, Period

if TYPE_CHECKING:
    from generator.inputs.yaml_report import Report

# The date written at a path (path, value), or None after reporting why it cannot be read.
ParseDate = Callable[[tuple, Any], PartialDate | None]


@dataclass(frozen=True)
class FigureFields:
    as_of: PartialDate
    period: Period
    bound: str
    measure: Measure
    elsewhere: tuple[OutsideValue, ...]


def read_fields(
    report: Report, path: tuple, item: dict[str, Any], outside: dict[str, OutsideSource], parse_date: ParseDate
) -> FigureFields | None:
    """The fields of one figure; None (with a problem reported) when its dates cannot be read."""
    dated = _period(report, path, item, parse_date)
    if dated is None:
        return None
    as_of, period = dated
    bound = item.get("bound") or ("about" if item.get("approximate") else "exact")
    if "bound" in item and "approximate" in item:
        report.error(
            (*path, "approximate"),
            "the figure has both bound: and approximate:",
            "remove approximate:; bound: says how exact the value is",
        )
    raw = item.get("measure")
    measure = Measure(raw["name"], raw.get("known", True)) if isinstance(raw, dict) else UNKNOWN_MEASURE
    elsewhere: list[OutsideValue] = []
    for index, other in enumerate(item.get("elsewhere") or ()):
        source = outside.get(other["source"])
        if source is None:
            hint = f"known: {', '.join(sorted(outside))}" if outside else "list it under outside_sources: first"
            report.error(
                (*path, "elsewhere", index, "source"), f"no outside source has the id '{other['source']}'", hint
            )
            continue
        elsewhere.append(OutsideValue(other["value"], other.get("bound", "exact"), source, other.get("note", "")))
    return FigureFields(as_of, period, bound, measure, tuple(elsewhere))


def _period(
    report: Report, path: tuple, item: dict[str, Any], parse_date: ParseDate
) -> tuple[PartialDate, Period] | None:
    raw = item.get("period")
    if isinstance(raw, dict):
        if "as_of" in item:
            report.error(
                (*path, "as_of"),
                "the figure has both as_of: and a period with start: and end:",
                "remove as_of:; the end of the period is the date the value applies to",
            )
        start, end = (
            parse_date((*path, "period", "start"), raw["start"]),
            parse_date((*path, "period", "end"), raw["end"]),
        )
        if start is None or end is None:
            return None
        if start.earliest_day() > end.latest_day():
            report.error(
                (*path, "period", "end"),
                f"the period ends ({end.iso}) before it starts ({start.iso})",
                "swap start: and end:, or correct one of them",
            )
            return None
        return end, Period(raw["label"], start, end)
    if "as_of" not in item:
        report.error(
            path,
            "the figure has no date",
            "add period: {label: ..., start: YYYY-MM, end: YYYY-MM}, or as_of: YYYY for a value at one date",
        )
        return None
    as_of = parse_date((*path, "as_of"), item["as_of"])
    if as_of is None:
        return None
    if raw:  # the old form: the period in words only
        return as_of, Period(str(raw))
    return as_of, Period(as_of.human, as_of, as_of)
