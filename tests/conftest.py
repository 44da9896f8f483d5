"""Shared fixtures: throwaway copies of a project to build and break.

Tests of the generator run on the fixture corpus (tests/fixtures/corpus/: seeds/
and content/ frozen as the five seeds were), so their exact expectations hold
whatever articles editors add to the shipped seeds/ and content/. Only
tests/test_content.py and tests/browser/test_shipped_content.py read the shipped
content, and they check properties that hold for any valid content.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
CONTENT_PARTS = ["seeds", "content"]  # from the corpus a copy is made of
CHECKOUT_PARTS = ["mkdocs.yml", "hooks", "overrides"]  # always from this checkout: the code that builds the site


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the fixture corpus, with this checkout's configuration, that a test may change freely."""
    from tests.helpers import copy_project  # helpers imports this module: import it late

    return copy_project(tmp_path / "project")
