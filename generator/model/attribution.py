"""Which countries and themes a claim is about: what its own words name, not what its source mentions.

A source that names eleven countries is not about all eleven in every sentence,
so a claim never inherits its source's list. Without a list of its own, a claim
is about the terms its quote names (through the taxonomy's names and aliases:
"Bishkek", "Kazakh", "CSTO"); when the quote names none, about the one term its
paragraph names; otherwise the editor must choose. An editor's explicit list may
name a term its paragraph does not, but only with a `why:` that readers see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.inputs.yaml_report import Report

ATTRIBUTION = "claim-terms"  # Problem.code of the rules below


@dataclass(frozen=True)
class Claim:
    """What attribution needs to know about one key point, event or figure."""

    path: tuple  # of the claim in its YAML file
    noun: str  # "key point", "event", "figure"
    quote: str
    paragraph: str  # the whole paragraph the quote is in
    paragraph_number: int
    why: str


class Attribution:
    """Decides a claim's countries and themes, reporting overreach to the source's Report."""

    def __init__(self, names_in: Callable[[str, str], tuple[str, ...]], report: Report, severity: str) -> None:
        self.names_in = names_in  # (key, text) -> slugs the text names, in taxonomy order
        self.report = report
        self.severity = severity

    def terms(self, claim: Claim, key: str, explicit: list[tuple[tuple, str]]) -> tuple[str, ...]:
        """The claim's slugs under key ("countries" or "themes"); explicit holds (place, slug) as written,
        place being the path of the slug within the claim."""
        if explicit:
            self._check_named(claim, key, explicit)
            return tuple(dict.fromkeys(slug for _, slug in explicit))
        in_quote = self.names_in(key, claim.quote)
        if in_quote:
            return in_quote
        in_paragraph = self.names_in(key, claim.paragraph)
        if len(in_paragraph) == 1:
            return in_paragraph
        self._ask(claim, key, in_paragraph)
        return ()

    def _check_named(self, claim: Claim, key: str, explicit: list[tuple[tuple, str]]) -> None:
        if claim.why:
            return  # the editor has said, for readers, why the claim concerns what its paragraph does not name
        named = set(self.names_in(key, claim.paragraph))
        for place, slug in explicit:
            if slug not in named:
                self.report.error(
                    claim.path + place,
                    f"'{slug}' is not named in this {claim.noun}'s paragraph (¶{claim.paragraph_number}), "
                    f"so the page would attribute the claim to it by association",
                    f"remove '{slug}' from {place[0]}:, or add why: telling readers why this {claim.noun} concerns it",
                    self.severity,
                    ATTRIBUTION,
                )

    def _ask(self, claim: Claim, key: str, in_paragraph: tuple[str, ...]) -> None:
        named = f"names {', '.join(in_paragraph)}" if in_paragraph else "names none either"
        self.report.error(
            claim.path,
            f"this {claim.noun} does not say which {key} it is about: its quote names none, "
            f"and its paragraph (¶{claim.paragraph_number}) {named}",
            f"list them under {key}:, with why: for any that its paragraph does not name",
            self.severity,
            ATTRIBUTION,
        )
