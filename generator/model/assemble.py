"""Build the model: checked YAML and clean seed texts become a Briefing.

The orchestrator of the load stage's checks: the taxonomy first (taxonomy.py),
then each metadata file with its seed (source_builder.py), the seeds nobody has
described (unreviewed.py), and last what cites the sources: works counted once,
bottom lines and trend readings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

from generator.common.problems import Problem, has_errors
from generator.inputs.load import Inputs, YamlFile
from generator.inputs.seed_formats import seed_names_for, seed_stem
from generator.inputs.yaml_report import Report
from generator.model.briefing import Briefing
from generator.model.changes import briefing_changes
from generator.model.cited import check_bottom_lines, sentences
from generator.model.dates import Today
from generator.model.editorial_dates import check_editorial_dates
from generator.model.entities import Source, Trend
from generator.model.masthead import build_masthead
from generator.model.source_builder import SourceBuilder
from generator.model.source_memo import Build, Built, SourceMemo, context_of
from generator.model.taxonomy import UNKNOWN_TAXONOMY, Taxonomy, build_taxonomy
from generator.model.trends import build_trends
from generator.model.unreviewed import automatic_sources
from generator.model.valid_part import valid_part
from generator.model.works import Decision, Kinship, check_works

# Near-duplicate sources, by id: computed across sources (derive/analysis.py), so handed in by the pipeline.
FindKin = Callable[[tuple[Source, ...]], Mapping[str, tuple[Kinship, ...]]]


def assemble(
    inputs: Inputs, today: dt.date, find_kin: FindKin, memo: SourceMemo | None = None
) -> tuple[Briefing | None, list[Problem]]:
    """The checked Briefing, or None with every problem found; find_kin finds the likely copies and summaries
    that editors must decide are one work or two. With a memo, files built before with the same inputs are
    not built again (source_memo.py); the result is the same."""
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
    sound_taxonomy = inputs.taxonomy if taxonomy is not None else None
    jobs = [
        (
            file,
            inputs.seeds.get(file.document.data.get("seed")),
            _builder(file, inputs, taxonomy or UNKNOWN_TAXONOMY, today),
        )
        for file in filter(None, (_checkable(file, broken) for file in inputs.metadata))
    ]
    if memo is not None and sound_taxonomy is not None:
        context = context_of(sound_taxonomy)
        memo.prepare(
            [(f, seed, build) for f, seed, build in jobs if seed is not None and f.path not in broken], context, today
        )
    for file, seed, build in jobs:
        if memo is None or sound_taxonomy is None or file.path in broken or seed is None:
            made = build(owners, problems)
        else:
            made = memo.built(file, seed, context, today, owners, problems, build)
        sources.extend(made.sources)
        decisions.extend(made.decisions)
        declared.update(made.declared)
    if taxonomy is not None:
        sources.extend(automatic_sources(inputs.seeds, _undescribed(inputs), taxonomy.detector, owners, problems))
    if taxonomy is None or inputs.briefing is None or inputs.briefing.path in broken:
        return None, problems
    unbuilt = frozenset(_broken_source_ids(inputs, broken)) if broken else frozenset()
    check_works(tuple(sources), decisions, find_kin(tuple(sources)), unbuilt)
    # Bottom lines and trends cite claims: with every source sound, only claims that were built count; else
    # every claim the metadata declares, so that each problem is reported in this one run, none invented.
    claims: set[str] | KnownClaims = {c.id for s in sources for c in s.key_points + s.events + s.figures}
    if has_errors(problems):
        claims = KnownClaims(claims | declared, _broken_source_ids(inputs, broken))
    assert inputs.taxonomy is not None  # else taxonomy is None, and the build has stopped above
    for file in (inputs.taxonomy, inputs.briefing):
        check_bottom_lines(Report(file, problems), file.document.data, claims)
    if not has_errors(problems):  # the dates of claims with errors are unknown: a mark may not be missing
        by_id = {source.id: source for source in sources}
        built = {c.id: c for s in sources for c in s.key_points + s.events + s.figures}
        for file in filter(None, (inputs.taxonomy, inputs.briefing, inputs.trends)):
            check_editorial_dates(Report(file, problems), file.document.data, built, by_id)
    trends_file = _checkable(inputs.trends, broken)
    clock = Today(today)
    trends: tuple[Trend, ...] = ()
    if trends_file is not None:
        trends = build_trends(trends_file, {s.id: s for s in sources}, set(taxonomy.countries), clock, problems, claims)
    briefing = inputs.briefing.document.data
    terms = {**taxonomy.countries, **taxonomy.themes}
    changes = briefing_changes(Report(inputs.briefing, problems), briefing, terms, clock)
    masthead = build_masthead(Report(inputs.briefing, problems), briefing, clock)
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
        masthead=masthead,
    )
    return model, problems


def _builder(file: YamlFile, inputs: Inputs, taxonomy: Taxonomy, today: dt.date) -> Build:
    def build(owners: dict[str, str], problems: list[Problem]) -> Built:
        clock = Today(today)  # its own, to learn the days this file's build holds on
        builder = SourceBuilder(file, inputs, taxonomy, clock, problems, owners)
        return Built(builder.build(), builder.decisions, builder.declared, clock.span())

    return build


class KnownClaims(set[str]):
    """Claim references to accept while some metadata is broken: those declared, and any of a source whose
    file could not be read whole (its claims are unknown, not missing)."""

    def __init__(self, claims: set[str], unreadable: set[str]) -> None:
        super().__init__(claims)
        self.unreadable = unreadable

    def __contains__(self, reference: object) -> bool:
        return super().__contains__(reference) or any(
            str(reference).startswith(f"{source_id}-") for source_id in self.unreadable
        )


def _broken_source_ids(inputs: Inputs, broken: set[str]) -> set[str]:
    readable = {Path(file.path).stem for file in inputs.metadata}
    ids = {stem for stem in inputs.metadata_stems if stem not in readable}  # not YAML at all, or nested too deep
    for file in inputs.metadata:
        data = file.document.data if isinstance(file.document.data, dict) else {}
        if file.path in broken:
            ids.add(str(data.get("id") or seed_stem(str(data.get("seed") or Path(file.path).stem))))
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
    described = described.union(*map(seed_names_for, inputs.metadata_stems))  # even files too broken to read
    return [name for name in inputs.seed_names if name not in described]
