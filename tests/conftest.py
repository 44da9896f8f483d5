"""Shared fixtures: the real project, and throwaway copies of it to break."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ["seeds", "content", "mkdocs.yml", "hooks", "overrides"]


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project's inputs that a test may change freely."""
    from tests.helpers import copy_project  # helpers imports this module: import it late

    return copy_project(tmp_path / "project")
