"""Safety, points 4 and 5: YAML is loaded safely, and paths stay inside their folders.

Everything goes through `python -m generator check` (or generate) on a copy of the
project, except generator.write.tree.inside(), which is tested directly.
"""

from __future__ import annotations

import os
import time
import unicodedata
from pathlib import Path

import pytest

from generator.pipeline import generate
from generator.common.problems import InputError
from generator.write.tree import OutputError, inside
from tests.helpers import S001, edit, generated_nothing, position, run_cli

TITLE_LINE = "title: Central Asia challenges Russian soft power as it diversifies its partners\n"


def every_file(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


# --- point 4: YAML ------------------------------------------------------------------------------

@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/object/new:os.system",
                                 "!python/object/apply:os.system", "!<tag:yaml.org,2002:python/object/apply:os.system>"])
def test_a_python_tag_is_reported_with_its_position_and_never_executed(project_copy, tmp_path, tag):
    marker = tmp_path / f"pwned-{os.getpid()}-{time.monotonic_ns()}"
    edit(project_copy, S001, TITLE_LINE, f'title: {tag} ["touch {marker}"]\n')
    line, column = position(project_copy, S001, tag)
    for command in ("check", "generate"):
        result = run_cli(command, "--root", str(project_copy), cwd=project_copy)
        assert result.returncode == 1, result.stderr
        assert f"{S001}:{line}:{column}: error: the tag " in result.stderr
        assert "is not allowed" in result.stderr
    assert not marker.exists()
    assert generated_nothing(project_copy)


