"""A Markdown summary of what a change brings, for CI job summaries and reviewers."""

from __future__ import annotations

from generator.model.briefing import Briefing
from generator.model.entities import Source


def ci_summary(briefing: Briefing, new_seed_names: list[str]) -> str:
    by_seed: dict[str, list[Source]] = {}
    for source in briefing.sources:
        by_seed.setdefault(source.seed, []).append(source)
    unreviewed = [s for s in briefing.sources if s.review != "reviewed"]
    lines = [
        f"## {briefing.title}",
        "",
        f"{len(briefing.sources)} sources, {len(briefing.events)} events, {len(briefing.figures)} figures.",
        "",
    ]
    lines += [f"### New seeds ({len(new_seed_names)})", ""]
    lines += [_row(name, by_seed.get(name, [])) for name in new_seed_names] or ["None."]
    lines += ["", f"### Unreviewed sources ({len(unreviewed)})", ""]
    lines += [f"- `{s.seed}`: {_plain(s.title)} ({s.review})" for s in unreviewed] or [
        "None: every source is reviewed."
    ]
    return "\n".join(lines) + "\n"


def _row(seed_name: str, sources: list[Source]) -> str:
    if not sources:
        return f"- `{seed_name}`: not published (see the check output)"
    main = sources[0]
    countries = ", ".join(main.countries) or "none detected"
    return f"- `{seed_name}`: {_plain(main.title)} ({main.review}; countries: {countries})"


def _plain(text: str) -> str:
    """Titles come from seeds: keep Markdown and HTML out of the summary."""
    return "".join(c if c.isalnum() or c in " ,.'’-:;?!()" else " " for c in text).strip()
