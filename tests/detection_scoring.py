"""Scoring country and theme detection against labelled articles: shared by the detection tests and
`make detection-quality` / `make arrival-quality` (bench/)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.inputs.reader import read_seed
from generator.model.detect import Detector
from generator.model.entities import Term

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests/fixtures/detection"


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    def add(self, found: set[str], wanted: set[str]) -> None:
        self.true_positives += len(found & wanted)
        self.false_positives += len(found - wanted)
        self.false_negatives += len(wanted - found)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0


def detector(root: Path = ROOT) -> Detector:
    taxonomy = yaml.safe_load((root / "content/taxonomy.yml").read_text(encoding="utf-8"))

    def terms(key: str, kind: str) -> list[Term]:
        return [
            Term(t["slug"], t["name"], t["description"], tuple(t.get("aliases", ())), kind=kind) for t in taxonomy[key]
        ]

    return Detector(terms("countries", "country"), terms("themes", "theme"))


def labelled_folder(folder: Path) -> list[tuple[str, bytes, dict]]:
    labels = yaml.safe_load((folder / "labels.yml").read_text(encoding="utf-8"))
    return [(name, (folder / name).read_bytes(), label) for name, label in sorted(labels.items())]


def curated_seeds(root: Path = ROOT) -> list[tuple[str, bytes, dict]]:
    cases = []
    for meta_path in sorted((root / "content/sources").glob("*.yml")):
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        if meta["quality"] != "listing":  # a listing's labels are the union of its teasers
            cases.append((meta["seed"], (root / "seeds" / meta["seed"]).read_bytes(), meta))
    return cases


def evaluate(cases, found_by: Detector) -> dict[str, Score]:
    scores = {"countries": Score(), "themes": Score()}
    for _, data, label in cases:
        detection = found_by.detect(read_seed(data))
        for kind, score in scores.items():
            score.add(set(detection.accepted(kind)), set(label.get(kind) or ()))
    return scores
