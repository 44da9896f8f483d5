"""`python -m generator build` rebuilds only the pages that changed (generator/engines/incremental.py), and gives
the bytes of a full build; anything that could change other pages makes it a full build; a kill during an
incremental build leaves the previous site/ exactly as it was."""

from __future__ import annotations

import html
import os
import re
import shutil
import signal
import time
from pathlib import Path

import pytest
import yaml

from generator.engines.incremental import output_path, size_warning
from tests.conftest import ROOT
from tests.helpers import S002, SOURCES, add_new_articles, copy_project, edit, forget_sources, run_cli, tree_bytes
from tests.project_state import stray_entries
from tests.test_safety_races import GONE_WITHIN, PAUSING, processes_of, start_build, wait_for_moment

NEWEST = f"{SOURCES}/000_c1a27e0ec5b1e4f9.yml"  # the corpus's newest source (2025; the others 2024 and before)
EVERY_BUILD = ("404.html", "sitemap.xml", "sitemap.xml.gz")  # what MkDocs writes whatever changed


def build(root: Path, *options: str) -> str:
    result = run_cli("build", "--root", str(root), *options, cwd=root)
    assert result.returncode == 0, result.stderr
    # A build that recovered from an error of its own (a copy thread that failed, then a second copy) is right
    # in its output and wrong all the same
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result.stdout


def inodes(folder: Path) -> set[int]:
    return {path.lstat().st_ino for path in folder.rglob("*") if path.is_file()}


def change_the_corpus(root: Path) -> None:
    """Seeds added, a title changed (shown on other pages too), and a source removed."""
    edit(root, S002, "\ntitle: Russian soft power", "\ntitle: Russia's soft power")
    add_new_articles(root)
    for path in ("seeds/001_66304f5fa3b57f47.txt", f"{SOURCES}/001_66304f5fa3b57f47.yml"):
        (root / path).unlink()
    forget_sources(root, "001_66304f5fa3b57f47")


