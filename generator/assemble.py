"""Build the model: checked YAML and clean seed texts become a Briefing.

Here live the checks a schema cannot express: known slugs, real dates, quotes
that exist in their seed, unique ids, seeds and metadata that match.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from generator.attribution import Attribution, Claim

from generator import analysis
from generator.basis import inferences, outside_sources
from generator.changes import MIGRATE_HINT, NO_ADDED, briefing_changes, changes_of, check_stamp
from generator.cited import check_bottom_lines, sentences
from generator.claim_ids import ClaimIds
from generator.dates import PartialDate
from generator.detect import Detector
from generator.figure_fields import read_fields
from generator.figure_text import check_figure
from generator.load import Inputs, YamlFile
from generator.model import (Briefing, Citation, Correction, Event, Figure, Inference, KeyPoint, Metric, OutsideSource,
                              Source, SourceParagraph, Term)
from generator.problems import Problem, has_errors
from generator.quotes import closest_passage, lookalike_problem
from generator.reader import Paragraph, SeedText, collapse_spaces
from generator.stated_dates import check_stated
from generator.trends import build_trends
from generator.unreviewed import UNREVIEWED, automatic_sources
from generator.valid_part import present, valid_part
from generator.works import Decision, check_works


@dataclass
class Taxonomy:
    countries: dict[str, Term]
    themes: dict[str, Term]
    metrics: dict[str, Metric]
    known: bool = True  # False when taxonomy.yml is broken: slugs cannot be checked

    @cached_property
    def detector(self) -> Detector:
        return Detector(list(self.countries.values()), list(self.themes.values()))

    def names_in(self, key: str, text: str) -> tuple[str, ...]:
        """The countries or themes (key) that a text names, in taxonomy order."""
        index = self.detector.countries if key == "countries" else self.detector.themes
        found = {slug for slug, _ in index.slugs_in(text)}
        return tuple(slug for slug in (self.countries if key == "countries" else self.themes) if slug in found)


UNKNOWN_TAXONOMY = Taxonomy({}, {}, {}, known=False)


class Report:
    """Problems of one YAML file, placed by the path of the offending value."""

    def __init__(self, file: YamlFile, problems: list[Problem]):
        self.file = file
        self.problems = problems

    def first_time(self, code: str) -> bool:
        """True once per file and code: for notices whose one fix covers the whole file."""
        seen = self.__dict__.setdefault("_codes_seen", set())
        if code in seen:
            return False
        seen.add(code)
        return True

    def error(self, path: tuple, message: str, hint: str = "", severity: str = "error", code: str = "") -> None:
        line, column = self.file.document.where(path)
        self.problems.append(Problem(self.file.path, line, column, message, hint, severity, code))


def assemble(inputs: Inputs, today: dt.date) -> tuple[Briefing | None, list[Problem]]:
    problems = list(inputs.problems)
    broken = {p.path for p in problems if p.severity == "error"}
    taxonomy_file = _checkable(inputs.taxonomy, broken)
    taxonomy = build_taxonomy(taxonomy_file, problems) if taxonomy_file else None
    if inputs.taxonomy is None or inputs.taxonomy.path in broken:
        taxonomy = None  # in part of a taxonomy, the slugs of the rest would look unknown
    sources: list[Source] = []
    owners: dict[str, str] = {}
    decisions: list[Decision] = []
    declared: set[str] = set()
    for file in filter(None, (_checkable(file, broken) for file in inputs.metadata)):
        builder = SourceBuilder(file, inputs, taxonomy or UNKNOWN_TAXONOMY, today, problems, owners)
        sources.extend(builder.build())
        decisions.extend(builder.decisions)
        declared.update(builder.declared)
    if taxonomy is not None:
        sources.extend(automatic_sources(inputs.seeds, _undescribed(inputs), taxonomy.detector, owners, problems))
    if taxonomy is None or inputs.briefing is None or inputs.briefing.path in broken:
        return None, problems
    check_works(tuple(sources), decisions, analysis.kinships(tuple(sources)))
    # Bottom lines and trends cite claims: with every source sound, only claims that were built count; else
    # every claim the metadata declares, so that each problem is reported in this one run, none invented.
    claims: set[str] | KnownClaims = {c.id for s in sources for c in s.key_points + s.events + s.figures}
    if has_errors(problems):
        claims = KnownClaims(claims | declared, _broken_source_ids(inputs, broken))
    for file in (inputs.taxonomy, inputs.briefing):
        check_bottom_lines(Report(file, problems), file.document.data, claims)
    trends_file = _checkable(inputs.trends, broken)
    trends = ()
    if trends_file is not None:
        trends = build_trends(trends_file, {s.id: s for s in sources}, set(taxonomy.countries), today, problems,
                              claims)
    briefing = inputs.briefing.document.data
    terms = {**taxonomy.countries, **taxonomy.themes}
    changes = briefing_changes(Report(inputs.briefing, problems), briefing, terms, today)
    if has_errors(problems):
        return None, problems
    model = Briefing(
        title=briefing["title"],
        bottom_line=sentences(briefing["bottom_line"]),
        countries=tuple(taxonomy.countries.values()),
        themes=tuple(taxonomy.themes.values()),
        metrics=tuple(taxonomy.metrics.values()),
        sources=tuple(sorted(sources, key=lambda s: s.id)),
        trends=trends,
        site_url=briefing.get("site_url"),
        changes=changes,
    )
    return model, problems


class KnownClaims(set):
    """Claim references to accept while some metadata is broken: those declared, and any of a source whose
    file could not be read whole (its claims are unknown, not missing)."""

    def __init__(self, claims: set[str], unreadable: set[str]):
        super().__init__(claims)
        self.unreadable = unreadable

    def __contains__(self, reference) -> bool:
        return super().__contains__(reference) or any(str(reference).startswith(f"{source_id}-")
                                                      for source_id in self.unreadable)


def _broken_source_ids(inputs: Inputs, broken: set[str]) -> set[str]:
    ids = set()
    for file in inputs.metadata:
        data = file.document.data if isinstance(file.document.data, dict) else {}
        if file.path in broken:
            ids.add(str(data.get("id") or str(data.get("seed") or Path(file.path).stem).removesuffix(".txt")))
    return ids


def _checkable(file: YamlFile | None, broken: set[str]) -> YamlFile | None:
    """The file as far as it can be checked: whole, or when it has errors, the part its schema accepts.

    A file with errors is checked for reporting only; its errors already stop the build.
    """
    if file is None or file.path not in broken:
        return file
    data = valid_part(file.document.data, file.schema_name)
    return None if data is None else replace(file, document=replace(file.document, data=data))


def _undescribed(inputs: Inputs) -> list[str]:
    described = {f.document.data.get("seed") for f in inputs.metadata if isinstance(f.document.data, dict)}
    described |= {f"{stem}.txt" for stem in inputs.metadata_stems}  # even files too broken to read
    return [name for name in inputs.seed_names if name not in described]


def build_taxonomy(file: YamlFile, problems: list[Problem]) -> Taxonomy:
    report = Report(file, problems)
    data = file.document.data
    countries = _terms(report, data, "countries")
    themes = _terms(report, data, "themes")
    metrics = {}
    for index, item in present(data["metrics"]):
        if item["slug"] in metrics:
            report.error(("metrics", index, "slug"), f"metric '{item['slug']}' is defined twice", "remove one of them")
        metrics[item["slug"]] = Metric(item["slug"], item["name"], item["unit"], item["description"])
    for slug in set(countries) & set(themes):
        report.error(("themes",), f"'{slug}' is both a country and a theme", "rename one of them")
    for index, item in present(data["countries"]):
        for position, member in present(item.get("members", ())):
            if member not in countries or countries[member].kind != "country":
                report.error(("countries", index, "members", position), f"'{member}' is not a country of this taxonomy",
                             f"{did_you_mean(member, [s for s, t in countries.items() if t.kind == 'country'])}")
    return Taxonomy(countries, themes, metrics)


def _terms(report: Report, data: dict, key: str) -> dict[str, Term]:
    terms: dict[str, Term] = {}
    for index, item in present(data[key]):
        slug = item["slug"]
        if slug in terms:
            report.error((key, index, "slug"), f"'{slug}' is defined twice in {key}", "remove one of them")
        terms[slug] = Term(
            slug=slug, name=item["name"], description=item["description"],
            aliases=tuple(item.get("aliases", ())), bottom_line=sentences(item.get("bottom_line")),
            kind=item.get("kind", "theme"), members=tuple(item.get("members", ())),
        )
    return terms


def did_you_mean(value: str, choices) -> str:
    close = difflib.get_close_matches(value, sorted(choices), n=1, cutoff=0.5)
    return f"did you mean '{close[0]}'?" if close else f"known: {', '.join(sorted(choices))}"


def _article_text(paragraphs, seed: SeedText | None) -> str:
    """Everything of an article that can state its date: paragraphs, and for a whole seed its title,
    dateline and the short lines the reader set aside."""
    lines = [p.text for p in paragraphs]
    if seed is not None:
        lines += [seed.title or "", seed.date or "", *(line.text for line in seed.removed), *seed.attribution]
    return "\n".join(lines)


class SourceBuilder:
    """Turns one metadata file and its seed into one Source (or several, for a listing)."""

    def __init__(self, file: YamlFile, inputs: Inputs, taxonomy: Taxonomy, today: dt.date,
                 problems: list[Problem], owners: dict[str, str]):
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

    def inferences(self, path: tuple, raw: dict | None) -> tuple[Inference, ...]:
        return inferences(self.report, path, raw, {source.id for source in self.outside}, self.severity)

    def _added(self):
        """When the metadata entered the briefing; without it (old metadata) the source stays out of the feeds."""
        if "added" not in self.data:
            self.report.error((), "this metadata does not say when it was added to the briefing, so the source is "
                                  "left out of the feeds", f"{MIGRATE_HINT}, or write added: \"YYYY-MM-DDTHH:MM:SSZ\"",
                              "warning", NO_ADDED)
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
            self.report.error(("review",), "this source is a draft: it is published marked unreviewed",
                              "check it against the seed, then set review: reviewed", "warning", UNREVIEWED)
        elif self.data.get("guessed"):
            self.report.error(("guessed",), f"a reviewed source still has guessed values: {', '.join(self.data['guessed'])}",
                              "check each against the seed, then remove guessed: (or set review: draft)")
        source = self._source(source_id, self.data, text.paragraphs, date, (), text)
        items = [self._item(source, index, item, text) for index, item in present(self.data.get("items", []))]
        items = [item for item in items if item]
        if items:
            source = replace(source, item_ids=tuple(item.id for item in items))
        return [source, *items]

    def _source_id(self, seed_name: str) -> str | None:
        source_id = self.data.get("id") or seed_name.removesuffix(".txt")
        if not all(c.islower() or c.isdigit() or c in "_-" for c in source_id) or not source_id[0].isalnum():
            self.report.error(("seed",), f"'{source_id}' cannot be used as a source id",
                              "add id: with lower-case letters, digits, '-' and '_' only")
            return None
        return self._claim_id(source_id, ("id",) if "id" in self.data else ("seed",))

    def _claim_id(self, source_id: str, path: tuple) -> str | None:
        """Register an id (a page name); two sources, or a source and a teaser, may not share one."""
        if source_id in self.owners:
            self.report.error(path, f"duplicate source id '{source_id}', also used by {self.owners[source_id]}",
                              "give one of them a different id:")
            return None
        self.owners[source_id] = self.file.path
        return source_id

    def _date(self, path: tuple, value) -> PartialDate | None:
        if value is None:
            return None
        try:
            date = PartialDate.parse(str(value))
        except ValueError as error:
            self.report.error(path, f"impossible date: {error}", "write a real date as YYYY, YYYY-MM or YYYY-MM-DD")
            return None
        if date.earliest_day() > self.today.timetuple()[:3]:
            self.report.error(path, f"the date {date.iso} is in the future (today is {self.today.isoformat()})",
                              "check the year; dates must not be after today")
        return date

    def _slugs(self, path: tuple, slugs, known: dict, kind: str) -> tuple[str, ...]:
        accepted = list(present(slugs or ()))
        for index, slug in accepted:
            if self.taxonomy.known and slug not in known:
                self.report.error(path + (index,), f"unknown {kind} '{slug}'",
                                  f"{did_you_mean(slug, known)} Terms are defined in content/taxonomy.yml")
        return tuple(slug for _, slug in accepted)

    def _cite(self, path: tuple, source_id: str, quote: str, paragraphs) -> Citation | None:
        wanted = collapse_spaces(quote)
        found = [p for p in paragraphs if wanted in p.text]
        if not found:
            message, hint = lookalike_problem(wanted, paragraphs, "the seed") or (
                "the quote is not in the seed's text",
                f"quote the seed exactly, within one paragraph; {closest_passage(wanted, paragraphs)}")
            self.report.error(path, message, hint)
            return None
        return Citation(source_id, found[0].number, wanted)

    def _source(self, source_id: str, data: dict, paragraphs, date, prefix: tuple, text: SeedText) -> Source:
        countries = self._slugs(prefix + ("countries",), data.get("countries"), self.taxonomy.countries, "country")
        themes = self._slugs(prefix + ("themes",), data.get("themes"), self.taxonomy.themes, "theme")
        claims = ClaimBuilder(self, source_id, paragraphs, prefix, countries, themes, date)
        check_stated(self.report, prefix + ("date",), date, set(data.get("inferred") or {}),
                     _article_text(paragraphs, text if not prefix else None), "the article", self.severity)
        source = Source(
            id=source_id, seed=self.data["seed"], title=data["title"],
            publisher=self.data.get("publisher"), author=self.data.get("author"), url=self.data.get("url"),
            date=date, quality=data.get("quality", "unassessed"), review=self.data["review"],
            countries=countries, themes=themes, summary=data.get("summary", ""),
            paragraphs=tuple(SourceParagraph(p.number, p.text, p.heading) for p in paragraphs),
            key_points=claims.key_points(data.get("key_points", [])),
            events=claims.events(data.get("events", [])),
            figures=claims.figures(data.get("figures", [])),
            corrections=claims.corrections(data.get("corrections", [])),
            notes=tuple(note for _, note in present(data.get("notes", ()))),
            inferred=self.inferences(prefix + ("inferred",), data.get("inferred")),
            guessed=tuple(data.get("guessed", ())) if not prefix else (),
            attribution=text.attribution if not prefix else (),
            added=self.added,
            changes=changes_of(self.report, prefix + ("changed",), data.get("changed"), self.added, self.today,
                               self.severity, source_id),
            same_work_as=data.get("same_work_as"), not_same_work_as=tuple(data.get("not_same_work_as", ())),
        )
        self.decisions.append(Decision(source_id, self.report, prefix, ("id",) if prefix else ("seed",),
                                       source.same_work_as, source.not_same_work_as, self.severity))
        return replace(source, outside_sources=self._outside_cited_by(source))

    def _outside_cited_by(self, source: Source) -> tuple[OutsideSource, ...]:
        """The outside sources that this source's own values rest on, for its page."""
        inferred = source.inferred + tuple(i for claim in source.events + source.figures for i in claim.inferred)
        cited = {source_id for inference in inferred for source_id in inference.outside}
        cited |= {other.source.id for figure in source.figures for other in figure.elsewhere}
        return tuple(outside for outside in self.outside if outside.id in cited)

    def _item(self, listing: Source, index: int, item: dict, text: SeedText) -> Source | None:
        prefix = ("items", index)
        citation = self._cite(prefix + ("quote",), listing.id, item["quote"], text.paragraphs)
        if citation is None:
            return None
        teaser = text.paragraphs[citation.paragraph - 1]
        paragraphs = (Paragraph(1, teaser.text, teaser.line),)
        date = self._date(prefix + ("date",), item.get("date"))
        item_id = self._claim_id(f"{listing.id}-{item['id']}", prefix + ("id",))
        if item_id is None:
            return None
        source = self._source(item_id, item, paragraphs, date, prefix, text)
        return replace(source, listing_id=listing.id, listing_paragraph=citation.paragraph,
                       quality="excerpt", publisher=listing.publisher)


