"""A date the text does not state in full is marked wherever it is shown: listings, last updated, charts, data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from generator.pipeline import generate

OUTSIDE_DATED = "000_c1a27e0ec5b1e4f9"  # its date rests on cited outside reporting
STATED = "002_279588a8956d5652"  # its text carries its date


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    from tests.helpers import copy_project

    root = copy_project(tmp_path_factory.mktemp("marks") / "project")
    generate(root, out_dir=root / "out", today=dt.date.today())
    return root / "out"


def read(docs, path: str) -> str:
    return (docs / path).read_text(encoding="utf-8")


def test_source_listings_mark_inferred_dates_and_only_those(docs):
    # | [title](<id>.md) | date | publisher | text |
    rows = {line.split("](")[1].split(".md)")[0]: line for line in read(docs, "sources/index.md").splitlines()
            if line.startswith("| [") and ".md)" in line}
    assert rows[OUTSIDE_DATED].split(" | ")[1] == "2025 (inferred)"
    assert rows[STATED].split(" | ")[1] == "23 December 2022"


def test_last_updated_says_when_its_date_is_inferred(docs):
    home = read(docs, "index.md")
    # the article of "2025" may be newer than its event of 22 April 2025: the page claims no more than the year
    assert 'Last updated <time datetime="2025">2025</time> (inferred) (the newest source or event)' in home


def test_chart_labels_mark_inferred_periods(docs):
    page = read(docs, "themes/public-opinion.md")
    # every period of each chart is inferred: its subtitle says so once, after the unit
    assert "Per cent, 2022, date of the poll not given &#40;inferred&#41;" in page
    assert "Per cent, date of the poll not given, before June 2024" in page
    assert "Kyrgyzstan&#58; 70&#37; &#40;period inferred&#41;" in page and "Kyrgyzstan&#58; 49&#37; &#40;period inferred&#41;" in page


def test_the_data_give_the_basis_of_every_date(docs):
    sources = {item["id"]: item for item in json.loads(read(docs, "data/sources.json"))["items"]}
    assert sources[OUTSIDE_DATED]["date_basis"] == "outside" and sources[STATED]["date_basis"] == "stated"
    undated = [item for item in sources.values() if item["date"] is None]
    assert undated and all(item["date_basis"] is None for item in undated)
    events = list(csv.DictReader(io.StringIO(read(docs, "data/events.csv"))))
    assert {row["date_basis"] for row in events} == {"stated", "inferred", "outside"}
    figures = json.loads(read(docs, "data/figures.json"))["items"]
    assert all(item["as_of_basis"] in ("stated", "inferred", "outside") for item in figures)
    assert any(item["as_of_basis"] == "inferred" for item in figures)


def test_a_reading_whose_period_rests_only_on_inferred_dates_says_so(docs):
    """Kyrgyzstan's April 2025 reading cites an arrest dated from other reporting; Kazakhstan's 2022 reading
    cites claims of an article that states its year."""
    kyrgyzstan = read(docs, "countries/kyrgyzstan.md")
    assert "▲ Growing</span> as of April 2025 (inferred): " in kyrgyzstan
    kazakhstan = read(docs, "countries/kazakhstan.md")
    assert "▲ Growing</span> as of 2022: " in kazakhstan
    home = read(docs, "index.md")
    assert "▲ Growing</span> (April 2025, inferred)" in home and "▲ Growing</span> (2022) " in home
