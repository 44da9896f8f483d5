"""The taxonomy as the build checks it: countries, regions, themes and metrics, and the names that find them.

Problems are reported per file (Report) so that each carries the line and column of
the value at fault.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from generator.common.problems import Problem
from generator.inputs.load import YamlFile
from generator.inputs.yaml_report import Report
from generator.model.cited import sentences
from generator.model.detect import Detector
from generator.model.entities import Metric, Term
from generator.model.valid_part import present


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
                report.error(
                    ("countries", index, "members", position),
                    f"'{member}' is not a country of this taxonomy",
                    f"{did_you_mean(member, [s for s, t in countries.items() if t.kind == 'country'])}",
                )
    return Taxonomy(countries, themes, metrics)


def _terms(report: Report, data: dict[str, Any], key: str) -> dict[str, Term]:
    terms: dict[str, Term] = {}
    for index, item in present(data[key]):
        slug = item["slug"]
        if slug in terms:
            report.error((key, index, "slug"), f"'{slug}' is defined twice in {key}", "remove one of them")
        terms[slug] = Term(
            slug=slug,
            name=item["name"],
            description=item["description"],
            aliases=tuple(item.get("aliases", ())),
            bottom_line=sentences(item.get("bottom_line")),
            kind=item.get("kind", "theme"),
            members=tuple(item.get("members", ())),
        )
    return terms


def did_you_mean(value: str, choices: Collection[str]) -> str:
    close = difflib.get_close_matches(value, sorted(choices), n=1, cutoff=0.5)
    return f"did you mean '{close[0]}'?" if close else f"known: {', '.join(sorted(choices))}"
