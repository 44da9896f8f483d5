"""Every editorial sentence is checkable, and counts count distinct works (issue 12, part 4).

Each rule is tested by breaking a copy of the fixture corpus: the problem must
appear at the exact path:line:column, with a hint; without the rule the test fails.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.model.cited import UNCITED
from generator.render.locations import href
from generator.editors.split_bottom_lines import split_file_text, split_sentences
from generator.model.works import UNDECIDED, Works
from tests.helpers import LISTING_ID, S002, S004, at, check_problems, edit, position, run_cli

TAXONOMY = "content/taxonomy.yml"
BRIEFING = "content/briefing.yml"
TRENDS = "content/trends.yml"
S002_ID = "002_279588a8956d5652"
TEASER_06 = f"{LISTING_ID}-06"


def only(problems, path, line, column):
    found = at(problems, path, line, column)
    assert len(found) == 1, "\n".join(p.format_text() for p in problems)
    return found[0]


# --- uncited-sentence ---------------------------------------------------------------------------------

def test_a_bottom_line_sentence_without_evidence_is_an_error_at_its_place(project_copy):
    old = "        evidence:\n          - 003_511358f27ee65db5-e3\n          - 003_511358f27ee65db5-k7\n"
    edit(project_copy, TAXONOMY, old, "")
    line, column = position(project_copy, TAXONOMY, "text: >-\n          Kazakhstan shows cautious")
    problem = only(check_problems(project_copy), TAXONOMY, line, column)
    assert (problem.severity, problem.code) == ("error", UNCITED)
    assert problem.message == "this sentence cites no evidence, so no reader can check it"
    assert "evidence:" in problem.hint and "<source id>-<claim id>" in problem.hint


def test_an_unknown_claim_reference_is_an_error_with_the_closest_reference(project_copy):
    edit(project_copy, BRIEFING, "      - 002_279588a8956d5652-k4\n", "      - 002_279588a8956d5652-k99\n")
    line, column = position(project_copy, BRIEFING, "002_279588a8956d5652-k99")
    problem = only(check_problems(project_copy), BRIEFING, line, column)
    assert problem.message == "unknown claim reference '002_279588a8956d5652-k99'"
    assert problem.hint.startswith("did you mean '002_279588a8956d5652-k")


def test_an_old_single_string_bottom_line_says_how_to_update_and_migrate_splits_it(project_copy):
    text = (project_copy / BRIEFING).read_text(encoding="utf-8")
    start = text.index("bottom_line:\n")
    (project_copy / BRIEFING).write_text(
        text[:start] + "bottom_line: >-\n  One sentence here. Another one, \"quoted\" (2022).\n", encoding="utf-8")
    line, column = position(project_copy, BRIEFING, "bottom_line: >-")
    problem = only(check_problems(project_copy), BRIEFING, line, column + len("bottom_line: "))
    assert problem.code == UNCITED and "one block of text that cites no evidence" in problem.message
    assert "python -m generator migrate" in problem.hint

    result = run_cli("migrate", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 0, result.stderr
    assert "split 1 bottom line(s) into sentences" in result.stdout
    migrated = (project_copy / BRIEFING).read_text(encoding="utf-8")
    assert migrated.endswith("bottom_line:\n  - text: >-\n      One sentence here.\n    evidence: []\n"
                             "  - text: >-\n      Another one, \"quoted\" (2022).\n    evidence: []\n")
    problems = check_problems(project_copy)
    first = position(project_copy, BRIEFING, "evidence: []")
    assert only(problems, BRIEFING, first[0], first[1] + len("evidence: ")).message.startswith(
        "this sentence cites no evidence")


def test_migrate_keeps_comments_and_other_keys_and_refuses_nothing_it_cannot_read_back():
    text = ("# a comment\nterms:\n  - slug: a\n    bottom_line: >-\n      First. Second\n      goes on.\n"
            "    # kept\n    name: A\n")
    migrated, count, refused = split_file_text(text.replace("terms:", "countries:"))
    assert (count, refused) == (1, "")
    assert migrated == ("# a comment\ncountries:\n  - slug: a\n    bottom_line:\n      - text: >-\n          First.\n"
                        "        evidence: []\n      - text: >-\n          Second goes on.\n        evidence: []\n"
                        "    # kept\n    name: A\n")
    assert split_sentences("It grew 5.5 percent. Then \"it\" fell.") == ["It grew 5.5 percent.", "Then \"it\" fell."]


def test_a_trend_without_evidence_and_an_old_trend_with_quotes_are_errors_that_say_what_to_cite(project_copy):
    edit(project_copy, TRENDS, "    evidence:\n      - 002_279588a8956d5652-k3\n", "")
    edit(project_copy, TRENDS, "    evidence:\n      - 000_c1a27e0ec5b1e4f9-k1\n",
         "    citations:\n      - source: 000_c1a27e0ec5b1e4f9\n"
         "        quote: \"Kazakhstan and Azerbaijan’s concurrent toughening of attitudes\"\n")
    problems = check_problems(project_copy)
    line, column = position(project_copy, TRENDS, "- country: tajikistan")
    missing = only(problems, TRENDS, line, column + 2)
    assert (missing.code, missing.message) == (UNCITED, "this reading cites no evidence, so no reader can check it")
    line, column = position(project_copy, TRENDS, "citations:")
    old = only(problems, TRENDS, line, column)
    assert old.message == "citations: (quotes) are replaced by evidence: (claim references)"
    assert old.hint.endswith("the claims in the paragraphs of those quotes are 000_c1a27e0ec5b1e4f9-k4, "
                             "000_c1a27e0ec5b1e4f9-e3")


# --- same-work-undecided ------------------------------------------------------------------------------

def test_a_teaser_that_looks_like_an_article_needs_a_decision(project_copy):
    edit(project_copy, S004, f"    same_work_as: {S002_ID}  # the same article (see the note below)\n", "")
    line, column = position(project_copy, S004, '"06"')
    problem = only(check_problems(project_copy), S004, line, column)
    assert (problem.severity, problem.code) == ("error", UNDECIDED)
    assert problem.message.startswith(f"{TEASER_06} and {S002_ID} look like one work ({TEASER_06} summarises {S002_ID}: ")
    assert problem.message.endswith("so every source count would count that work twice")
    assert problem.hint == (f"if they are one work, add same_work_as: {S002_ID} to this source; if they are two works, "
                            f"add not_same_work_as: [{S002_ID}]")


def test_not_same_work_as_dismisses_the_proposal_and_a_draft_only_gets_a_warning(project_copy):
    edit(project_copy, S004, f"    same_work_as: {S002_ID}  # the same article (see the note below)\n",
         f"    not_same_work_as: [{S002_ID}]\n")
    assert not [p for p in check_problems(project_copy) if p.code == UNDECIDED]
    edit(project_copy, S004, f"    not_same_work_as: [{S002_ID}]\n", "")
    edit(project_copy, S004, "review: reviewed", "review: draft")
    edit(project_copy, S002, "review: reviewed", "review: draft")
    found = [p for p in check_problems(project_copy) if p.code == UNDECIDED]
    assert [p.severity for p in found] == ["warning"]


def test_same_work_as_must_name_a_known_other_source(project_copy):
    edit(project_copy, S004, f"    same_work_as: {S002_ID}  #", "    same_work_as: 002_nope  #")
    line, column = position(project_copy, S004, "002_nope")
    problem = only(check_problems(project_copy), S004, line, column)
    assert problem.message == "same_work_as names an unknown source '002_nope'"


def test_a_source_whose_own_file_is_broken_is_not_called_unknown(project_copy):
    """A YAML syntax error in 002's file is reported there; 004's same_work_as: 002 is not a second error."""
    edit(project_copy, S002, "\ntitle: ", "\ntitle: Russia: ")  # an unquoted ': ' in the title
    problems = check_problems(project_copy)
    assert [(p.path, p.message.split(":")[0]) for p in problems if p.severity == "error"] == [
        (S002, "YAML syntax error")
    ], problems


def test_counts_count_works_not_pages(project_copy):
    """15 pages: five files and ten teasers. Teaser 06 is article 002, and the listing is a container: 13 works."""
    result = run_cli("generate", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 0, result.stderr
    home = (project_copy / "build/docs/index.md").read_text(encoding="utf-8")
    assert " · 13 sources · " in home
    # the works the Central Asia page rests on, as its own page counts them (not the one that only names it)
    assert "| [Central Asia](countries/central-asia.md) | — | 8 | 5 |" in home
    page = (project_copy / "build/docs/countries/central-asia.md").read_text(encoding="utf-8")
    assert " · 8 sources · 5 dated events · " in page
    # The home page's table shows only the newest figures; its count is of all of them (figures.json, less
    # the reports that agree and are shown as one row).
    figure_rows = home[home.index("## Key figures"):home.index("## Latest events")].count('<span class="briefing-claim" id="')
    assert figure_rows == 10 and " · 16 figures</p>" in home
    works = Works(())
    assert works.count(["a", "a", "b"]) == 2


# --- the page links every cited claim -----------------------------------------------------------------

def test_href_is_relative_to_the_served_url():
    assert href("sources/x.md#x-k1", "index.md") == "sources/x/#x-k1"
    assert href("sources/x.md#x-k1", "countries/kazakhstan.md") == "../../sources/x/#x-k1"
    assert href("sources/x.md#x-k1", "sources/x.md") == "./#x-k1"
    assert href("sources/x.md#x-k1", "countries/index.md") == "../sources/x/#x-k1"


EVIDENCE_LINK = re.compile(r'<a href="([^"]+)" title="[^"]*">\d+</a>')


def evidence_links_land(docs: Path) -> tuple[int, list[str]]:
    """Every evidence mark on every page leads to a source page that has its anchor."""
    from html import unescape

    count, broken = 0, []
    for page in sorted(docs.rglob("*.md")):
        for block in re.findall(r'<sup class="briefing-evidence">(.*?)</sup>', page.read_text(encoding="utf-8")):
            for link in EVIDENCE_LINK.findall(block):
                count += 1
                path, _, anchor = unescape(link).partition("#")
                served = page.relative_to(docs).with_suffix("")
                base = served.parent if served.name == "index" else served
                target = (docs / base / path).resolve()
                file = target.with_suffix(".md") if target.name != "." else target
                text = file.read_text(encoding="utf-8") if file.exists() else ""
                if f'id="{anchor}"' not in unescape(text):
                    broken.append(f"{page.relative_to(docs)}: {link}")
    return count, broken


def test_every_evidence_mark_lands_on_its_claim(project_copy):
    result = run_cli("generate", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 0, result.stderr
    count, broken = evidence_links_land(project_copy / "build/docs")
    assert count > 100 and not broken, broken[:10]
    kazakhstan = (project_copy / "build/docs/countries/kazakhstan.md").read_text(encoding="utf-8")
    assert "(2 sources)" in kazakhstan.split("**Distance from Moscow:**")[1].split("\n")[0]
