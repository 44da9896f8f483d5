"""Key points, events, figures and corrections of one source, each tied to the paragraph it quotes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.inputs.seed_text import Paragraph
from generator.model.attribution import Attribution, Claim
from generator.model.claim_ids import ClaimIds
from generator.model.dates import PartialDate
from generator.model.entities import Citation, Correction, Event, Figure, KeyPoint
from generator.model.figure_fields import read_fields
from generator.model.figure_text import check_figure
from generator.model.stated_dates import check_stated
from generator.model.taxonomy import did_you_mean
from generator.model.valid_part import present

if TYPE_CHECKING:  # the builder of the source these claims belong to, which imports this module
    from generator.model.source_builder import SourceBuilder


class ClaimBuilder:
    """Key points, events, figures and corrections of one source, each tied to a paragraph."""

    def __init__(
        self,
        builder: SourceBuilder,
        source_id: str,
        paragraphs: tuple[Paragraph, ...],
        prefix: tuple,
        countries: tuple[str, ...],
        themes: tuple[str, ...],
        date: PartialDate | None,
    ) -> None:
        self.builder = builder
        self.source_id = source_id
        self.paragraphs = paragraphs
        self.prefix = prefix
        self.countries = countries
        self.themes = themes
        self.date = date
        self.ids = ClaimIds(source_id, builder.report, prefix, builder.declared)
        self.attribution = Attribution(builder.taxonomy.names_in, builder.report, builder.severity)

    def cite(self, path: tuple, item: dict[str, Any]) -> Citation | None:
        """The claim's quote, found in its paragraph, with the editor's translation of it if any."""
        return self.builder._cite(
            self.prefix + path, self.source_id, item["quote"], self.paragraphs, item.get("translation", "")
        )

    def slugs(self, path: tuple, slugs: Any, kind: str) -> tuple[str, ...]:
        known = self.builder.taxonomy.countries if kind == "country" else self.builder.taxonomy.themes
        return self.builder._slugs(self.prefix + path, slugs, known, kind)

    def about(
        self, path: tuple, noun: str, item: dict[str, Any], citation: Citation | None, key: str
    ) -> tuple[str, ...]:
        """The claim's countries or themes (key): the editor's list, else what its quote or paragraph names."""
        if noun == "figure" and key == "countries":  # a figure measures one country, named in country:
            explicit = self.slugs((*path, "country"), [item["country"]], "country")
            written: list[tuple[tuple, str]] = [(("country",), slug) for slug in explicit]
        else:
            explicit = self.slugs((*path, key), item.get(key), "country" if key == "countries" else "theme")
            written = [((key, index), slug) for index, slug in present(item.get(key) or ()) if slug in explicit]
        if citation is None or not self.builder.taxonomy.known:
            return explicit
        paragraph = next(p for p in self.paragraphs if p.number == citation.paragraph)
        claim = Claim(self.prefix + path, noun, citation.quote, paragraph.text, paragraph.number, item.get("why", ""))
        return self.attribution.terms(claim, key, written)

    def key_points(self, items: list[dict[str, Any]]) -> tuple[KeyPoint, ...]:
        points = []
        for index, item in present(items):
            path = ("key_points", index)
            citation = self.cite((*path, "quote"), item)
            countries = self.about(path, "key point", item, citation, "countries")
            themes = self.about(path, "key point", item, citation, "themes")
            claim_id = self.ids.assign("key_points", index, item)
            if citation:
                points.append(KeyPoint(item["text"], citation, countries, themes, claim_id, item.get("why", "")))
        return tuple(points)

    def events(self, items: list[dict[str, Any]]) -> tuple[Event, ...]:
        events = []
        for index, item in present(items):
            path = ("events", index)
            citation = self.cite((*path, "quote"), item)
            date = self.builder._date(self.prefix + path + ("date",), item["date"])
            countries = self.about(path, "event", item, citation, "countries")
            themes = self.about(path, "event", item, citation, "themes")
            if date and self.date and date.earliest_day() > self.date.latest_day():
                self.builder.report.error(
                    self.prefix + path + ("date",),
                    f"the event is dated {date.iso}, after its article ({self.date.iso})",
                    "check the event's date and the article's date",
                )
            claim_id = self.ids.assign("events", index, item)
            if citation and date:
                paragraph = next(p for p in self.paragraphs if p.number == citation.paragraph)
                check_stated(
                    self.builder.report,
                    self.prefix + path + ("date",),
                    date,
                    set(item.get("inferred") or {}),
                    paragraph.text,
                    "its paragraph",
                    self.builder.severity,
                )
                inferred = self.builder.inferences(self.prefix + path + ("inferred",), item.get("inferred"))
                events.append(
                    Event(claim_id, date, countries, themes, item["text"], citation, inferred, item.get("why", ""))
                )
        return tuple(events)

    def figures(self, items: list[dict[str, Any]]) -> tuple[Figure, ...]:
        figures = []
        outside = {source.id: source for source in self.builder.outside}
        for index, item in present(items):
            path = ("figures", index)
            citation = self.cite((*path, "quote"), item)
            fields = read_fields(self.builder.report, self.prefix + path, item, outside, self.builder._date)
            self.about(path, "figure", item, citation, "countries")
            themes = self.about(path, "figure", item, citation, "themes")
            metrics = self.builder.taxonomy.metrics
            if self.builder.taxonomy.known and item["metric"] not in metrics:
                self.builder.report.error(
                    self.prefix + path + ("metric",),
                    f"unknown metric '{item['metric']}'",
                    f"{did_you_mean(item['metric'], metrics)} Metrics are defined in content/taxonomy.yml",
                )
            claim_id = self.ids.assign("figures", index, item)
            if citation and fields:
                if item["metric"] in metrics:  # without its unit, "half" cannot be read as 50 percent
                    check_figure(
                        self.builder.report,
                        self.prefix + path,
                        item,
                        item["value"],
                        fields.bound,
                        metrics[item["metric"]].unit,
                        self.builder.severity,
                    )
                figures.append(
                    Figure(
                        claim_id,
                        item["metric"],
                        item["country"],
                        item["value"],
                        fields.as_of,
                        fields.period,
                        fields.bound,
                        item["text"],
                        citation,
                        themes,
                        self.builder.inferences(self.prefix + path + ("inferred",), item.get("inferred")),
                        fields.measure,
                        fields.elsewhere,
                        item.get("why", ""),
                    )
                )
        return tuple(figures)

    def corrections(self, items: list[dict[str, Any]]) -> tuple[Correction, ...]:
        corrections = []
        for index, item in present(items):
            path = ("corrections", index)
            citation = self.cite((*path, "quote"), item)
            if item["wrong"] not in item["quote"]:
                self.builder.report.error(
                    self.prefix + path + ("wrong",),
                    f"'{item['wrong']}' is not inside the quote",
                    "wrong: must repeat words that appear in quote:",
                )
            elif citation:
                corrections.append(
                    Correction(citation.paragraph, citation.quote, item["wrong"], item["right"], item["note"])
                )
        return tuple(corrections)