class ClaimBuilder:
    """Key points, events, figures and corrections of one source, each tied to a paragraph."""

    def __init__(self, builder: SourceBuilder, source_id: str, paragraphs, prefix: tuple,
                 countries: tuple[str, ...], themes: tuple[str, ...], date: PartialDate | None):
        self.builder = builder
        self.source_id = source_id
        self.paragraphs = paragraphs
        self.prefix = prefix
        self.countries = countries
        self.themes = themes
        self.date = date
        self.ids = ClaimIds(source_id, builder.report, prefix, builder.declared)
        self.attribution = Attribution(builder.taxonomy.names_in, builder.report, builder.severity)

    def cite(self, path: tuple, quote: str) -> Citation | None:
        return self.builder._cite(self.prefix + path, self.source_id, quote, self.paragraphs)

    def slugs(self, path: tuple, slugs, kind: str) -> tuple[str, ...]:
        known = self.builder.taxonomy.countries if kind == "country" else self.builder.taxonomy.themes
        return self.builder._slugs(self.prefix + path, slugs, known, kind)

    def about(self, path: tuple, noun: str, item: dict, citation: Citation | None, key: str) -> tuple[str, ...]:
        """The claim's countries or themes (key): the editor's list, else what its quote or paragraph names."""
        if noun == "figure" and key == "countries":  # a figure measures one country, named in country:
            explicit = self.slugs(path + ("country",), [item["country"]], "country")
            written = [(("country",), slug) for slug in explicit]
        else:
            explicit = self.slugs(path + (key,), item.get(key), "country" if key == "countries" else "theme")
            written = [((key, index), slug) for index, slug in present(item.get(key) or ()) if slug in explicit]
        if citation is None or not self.builder.taxonomy.known:
            return explicit
        paragraph = next(p for p in self.paragraphs if p.number == citation.paragraph)
        claim = Claim(self.prefix + path, noun, citation.quote, paragraph.text, paragraph.number, item.get("why", ""))
        return self.attribution.terms(claim, key, written)

    def key_points(self, items: list[dict]) -> tuple[KeyPoint, ...]:
        points = []
        for index, item in present(items):
            path = ("key_points", index)
            citation = self.cite(path + ("quote",), item["quote"])
            countries = self.about(path, "key point", item, citation, "countries")
            themes = self.about(path, "key point", item, citation, "themes")
            claim_id = self.ids.assign("key_points", index, item)
            if citation:
                points.append(KeyPoint(item["text"], citation, countries, themes, claim_id, item.get("why", "")))
        return tuple(points)

    def events(self, items: list[dict]) -> tuple[Event, ...]:
        events = []
        for index, item in present(items):
            path = ("events", index)
            citation = self.cite(path + ("quote",), item["quote"])
            date = self.builder._date(self.prefix + path + ("date",), item["date"])
            countries = self.about(path, "event", item, citation, "countries")
            themes = self.about(path, "event", item, citation, "themes")
            if date and self.date and date.earliest_day() > self.date.latest_day():
                self.builder.report.error(self.prefix + path + ("date",),
                                          f"the event is dated {date.iso}, after its article ({self.date.iso})",
                                          "check the event's date and the article's date")
            claim_id = self.ids.assign("events", index, item)
            if citation and date:
                paragraph = next(p for p in self.paragraphs if p.number == citation.paragraph)
                check_stated(self.builder.report, self.prefix + path + ("date",), date, set(item.get("inferred") or {}),
                             paragraph.text, "its paragraph", self.builder.severity)
                inferred = self.builder.inferences(self.prefix + path + ("inferred",), item.get("inferred"))
                events.append(Event(claim_id, date, countries, themes, item["text"], citation, inferred,
                                    item.get("why", "")))
        return tuple(events)

    def figures(self, items: list[dict]) -> tuple[Figure, ...]:
        figures = []
        outside = {source.id: source for source in self.builder.outside}
        for index, item in present(items):
            path = ("figures", index)
            citation = self.cite(path + ("quote",), item["quote"])
            fields = read_fields(self.builder.report, self.prefix + path, item, outside, self.builder._date)
            self.about(path, "figure", item, citation, "countries")
            themes = self.about(path, "figure", item, citation, "themes")
            metrics = self.builder.taxonomy.metrics
            if self.builder.taxonomy.known and item["metric"] not in metrics:
                self.builder.report.error(self.prefix + path + ("metric",), f"unknown metric '{item['metric']}'",
                                          f"{did_you_mean(item['metric'], metrics)} Metrics are defined in content/taxonomy.yml")
            claim_id = self.ids.assign("figures", index, item)
            if citation and fields:
                if item["metric"] in metrics:  # without its unit, "half" cannot be read as 50 percent
                    check_figure(self.builder.report, self.prefix + path, item, item["value"], fields.bound,
                                 metrics[item["metric"]].unit, self.builder.severity)
                figures.append(Figure(
                    claim_id, item["metric"], item["country"], item["value"], fields.as_of, fields.period,
                    fields.bound, item["text"], citation, themes,
                    self.builder.inferences(self.prefix + path + ("inferred",), item.get("inferred")),
                    fields.measure, fields.elsewhere, item.get("why", ""),
                ))
        return tuple(figures)

    def corrections(self, items: list[dict]) -> tuple[Correction, ...]:
        corrections = []
        for index, item in present(items):
            path = ("corrections", index)
            citation = self.cite(path + ("quote",), item["quote"])
            if item["wrong"] not in item["quote"]:
                self.builder.report.error(self.prefix + path + ("wrong",), f"'{item['wrong']}' is not inside the quote",
                                          "wrong: must repeat words that appear in quote:")
            elif citation:
                corrections.append(Correction(citation.paragraph, citation.quote, item["wrong"], item["right"], item["note"]))
        return tuple(corrections)
