"""The territory names that bylines and datelines treat as places (generator/inputs/data/territory_names.txt) are babel's,
read from a small file instead of babel's locale data on every run."""

from __future__ import annotations

from generator.inputs.bylines import TERRITORY_NAMES_FILE, is_place, territory_names_from_babel


def test_the_territory_names_file_holds_what_the_pinned_babel_has():
    stored = TERRITORY_NAMES_FILE.read_text(encoding="utf-8").splitlines()
    assert stored == territory_names_from_babel(), (
        "babel's territory names changed (an upgrade?); rewrite the file with: .venv/bin/python -c \"from "
        "generator.inputs.bylines import territory_names_from_babel as n, TERRITORY_NAMES_FILE as f; "
        "f.write_text(chr(10).join(n()) + chr(10), encoding='utf-8')\"")


def test_countries_in_english_and_russian_are_places_and_a_name_is_not():
    for place in ["Kazakhstan", "Казахстан", "Russia", "Россия", "United States", "Turkey", "Bishkek"]:
        assert is_place(place), place
    assert not is_place("Darya Nesterova")
