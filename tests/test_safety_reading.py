"""Safety, point 3: reading seeds is strict and helpful, through the real pipeline.

A seed that cannot be read is reported as path:line:col with what is wrong and how
to fix it, left out, and the rest of the site is built (exit status 3).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.pipeline import generate
from generator.inputs.seed_bytes import MAX_SEED_BYTES
from tests.helpers import copy_project, run_cli, texts_by_id, tree_bytes

NAME = "900_unreadable"
OTHER_PAGES = ["sources/000_c1a27e0ec5b1e4f9/index.html", "sources/002_279588a8956d5652/index.html",
               "countries/kazakhstan/index.html", "timeline/index.html", "index.html"]
CYRILLIC = "Россия"
PLAIN_LINE = "A plain first paragraph in Latin letters, which any reader can decode.\n\n"
SECOND_LINE_START = "The second paragraph names "


def metadata(encoding: str | None = None, quote: str | None = None) -> str:
    lines = [f"seed: {NAME}.txt"]
    if encoding:
        lines.append(f"encoding: {encoding}")
    lines += ["title: An article that is hard to read", "quality: clean", "review: reviewed",
              "countries: [russia]", "themes: [soft-power]", "summary: A seed with a reading problem."]
    if quote:
        lines += ["key_points:", "  - text: The article names Russia in Russian.", f"    quote: \"{quote}\""]
    return "\n".join(lines) + "\n"


def cp1251_seed() -> bytes:
    return (PLAIN_LINE + SECOND_LINE_START + CYRILLIC + " in Cyrillic.\n").encode("cp1251")


def project_with_seed(tmp_path: Path, data: bytes, meta: str) -> Path:
    root = copy_project(tmp_path / "project")
    (root / "seeds" / f"{NAME}.txt").write_bytes(data)
    (root / "content" / "sources" / f"{NAME}.yml").write_text(meta, encoding="utf-8")
    return root


def assert_rest_is_built(root: Path, site: bool = True) -> None:
    """The other pages exist (in site/ after a build, in build/docs/ after a generate); the skipped one does not."""
    docs = [page.removesuffix("index.html").removesuffix("/") or "index" for page in OTHER_PAGES]
    missing = [page for page in docs if not (root / "build/docs" / f"{page}.md").is_file()
               and not (root / "build/docs" / page / "index.md").is_file()]
    if site:
        missing += [page for page in OTHER_PAGES if not (root / "site" / page).is_file()]
        assert not (root / "site" / "sources" / NAME).exists()
    assert missing == []
    assert not (root / "build" / "docs" / "sources" / f"{NAME}.md").exists()


def test_a_cp1251_seed_is_skipped_with_its_position_offset_and_an_encoding_hint(tmp_path):
    data = cp1251_seed()
    root = project_with_seed(tmp_path, data, metadata(quote=CYRILLIC))
    offset = len((PLAIN_LINE + SECOND_LINE_START).encode("cp1251"))
    assert data[offset:offset + 1] == CYRILLIC[0].encode("cp1251")
    line, column = 3, len(SECOND_LINE_START) + 1
    result = run_cli("build", "--root", str(root), cwd=root)
    assert result.returncode == 3, result.stdout + result.stderr
    reports = [x for x in result.stderr.splitlines() if x.startswith(f"seeds/{NAME}.txt:")]
    assert len(reports) == 1, result.stderr
    assert reports[0].startswith(f"seeds/{NAME}.txt:{line}:{column}: skipped: "), reports[0]
    assert f"byte offset {offset}" in reports[0]
    assert "encoding:" in reports[0]
    assert_rest_is_built(root)


def test_the_same_seed_with_encoding_cp1251_builds_and_shows_the_cyrillic_text(tmp_path):
    root = project_with_seed(tmp_path, cp1251_seed(), metadata(encoding="cp1251", quote=CYRILLIC))
    result = run_cli("build", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (root / "site" / "sources" / NAME / "index.html").read_text(encoding="utf-8")
    assert texts_by_id(page).text("p2") == f"{SECOND_LINE_START}{CYRILLIC} in Cyrillic."
    assert (root / "seeds" / f"{NAME}.txt").read_bytes() == cp1251_seed()  # never rewritten


@pytest.mark.parametrize("case, data, message", [
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    ("empty", b"", "empty"),
    ("whitespace only", b" \n\r\n\t\n", "empty"),
    ("over the size limit", (b"word " * (MAX_SEED_BYTES // 5 + 1))[:MAX_SEED_BYTES + 1], "over the limit"),
])
def test_an_unreadable_seed_is_reported_skipped_and_the_rest_is_built(tmp_path, case, data, message):
    root = project_with_seed(tmp_path, data, metadata())
    result = run_cli("generate", "--root", str(root), cwd=root)
    assert result.returncode == 3, result.stdout + result.stderr
    reports = [x for x in result.stderr.splitlines() if x.startswith(f"seeds/{NAME}.txt:")]
    assert len(reports) == 1, result.stderr
    assert re.match(rf"seeds/{NAME}\.txt:\d+:\d+: skipped: .*{message}.*\(.+\)$", reports[0]), reports[0]
    assert "warning: 1 input(s) were skipped" in result.stderr
    assert_rest_is_built(root, site=False)


def test_the_size_limit_is_inclusive(tmp_path):
    data = (b"word " * (MAX_SEED_BYTES // 5 + 1))[:MAX_SEED_BYTES]
    root = project_with_seed(tmp_path, data, metadata())
    result = run_cli("generate", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stderr
    assert (root / "build/docs/sources" / f"{NAME}.md").is_file()


def line_endings_variants(data: bytes) -> dict[str, bytes]:
    lf = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return {"lf": lf, "bom+crlf": b"\xef\xbb\xbf" + lf.replace(b"\n", b"\r\n"), "cr": lf.replace(b"\n", b"\r")}


@pytest.mark.parametrize("seed", ["002_279588a8956d5652.txt", "004_6240f0bb353a09c8.txt"])
def test_bom_crlf_and_cr_only_seeds_build_exactly_like_the_lf_version(tmp_path, seed):
    root = copy_project(tmp_path / "project")
    path = root / "seeds" / seed
    variants = line_endings_variants(path.read_bytes())
    assert variants["lf"].count(b"\n") > 5
    trees = {}
    for name, data in variants.items():
        path.write_bytes(data)
        result = generate(root, out_dir=tmp_path / name)
        assert result.problems == [], (name, result.problems)
        trees[name] = tree_bytes(tmp_path / name)
    assert trees["bom+crlf"] == trees["lf"]
    assert trees["cr"] == trees["lf"]
