"""One metadata file and its seed become one Source, or several for a listing page of teasers.

Here live the checks a schema cannot express: real dates, quotes that exist in
their seed, unique ids, seeds and metadata that match.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from generator.common.problems import Problem
from generator.inputs.language import article_language, iso_code
from generator.inputs.load import Inputs, YamlFile
from generator.inputs.seed_bytes import collapse_spaces
from generator.inputs.seed_formats import seed_stem
from generator.inputs.seed_text import Paragraph, SeedText
from generator.inputs.yaml_report import Report
from generator.model.basis import inferences, outside_sources
from generator.model.changes import MIGRATE_HINT, NO_ADDED, Stamp, changes_of, check_stamp
from generator.model.claim_builder import ClaimBuilder
from generator.model.claim_ids import is_source_id
from generator.model.dates import PartialDate, Today, checked_date
from generator.model.entities import Citation, Inference, OutsideSource, Source, Term
from generator.model.quotes import closest_passage, lookalike_problem, paragraph_with
from generator.model.stated_dates import check_stated
from generator.model.taxonomy import Taxonomy, did_you_mean
from generator.model.unreviewed import UNREVIEWED
from generator.model.valid_part import present
from generator.model.works import Decision


def _article_text(paragraphs: Iterable[Paragraph], seed: SeedText | None) -> tuple[str, int]:
    """Everything of an article that can state its date: paragraphs, and for a whole seed its title,
    dateline and the short lines the reader set aside; and where those lines start, the likeliest place."""
    body = "\n".join(p.text for p in paragraphs)
    if seed is None:
        return body, 0
    lines = [seed.title or "", seed.date or "", *(line.text for line in seed.removed), *seed.attribution]
    return f"{body}\n" + "\n".join(lines), len(body) + 1


class SourceBuilder:
    """Turns one metadata file and its seed into one Source (or several, for a listing)."""

    def __init__(
        self,
        file: YamlFile,
        inputs: Inputs,
        taxonomy: Taxonomy,
        today: Today,
        problems: list[Problem],
        owners: dict[str, str],
    ) -> None:
        self.file = file
        self.data = file.document.data
        self.inputs = inputs
        self.taxonomy = taxonomy
        self.today = today
        self.report = Report(file, problems)
        self.owners = owners
        self.outside = outside_sources(self.report, ("outside_sources",), self.data.get("outside_sources"))
        self.severity = "error" if self.data["review"] == "reviewed" else "warning"  # of overreach rules
        self.added = self._added()
        self.declared: list[str] = []  # the public ids of its claims, even those with errors
        self.decisions: list[Decision] = []  # same_work_as and not_same_work_as of each source, for check_works
        self.language: str | None = None  # of the seed's text, set by build()

    def inferences(self, path: tuple, raw: dict[str, Any] | None) -> tuple[Inference, ...]:
        return inferences(self.report, path, raw, {source.id for source in self.outside}, self.severity)

    def _added(self) -> Stamp | None:
        """When the metadata entered the briefing; without it (old metadata) the source stays out of the feeds."""
        if "added" not in self.data:
            self.report.error(
                (),
                "this metadata does not say when it was added to the briefing, so the source is left out of the feeds",
                f'{MIGRATE_HINT}, or write added: "YYYY-MM-DDTHH:MM:SSZ"',
                "warning",
                NO_ADDED,
            )
            return None
        return check_stamp(self.report, ("added",), self.data["added"], self.today, self.severity)

    def build(self) -> list[Source]:
        seed_name = self.data["seed"]
        if seed_name not in self.inputs.seed_names:
            close = difflib.get_close_matches(seed_name, self.inputs.seed_names, n=1, cutoff=0.9)
            hint = f"did you mean '{close[0]}'?" if close else "add the seed file to seeds/, or fix the name"
            self.report.error(("seed",), f"the seed file seeds/{seed_name} does not exist", hint)
            return []
        text = self.inputs.seeds.get(seed_name)
        if text is None:
            return []  # the seed could not be read; that problem is already reported
        source_id = self._source_id(seed_name)
        if source_id is None:
            return []
        date = self._date(("date",), self.data.get("date"))
        if self.data["review"] != "reviewed":
            self.report.error(
                ("review",),
                "this source is a draft: it is published marked unreviewed",
                "check it against the seed, then set review: reviewed",
                "warning",
                UNREVIEWED,
            )
        elif self.data.get("guessed"):
            self.report.error(
                ("guessed",),
                f"a reviewed source still has guessed values: {', '.join(self.data['guessed'])}",
                "check each against the seed, then remove guessed: (or set review: draft)",
            )
        # One language for the page and its teasers: as the metadata or the page states it, else as the text reads.
        read = tuple(text.paragraphs)  # read once (they may be on disk): quotes and dates are looked for in them
        self.language = self.data.get("language") or iso_code(text.meta.language) or article_language(read)
        source = self._source(source_id, self.data, read, date, (), text, kept=text.paragraphs)
        built = [self._item(source, index, item, text, read) for index, item in present(self.data.get("items", []))]
        items = [item for item in built if item]
        if items:
            source = replace(source, item_ids=tuple(item.id for item in items))
        return [source, *items]

    def _source_id(self, seed_name: str) -> str | None:
        source_id = self.data.get("id") or seed_stem(seed_name)
        if not is_source_id(source_id):
            self.report.error(
                ("seed",),
                f"'{source_id}' cannot be used as a source id",
                "add id: with lower-case letters, digits, '-' and '_' only",
            )
            return None
        return self._claim_id(source_id, ("id",) if "id" in self.data else ("seed",))

    def _claim_id(self, source_id: str, path: tuple) -> str | None:
        """Register an id (a page name); two sources, or a source and a teaser, may not share one."""
        if source_id in self.owners:
            self.report.error(
                path,
                f"duplicate source id '{source_id}', also used by {self.owners[source_id]}",
                "give one of them a different id:",
            )
            return None
        self.owners[source_id] = self.file.path
        return source_id

    def _date(self, path: tuple, value: Any) -> PartialDate | None:
        return None if value is None else checked_date(self.report, path, value, self.today)

    def _slugs(self, path: tuple, slugs: Any, known: Mapping[str, Term], kind: str) -> tuple[str, ...]:
        accepted = list(present(slugs or ()))
        for index, slug in accepted:
            if self.taxonomy.known and slug not in known:
                self.report.error(
                    (*path, index),
                    f"unknown {kind} '{slug}'",
                    f"{did_you_mean(slug, known)} Terms are defined in content/taxonomy.yml",
                )
        return tuple(slug for _, slug in accepted)

    def _cite(
        self, path: tuple, source_id: str, quote: str, paragraphs: tuple[Paragraph, ...], translation: str = ""
    ) -> Citation | None:
        wanted = collapse_spaces(quote)
        found = paragraph_with(wanted, paragraphs)
        if found is None:
            message, hint = lookalike_problem(wanted, paragraphs, "the seed") or (
                "the quote is not in the seed's text",
                f"quote the seed exactly, within one paragraph; {closest_passage(wanted, paragraphs)}",
            )
            self.report.error(path, message, hint)
            return None
        return Citation(source_id, found.number, wanted, translation)

    def _source(
        self,
        source_id: str,
        data: dict[str, Any],
        paragraphs: tuple[Paragraph, ...],
        date: PartialDate | None,
        prefix: tuple,
        text: SeedText,
        kept: Sequence[Paragraph] | None = None,
    ) -> Source:
        """kept: the paragraphs the source holds, if not these (its seed's, which may stay on disk)."""
        countries = self._slugs((*prefix, "countries"), data.get("countries"), self.taxonomy.countries, "country")
        themes = self._slugs((*prefix, "themes"), data.get("themes"), self.taxonomy.themes, "theme")
        claims = ClaimBuilder(self, source_id, paragraphs, prefix, countries, themes, date)
        article, dateline_from = _article_text(paragraphs, text if not prefix else None)
        inferred = set(data.get("inferred") or {})
        where = (*prefix, "date")
        check_stated(self.report, where, date, inferred, article, "the article", self.severity, dateline_from)
        source = Source(
            id=source_id,
            seed=self.data["seed"],
            title=data["title"],
            publisher=self.data.get("publisher"),
            author=self.data.get("author"),
            url=self.data.get("url"),
            date=date,
            quality=data.get("quality", "unassessed"),
            review=self.data["review"],
            countries=countries,
            themes=themes,
            summary=data.get("summary", ""),
            paragraphs=tuple(paragraphs) if kept is None else kept,  # type: ignore[arg-type]
            key_points=claims.key_points(data.get("key_points", [])),
            events=claims.events(data.get("events", [])),
            figures=claims.figures(data.get("figures", [])),
            corrections=claims.corrections(data.get("corrections", [])),
            notes=tuple(note for _, note in present(data.get("notes", ()))),
            inferred=self.inferences((*prefix, "inferred"), data.get("inferred")),
            guessed=tuple(data.get("guessed", ())) if not prefix else (),
            attribution=text.attribution if not prefix else (),
            added=self.added,
            changes=changes_of(
                self.report, (*prefix, "changed"), data.get("changed"), self.added, self.today, self.severity, source_id
            ),
            same_work_as=data.get("same_work_as"),
            not_same_work_as=tuple(data.get("not_same_work_as", ())),
            language=self.language,
        )
        self.decisions.append(
            Decision(
                source_id,
                self.report,
                prefix,
                ("id",) if prefix else ("seed",),
                source.same_work_as,
                source.not_same_work_as,
                self.severity,
            )
        )
        return replace(source, outside_sources=self._outside_cited_by(source))

    def _outside_cited_by(self, source: Source) -> tuple[OutsideSource, ...]:
        """The outside sources that this source's own values rest on, for its page."""
        inferred = source.inferred + tuple(i for claim in source.events + source.figures for i in claim.inferred)
        cited = {source_id for inference in inferred for source_id in inference.outside}
        cited |= {other.source.id for figure in source.figures for other in figure.elsewhere}
        return tuple(outside for outside in self.outside if outside.id in cited)

    def _item(
        self, listing: Source, index: int, item: dict[str, Any], text: SeedText, read: tuple[Paragraph, ...]
    ) -> Source | None:
        prefix = ("items", index)
        citation = self._cite((*prefix, "quote"), listing.id, item["quote"], read)
        if citation is None:
            return None
        teaser = read[citation.paragraph - 1]
        paragraphs = (Paragraph(1, teaser.text, teaser.line),)
        date = self._date((*prefix, "date"), item.get("date"))
        item_id = self._claim_id(f"{listing.id}-{item['id']}", (*prefix, "id"))
        if item_id is None:
            return None
        source = self._source(item_id, item, paragraphs, date, prefix, text)
        return replace(
            source,
            listing_id=listing.id,
            listing_paragraph=citation.paragraph,
            quality="excerpt",
            publisher=listing.publisher,
        )
