"""A value that rests on reporting outside the seed cites it; uncited "outside knowledge" is an error."""

from __future__ import annotations

from tests.helpers import S000, S002, check_problems, edit, position, run_cli

UNCITED = "the date rests on outside reporting that is not cited"
S002_DATE_BASIS = '''    inferred:
      date: >-
        The article says only "In October"'''


def uncited_outside_basis(root, relative: str = S002) -> None:
    """Make the basis of 002's first event lean on outside knowledge without naming it."""
    edit(root, relative, S002_DATE_BASIS, S002_DATE_BASIS.replace('The article says only "In October"',
                                                                   "Outside knowledge: the article says only"))


def test_uncited_outside_knowledge_is_an_error_at_its_place_in_a_reviewed_source(project_copy):
    uncited_outside_basis(project_copy)
    line, column = position(project_copy, S002, ">-\n        Outside knowledge")  # the basis's value
    found = [p for p in check_problems(project_copy) if p.message == UNCITED]
    assert [(p.path, p.line, p.column, p.severity) for p in found] == [(S002, line, column, "error")]
    assert "outside_sources:" in found[0].hint and "outside: [its id]" in found[0].hint


def test_in_a_draft_it_is_a_warning(project_copy):
    uncited_outside_basis(project_copy)
    edit(project_copy, S002, "review: reviewed", "review: draft")
    found = [p for p in check_problems(project_copy) if p.message == UNCITED]
    assert [p.severity for p in found] == ["warning"]


def test_a_basis_naming_an_unknown_outside_source_is_an_error(project_copy):
    edit(project_copy, S000, "outside: [moscow-times-2025-04-23]\noutside_sources:",
         "outside: [moscow-times-2025-04-24]\noutside_sources:")
    found = [p for p in check_problems(project_copy) if "no outside source has the id" in p.message]
    assert len(found) == 1 and found[0].severity == "error"
    assert "moscow-times-2025-04-24" in found[0].message and "moscow-times-2025-04-23" in found[0].hint


def test_the_source_page_lists_each_basis_and_links_its_outside_sources(project_copy):
    assert run_cli("generate", "--root", str(project_copy), cwd=project_copy).returncode == 0
    page = (project_copy / "build/docs/sources/000_c1a27e0ec5b1e4f9.md").read_text(encoding="utf-8")
    basis_list = page[page.index("<strong>Inferred, not stated in the text:</strong>"):page.index("## Summary")]
    items = [line for line in basis_list.splitlines() if line.startswith("- ")]
    assert len(items) == 4, "the source's date and the dates of its three events, one line each"
    assert items[0].startswith("- *date*: Not stated.") and '[1](#outside-1 "Outside source 1")' in items[0]
    assert items[1].startswith("- *date of the event “Authorities in Osh arrest")
    outside = page[page.index("## Outside sources"):page.index("## Text")]
    assert '<span id="outside-1">1.</span> The Moscow Times, “[Kyrgyzstan Arrests' in outside
    assert "23 April 2025" in outside and "(https://www.themoscowtimes.com/2025/04/23/" in outside
    assert "media reported Tuesday" in outside, "the passage relied on is shown"


def test_an_outside_source_id_used_twice_is_an_error(project_copy):
    edit(project_copy, S000, "  - id: kg24-2025-04-23", "  - id: moscow-times-2025-04-23")
    found = [p for p in check_problems(project_copy) if "used twice" in p.message and "outside source" in p.message]
    assert len(found) == 1 and found[0].path == S000
