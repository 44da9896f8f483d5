"""`new`: read one seed, detect what it is about, and write its draft metadata."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.common.problems import InputError, Problem
from generator.common.project import Project
from generator.editors.draft import draft_yaml
from generator.editors.paragraph_recording import record_sources
from generator.inputs.language import article_language, iso_code
from generator.inputs.load import load_seed, load_yaml_file
from generator.inputs.paragraph_record import source_id_of
from generator.model.detect import Detector
from generator.model.taxonomy import build_taxonomy


def write_draft(project: Project, seed: Path, target: Path) -> str:
    """Write target for seed; FileExistsError if it exists (an editor's file is never replaced)."""
    problems: list[Problem] = []
    taxonomy_file = load_yaml_file(project, project.taxonomy_path, "taxonomy", problems)
    text = load_seed(project, seed, None, problems)
    if problems or taxonomy_file is None or text is None:
        raise InputError(problems)
    taxonomy = build_taxonomy(taxonomy_file, problems)
    detection = Detector(list(taxonomy.countries.values()), list(taxonomy.themes.values())).detect(text)
    first = text.paragraphs[0].text if text.paragraphs else seed.stem
    language = iso_code(text.meta.language) or article_language(text.paragraphs)
    draft = draft_yaml(seed.name, detection, first, dt.datetime.now(dt.UTC), text.meta.url, language, text.removed)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as output:  # "x": fail rather than overwrite
        output.write(draft)
    # Its numbering as of now, over any left by metadata deleted before: the draft has no citations yet.
    record_sources(project, {source_id_of(seed.name): (seed.name, text)}, renumber={source_id_of(seed.name)})
    return draft
