"""The shipped content: properties that hold whatever articles editors add.

Each project is a copy of this checkout's seeds/ and content/, checked and built
once: "shipped" as it is, "shipped-plus-new" with the articles of
tests/fixtures/new-articles/ added (one reviewed with metadata, one seed with
none), as an editor's pull request adds them. Nothing here names a count, a
date or a title of today's articles: tests of exact output run on the fixture
corpus (tests/fixtures/corpus/) instead.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import feedparser
import pytest

from tests.conftest import ROOT
from tests.helpers import (add_new_articles, check_citations, copy_project, every_source_id, feed_times,
                           recorded_feed_times, run_cli, tree_hash, undescribed_seeds)

PROJECTS = ["shipped", "shipped-plus-new"]
FEED_ENTRY_KEYS = ("id", "title", "link", "updated")


@dataclass
class Built:
    root: Path
    inputs_before: dict[str, str]  # seeds/ and content/ before check and build ran
    added_seeds: list[str]
    check: subprocess.CompletedProcess
    build: subprocess.CompletedProcess

    @property
    def site(self) -> Path:
        return self.root / "site"


def inputs(root: Path) -> dict[str, str]:
    return {f"{part}/{path}": digest for part in ("seeds", "content")
            for path, digest in tree_hash(root / part).items()}


@pytest.fixture(scope="module", params=PROJECTS)
def built(request, tmp_path_factory) -> Built:
    root = copy_project(tmp_path_factory.mktemp(request.param) / "project", corpus=ROOT)
    added = add_new_articles(root) if request.param == "shipped-plus-new" else []
    before = inputs(root)
    check = run_cli("check", "--root", str(root), cwd=root)
    build = run_cli("build", "--root", str(root), cwd=root)
    return Built(root, before, added, check, build)


def test_check_reports_no_errors(built):
    assert built.check.returncode == 0, built.check.stderr
    assert "0 error(s)" in built.check.stderr
    # warnings are allowed: they say which sources are unreviewed
    assert ": error:" not in built.check.stderr


def test_the_strict_build_succeeds(built):
    assert built.build.returncode == 0, f"--- stderr ---\n{built.build.stderr}\n--- stdout ---\n{built.build.stdout}"
    assert (built.site / "index.html").is_file()


def test_every_source_has_a_page(built):
    expected = every_source_id(built.root)
    assert {seed.removesuffix(".txt") for seed in built.added_seeds} <= set(expected)
    missing = [sid for sid in expected if not (built.site / "sources" / sid / "index.html").is_file()]
    assert not missing, f"sources without a page: {missing}"


@pytest.mark.parametrize("output", ["build/docs", "site"])
def test_every_paragraph_citation_lands_on_its_anchor(built, output):
    folder = built.root / output
    pages = {"build/docs": lambda sid: folder / "sources" / f"{sid}.md",
             "site": lambda sid: folder / "sources" / sid / "index.html"}
    count, broken = check_citations(folder, pages[output])
    assert count > 0, f"no paragraph citation found under {output}/"
    assert not broken, f"{len(broken)} of {count} citations do not land:\n  " + "\n  ".join(broken[:30])


def test_every_atom_feed_parses_and_each_entry_is_complete(built):
    feeds = sorted((built.site / "feeds").rglob("*.xml"))
    assert feeds, "no feed under site/feeds/"
    problems = []
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        name = path.relative_to(built.site).as_posix()
        if parsed.bozo:
            problems.append(f"{name}: {parsed.bozo_exception}")
        problems += [f"{name}: entry {n} has no {key}" for n, entry in enumerate(parsed.entries)
                     for key in FEED_ENTRY_KEYS if not entry.get(key)]
    assert not problems, "\n".join(problems)


def test_feeds_give_each_source_its_recorded_times_alone(built):
    """No entry without a recorded time, one source's times the same in every feed, published only for a day the
    text states, and no entry for a seed without metadata."""
    seen, problems = feed_times(built.site / "feeds")
    assert not problems, "\n".join(problems)
    expected = recorded_feed_times(built.root)
    assert {source_id: {times} for source_id, times in expected.items() if times[0]} == seen
    undescribed = undescribed_seeds(built.root)
    assert undescribed or not built.added_seeds, "the new articles include a seed without metadata"
    assert not set(undescribed) & set(seen)


def read_data(data_dir: Path) -> dict[str, tuple[dict, list[dict]]]:
    """Each dataset of data/: its JSON document and its CSV rows."""
    datasets = {}
    assert {p.stem for p in data_dir.glob("*.csv")} == {p.stem for p in data_dir.glob("*.json")}
    for path in sorted(data_dir.glob("*.json")):
        rows = list(csv.DictReader(io.StringIO(path.with_suffix(".csv").read_text(encoding="utf-8"), newline="")))
        datasets[path.stem] = (json.loads(path.read_text(encoding="utf-8")), rows)
    return datasets


def test_data_files_parse_and_count_every_source(built):
    datasets = read_data(built.site / "data")
    assert {"sources", "events", "figures"} <= set(datasets)
    for name, (document, rows) in datasets.items():
        assert document["count"] == len(document["items"]) == len(rows), name
    document, rows = datasets["sources"]
    expected = sorted(every_source_id(built.root))
    assert sorted(item["id"] for item in document["items"]) == expected
    assert sorted(row["id"] for row in rows) == expected


def test_check_and_build_change_nothing_under_seeds_or_content(built):
    assert inputs(built.root) == built.inputs_before


def test_every_claim_on_a_country_page_names_the_country_or_says_why(built):
    """Each key point or event shown in full on a country page names the country (or, under Across the
    region, its region) in its quote or paragraph, or carries the editors' why: no attribution by association."""
    import datetime as dt
    import re

    from generator.pipeline import build_model
    from generator.common.project import Project

    briefing, _ = build_model(Project.at(built.root), dt.date.today())
    taxonomy = _taxonomy(built.root)
    claims = {c.id: (s, c) for s in briefing.sources for c in s.key_points + s.events}
    checked = 0
    for country in (t for t in briefing.countries_in_use() if t.kind == "country"):
        page = (built.root / "build/docs/countries" / f"{country.slug}.md").read_text(encoding="utf-8")
        region_start = page.find("\n## Across the region")
        for match in re.finditer(r'^- <span class="briefing-claim" id="([a-z0-9_-]+)"></span>', page, re.M):
            source, claim = claims[match.group(1)]
            about = [country.slug]
            if 0 <= region_start < match.start():
                about = [t.slug for t in briefing.countries if country.slug in t.members]
            paragraph = source.paragraphs[claim.citation.paragraph - 1].text
            named = set(taxonomy.names_in("countries", paragraph))
            assert claim.why or named & set(about), (country.slug, claim.id, claim.text)
            checked += 1
    assert checked > 0


def _taxonomy(root):
    from generator.model.taxonomy import build_taxonomy
    from generator.inputs.load import load_inputs
    from generator.common.project import Project

    inputs = load_inputs(Project.at(root))
    return build_taxonomy(inputs.taxonomy, [])