def built_from_scratch(root: Path, target: Path) -> dict[str, bytes]:
    shutil.copytree(root, target, ignore=shutil.ignore_patterns("build", "site"))
    assert "building every page: no record of the last site" in build(target)
    return tree_bytes(target / "site")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The fixture corpus, built once."""
    root = copy_project(tmp_path_factory.mktemp("incremental-build") / "project")
    build(root)
    return root


@pytest.fixture
def project(built, tmp_path) -> Path:
    """A copy of the built corpus, whose next build may be incremental: copied with their times, site/ and build/
    are still what the record describes (as when CI restores them from its cache, tests/test_workflows.py)."""
    root = tmp_path / "project"
    shutil.copytree(built, root, symlinks=True)
    assert "building 0 changed page(s) and file(s), removing 0" in build(root)
    return root


def test_added_changed_and_removed_sources_build_incrementally_to_the_bytes_of_a_full_build(project, tmp_path):
    before = tree_bytes(project / "site")
    change_the_corpus(project)
    said = build(project)
    assert "building " in said and " changed page(s) and file(s), removing " in said, said
    assert tree_bytes(project / "site") == built_from_scratch(project, tmp_path / "fresh")
    # The site replaced, kept until the next build: the staging tree linked its files (engines/site_copy.py), and
    # none was written through
    replaced = project / "build/.site.replaced"
    assert inodes(replaced) & inodes(project / "site"), "unchanged files are links"
    assert tree_bytes(replaced) == before
    written = re.search(r"mkdocs wrote (\d+) file\(s\) for (\d+) changed docs file\(s\)", said)
    assert written and 0 < int(written[1]) <= int(written[2]) + len(EVERY_BUILD), said  # only what changed
    said = build(project)  # nothing changed since
    assert "building 0 changed page(s) and file(s), removing 0" in said
    assert f"mkdocs wrote {len(EVERY_BUILD)} file(s) for 0 changed docs file(s)" in said, said
    assert not (project / "build/.site.pending").exists()
    # The list of changed docs files handed to the hook is gone with the run, not kept in the cache CI saves
    assert stray_entries(project) == [] and not list((project / "build/cache").glob("changed*")), stray_entries(project)


def test_a_source_newer_than_all_others_still_builds_incrementally(tmp_path, monkeypatch):
    """The build date (the newest source's) moves with such a source, as it does with most articles that land; it
    shows in sitemap.xml (with a public address), which every build writes, so the build stays incremental and
    exact. Here the newest source is first undated, then dated."""
    monkeypatch.setenv("BRIEFING_SITE_URL", "https://example.org/briefing/")
    root = copy_project(tmp_path / "project")
    edit(root, NEWEST, '\ndate: "2025"', "\ndate: null")
    build(root)
    assert b"<lastmod>2024-12-31</lastmod>" in (root / "site/sitemap.xml").read_bytes(), "test setup"
    edit(root, NEWEST, "\ndate: null", '\ndate: "2025"')
    said = build(root)
    assert "building " in said and " changed page(s)" in said, said
    assert b"<lastmod>2025-12-31</lastmod>" in (root / "site/sitemap.xml").read_bytes()
    site = tree_bytes(root / "site")
    assert site == built_from_scratch(root, tmp_path / "fresh")
    # A generation that fails after site/ was copied for an incremental build leaves no copy behind.
    edit(root, S002, "\ntitle: ", "\ntitel: ")
    failed = run_cli("build", "--root", str(root), cwd=root)
    assert failed.returncode != 0 and "titel" in failed.stderr
    assert not (root / "build/.site.staging").exists() and tree_bytes(root / "site") == site


@pytest.mark.parametrize(
    ("change", "because"),
    [
        (lambda root: edit(root, "mkdocs.yml", "site_description: ", "site_description: Now "), "configuration"),
        (lambda root: (root / "overrides/main.html").write_text(
            (root / "overrides/main.html").read_text(encoding="utf-8") + "\n", encoding="utf-8"), "theme"),
        (lambda root: (root / "content/pages/glossary.md").write_text("# Glossary\n\nTerms.\n", encoding="utf-8"),
         "navigation"),  # a new page in the navigation, which every page shows
    ],
)
def test_a_change_beyond_the_pages_builds_everything(project, change, because, tmp_path):
    change(project)
    if because == "theme":  # site/ is copied for an incremental build before it is known that it is not one
        (project / "site/.left-over").write_text("a hidden file of the old site only", encoding="utf-8")
    said = build(project)
    assert "building every page: the configuration, navigation, theme, code or engine changed" in said, because
    if because == "theme":  # the full build keeps nothing of that copy
        assert tree_bytes(project / "site") == built_from_scratch(project, tmp_path / "fresh")


def test_full_asks_for_a_full_build(project):
    assert "building every page: asked for a full build" in build(project, "--full")


def test_a_site_built_by_anything_else_is_built_again_in_full(project):
    (project / "site/.briefing-generated").write_bytes((project / "site/.briefing-generated").read_bytes())
    assert "building every page: site/ is not the one the last build made" in build(project)


@pytest.mark.parametrize(
    ("docs", "site"),
    [("index.md", "index.html"), ("sources/x.md", "sources/x/index.html"), ("countries/index.md",
     "countries/index.html"), ("feeds/all.xml", "feeds/all.xml"), ("assets/briefing.css", "assets/briefing.css")],
)
def test_each_docs_file_has_one_output(docs, site):
    assert output_path(docs) == site


def test_a_kill_during_an_incremental_build_leaves_the_previous_site_as_it_was(project, tmp_path):
    before = tree_bytes(project / "site")
    change_the_corpus(project)
    pausing = tmp_path / "pausing"
    pausing.mkdir()
    (pausing / "sitecustomize.py").write_text(PAUSING, encoding="utf-8")
    report, log = tmp_path / "reached", tmp_path / "killed.log"
    killed = start_build(project, log, PAUSE_AT="mkdocs", PAUSE_REPORT=str(report),
                         PYTHONPATH=f"{pausing}{os.pathsep}{ROOT}")
    wait_for_moment(report, killed, log)  # the changed pages are renamed into the staging tree, not yet indexed
    assert "changed page(s) and file(s)" in log.read_text()
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    time.sleep(GONE_WITHIN)
    assert processes_of(project) == []
    assert tree_bytes(project / "site") == before  # no file of the live site was written through
    said = build(project)
    assert "building every page" in said or "changed page(s)" in said
    assert tree_bytes(project / "site") == built_from_scratch(project, tmp_path / "fresh")


def test_build_warns_as_the_site_nears_what_github_pages_publishes(tmp_path):
    site = tmp_path / "site"
    (site / "sources/a").mkdir(parents=True)
    (site / "sources/a/index.html").write_bytes(b"x" * 900)
    (site / "index.html").write_bytes(b"x" * 100)
    assert size_warning(site, limit=2000) is None  # 50 %
    (site / "sources/b.html").write_bytes(b"x" * 700)
    warning = size_warning(site, limit=2000)  # 85 %
    assert warning and "85 % of the 2e-06 GB that GitHub Pages publishes" in warning
    assert "Where a briefing goes next" in warning


def test_each_section_index_is_named_in_the_navigation_as_its_page_is_titled(built):
    """The navigation names a section's index page (else a dirty build links to it as "None"); the name it
    gives wins over the page's own title, so the two must agree."""
    nav = yaml.safe_load((built / "mkdocs.generated.yml").read_text(encoding="utf-8"))["nav"]
    indexes = [next(iter(items[0].items())) for section in nav for items in section.values()
               if isinstance(items, list) and isinstance(items[0], dict) and "index.md" in str(items[0])]
    assert {path for _, path in indexes} >= {"countries/index.md", "themes/index.md", "sources/index.md"}
    for title, path in indexes:
        front = (built / "build/docs" / path).read_text(encoding="utf-8").split("---\n")[1]
        assert yaml.safe_load(front)["title"] == html.unescape(title), path


class FakeDistribution:
    def __init__(self, name: str, version: str, location: Path) -> None:
        self.metadata = {"Name": name}
        self.version = version
        self.location = location

    def locate_file(self, path: str) -> Path:
        return self.location / path


def test_the_build_key_counts_installed_packages_but_not_the_generators_own_checkout(monkeypatch, tmp_path):
    """`python -m` puts the current folder on the path: from the repository's root, an .egg-info there is seen
    as a package, from elsewhere not, and the same project would build in full for nothing."""
    from generator.engines import incremental

    packages = [FakeDistribution("mkdocs", "1.6.1", tmp_path / "site-packages")]
    monkeypatch.setattr(incremental.metadata, "distributions", lambda: iter(packages))
    elsewhere = incremental.installed_packages()
    packages.append(FakeDistribution("central-asia-briefing", "0.1.0", ROOT))
    assert incremental.installed_packages() == elsewhere == ["mkdocs=1.6.1"]
    packages.append(FakeDistribution("jinja2", "3.1.6", tmp_path / "site-packages"))
    assert incremental.installed_packages() == ["jinja2=3.1.6", "mkdocs=1.6.1"]
