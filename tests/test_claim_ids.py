"""Claims have explicit, stable ids; metadata written before them keeps working and migrates once."""

from __future__ import annotations

import datetime as dt
import json
import re

from generator.pipeline import generate
from tests.helpers import S000, S002, check_problems, edit, run_cli, tree_bytes

POSITIONAL_ID_LINE = re.compile(r"^(\s*)- id: [kef]\d+\n\s*", re.M)


def written_before_ids(root):
    """The project's metadata as it was written before claims had ids."""
    for path in (root / "content/sources").glob("*.yml"):
        path.write_text(POSITIONAL_ID_LINE.sub(r"\1- ", path.read_text(encoding="utf-8")), encoding="utf-8")
    return root


def migrated(root):
    result = run_cli("migrate", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stderr
    return result


def event_ids(root) -> list[str]:
    data = json.loads((root / "build/docs/data/events.json").read_text(encoding="utf-8"))
    return [item["id"] for item in data["items"] if item["source"] == "002_279588a8956d5652"]


def test_metadata_without_ids_builds_with_one_notice_per_file_saying_how_to_migrate(project_copy):
    written_before_ids(project_copy)
    notices = [p for p in check_problems(project_copy) if p.code == "positional-id"]
    files = {p.path for p in notices}
    assert len(notices) == len(files) == 5, "one notice per file, not one per claim"
    assert all(p.severity == "warning" and "python -m generator migrate" in p.hint for p in notices)


def test_migrate_writes_the_positional_ids_so_every_public_address_stays(project_copy, tmp_path):
    written = (project_copy / S000).read_text(encoding="utf-8")  # its ids are the positional ones
    written_before_ids(project_copy)
    before = generate(project_copy, out_dir=tmp_path / "before", today=dt.date.today())
    assert before.report.written
    output = migrated(project_copy).stdout
    assert "content/sources/000_c1a27e0ec5b1e4f9.yml: added 8 claim id(s)" in output
    assert (project_copy / S000).read_text(encoding="utf-8") == written, "as the fixture corpus was migrated"
    generate(project_copy, out_dir=tmp_path / "after", today=dt.date.today())
    assert tree_bytes(tmp_path / "after") == tree_bytes(tmp_path / "before")
    assert not [p for p in check_problems(project_copy) if p.code == "positional-id"]
    assert "added" not in migrated(project_copy).stdout, "a second run has nothing to do"


def test_a_claim_inserted_before_others_leaves_their_ids_alone(project_copy):
    run_cli("generate", "--root", str(project_copy), cwd=project_copy)
    ids_before = event_ids(project_copy)
    new_event = ('events:\n  - id: e-new\n    date: "2022-09"\n    countries: [kyrgyzstan]\n'
                 '    text: A new first event.\n    quote: "In October, Kyrgyzstan cancelled military exercises"\n'
                 '    inferred:\n      date: The test gives this event a date of its own.\n')
    edit(project_copy, S002, "events:\n", new_event)
    assert run_cli("generate", "--root", str(project_copy), cwd=project_copy).returncode == 0
    ids_after = event_ids(project_copy)
    assert set(ids_after) == set(ids_before) | {"002_279588a8956d5652-e-new"}


def test_an_id_used_twice_in_a_file_is_an_error(project_copy):
    edit(project_copy, S002, "  - id: e2\n", "  - id: e1\n")
    problems = [p for p in check_problems(project_copy) if "used twice" in p.message]
    assert len(problems) == 1 and problems[0].severity == "error" and problems[0].path == S002
    assert "the id 'e1' is used twice in this file" in problems[0].message


def test_migrate_leaves_a_flow_style_claim_to_the_editor(project_copy):
    written_before_ids(project_copy)
    edit(project_copy, S002, "key_points:\n  - text: >-",
         "key_points:\n  - {text: A point., quote: \"Moscow had every opportunity\"}\n  - text: >-")
    before = (project_copy / S002).read_bytes()
    result = run_cli("migrate", "--root", str(project_copy), cwd=project_copy)
    assert result.returncode == 1
    assert "002_279588a8956d5652.yml: left as it was: line" in result.stderr and "flow style" in result.stderr
    assert (project_copy / S002).read_bytes() == before


def test_the_schemas_and_the_checks_share_one_source_id_rule():
    import json

    from generator.inputs.schema import SCHEMA_DIR
    from generator.model.claim_ids import SOURCE_ID, is_source_id
    schema = json.loads((SCHEMA_DIR / "source.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["source_id"]["pattern"] == f"^{SOURCE_ID.pattern}$"
    assert is_source_id("003_511358f27ee65db5") and is_source_id("a-b_c")
    assert not any(map(is_source_id, ["", "-a", "Ab", "é", "a b", "a" * 101]))
