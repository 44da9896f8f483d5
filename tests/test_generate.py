"""The whole generator on a copy of the project: complete, deterministic, safe."""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from pathlib import Path

import pytest

from generator.pipeline import generate
from generator.common.problems import InputError
from generator.write.tree import MARKER, OutputError
from tests.helpers import (MARKDOWN_LINK, S000, S001, S003, S002, SOURCES, TEASER_IDS, all_events, all_sources, collapse, forget_sources,
                           edit, source_files, texts_by_id, tree_bytes, tree_hash)

TODAY = dt.date.today()


@pytest.fixture
def generated(project_copy: Path) -> tuple[Path, Path]:
    """(project copy, its freshly generated docs folder)."""
    out = project_copy / "out"
    generate(project_copy, out_dir=out, today=TODAY)
    return project_copy, out


def pages(out: Path) -> dict[str, str]:
    return {path: data.decode("utf-8") for path, data in tree_bytes(out).items() if path.endswith(".md")}


def links(page_path: str, text: str) -> list[tuple[str, str]]:
    """(target page, fragment) of every relative Markdown link on a generated page."""
    found = []
    for target in MARKDOWN_LINK.findall(text):
        if re.match(r"^[a-z]+:", target):
            continue
        path, _, fragment = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), path)) if path else page_path
        found.append((resolved, fragment))
    return found


def test_generating_twice_gives_identical_bytes_and_the_second_run_writes_nothing(project_copy):
    out = project_copy / "out"
    first = generate(project_copy, out_dir=out, today=TODAY)
    before = tree_bytes(out)
    assert first.report.written and not first.report.deleted
    second = generate(project_copy, out_dir=out, today=TODAY)
    assert tree_bytes(out) == before
    assert (len(second.report.written), len(second.report.deleted)) == (0, 0)
    assert second.report.unchanged == len(before) - 1  # every file but the marker


def test_two_separate_runs_give_identical_trees(project_copy, tmp_path):
    generate(project_copy, out_dir=tmp_path / "a", today=TODAY)
    generate(project_copy, out_dir=tmp_path / "b", today=TODAY)
    assert tree_bytes(tmp_path / "a") == tree_bytes(tmp_path / "b")


def test_every_country_and_theme_used_by_a_source_has_a_page(generated):
    root, out = generated
    used = {("countries", slug) for _, data in all_sources(root) for slug in data["countries"]}
    used |= {("themes", slug) for _, data in all_sources(root) for slug in data["themes"]}
    assert len(used) > 10
    missing = [f"{kind}/{slug}.md" for kind, slug in sorted(used) if not (out / kind / f"{slug}.md").is_file()]
    assert missing == []
    for kind in ("countries", "themes"):
        pages_there = {p.stem for p in (out / kind).glob("*.md")} - {"index"}
        assert pages_there == {slug for k, slug in used if k == kind}


def test_one_page_per_source_and_per_teaser(generated):
    root, out = generated
    expected = {source_id for source_id, _ in all_sources(root)}
    assert set(TEASER_IDS) <= expected
    assert len(expected) == len(source_files(root)) + 10
    assert {p.stem for p in (out / "sources").glob("*.md")} == expected | {"index"}


def test_the_timeline_lists_every_curated_event(generated):
    root, out = generated
    events = all_events(root)
    assert any(source_id in TEASER_IDS for source_id, _ in events), "a teaser's event should be counted too"
    timeline = (out / "timeline.md").read_text(encoding="utf-8")
    lines = [line for line in timeline.splitlines() if line.startswith("- **")]
    # An event that several sources report is one line with a citation of each.
    assert len(events) - 2 == len(lines)  # the seeds report 2008 and 2014 twice each
    unescaped = [collapse(html.unescape(line)) for line in lines]
    for source_id, event in events:
        shown = [line for line in unescaped if collapse(event["text"]) in line]
        cited = [line for line in lines if f"(../sources/{source_id}.md#p" in line or f"(sources/{source_id}.md#p" in line]
        assert len(shown) <= 1 and (shown or cited), event["text"]


def test_every_relative_link_points_at_an_existing_page_and_anchor(generated):
    _, out = generated
    everything = pages(out)
    files = set(tree_bytes(out))  # pages, feeds and downloads
    anchors = {path: set(re.findall(r'id="([^"]+)"', text)) for path, text in everything.items()}
    checked = 0
    for page_path, text in everything.items():
        for target, fragment in links(page_path, text):
            assert target in files, f"{page_path} links to missing {target}"
            if re.fullmatch(r"p[0-9]+", fragment):
                assert fragment in anchors[target], f"{page_path} links to missing {target}#{fragment}"
                checked += 1
    assert checked > 100


def paragraph_text(out: Path, page: str, fragment: str) -> str:
    text = texts_by_id((out / page).read_text(encoding="utf-8")).text(fragment)
    assert text is not None, f"{page} has no id={fragment}"
    return html.unescape(text)


def test_each_event_links_from_the_timeline_to_a_paragraph_holding_its_quote(generated):
    root, out = generated
    timeline = (out / "timeline.md").read_text(encoding="utf-8")
    lines = [line for line in timeline.splitlines() if line.startswith("- **")]
    for source_id, event in all_events(root):
        # the line of the event, or of the same event as another source tells it, cites this source
        cited = [(t, f) for line in lines for t, f in links("timeline.md", line) if t == f"sources/{source_id}.md"]
        assert any(collapse(event["quote"]) in paragraph_text(out, *c) for c in cited), (source_id, event["quote"])


