"""A date shown as stated is in the text; one the text does not give carries its basis (issue 12, part 5)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from generator.model.dates import PartialDate
from generator.model.stated_dates import STATED_DATES, stated_in
from tests.helpers import S002, check_problems, edit, position

E1_BASIS = '''    inferred:
      date: >-
        The article says only "In October"; the year 2022 follows from the
        article's date (2022-12-23) and its account of the year since the
        invasion.
'''


@pytest.mark.parametrize("date, text, stated", [
    ("2022", "In 2022 trade grew.", True),
    ("2022-10", "In October, Kyrgyzstan cancelled exercises.", False),  # no year
    ("2022-10", "In October 2022, Kyrgyzstan cancelled exercises.", True),
    ("2022-10", "In Oct. 2022 it ended.", True),
    ("2022-12-23", "Published December 23, 2022.", True),
    ("2022-12-23", "Published 23rd December 2022.", True),
    ("2022-12-23", "Published 2022-12-23.", True),
    ("2022-12-23", "Published 23.12.2022.", True),
    ("2022-12-23", "Published in December 2022.", False),  # the day is not given
    ("2025-11-23", "В Бишкеке 23 ноября 2025 года начал работу центр.", True),
    ("2025-11-23", "В Бишкеке 23 ноября начал работу центр.", False),  # no year
    ("2025-05", "В мае 2025 года.", True),
    ("2024", "In 20245 units.", False),
])
def test_a_date_is_stated_only_to_the_precision_the_text_gives(date, text, stated):
    assert stated_in(PartialDate.parse(date), text) is stated


def test_an_event_date_its_paragraph_does_not_give_needs_its_basis(project_copy):
    edit(project_copy, S002, E1_BASIS, "")  # "In October": the year is not in the paragraph
    line, column = position(project_copy, S002, '"2022-10"')
    found = [p for p in check_problems(project_copy, dt.date(2026, 12, 1)) if p.code == STATED_DATES]
    assert [(p.path, p.line, p.column, p.severity) for p in found] == [(S002, line, column, "error")]
    assert found[0].message == "the date 2022-10 is not in its paragraph, so pages would show it as stated"
    assert "add under inferred: a date:" in found[0].hint


def test_in_a_draft_it_is_a_warning(project_copy):
    edit(project_copy, S002, E1_BASIS, "")
    edit(project_copy, S002, "review: reviewed", "review: draft")
    found = [p for p in check_problems(project_copy, dt.date(2026, 12, 1)) if p.code == STATED_DATES]
    assert [p.severity for p in found] == ["warning"]


def test_a_source_date_the_article_does_not_give_needs_its_basis(project_copy):
    edit(project_copy, S002, 'date: "2022-12-23"', 'date: "2022-12-22"')
    found = [p for p in check_problems(project_copy, dt.date(2026, 12, 1)) if p.code == STATED_DATES]
    assert [(p.path, p.line) for p in found] == [(S002, position(project_copy, S002, 'date: "2022-12-22"')[0])]


def test_looking_first_where_the_date_is_likely_gives_the_same_answer():
    """Whether the text states the date does not depend on where the search looks first (an article's
    dateline, after its paragraphs): random texts of dates' pieces, looked at from every line's start."""
    pieces = ["23", "3", "December", "Dec.", "декабря", "2022", "12", "/", ".", "-", "rd", " ", "\n", "x", "In"]
    dates = [PartialDate.parse(d) for d in ("2022", "2022-12", "2022-12-23", "2022-12-03", "2023-12")]
    rng = random.Random(17)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        date = rng.choice(dates)
        starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
        assert {stated_in(date, text, start) for start in starts} == {stated_in(date, text)}, (date, text)
