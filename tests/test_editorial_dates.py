"""A date in an editorial sentence that its evidence only infers is marked "(inferred)" (issue 12).

No template can mark a date inside the editors' own words, so check does: the second
fact-check found "April 2025" and "a 2024 article" in bottom lines without the mark.
"""

from __future__ import annotations

import datetime as dt

from generator.model.dates import PartialDate
from generator.model.editorial_dates import UNMARKED, unmarked_dates
from generator.model.entities import Citation, Event
from tests.helpers import check_problems, edit, position

BRIEFING = "content/briefing.yml"
TAXONOMY = "content/taxonomy.yml"


def event(claim_id: str, date: str, inferred: bool) -> Event:
    from generator.model.entities import Inference

    return Event(claim_id, PartialDate.parse(date), ("kyrgyzstan",), (), "Text.", Citation("s", 1, "q"),
                 (Inference("date", "from the article's date"),) if inferred else ())


def test_a_date_its_evidence_infers_must_carry_the_mark():
    claims = {"s-e1": event("s-e1", "2025-04", inferred=True)}
    assert unmarked_dates("In April 2025 the authorities acted.", ["s-e1"], claims, {}) == ["April 2025"]
    assert unmarked_dates("In April 2025 (inferred) they acted.", ["s-e1"], claims, {}) == []


def test_a_claim_that_states_the_date_covers_it():
    claims = {"s-e1": event("s-e1", "2025-04", inferred=True), "t-e1": event("t-e1", "2025-04-20", inferred=False)}
    assert unmarked_dates("In April 2025 the authorities acted.", ["s-e1", "t-e1"], claims, {}) == []


def test_a_year_inside_a_month_is_that_month_and_one_marked_year_is_enough():
    claims = {"s-e1": event("s-e1", "2024", inferred=True)}
    assert unmarked_dates("After the March 2024 attack.", ["s-e1"], claims, {}) == []
    assert unmarked_dates("An article of 2024 (inferred) counts workers in 2024.", ["s-e1"], claims, {}) == []
    assert unmarked_dates("An article of 2024 counts workers.", ["s-e1"], claims, {}) == ["2024"]


def test_an_unmarked_inferred_date_in_a_bottom_line_is_an_error_at_its_sentence(project_copy):
    edit(project_copy, BRIEFING, "in Osh in April 2025 (inferred) on", "in Osh in April 2025 on")
    found = [p for p in check_problems(project_copy, dt.date(2026, 12, 1)) if p.code == UNMARKED]
    assert len(found) == 1 and found[0].path == BRIEFING and found[0].severity == "error"
    assert "the sentence gives the date April 2025" in found[0].message
    assert "write “April 2025 (inferred)”" in found[0].hint
    text = (project_copy / BRIEFING).read_text(encoding="utf-8")
    sentence_start = text.rfind("- text: >-", 0, text.index("in Osh in April 2025 on"))
    assert (found[0].line, found[0].column) == position(project_copy, BRIEFING, ">-", nth=text[:sentence_start].count(">-") + 1)


def test_the_fixture_corpus_marks_every_such_date(project_copy):
    assert not [p for p in check_problems(project_copy, dt.date(2026, 12, 1)) if p.code == UNMARKED]
