"""The recorded paragraph numbering of curated sources (content/paragraphs.yml) and the guard that keeps it.

A reading that would renumber a curated source's paragraphs (a reader change, a
library upgrade, an edited seed) fails the build with one error naming the
source; `migrate` records sources that have no record, and re-records one that
differs only when asked with --renumber; `new` records the seed it drafts.
"""

from __future__ import annotations

import re

import pytest
import yaml

from generator.inputs import reader
from generator.cli import main
from generator.inputs.load import load_inputs
from generator.inputs.paragraph_record import (DIGEST_CHARS, RecordedSource, compare, first_words, numbering,
                                        numbering_problems, start_digest)
from generator.common.project import Project
from generator.inputs.seed_text import Paragraph
from tests.conftest import CORPUS, ROOT
from tests.helpers import tree_bytes

RECORD = "content/paragraphs.yml"
S002 = "002_279588a8956d5652"
ONE_LINE_ERROR = re.compile(r"^content/paragraphs\.yml:(\d+):(\d+): error: the paragraphs of source (\S+) "
                            r"\(seeds/(\S+)\) would be renumbered: paragraph (\d+) was .+, now .+ \(if the seed itself "
                            r"was edited on purpose, run python -m generator migrate --renumber (\S+) .+\)$")


def paragraphs_of(*texts: str) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(number, text, number * 2) for number, text in enumerate(texts, start=1))


def recorded(*texts: str) -> RecordedSource:
    return RecordedSource(numbering(paragraphs_of(*texts)), (5, 17), (6, 14))


MERGED = ("Moscow had every opportunity", "In a significant development, Kazakhstan")  # p1 of 002 and 000


def merging(number: int):
    """A reader change: in seeds 002 and 000, paragraph number and the one after it read as one, the later ones
    renumbered (in the others, merged paragraphs would raise errors of their own, about claims)."""
    paragraphs_of_lines = reader._paragraphs

    def merged(lines):
        found = paragraphs_of_lines(lines)
        if len(found) <= number or not found[0].text.startswith(MERGED):
            return found
        joined = Paragraph(number, f"{found[number - 1].text} {found[number].text}", found[number - 1].line)
        later = (Paragraph(p.number - 1, p.text, p.line, p.heading) for p in found[number + 1:])
        return (*found[:number - 1], joined, *later)
    return merged


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    output = capsys.readouterr()
    return status, output.out, output.err


def record_of(root) -> dict:
    return yaml.safe_load((root / RECORD).read_text(encoding="utf-8"))["sources"]


# --- the fingerprint ----------------------------------------------------------------------------------

def test_only_the_first_words_count_and_not_their_case_punctuation_or_spacing():
    start = start_digest("Russia’s soft power in Central Asia is disintegrating before our eyes.")
    assert start_digest("RUSSIA'S  soft power — in Central Asia is crumbling, say analysts.") == start
    assert start_digest("Russia’s hard power in Central Asia is disintegrating before our eyes.") != start
    assert len(start) == DIGEST_CHARS


ALPHA = "Alpha opens the article with a first long sentence."
BETA = "Beta goes on with a second long sentence."
GAMMA = "Gamma says more in a third long sentence."
DELTA = "Delta ends."
ARTICLE = (ALPHA, BETA, GAMMA, DELTA)


@pytest.mark.parametrize("now, expected", [
    ((ALPHA, f"{BETA} {GAMMA}", DELTA),
     'paragraph 3 was "Gamma says more in a third…" (now inside paragraph 2), now "Delta ends." (was paragraph 4) '
     "(3 paragraphs, recorded 4)"),
    ((ALPHA, f"{BETA} {GAMMA} {DELTA}"),
     'paragraph 3 was "Gamma says more in a third…" (now inside paragraph 2), now there is none '
     "(2 paragraphs, recorded 4)"),
    ((f"{ALPHA} {BETA}", GAMMA, DELTA),
     'paragraph 2 was "Beta goes on with a second…" (now inside paragraph 1), now "Gamma says more in a third…" '
     "(was paragraph 3) (3 paragraphs, recorded 4)"),
    ((ALPHA, "Beta goes on with", "a second long sentence.", GAMMA, DELTA),
     'paragraph 2 was "Beta goes on with a second…" (now the start of paragraph 2), now "Beta goes on with" '
     "(5 paragraphs, recorded 4)"),
    ((ALPHA, GAMMA, DELTA),
     f'paragraph 2 was a passage no longer in the text (digest {start_digest(BETA)}), '
     'now "Gamma says more in a third…" (was paragraph 3) (3 paragraphs, recorded 4)'),
    ((ALPHA, BETA, GAMMA),
     f'paragraph 4 was a passage no longer in the text (digest {start_digest(DELTA)}), now there is none '
     "(3 paragraphs, recorded 4)"),
    ((ALPHA, "Beta now goes on with a second long sentence.", GAMMA, DELTA),
     f'paragraph 2 was a passage no longer in the text (digest {start_digest(BETA)}), '
     'now "Beta now goes on with a…"'),
])
def test_a_merge_a_split_a_dropped_or_a_rewritten_start_is_named_with_where_its_words_went(now, expected):
    change = compare(recorded(*ARTICLE), paragraphs_of(*now))
    assert change.detail == expected and change.renumbers


