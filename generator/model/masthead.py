"""Who stands behind the briefing, as content/briefing.yml states it: editors, contact, licence, last review.

Every field is optional and shown only when given. Nothing here is ever filled in
by the generator: the licence in particular is the owner's choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.model.dates import PartialDate, Today, checked_date

if TYPE_CHECKING:
    from generator.inputs.yaml_report import Report


@dataclass(frozen=True)
class Masthead:
    editors: tuple[str, ...] = ()
    contact: str | None = None  # an email address or an http(s) address
    licence: str | None = None  # of the briefing's own metadata and text, not of the source texts
    licence_url: str | None = None
    reviewed: PartialDate | None = None  # when the editors last reviewed the briefing as a whole

    @property
    def contact_href(self) -> str | None:
        if not self.contact:
            return None
        return self.contact if self.contact.startswith(("http://", "https://")) else f"mailto:{self.contact}"


def build_masthead(report: Report, data: dict[str, Any], today: Today) -> Masthead:
    """The masthead fields of briefing.yml (their form is checked by the schema; dates and pairing here)."""
    reviewed = None
    if data.get("reviewed") is not None:
        reviewed = checked_date(report, ("reviewed",), data["reviewed"], today)
    if data.get("licence_url") and not data.get("licence"):
        report.error(
            ("licence_url",),
            "licence_url is given without licence",
            "add licence: with the licence's name (e.g. CC BY 4.0), or remove licence_url",
        )
    return Masthead(
        editors=tuple(data.get("editors") or ()),
        contact=data.get("contact"),
        licence=data.get("licence"),
        licence_url=data.get("licence_url"),
        reviewed=reviewed,
    )
