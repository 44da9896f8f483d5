"""How well articles as they arrive are read: the frozen 'arrivals' set of issue 14.

For each labelled article (scraped HTML or text, English or Russian) it reads the
seed as the generator does, runs detection, and compares with the labels:
countries and themes (precision and recall), the publication date (correct only
to the precision the page states), publisher, author and title, the language, page
furniture left in the published text, and article sentences wrongly removed.

Usage: python -m bench.arrival_quality [-v]      (make arrival-quality)
The set is never tuned on: read its README before changing it (never).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.inputs.language import article_language, iso_code
from generator.inputs.seed_formats import read_any_seed
from tests.detection_scoring import FIXTURES, Score, detector

ARRIVALS = FIXTURES / "arrivals"


@dataclass
class Tally:
    right: int = 0
    asked: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, case: str, found, wanted) -> None:
        self.asked += 1
        self.right += ok
        if not ok:
            self.misses.append(f"{case}: found {found!r}, labelled {wanted!r}")

    @property
    def share(self) -> float:
        return self.right / self.asked if self.asked else 1.0


@dataclass
class Results:
    scores: dict[str, Score] = field(default_factory=lambda: {"countries": Score(), "themes": Score()})
    tallies: dict[str, Tally] = field(default_factory=dict)
    furniture_left: list[str] = field(default_factory=list)
    kept_missing: list[str] = field(default_factory=list)
    label_misses: list[str] = field(default_factory=list)

    def tally(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())


def loose(text: str | None) -> str:
    """Compare names as a reader would: case, accents, punctuation and spaces do not matter."""
    text = unicodedata.normalize("NFKD", text or "").casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


def same_name(found: str | None, wanted: str | None) -> bool:
    """Equal as loose text; or, for names, one holding the other as whole words ('Информационное агентство
    24.kg' is the labelled '24.kg'), since an outlet's long and short names are both right."""
    found, wanted = loose(found), loose(wanted)
    if found == wanted:
        return True
    return bool(found and wanted) and (f" {wanted} " in f" {found} " or f" {found} " in f" {wanted} ")


def evaluate(folder: Path = ARRIVALS) -> Results:
    labels = yaml.safe_load((folder / "labels.yml").read_text(encoding="utf-8"))
    found_by, results = detector(), Results()
    for name, label in sorted(labels.items()):
        text = read_any_seed(name, (folder / name).read_bytes())
        detection = found_by.detect(text)
        for kind, score in results.scores.items():
            found, wanted = set(detection.accepted(kind)), set(label.get(kind) or ())
            score.add(found, wanted)
            if found != wanted:
                results.label_misses.append(
                    f"{name} {kind}: extra {sorted(found - wanted)} missing {sorted(wanted - found)}"
                )
        published = detection.date.iso if detection.date else None
        wanted_date = str(label["published"]) if label.get("published") else None
        if wanted_date:
            results.tally("date (stated)").add(published == wanted_date, name, published, wanted_date)
        else:
            results.tally("no date invented").add(published is None, name, published, None)
        language = iso_code(text.meta.language) or article_language(text.paragraphs)  # as a source page shows it
        for what, found in (
            ("publisher", detection.publisher),
            ("author", detection.author),
            ("title", detection.title),
            ("language", language),
        ):
            results.tally(what).add(same_name(found, label.get(what)), name, found, label.get(what))
        published_text = "\n".join(p.text for p in text.paragraphs)
        results.furniture_left += [f"{name}: {s!r}" for s in label.get("furniture") or () if s in published_text]
        results.kept_missing += [f"{name}: {s!r}" for s in label.get("keep") or () if s not in published_text]
    return results


def main() -> int:
    results = evaluate()
    for kind, s in results.scores.items():
        print(
            f"{kind:<10} precision {s.precision:.2f}, recall {s.recall:.2f} "
            f"(tp {s.true_positives}, fp {s.false_positives}, fn {s.false_negatives})"
        )
    for what, tally in results.tallies.items():
        print(f"{what:<17} {tally.right}/{tally.asked} ({tally.share:.0%})")
    print(f"furniture left   {len(results.furniture_left)}")
    print(f"kept text lost   {len(results.kept_missing)}")
    if "-v" in sys.argv:
        for line in [
            *results.label_misses,
            *(m for t in results.tallies.values() for m in t.misses),
            *("furniture left: " + f for f in results.furniture_left),
            *("kept text lost: " + k for k in results.kept_missing),
        ]:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