def test_an_edit_after_the_first_words_or_a_new_quote_mark_is_no_change():
    edited = (ALPHA, "Beta goes on with a second, shorter one.", GAMMA.replace("long sentence", "sentence, longer"), DELTA)
    assert numbering(paragraphs_of(*edited)) == recorded(*ARTICLE).starts


def test_an_appended_paragraph_changes_the_source_without_renumbering_it():
    change = compare(recorded(ALPHA, BETA), paragraphs_of(ALPHA, BETA, "Coda."))
    assert not change.renumbers and change.number == 3 and change.where == (5, 17), "at the count"
    assert change.message("s", "s.txt") == ('the paragraphs of source s (seeds/s.txt) would change: paragraph 3 would '
                                            'be new, "Coda." (3 paragraphs, recorded 2)')


def test_the_error_points_at_the_digest_of_the_first_paragraph_that_moved():
    change = compare(recorded(ALPHA, BETA, GAMMA), paragraphs_of(ALPHA, f"{BETA} {GAMMA}"))
    assert change.number == 3 and change.where == (6, 14 + 2 * (DIGEST_CHARS + 1))


def test_first_words_are_shown_as_written_and_marked_when_the_paragraph_goes_on():
    assert first_words("Kyrgyz  MPs voted on Tuesday to close it.") == "Kyrgyz MPs voted on Tuesday to…"
    assert first_words("What the West wants") == "What the West wants"


# --- the guard in the build ---------------------------------------------------------------------------

def test_the_shipped_sources_are_recorded_as_they_read():
    shipped = {path.stem for path in (CORPUS / "content/sources").glob("*.yml")}
    assert shipped <= set(record_of(ROOT)), "run python -m generator migrate and commit content/paragraphs.yml"
    project = Project.at(ROOT)
    inputs = load_inputs(project)
    assert numbering_problems(project, inputs.metadata, inputs.seeds) == []


def test_migrate_records_every_curated_source_once(project_copy, capsys):
    assert not (project_copy / RECORD).exists()
    status, out, _ = run(capsys, "migrate", "--root", str(project_copy))
    assert status == 0 and f"{RECORD}: recorded the paragraph numbering of 5 source(s) that had none" in out
    inputs = load_inputs(Project.at(project_copy))
    assert {source: entry["paragraphs"] for source, entry in record_of(project_copy).items()} == {
        name.removesuffix(".txt"): len(text.paragraphs) for name, text in inputs.seeds.items()}
    assert not [p for p in inputs.problems if p.severity != "warning"]
    written = (project_copy / RECORD).read_bytes()
    status, out, _ = run(capsys, "migrate", "--root", str(project_copy))
    assert status == 0 and "paragraph" not in out and (project_copy / RECORD).read_bytes() == written


def test_a_reader_that_would_renumber_fails_the_build_naming_each_source_and_writes_nothing(
        project_copy, capsys, monkeypatch):
    assert run(capsys, "migrate", "--root", str(project_copy))[0] == 0
    content = tree_bytes(project_copy / "content")
    monkeypatch.setattr(reader, "_paragraphs", merging(2))
    status, out, err = run(capsys, "generate", "--root", str(project_copy))
    assert status == 1 and not (project_copy / "build/docs").exists() and not out
    errors = [ONE_LINE_ERROR.match(line) for line in err.splitlines()]
    assert all(errors) and len(errors) == 2, err
    for error in errors:
        line, column, source, seed, number, named = error.groups()
        assert seed == f"{source}.txt" and named == source and number == "3"
        assert (project_copy / RECORD).read_text(encoding="utf-8").splitlines()[int(line) - 1][
            int(column) - 1:].startswith(record_of(project_copy)[source]["starts"].split()[int(number) - 1])
    assert ('paragraph 3 was "Now any statement or gesture that…" (now inside paragraph 2), now "None of the '
            'Central Asian countries…" (was paragraph 4) (19 paragraphs, recorded 20)') in err
    # migrate alone does not hide it: it says so, changes nothing and fails.
    status, out, err = run(capsys, "migrate", "--root", str(project_copy))
    assert status == 1 and err.count(f"{RECORD}: left as it was: the paragraphs of source") == 2
    assert tree_bytes(project_copy / "content") == content
    # Asked by id, it records the new numbering, and the build passes.
    status, out, _ = run(capsys, "migrate", "--root", str(project_copy),
                         *(f"--renumber={source}" for source in record_of(project_copy)))
    assert status == 0 and out.count("re-recorded the paragraph numbering of source") == 2
    content = tree_bytes(project_copy / "content")
    assert run(capsys, "generate", "--root", str(project_copy))[0] == 0
    assert tree_bytes(project_copy / "content") == content, "the build only reads the record"


