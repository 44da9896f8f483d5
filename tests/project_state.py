"""What a project holds after builds: shared by the race tests and the soak run (bench/soak.py)."""

from __future__ import annotations

from pathlib import Path

PROJECT_PARTS = ("seeds", "content", "mkdocs.yml", "overrides", "hooks")
EXPECTED_BUILD_ENTRIES = {"cache", "docs", "run.lock", ".site.replaced", ".docs.spare"}


def stray_entries(root: Path) -> list[str]:
    """Anything in the project that neither its inputs nor a finished build account for."""
    expected = set(PROJECT_PARTS) | {"build", "site", "mkdocs.generated.yml"}  # the last: render/site_config.py
    stray = sorted(p.name for p in root.iterdir() if p.name not in expected)
    if (root / "build").is_dir():
        stray += sorted(f"build/{p.name}" for p in (root / "build").iterdir() if p.name not in EXPECTED_BUILD_ENTRIES)
    return stray
