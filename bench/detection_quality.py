"""Precision and recall of country and theme detection against labelled articles.

Usage: python -m bench.detection_quality     (or: make detection-quality)

Three sets: the shipped seeds with their curated metadata (the detector was tuned
on these), the traps in tests/fixtures/detection/traps/ (menus naming every
country, passing mentions), and tests/fixtures/detection/heldout/, written and
labelled by someone who never saw the detector, heldout2 (written later) and
dev-themes (short English and Russian articles labelled before theme detection
was last tuned). All three have since been used to develop the detector.
"""

from __future__ import annotations

import sys

from generator.inputs.reader import read_seed
from generator.model.detect import Detector
from tests.detection_scoring import FIXTURES, curated_seeds, detector, evaluate, labelled_folder


def report(name: str, cases, found_by: Detector) -> str:
    scores = evaluate(cases, found_by)
    parts = [
        f"{kind}: precision {s.precision:.2f}, recall {s.recall:.2f} "
        f"(tp {s.true_positives}, fp {s.false_positives}, fn {s.false_negatives})"
        for kind, s in scores.items()
    ]
    return f"{name:<10} {len(cases):>3} articles  " + "; ".join(parts)


def main() -> int:
    found_by = detector()
    sets = {"seeds": curated_seeds(), "traps": labelled_folder(FIXTURES / "traps")}
    for folder in ("heldout", "heldout2", "dev-themes"):
        if (FIXTURES / folder / "labels.yml").is_file():
            sets[folder] = labelled_folder(FIXTURES / folder)
    for name, cases in sets.items():
        print(report(name, cases, found_by))
    if "-v" in sys.argv:
        for name, cases in sets.items():
            for case, data, label in cases:
                detection = found_by.detect(read_seed(data))
                for kind in ("countries", "themes"):
                    found, wanted = set(detection.accepted(kind)), set(label.get(kind) or ())
                    if found != wanted:
                        print(
                            f"  {name}/{case} {kind}: extra {sorted(found - wanted)} missing {sorted(wanted - found)}"
                        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