def test_renumber_with_an_unknown_id_is_a_usage_error_that_changes_nothing(project_copy, capsys, monkeypatch):
    assert run(capsys, "migrate", "--root", str(project_copy))[0] == 0
    monkeypatch.setattr(reader, "_paragraphs", merging(3))
    content = tree_bytes(project_copy / "content")
    status, _, err = run(capsys, "migrate", "--root", str(project_copy), "--renumber", S002[:-1])
    assert status == 2 and f"did you mean {S002}?" in err and "nothing was changed" in err
    assert tree_bytes(project_copy / "content") == content


def test_an_edited_seed_is_named_and_re_recorded_only_on_request(project_copy, capsys):
    assert run(capsys, "migrate", "--root", str(project_copy))[0] == 0
    seed = project_copy / "seeds" / f"{S002}.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("\n\nNone of the Central Asian countries",
                                                             "\n\nA paragraph the editor added.\n\n"
                                                             "None of the Central Asian countries", 1),
                    encoding="utf-8")
    status, _, err = run(capsys, "check", "--root", str(project_copy))
    assert status == 1 and ('would be renumbered: paragraph 4 was "None of the Central Asian countries…" (now '
                            'paragraph 5), now "A paragraph the editor added." (21 paragraphs, recorded 20)') in err
    status, out, _ = run(capsys, "migrate", "--root", str(project_copy), "--renumber", S002)
    assert status == 0 and "links to paragraph 4 and later may now land on other text" in out
    assert record_of(project_copy)[S002]["paragraphs"] == 21
    assert run(capsys, "check", "--root", str(project_copy))[0] == 0


def test_new_records_the_seed_it_drafts_over_a_record_left_by_deleted_metadata(project_copy, capsys):
    (project_copy / RECORD).write_text('sources:\n  "005_brand_new":\n    paragraphs: 1\n    starts: "00000000"\n',
                                       encoding="utf-8")
    (project_copy / "seeds/005_brand_new.txt").write_text(
        "Kyrgyzstan closes Russia House\n\nAuthorities in Kyrgyzstan closed the Russia House in Osh.\n\n"
        "Kyrgyzstan said the centre broke the law.\n", encoding="utf-8")
    assert run(capsys, "new", "seeds/005_brand_new.txt", "--root", str(project_copy))[0] == 0
    assert record_of(project_copy) == {"005_brand_new": {"paragraphs": 2, "starts": " ".join(numbering(
        paragraphs_of("Authorities in Kyrgyzstan closed the Russia House in Osh.",
                      "Kyrgyzstan said the centre broke the law.")))}}
    status, _, err = run(capsys, "check", "--root", str(project_copy))
    assert "paragraphs.yml" not in err


@pytest.mark.parametrize("record, expected, hint", [
    ('sources:\n  "s":\n    paragraphs: 2\n    starts: "0000000g 00000000"\n',
     "content/paragraphs.yml:4:13: error: sources.s.starts is not a list of 8-digit digests", "git checkout"),
    ('sources:\n  "s":\n    paragraphs: 3\n    starts: "00000000 00000000"\n',
     "content/paragraphs.yml:3:17: error: sources.s records 3 paragraphs but 2 digests", "git checkout"),
    ('sources:\n  "s":\n    paragraph: 2\n    starts: "00000000"\n',
     "content/paragraphs.yml:3:5: error: unknown key 'paragraph' in sources.s", "did you mean 'paragraphs'?"),
])
def test_a_damaged_record_is_reported_at_its_line_and_column(project_copy, capsys, record, expected, hint):
    (project_copy / RECORD).write_text(record, encoding="utf-8")
    status, _, err = run(capsys, "check", "--root", str(project_copy))
    reported = [line for line in err.splitlines() if line.startswith(RECORD)]
    assert status == 1 and any(line.startswith(expected) and hint in line for line in reported), err
