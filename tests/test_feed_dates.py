"""Feeds never invent dates: added: and changed: in the metadata, their checks, the migrate back-fill, and the
public Corrections and updates page."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from dataclasses import replace

import feedparser
import pytest
import yaml

from generator.render import feeds
from generator.pipeline import build_model
from generator.model.changes import Stamp
from generator.model.dates import newest
from generator.cli import main
from generator.editors.migrate import migrate_file
from generator.editors.newseed import write_draft
from generator.pipeline import generate
from generator.common.project import Project
from tests.helpers import (S000, S001, S003, S004, add_new_articles, at, check_problems, copy_project, edit, renderer,
                           feed_times, position, recorded_feed_times, run_cli)

ADDED_LINE = 'added: "2026-11-22T00:02:19Z"  # when the file was first committed (python -m generator migrate)\n'
TODAY = dt.date(2026, 12, 1)
CHANGED_BLOCK = re.compile(r"^( *)changed:\n(?:\1  .*\n)+", re.M)  # a changed: list with all its lines


@pytest.fixture(scope="module")
def corpus_plus_new(tmp_path_factory):
    """The fixture corpus with the new articles (a reviewed one with a stated day, a seed without metadata), generated."""
    root = copy_project(tmp_path_factory.mktemp("feed-dates") / "project")
    added = add_new_articles(root)
    return root, added, generate(root, today=TODAY).nav


def checked(root):
    """The briefing of a project (None when it has errors) and every problem check finds in it."""
    return build_model(Project.at(root), TODAY)


def corrections_page(root) -> str:
    briefing, problems = checked(root)
    assert briefing is not None, [p.format_text() for p in problems]
    return renderer(briefing).corrections()


# --- the feeds ----------------------------------------------------------------------------------------

def test_every_feed_gives_each_source_its_recorded_times_and_nothing_else(corpus_plus_new):
    root, added, _ = corpus_plus_new
    seen, problems = feed_times(root / "build/docs/feeds")
    assert not problems, problems
    expected = recorded_feed_times(root)
    assert all(len(times) == 1 for times in seen.values()), {k: v for k, v in seen.items() if len(v) > 1}
    assert {source_id: {times} for source_id, times in expected.items() if times[0]} == seen
    # The seed without metadata has no entry; the reviewed new article states its day, so it is published.
    unreviewed = [name.removesuffix(".txt") for name in added if "unreviewed" in name]
    assert unreviewed and not set(unreviewed) & set(seen)
    assert seen["test-ru-agency-report"] == {("2026-12-01T15:47:31Z", "2025-11-24T00:00:00Z")}
    # A year or a month alone, or an inferred day, is never published.
    assert seen["000_c1a27e0ec5b1e4f9"] == {("2026-12-01T00:00:00Z", None)}  # dated 2025; corrected 1 December
    assert seen["004_6240f0bb353a09c8-08"] == {("2026-12-01T00:00:00Z", None)}
    assert seen["002_279588a8956d5652"] == {("2026-11-22T00:02:19Z", "2022-12-23T00:00:00Z")}


def test_the_latest_recorded_comes_first(corpus_plus_new):
    root, _, _ = corpus_plus_new
    entries = feedparser.parse((root / "build/docs/feeds/all.xml").read_bytes()).entries
    order = [entry.id.rsplit("/", 1)[1] for entry in entries]
    assert order[:4] == ["test-ru-agency-report", "000_c1a27e0ec5b1e4f9", "003_511358f27ee65db5",
                         "004_6240f0bb353a09c8-08"]


def test_old_metadata_without_added_is_named_by_check_and_kept_out_of_the_feeds(project_copy):
    edit(project_copy, S001, ADDED_LINE, "")
    briefing, problems = checked(project_copy)
    problems = [p for p in problems if p.code == "no-added"]
    assert len(problems) == 1 and problems[0].severity == "warning" and problems[0].path == S001
    assert (problems[0].line, problems[0].column) == position(project_copy, S001, "seed:")
    assert "does not say when it was added to the briefing, so the source is left out of the feeds" in problems[0].message
    assert "run python -m generator migrate" in problems[0].hint
    seen, _ = feed_times(feeds.feed_files(briefing, None))
    assert "001_66304f5fa3b57f47" not in seen and "002_279588a8956d5652" in seen


@pytest.mark.parametrize("review, severity", [("reviewed", "error"), ("draft", "warning")])
def test_a_change_dated_before_the_source_was_added_is_reported_at_its_place(project_copy, review, severity):
    edit(project_copy, S003, 'changed:\n  - date: "2026-12-01"', 'changed:\n  - date: "2026-11-02"')
    edit(project_copy, S003, "review: reviewed", f"review: {review}")
    problems = at(check_problems(project_copy, TODAY), S003, *position(project_copy, S003, '"2026-11-02"'))
    assert [(p.severity, p.message) for p in problems] == [
        (severity, "the change is dated 2026-11-02, before the source was added to the briefing (2026-11-22T00:02:19Z)")]


def test_a_record_in_the_future_or_impossible_is_an_error_at_its_place(project_copy):
    edit(project_copy, S003, 'changed:\n  - date: "2026-12-01"', 'changed:\n  - date: "2026-12-02T09:00:00Z"')
    edit(project_copy, S000, 'added: "2026-11-22T00:02:19Z"', 'added: "2026-02-30T00:02:19Z"')
    problems = check_problems(project_copy, TODAY)
    future = at(problems, S003, *position(project_copy, S003, '"2026-12-02T09:00:00Z"'))
    assert [p.message for p in future] == ["the date 2026-12-02T09:00:00Z is in the future (today is 2026-12-01)"]
    impossible = at(problems, S000, *position(project_copy, S000, '"2026-02-30T00:02:19Z"'))
    assert len(impossible) == 1 and impossible[0].severity == "error" and "day is out of range" in impossible[0].message


def test_a_briefing_correction_about_an_unknown_page_is_an_error(project_copy):
    edit(project_copy, "content/briefing.yml", "about: azerbaijan", "about: azerbaijian")
    problems = at(check_problems(project_copy, TODAY), "content/briefing.yml",
                  *position(project_copy, "content/briefing.yml", "azerbaijian"))
    assert [p.message for p in problems] == ["unknown country or theme 'azerbaijian'"]


# --- the Corrections and updates page and the source pages -----------------------------------------------

def test_the_corrections_page_lists_every_change_newest_first_with_its_page(corpus_plus_new):
    root, _, _ = corpus_plus_new
    page = (root / "build/docs/corrections.md").read_text(encoding="utf-8")
    lines = [line for line in page.splitlines() if line.startswith("- **")]
    documents = [yaml.safe_load((root / path).read_text(encoding="utf-8")) for path in (S000, S003, S004)]
    changes = (documents[0]["changed"] + documents[1]["changed"] + documents[2]["items"][7]["changed"]
               + yaml.safe_load((root / "content/briefing.yml").read_text(encoding="utf-8"))["changed"])
    assert len(lines) == len(changes) == 6
    assert all(line.startswith('- **<time datetime="2026-12-01">1 December 2026</time>** · ') for line in lines)
    assert lines[0].startswith('- **<time datetime="2026-12-01">1 December 2026</time>** · Country: '
                               '[Kyrgyzstan](countries/kyrgyzstan.md): The reading that Kyrgyzstan')  # as written
    assert ("Source: [Central Asia Pushes Back Against Russian Soft-Power]"
            "(sources/000_c1a27e0ec5b1e4f9.md#corrections-and-updates): The article&#39;s date was corrected") in lines[2]
    assert "(sources/004_6240f0bb353a09c8-08.md#corrections-and-updates)" in lines[5]


def test_newer_changes_come_first_and_a_time_is_shown_in_utc(project_copy):
    edit(project_copy, S003, 'changed:\n  - date: "2026-12-01"', 'changed:\n  - date: "2026-11-30T23:59:00Z"')
    page = corrections_page(project_copy)
    assert page.rindex("1 December 2026</time>") < page.index(
        '<time datetime="2026-11-30T23&#58;59&#58;00Z">30 November 2026, 23&#58;59 UTC</time>')


def test_without_any_change_the_page_says_so(project_copy):
    for path in (S000, S003, S004, "content/briefing.yml"):
        text = (project_copy / path).read_text(encoding="utf-8")
        (project_copy / path).write_text(CHANGED_BLOCK.sub("", text), encoding="utf-8")
    assert "changed:" not in (project_copy / S004).read_text(encoding="utf-8")
    page = corrections_page(project_copy)
    assert "No correction or update has been made to anything the briefing published so far." in page
    assert "- **" not in page


def test_a_source_page_shows_its_own_corrections_and_when_it_was_added(corpus_plus_new):
    root, _, _ = corpus_plus_new
    page = (root / "build/docs/sources/000_c1a27e0ec5b1e4f9.md").read_text(encoding="utf-8")
    assert ("| Added to the briefing | <time datetime=\"2026-11-22T00&#58;02&#58;19Z\">22 November 2026, 00&#58;02 UTC"
            "</time> · [corrected or updated since](#corrections-and-updates) |") in page
    section = page.split("## Corrections and updates { #corrections-and-updates }\n", 1)[1].split("\n## ", 1)[0]
    assert "[Corrections and updates](../corrections.md)" in section
    assert section.count("- **<time datetime=\"2026-12-01\">1 December 2026</time>**: ") == 2
    untouched = (root / "build/docs/sources/001_66304f5fa3b57f47.md").read_text(encoding="utf-8")
    assert "## Corrections and updates" not in untouched and "| Added to the briefing |" in untouched
    automatic = [p for p in (root / "build/docs/sources").glob("*unreviewed*.md")]
    assert automatic and "Added to the briefing" not in automatic[0].read_text(encoding="utf-8")


def test_the_page_is_in_the_navigation_and_the_method_page_links_it(corpus_plus_new):
    root, _, nav = corpus_plus_new
    assert ("Corrections and updates", "corrections.md") in dict((e[0], e) for e in nav)["About"][2]
    assert "[Corrections and updates](corrections.md)" in (root / "content/pages/method.md").read_text(encoding="utf-8")


def test_the_data_downloads_give_added_and_last_changed(corpus_plus_new):
    root, _, _ = corpus_plus_new
    items = {i["id"]: i for i in json.loads((root / "build/docs/data/sources.json").read_text())["items"]}
    assert (items["000_c1a27e0ec5b1e4f9"]["added"], items["000_c1a27e0ec5b1e4f9"]["last_changed"]) == (
        "2026-11-22T00:02:19Z", "2026-12-01")
    assert items["001_66304f5fa3b57f47"]["last_changed"] is None
    assert [(i["added"], i["last_changed"]) for i in items.values() if i["review"] == "automatic"] == [(None, None)]


# --- stamps ---------------------------------------------------------------------------------------------

def test_stamps_keep_what_is_known_and_no_more():
    day, time = Stamp.parse("2026-12-01"), Stamp.parse("2026-11-20T14:03:11Z")
    assert (day.iso, day.human, day.atom) == ("2026-12-01", "1 December 2026", "2026-12-01T00:00:00Z")
    assert (time.iso, time.human, time.atom) == ("2026-11-20T14:03:11Z", "20 November 2026, 14:03 UTC",
                                                 "2026-11-20T14:03:11Z")
    assert newest([time, day, None]) == day
    assert newest([Stamp.parse("2026-12-01T00:00:00Z"), day]).time == (0, 0, 0)  # the exact time wins the tie
    assert Stamp.from_git("2026-11-22T01:02:19+01:00").iso == "2026-11-22T00:02:19Z"
    for wrong in ("2026-12", "2026-12-01T14:03Z", "2026-12-01 14:03:11", "2026-02-29"):
        with pytest.raises(ValueError):
            Stamp.parse(wrong)


# --- new and migrate ----------------------------------------------------------------------------------

def test_new_writes_when_the_draft_entered_the_briefing(project_copy):
    (project_copy / S003).unlink()
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    write_draft(Project.at(project_copy), project_copy / "seeds/003_511358f27ee65db5.txt", project_copy / S003)
    after = dt.datetime.now(dt.timezone.utc)
    added = yaml.safe_load((project_copy / S003).read_text(encoding="utf-8"))["added"]
    assert before <= dt.datetime.strptime(added, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc) <= after


def git(root, *args, date="2026-11-20T15:03:11+01:00"):
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "Editor",
           "GIT_AUTHOR_EMAIL": "editor@example.org", "GIT_COMMITTER_NAME": "Editor",
           "GIT_COMMITTER_EMAIL": "editor@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


@pytest.fixture
def old_metadata_in_git(tmp_path):
    """A project in git whose metadata predates added:, committed on 20 November 2026 at 15:03:11 (+01:00), one file
    edited and committed again later, and one file never committed."""
    root = copy_project(tmp_path / "project")
    for path in (root / "content/sources").glob("*.yml"):
        path.write_text(path.read_text(encoding="utf-8").replace(ADDED_LINE, ""), encoding="utf-8")
    uncommitted = root / S004
    kept = uncommitted.read_text(encoding="utf-8")
    uncommitted.unlink()
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    edit(root, S001, "review: reviewed\n", "review: reviewed\n# a comment an editor wrote\n")
    git(root, "commit", "-q", "-am", "second", date="2026-11-28T10:00:00+00:00")
    uncommitted.write_text(kept, encoding="utf-8")
    return root


def test_migrate_back_fills_added_from_the_first_commit_keeping_everything_else(old_metadata_in_git, capsys):
    root = old_metadata_in_git
    before = (root / S001).read_text(encoding="utf-8")
    result = run_cli("migrate", "--root", str(root), cwd=root)
    assert f"{S001}: added: 2026-11-20T14:03:11Z (the file's first commit)" in result.stdout
    after = (root / S001).read_text(encoding="utf-8")
    assert after == before.replace("review: reviewed\n", 'added: "2026-11-20T14:03:11Z"  # when the file was first '
                                   "committed (python -m generator migrate)\nreview: reviewed\n", 1)
    assert "# a comment an editor wrote\n" in after
    # The file never committed gets nothing, and the run says so and fails.
    assert result.returncode == 1
    assert (f"{S004}: no added: written: the file has not been committed yet; commit the file and run migrate "
            "again, or write added: by hand") in result.stderr
    assert "added:" not in (root / S004).read_text(encoding="utf-8")
    # The result is valid and dates the feeds; the uncommitted file is named by check and has no entry.
    briefing, problems = checked(root)
    assert briefing is not None and [p.path for p in problems if p.code == "no-added"] == [S004]
    seen, _ = feed_times(feeds.feed_files(briefing, None))
    assert seen["001_66304f5fa3b57f47"] == {("2026-11-20T14:03:11Z", None)}
    assert "004_6240f0bb353a09c8" not in seen and "004_6240f0bb353a09c8-08" not in seen
    # Once written, added: stays: a second run changes nothing.
    written = (root / S001).read_bytes()
    capsys.readouterr()
    assert main(["migrate", "--root", str(root)]) == 1  # still the uncommitted file
    assert "added:" not in capsys.readouterr().out
    assert (root / S001).read_bytes() == written


def test_migrate_writes_nothing_outside_git(tmp_path):
    root = copy_project(tmp_path / "project")
    edit(root, S001, ADDED_LINE, "")
    before = (root / S001).read_bytes()
    migration = migrate_file(root / S001)
    assert migration.added is None and (root / S001).read_bytes() == before
    assert migration.not_added == ("the project is not a git repository, so the day the file was first committed "
                                   "is unknown")


def test_only_a_day_the_text_states_is_published():
    from generator.model.dates import PartialDate
    from generator.model.entities import Inference, Source

    stated = Source(id="s", seed="s.txt", title="S", publisher=None, author=None, url=None,
                    date=PartialDate(2024, 6, 3), quality="clean", review="reviewed", countries=(), themes=(),
                    summary="S.", paragraphs=(), added=Stamp(2026, 11, 22))
    assert feeds.published(stated) == "2024-06-03T00:00:00Z"
    for other in (replace(stated, inferred=(Inference("date", "From the text."),)),
                  replace(stated, inferred=(Inference("date", "Reported elsewhere.", ("x",)),)),
                  replace(stated, date=PartialDate(2024, 6)), replace(stated, date=PartialDate(2024)),
                  replace(stated, date=None)):
        assert feeds.published(other) is None, other.date
