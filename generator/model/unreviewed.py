"""Publish seeds nobody has described yet, from what detection finds in them.

A new seed should reach the site at once: it appears with its detected
countries, themes and date, marked unreviewed on its page and in listings, until
an editor writes its metadata (python -m generator new starts that file).
"""

from __future__ import annotations

from generator.common.problems import Problem
from generator.inputs.language import article_language, iso_code
from generator.inputs.seed_formats import seed_stem
from generator.inputs.seed_text import SeedText
from generator.model.claim_ids import is_source_id
from generator.model.detect import Detector
from generator.model.detected import detected_fields, placeholder_title
from generator.model.entities import Source

UNREVIEWED = "unreviewed"  # Problem.code of notices that `check --strict` turns into errors


def automatic_sources(
    seeds: dict[str, SeedText],
    undescribed: list[str],
    detector: Detector,
    owners: dict[str, str],
    problems: list[Problem],
) -> list[Source]:
    sources = []
    for name in undescribed:
        text = seeds.get(name)
        if text is None:
            continue  # unreadable: already reported as skipped
        source_id = seed_stem(name)
        shown = f"seeds/{name}"
        if not is_source_id(source_id) or source_id in owners:
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "this seed has no metadata and its name cannot be a source id",
                    f"write content/sources/{source_id}.yml with an id:, or rename the seed",
                    "skipped",
                )
            )
            continue
        owners[source_id] = shown
        problems.append(
            Problem(
                shown,
                1,
                1,
                "this seed has no metadata: it is published as unreviewed, with detected countries, themes and date",
                f"start its metadata with: python -m generator new {shown}",
                "warning",
                UNREVIEWED,
            )
        )
        sources.append(automatic_source(source_id, name, text, detector))
    return sources


def automatic_source(source_id: str, seed_name: str, text: SeedText, detector: Detector) -> Source:
    found = detector.detect(text)
    first = text.paragraphs[0].text if text.paragraphs else seed_name
    return Source(
        id=source_id,
        seed=seed_name,
        title=found.title or placeholder_title(first),
        publisher=found.publisher,
        author=found.author,
        url=text.meta.url,
        date=found.date,  # url: as the page states it
        quality="unassessed",
        review="automatic",
        countries=found.accepted("countries"),
        themes=found.accepted("themes"),
        summary="",
        paragraphs=text.paragraphs,
        guessed=detected_fields(found),
        attribution=text.attribution,
        language=iso_code(text.meta.language) or article_language(text.paragraphs),
    )