def test_a_python_tag_in_the_taxonomy_is_not_executed_either(project_copy, tmp_path):
    marker = tmp_path / "pwned-taxonomy"
    edit(project_copy, "content/taxonomy.yml", "    name: Kazakhstan\n",
         f'    name: !!python/object/apply:os.system ["touch {marker}"]\n')
    line, column = position(project_copy, "content/taxonomy.yml", "!!python")
    result = run_cli("check", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 1
    assert f"content/taxonomy.yml:{line}:{column}: error: the tag" in result.stderr
    assert not marker.exists()


def test_duplicate_keys_name_both_lines(project_copy):
    edit(project_copy, S001, "review: reviewed\n", "review: reviewed\n" + TITLE_LINE)
    first, _ = position(project_copy, S001, "title:")
    second, column = position(project_copy, S001, "title:", nth=2)
    result = run_cli("check", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 1
    assert f"{S001}:{second}:{column}: error: duplicate key 'title' (first written on line {first})" in result.stderr


def alias_bomb(levels: int = 10, width: int = 10) -> str:
    lines = ["bomb:", f"  l0: &l0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"  l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def test_a_billion_laughs_alias_bomb_returns_promptly_with_an_alias_error(project_copy):
    bomb = alias_bomb()
    assert bomb.count("*") == 90  # 10**10 strings if expanded
    path = project_copy / S001
    path.write_text(path.read_text(encoding="utf-8") + bomb, encoding="utf-8")
    line, column = position(project_copy, S001, "&l0")  # reported at the value that aliases reuse
    started = time.monotonic()
    result = run_cli("check", "--root", str(project_copy), cwd=project_copy, timeout=60)
    assert time.monotonic() - started < 60
    assert result.returncode == 1
    assert f"{S001}:{line}:{column}: error: aliases (*name) are not allowed" in result.stderr
    assert len(result.stderr.splitlines()) < 200  # one report per alias, not per expanded value


def test_metadata_whose_top_level_is_a_list_is_reported(project_copy):
    (project_copy / S001).write_text("- seed: 001_66304f5fa3b57f47.txt\n- title: A list\n", encoding="utf-8")
    result = run_cli("check", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 1
    assert f"{S001}:1:1: error:" in result.stderr
    assert "should be a mapping" in result.stderr


# --- point 5: paths ------------------------------------------------------------------------------

@pytest.mark.parametrize("source_id", ["../evil", "/etc/x", "a/b", "A", "..", "./x", "x/../../evil", "", "-x",
                                       "x\\..\\evil", "evil\u2215x"])
def test_a_hostile_source_id_is_rejected_and_nothing_is_written(project_copy, source_id):
    edit(project_copy, S001, "seed: 001_66304f5fa3b57f47.txt\n", f"seed: 001_66304f5fa3b57f47.txt\nid: '{source_id}'\n")
    line, column = position(project_copy, S001, f"'{source_id}'")
    result = run_cli("check", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 1, result.stderr
    assert f"{S001}:{line}:{column}: error:" in result.stderr
    before = every_file(project_copy.parent)
    with pytest.raises(InputError):
        generate(project_copy)
    assert every_file(project_copy.parent) == before
    assert not Path("/etc/x.md").exists()


@pytest.mark.parametrize("seed", ["../README.md", "/etc/passwd", "..", "../seeds/001_66304f5fa3b57f47.txt",
                                  "001_66304f5fa3b57f47.txt/..", "~/x.txt"])
def test_a_seed_name_that_is_a_path_is_rejected(project_copy, seed):
    edit(project_copy, S001, "seed: 001_66304f5fa3b57f47.txt\n", f"seed: '{seed}'\n")
    line, column = position(project_copy, S001, f"'{seed}'")
    result = run_cli("check", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 1
    assert f"{S001}:{line}:{column}: error:" in result.stderr


def test_inside_accepts_plain_relative_paths(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    assert inside(out, "sources/a.md") == (out / "sources/a.md").resolve()
    assert inside(out, "index.md") == (out / "index.md").resolve()


@pytest.mark.parametrize("relative", ["../x", "/abs", "/abs/x.md", "a/../../x", "..", ".", "", "a/..",
                                      "../out-evil/x", "../out/../out-evil/x"])
def test_inside_refuses_paths_that_leave_the_folder(tmp_path, relative):
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "out-evil").mkdir()  # a sibling whose name starts with the output folder's name
    with pytest.raises(OutputError):
        inside(out, relative)


def test_inside_refuses_a_symlink_in_the_folder_that_points_outside(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (out / "link").symlink_to(outside, target_is_directory=True)
    (out / "file-link.md").symlink_to(tmp_path / "target.md")
    with pytest.raises(OutputError):
        inside(out, "link/x.md")
    with pytest.raises(OutputError):
        inside(out, "file-link.md")


def test_inside_resolves_the_root_too(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "alias").symlink_to(real, target_is_directory=True)
    assert inside(tmp_path / "alias", "a.md") == real / "a.md"
    with pytest.raises(OutputError):
        inside(tmp_path / "alias", "../real-evil/a.md")


SEED_LINK = "900_linked.txt"


def test_a_seed_symlink_to_a_file_outside_seeds_is_skipped_and_its_content_never_published(project_copy, tmp_path):
    canary = "Zqxjcanary secret text that must never be published."
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{canary}\n\nA second paragraph of the secret file.\n", encoding="utf-8")
    (project_copy / "seeds" / SEED_LINK).symlink_to(secret)
    (project_copy / "content/sources/900_linked.yml").write_text(
        f"seed: {SEED_LINK}\ntitle: Linked\nquality: clean\nreview: reviewed\ncountries: [russia]\n"
        "themes: [soft-power]\nsummary: A seed that is a link.\n", encoding="utf-8")
    result = run_cli("build", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 3, result.stdout + result.stderr
    assert f"seeds/{SEED_LINK}:1:1: skipped: a symbolic link to a file outside its folder is not followed" \
        in result.stderr
    for folder in ("build", "site"):
        for path in (project_copy / folder).rglob("*"):
            if path.is_file():
                assert b"Zqxjcanary" not in path.read_bytes(), path
    assert (project_copy / "site/sources/000_c1a27e0ec5b1e4f9/index.html").is_file()
    assert secret.read_text(encoding="utf-8").startswith(canary)


def test_a_metadata_symlink_to_a_file_outside_content_is_skipped(project_copy, tmp_path):
    outside = tmp_path / "outside.yml"
    outside.write_bytes((project_copy / S001).read_bytes())
    (project_copy / S001).unlink()
    (project_copy / S001).symlink_to(outside)
    result = run_cli("check", "--root", str(project_copy), cwd=project_copy)
    assert f"{S001}:1:1: skipped: a symbolic link to a file outside its folder is not followed" in result.stderr


@pytest.mark.parametrize("first, second", [
    ("Seed.txt", "seed.txt"),
    (unicodedata.normalize("NFC", "café.txt"), unicodedata.normalize("NFD", "café.txt")),
])
def test_two_seed_names_that_differ_only_by_case_or_unicode_form_are_reported_as_colliding(project_copy, first,
                                                                                          second):
    seeds = project_copy / "seeds"
    (seeds / first).write_text("First file.\n\nIts text.\n", encoding="utf-8")
    (seeds / second).write_text("Second file.\n\nIts text.\n", encoding="utf-8")
    if len({p.name for p in seeds.iterdir()} & {first, second}) < 2:
        pytest.skip("this filesystem folds case or Unicode forms itself")
    result = run_cli("check", "--root", str(project_copy), cwd=project_copy)
    collisions = [x for x in result.stderr.splitlines() if "collides" in x]
    assert len(collisions) == 1, result.stderr
    reported, other = (first, second) if collisions[0].startswith(f"seeds/{first}:") else (second, first)
    assert collisions[0].startswith(f"seeds/{reported}:1:1: skipped: the name collides with {other}")


# --- the `new` command: drafts are written inside content/sources only, as safe YAML --------------

def test_new_refuses_a_seed_outside_seeds(project_copy, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("Outside text.\n\nMore.\n", encoding="utf-8")
    (project_copy / "seeds" / "900_link.txt").symlink_to(outside)
    before = every_file(project_copy)
    for seed in ("README.md", "../outside.txt", str(outside), "seeds/900_link.txt", "content/taxonomy.yml"):
        result = run_cli("new", "--root", str(project_copy), seed, cwd=project_copy)
        assert result.returncode != 0, seed
    assert every_file(project_copy) == before
    assert not list(tmp_path.glob("*.yml"))


def test_new_on_hostile_seeds_writes_drafts_that_are_plain_safe_yaml(project_copy):
    fixture = Path(__file__).resolve().parent / "fixtures" / "hostile"
    for name, source in (("900_hostile.txt", "seed.txt"), ("901_bare.txt", "bare-seed.txt")):
        (project_copy / "seeds" / name).write_bytes((fixture / source).read_bytes())
        result = run_cli("new", "--root", str(project_copy), f"seeds/{name}", cwd=project_copy)
        assert result.returncode == 0, result.stderr
        assert "!!" not in (project_copy / "content/sources" / name.replace(".txt", ".yml")).read_text(encoding="utf-8")
    result = run_cli("check", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr.replace("0 error(s)", "")


def test_new_never_replaces_an_existing_metadata_file(project_copy):
    before = (project_copy / S001).read_bytes()
    result = run_cli("new", "--root", str(project_copy), "seeds/001_66304f5fa3b57f47.txt", cwd=project_copy)
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert (project_copy / S001).read_bytes() == before
