"""Acceptance of issue 12: `check` on the fixture corpus passes strict, and on one copy with every kind of
overreach injected at once it reports each kind, at its own path:line:column, as an error (reviewed sources).

Each rule has its own tests (test_attribution, test_figures, test_evidence, test_stated_dates,
test_outside_sources); this one shows they all hold together and none hides another.
"""

from __future__ import annotations

import datetime as dt

from tests.helpers import S000, S002, S004, check_problems, edit, position, run_cli
from tests.test_stated_dates import E1_BASIS

TAXONOMY = "content/taxonomy.yml"
TRENDS = "content/trends.yml"
TODAY = dt.date(2026, 12, 1)


def inject_every_kind(root) -> dict[str, tuple[str, int, int]]:
    """Break a copy once per kind of overreach; returns {kind: (file, line, column)} expected."""
    where = {}
    # a country its paragraph does not name, on a key point without why:
    edit(root, S000, "    countries:\n      - kyrgyzstan\n      - russia\n    themes:\n      - soft-power\n  - id: k3",
         "    countries:\n      - kyrgyzstan\n      - russia\n      - georgia\n    themes:\n      - soft-power\n  - id: k3")
    where["claim-terms"] = (S000, "georgia")
    # a figure whose text turns "more than fifty" into "about 50"
    edit(root, S002, "Putin held more than fifty meetings", "Putin held about 50 meetings")
    where["figure-text"] = (S002, ">-\n      Putin held about 50")  # the text's value
    # an editorial sentence without evidence
    edit(root, TAXONOMY, "        evidence:\n          - 003_511358f27ee65db5-e3\n          - 003_511358f27ee65db5-k7\n", "")
    where["uncited-sentence"] = (TAXONOMY, "text: >-\n          Kazakhstan shows cautious")
    # a date its paragraph does not give ("In October"), without its basis
    edit(root, S002, E1_BASIS, "")
    where["date-not-stated"] = (S002, '"2022-10"')
    # a basis leaning on outside knowledge without citing it (the period of 002's first poll figure)
    edit(root, S002, "      period: >-\n        The article names neither the poll nor its date.",
         "      period: >-\n        Outside knowledge: the article names neither the poll nor its date.")
    where["outside-uncited"] = (S002, ">-\n        Outside knowledge")
    # a trend reading without evidence
    edit(root, TRENDS, "    evidence:\n      - 003_511358f27ee65db5-e3\n      - 003_511358f27ee65db5-k7\n"
                       "      - 002_279588a8956d5652-k1\n", "")
    where["uncited-trend"] = (TRENDS, "country: kazakhstan")
    # a teaser that is the same work as an article, counted twice for want of a decision
    edit(root, S004, "    same_work_as: 002_279588a8956d5652  # the same article (see the note below)\n", "")
    where["same-work-undecided"] = (S004, None)  # the pair is reported once, at the teaser
    # positions once every edit is made: an edit moves the lines after it
    return {kind: (path, *(position(root, path, needle) if needle else (0, 0))) for kind, (path, needle) in where.items()}


def test_the_fixture_corpus_passes_the_strict_check(project_copy):
    result = run_cli("check", "--strict", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 0, result.stderr


def test_each_kind_of_overreach_is_reported_at_its_place(project_copy):
    where = inject_every_kind(project_copy)
    problems = [p for p in check_problems(project_copy, TODAY) if p.severity == "error"]
    codes = {"outside-uncited": "", "uncited-trend": "uncited-sentence"}
    for kind, (path, line, column) in where.items():
        found = [p for p in problems if p.code == codes.get(kind, kind) and p.path == path]
        if kind == "outside-uncited":
            found = [p for p in found if "rests on outside reporting that is not cited" in p.message]
        assert found, f"{kind}: not reported\n" + "\n".join(p.format_text() for p in problems)
        if line:
            assert (line, column) in {(p.line, p.column) for p in found}, (kind, [p.format_text() for p in found])
    assert len({(p.path, p.line, p.column) for p in problems}) >= len(where)