def test_each_key_point_links_on_its_source_page_to_a_paragraph_holding_its_quote(generated):
    root, out = generated
    checked = 0
    for source_id, data in all_sources(root):
        page = f"sources/{source_id}.md"
        text = (out / page).read_text(encoding="utf-8")
        section = text.split("## Key points", 1)[1].split("\n## ", 1)[0] if data.get("key_points") else ""
        lines = [line for line in section.splitlines() if line.startswith("- ")]
        assert len(lines) == len(data.get("key_points", []))
        for point, line in zip(data.get("key_points", []), lines):
            assert collapse(point["text"]) in collapse(html.unescape(line))
            (fragment,) = re.findall(r"\]\(#(p[0-9]+)\)", line)
            assert collapse(point["quote"]) in paragraph_text(out, page, fragment), (source_id, point["quote"])
            checked += 1
    assert checked > 20


def test_every_correction_is_marked_in_its_paragraph(generated):
    root, out = generated
    missing = []
    for source_id, data in all_sources(root):
        text = (out / f"sources/{source_id}.md").read_text(encoding="utf-8")
        marked = [html.unescape(x) for x in re.findall(r"<del>(.*?)</del>", text)]
        for fix in data.get("corrections", []):
            if fix["wrong"] in marked:
                marked.remove(fix["wrong"])
            else:
                missing.append((source_id, fix["wrong"]))
    assert missing == []


def test_a_failed_generation_raises_input_error_and_leaves_the_output_as_it_was(generated):
    root, out = generated
    before = tree_bytes(out)
    edit(root, S000, "Russia House in Osh, under the management of", "Russia House in Osh, under the control of")
    (root / "content/pages/about.md").write_text("# Changed\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        generate(root, out_dir=out, today=TODAY)
    assert any(p.path == S000 and "quote" in p.message for p in caught.value.problems)
    assert tree_bytes(out) == before


def test_generation_never_changes_seeds_or_content(project_copy):
    before = {part: tree_hash(project_copy / part) for part in ("seeds", "content")}
    generate(project_copy, out_dir=project_copy / "out", today=TODAY)
    generate(project_copy, out_dir=project_copy / "out", today=TODAY)
    assert {part: tree_hash(project_copy / part) for part in ("seeds", "content")} == before


def test_a_source_removed_from_content_loses_its_page_on_the_next_run(generated):
    root, out = generated
    page = "sources/001_66304f5fa3b57f47.md"
    assert (out / page).is_file()
    (root / S001).unlink()
    (root / "seeds/001_66304f5fa3b57f47.txt").unlink()
    forget_sources(root, "001_66304f5fa3b57f47")
    result = generate(root, out_dir=out, today=TODAY)
    assert not (out / page).exists()
    assert page in result.report.deleted
    assert result.problems == []


def test_a_seed_without_metadata_is_published_marked_unreviewed(generated):
    root, out = generated
    (root / S003).unlink()
    forget_sources(root, "003_511358f27ee65db5")
    result = generate(root, out_dir=out, today=TODAY)
    page = (out / "sources/003_511358f27ee65db5.md").read_text(encoding="utf-8")
    assert "briefing-badge--unreviewed" in page and "detected automatically" in page
    assert "[Kazakhstan](../countries/kazakhstan.md)" in page  # detected from the text
    assert "Asia Times" in page  # publisher detected from the title line
    listing = (out / "sources/index.md").read_text(encoding="utf-8")
    row = next(line for line in listing.splitlines() if "003_511358f27ee65db5.md" in line)
    assert "Unreviewed" in row
    assert [p.code for p in result.problems] == ["unreviewed"]


def test_a_removed_listing_loses_its_teaser_pages_too(generated):
    root, out = generated
    (root / f"{SOURCES}/004_6240f0bb353a09c8.yml").unlink()
    forget_sources(root, "004_6240f0bb353a09c8")
    result = generate(root, out_dir=out, today=TODAY)
    assert set(f"sources/{t}.md" for t in TEASER_IDS) <= set(result.report.deleted)
    assert not any((out / f"sources/{t}.md").exists() for t in TEASER_IDS)


def test_generate_refuses_to_replace_a_folder_it_did_not_make(project_copy):
    out = project_copy / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("my own notes\n", encoding="utf-8")
    with pytest.raises(OutputError, match=MARKER):
        generate(project_copy, out_dir=out, today=TODAY)
    assert tree_bytes(out) == {"notes.txt": b"my own notes\n"}


def test_generate_replaces_a_folder_it_made_and_drops_stray_files(generated):
    root, out = generated
    (out / "stray.md").write_text("left over\n", encoding="utf-8")
    result = generate(root, out_dir=out, today=TODAY)
    assert result.report.deleted == ["stray.md"]
    assert not (out / "stray.md").exists()


def test_an_event_country_without_a_page_is_reported_or_gets_a_page(project_copy):
    edit(project_copy, "content/taxonomy.yml", "  - slug: georgia\n",
         "  - slug: mongolia\n    name: Mongolia\n    kind: country\n    description: Test country.\n"
         "    aliases: []\n\n  - slug: georgia\n")
    edit(project_copy, S002, '    date: "2014"\n    countries:\n', '    date: "2014"\n    countries:\n      - mongolia\n')
    out = project_copy / "out"
    try:
        generate(project_copy, out_dir=out, today=TODAY)
    except InputError as error:  # reporting it is a fine answer too
        assert any("mongolia" in p.message for p in error.problems)
        return
    everything = pages(out)
    files = set(tree_bytes(out))
    dangling = [(page, target) for page, text in everything.items()
                for target, _ in links(page, text) if target not in files]
    assert dangling == []
