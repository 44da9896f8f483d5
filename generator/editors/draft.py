"""Write a draft metadata file for a seed nobody has described yet.

The draft holds what detection found, with its evidence as comments, so that an
editor starts from something checked against the taxonomy rather than a blank
page. It is marked review: draft until an editor has gone through it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.inputs.seed_text import RemovedLine
from generator.model.changes import Stamp
from generator.model.dates import PartialDate
from generator.model.detect import Detection, Mention
from generator.model.detected import detected_fields, placeholder_title


def draft_yaml(
    seed_name: str,
    detection: Detection,
    first_paragraph: str,
    now: dt.datetime,
    url: str | None = None,
    language: str | None = None,
    removed: Iterable[RemovedLine] = (),
) -> str:
    """The text of content/sources/<seed>.yml for a seed, as a draft written at now (added:, in UTC), with the
    address the page states for itself, the language its text reads as and the lines set aside as furniture."""
    now = now.astimezone(dt.UTC)
    today = now.date()
    env = Environment(
        loader=PackageLoader("generator.editors", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["q"] = lambda value: json.dumps(value, ensure_ascii=False)  # JSON strings are YAML strings
    env.filters["evidence"] = evidence
    latest = detection.date.latest_day() if detection.date else today.timetuple()[:3]
    return env.get_template("draft.yml.j2").render(
        seed=seed_name,
        added=Stamp(now.year, now.month, now.day, (now.hour, now.minute, now.second)).iso,
        detection=detection,
        title=detection.title or placeholder_title(first_paragraph),
        guessed=list(detected_fields(detection)),
        events=[c for c in detection.events if c.countries and _not_after(c.date, latest)],
        loose_events=[c for c in detection.events if not c.countries or not _not_after(c.date, latest)],
        figures=detection.figures,
        url=url,
        language=language,
        removed=removed,
    )


def _not_after(date: PartialDate | None, latest: tuple[int, int, int]) -> bool:
    return date is not None and date.earliest_day() <= latest


def evidence(mention: Mention) -> str:
    places = ", ".join(f"¶{n}" for n in mention.paragraphs) or "the title"
    return f"{mention.count}× in {places} ({', '.join(mention.names) or 'title'})"
