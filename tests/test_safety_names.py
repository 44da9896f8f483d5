"""File names are untrusted input too (issue 13, cases 3 to 5): one rule for names, applied before anything
else, and output that no name can forge or colour."""

from __future__ import annotations

import shutil

from generator.common.problems import Problem
from tests.helpers import LISTING_ID, run_cli

FORGED = "008_y\n::error file=README.md,line=1::FAKE.txt"


def test_a_github_annotation_escapes_every_property_so_a_name_cannot_forge_another():
    line = Problem(f"seeds/{FORGED}", 3, 7, "bad, 100%: name", "fix: it").format_github()
    assert "\n" not in line and line.count("::") == 2, "one command: its level, then its message"
    assert line.startswith("::error file=seeds/008_y\\n%3A%3Aerror file=README.md%2Cline=1%3A%3AFAKE.txt,line=3,col=7::")
    assert line.endswith("::bad, 100%25: name (fix: it)")


def test_terminal_output_shows_control_characters_escaped():
    text = Problem("seeds/a\x1b[31mred\x07.txt", 1, 1, "key '\x1b]0;title\x07'").format_text()
    assert "\x1b" not in text and "\x07" not in text
    assert "seeds/a\\x1b[31mred\\x07.txt:1:1: error: key '\\x1b]0;title\\x07'" == text


def test_names_with_a_newline_or_escape_are_skipped_and_the_rest_is_built(project_copy):
    seeds = project_copy / "seeds"
    shutil.copyfile(seeds / "001_66304f5fa3b57f47.txt", seeds / "009_x\n.txt")  # a trailing newline
    shutil.copyfile(seeds / "001_66304f5fa3b57f47.txt", seeds / FORGED)
    check = run_cli("check", "--root", str(project_copy), "--format", "github", cwd=project_copy)
    assert check.returncode != 0
    annotations = [line for line in check.stderr.splitlines() + check.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 2 and all("the file name has a control character in it" in a for a in annotations)
    assert not any(line.startswith("::error file=README.md") for line in check.stderr.splitlines())
    generate = run_cli("generate", "--root", str(project_copy), cwd=project_copy)
    assert generate.returncode == 3, generate.stderr  # skipped inputs: the rest is written
    assert (project_copy / "build/docs/sources/001_66304f5fa3b57f47.md").is_file()
    assert not any("009_x" in p.name for p in (project_copy / "build/docs/sources").iterdir())


def test_a_new_file_whose_name_differs_only_in_case_never_evicts_a_curated_source(project_copy):
    seeds = project_copy / "seeds"
    shutil.copyfile(seeds / f"{LISTING_ID}.txt", seeds / f"{LISTING_ID.upper()}.txt")  # sorts first
    result = run_cli("generate", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 3, result.stderr
    assert f"the name collides with {LISTING_ID}.txt" in result.stderr and f"{LISTING_ID}.txt is kept" in result.stderr
    pages = [p.name for p in (project_copy / "build/docs/sources").iterdir() if p.name.startswith(LISTING_ID[:3])]
    assert len(pages) == 11, "the listing page and its ten teasers are all still there"


def test_a_link_in_content_pages_to_a_file_outside_is_not_published(project_copy, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0 SECRET\n", encoding="utf-8")
    (project_copy / "content/pages/leak.md").symlink_to(secret)
    result = run_cli("generate", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 3, result.stderr
    assert "content/pages/leak.md:1:1: skipped: a symbolic link to a file outside its folder is not followed" in result.stderr
    assert not (project_copy / "build/docs/leak.md").exists()
    assert not any("SECRET" in p.read_text(encoding="utf-8", errors="replace")
                   for p in (project_copy / "build/docs").rglob("*.md"))
