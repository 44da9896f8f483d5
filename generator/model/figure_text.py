"""The figure rule (code figure-text): a figure's text and bound say what its quote says.

A figure's `text` must state its value, with its bound ("more than fifty" for
value 50, bound more-than); and when its quote states the value with a qualifier
("more than fifty", "an estimated 10 million"), the bound must be that qualifier's.
Numbers that are years ("2022") or lengths of time ("ten months") are not values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.model.numbers import BOUND_WORDS, format_value, matches, stated_numbers

if TYPE_CHECKING:
    from generator.inputs.yaml_report import Report

CODE = "figure-text"


def check_figure(
    report: Report, path: tuple, item: dict[str, Any], value: float, bound: str, unit: str, severity: str
) -> None:
    """Report where the text or the bound of one figure says more, or less, than its quote."""
    shown = format_value(value, bound, unit)
    in_quote = [s for s in stated_numbers(item["quote"]) if matches(s, value, unit)]
    bound_wrong = bool(in_quote) and all(s.bound != bound for s in in_quote)
    if bound_wrong:
        said = in_quote[0]
        where = "bound" if "bound" in item else "approximate" if "approximate" in item else "value"
        report.error(
            (*path, where),
            f"the quote says “{said.words}” but the figure is {_bound_name(bound)}",
            f"set bound: {said.bound}"
            + (" and remove approximate:" if "approximate" in item else "")
            + f", and say “{_phrase(said.bound, said.number)}” in the text",
            severity,
            CODE,
        )
    in_text = [s for s in stated_numbers(item["text"]) if s.kind == "value"]
    same = [s for s in in_text if matches(s, value, unit)]
    if not same:
        stated = ", ".join(f"“{s.words}”" for s in in_text)
        message = (
            f"the text states {stated} but the value is {shown}"
            if stated
            else f"the text states no number; the value is {shown}"
        )
        report.error(
            (*path, "text"),
            message,
            "write the value in the text as the quote gives it, or correct value:",
            severity,
            CODE,
        )
    elif not bound_wrong and all(s.bound != bound for s in same):
        report.error(
            (*path, "text"),
            f"the text says “{same[0].words}” but the figure is {_bound_name(bound)}",
            f"say “{_phrase(bound, same[0].number)}” in the text, as the quote does, or correct bound:",
            severity,
            CODE,
        )


def _bound_name(bound: str) -> str:
    return "exact (no bound: given)" if bound == "exact" else f"bound: {bound} ({BOUND_WORDS[bound]})"


def _phrase(bound: str, number: str) -> str:
    """A number with the qualifier of a bound in front, e.g. "more than fifty"."""
    return f"{BOUND_WORDS[bound]} {number}".strip()
