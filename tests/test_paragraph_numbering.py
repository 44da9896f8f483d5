"""The paragraph numbering of every shipped seed is pinned: citations and outside links point at it.

Each seed of seeds/ and of the fixture corpus is read as the build reads it
(load_inputs: its metadata's encoding, the parse rules of this checkout) and each
paragraph's number, heading flag, start line and a digest of its whole text are
compared with tests/golden/paragraphs/<set>/<seed>.paragraphs. A change to the reader,
or an upgrade of a library it uses, that renumbers, splits, merges, moves or
rewrites a paragraph of a shipped seed fails here, naming the seed and paragraph.
A change that is meant (and whose citations were checked) is accepted with:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_paragraph_numbering.py

A seed added to seeds/ later is not pinned until then; its numbering is guarded
at run time by content/paragraphs.yml once it has metadata (tests/test_paragraph_record.py).
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

import pytest

from generator.inputs import reader
from generator.inputs.load import load_inputs
from generator.inputs.paragraph_record import first_words
from generator.common.project import Project
from tests.conftest import CORPUS, ROOT

GOLDEN = ROOT / "tests" / "golden" / "paragraphs"
SETS = {"seeds": ROOT, "corpus": CORPUS}  # golden folder -> project whose seeds/ it pins
SHIPPED_SEEDS = 5  # the seeds the briefing shipped with: pinned in both sets
ACCEPT = "UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_paragraph_numbering.py"


def pin_lines(paragraphs: tuple[reader.Paragraph, ...]) -> list[str]:
    """One line per paragraph: what a citation depends on, and its first words to recognise it in a diff."""
    return [f"p{p.number} {'heading' if p.heading else 'body'} line {p.line} "
            f"sha256:{hashlib.sha256(p.text.encode('utf-8')).hexdigest()[:16]} {first_words(p.text)}"
            for p in paragraphs]


def pin_text(seed: str, paragraphs: tuple[reader.Paragraph, ...]) -> str:
    header = (f"# seeds/{seed} as the generator reads it: number, heading or body, the line it starts on, "
              "SHA-256 of its text (16 hex digits), first words\n")
    return header + "".join(f"{line}\n" for line in pin_lines(paragraphs))


def readings(root: Path) -> dict[str, tuple[reader.Paragraph, ...]]:
    return {name: text.paragraphs for name, text in load_inputs(Project.at(root)).seeds.items()}


@lru_cache(maxsize=None)
def current(set_name: str) -> dict[str, tuple[reader.Paragraph, ...]]:
    return readings(SETS[set_name])


def pins(set_name: str) -> list[Path]:
    return sorted((GOLDEN / set_name).glob("*.paragraphs"))


def pin_differences(pinned: str, seed: str, paragraphs: tuple[reader.Paragraph, ...]) -> str:
    """The first paragraph that is no longer as pinned, or an empty string."""
    expected = [line for line in pinned.splitlines() if not line.startswith("#")]
    actual = pin_lines(paragraphs)
    for number, (old, new) in enumerate(zip(expected, actual), start=1):
        if old != new:
            return f"seeds/{seed}: paragraph {number} was pinned as\n  {old}\nand reads now as\n  {new}"
    if len(expected) != len(actual):
        return f"seeds/{seed}: {len(expected)} paragraphs pinned, {len(actual)} read now"
    return ""


def test_update_golden_pins():
    """With UPDATE_GOLDEN=1, rewrite every pin from the seeds as they read now (and drop pins of seeds gone)."""
    if os.environ.get("UPDATE_GOLDEN") != "1":
        pytest.skip(f"pins are rewritten only on request: {ACCEPT}")
    for set_name in SETS:
        folder = GOLDEN / set_name
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.paragraphs"):
            stale.unlink()
        for seed, paragraphs in readings(SETS[set_name]).items():
            (folder / f"{seed}.paragraphs").write_text(pin_text(seed, paragraphs), encoding="utf-8")


@pytest.mark.parametrize("set_name", sorted(SETS))
def test_the_shipped_seeds_are_pinned(set_name):
    assert len(pins(set_name)) >= SHIPPED_SEEDS, f"tests/golden/paragraphs/{set_name}/ lacks pins; {ACCEPT}"


@pytest.mark.parametrize("pin", [pytest.param(path, id=f"{path.parent.name}/{path.stem}")
                                 for set_name in sorted(SETS) for path in pins(set_name)])
def test_every_paragraph_reads_as_pinned(pin):
    if os.environ.get("UPDATE_GOLDEN") == "1":
        pytest.skip("pins are being rewritten")
    seed, set_name = pin.stem, pin.parent.name
    if seed not in current(set_name) and set_name == "seeds":
        pytest.skip(f"seeds/{seed} was removed from the briefing: nothing to pin")
    assert seed in current(set_name), f"{SETS[set_name].name}/seeds/{seed} is missing or can no longer be read"
    difference = pin_differences(pin.read_text(encoding="utf-8"), seed, current(set_name)[seed])
    assert not difference, (f"{difference}\nCitations and links point at these paragraphs. If the change is meant, "
                            f"check the claims' citations, then accept it: {ACCEPT}")


def merging_first_two(paragraphs_of):
    """A reader change: the first two paragraphs of every seed read as one, the rest renumbered."""
    def merged(lines):
        first, second, *rest = paragraphs_of(lines)
        joined = reader.Paragraph(1, f"{first.text} {second.text}", first.line)
        return (joined, *(reader.Paragraph(p.number - 1, p.text, p.line, p.heading) for p in rest))
    return merged


def test_the_pin_catches_two_paragraphs_read_as_one(monkeypatch):
    """The comparison can fail: a reader that joins the first two paragraphs is caught, at paragraph 1."""
    pinned = {pin.stem: pin.read_text(encoding="utf-8") for pin in pins("corpus")}
    assert not [seed for seed, paragraphs in current("corpus").items()
                if pin_differences(pinned[seed], seed, paragraphs)]
    monkeypatch.setattr(reader, "_paragraphs", merging_first_two(reader._paragraphs))
    for seed, paragraphs in readings(CORPUS).items():
        assert pin_differences(pinned[seed], seed, paragraphs).startswith(
            f"seeds/{seed}: paragraph 1 was pinned as"), seed
