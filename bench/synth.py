"""A synthetic corpus in the project's real formats, for benchmarks and scale tests.

Usage: python -m bench.synth N TARGET [--seed 1]

Writes TARGET as a complete project (mkdocs.yml, hooks/, overrides/, content/
with the real taxonomy, without its bottom lines, and pages) holding N seeds of about 1,000 words, each with
curated-style metadata: countries, themes, dates, events and figures whose quotes
are exact sentences of the seed. The same N and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ["mkdocs.yml", "hooks", "overrides", "content/pages"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
PUBLISHERS = [
    "Steppe Review",
    "Caspian Ledger",
    "Eurasia Desk",
    "Silk Road Monitor",
    "Tien Shan Times",
    "Amu Darya Observer",
    "Central Asia Wire",
    "Aral Post",
]
FILLER = (
    "analysts officials observers ministers diplomats reporters residents traders students workers families "
    "said noted argued warned suggested claimed stressed recalled announced denied "
    "the new old growing slow sudden quiet public private regional local national foreign "
    "policy agreement visit meeting summit decision plan project programme law decree statement report "
    "border market school pipeline railway bank court parliament ministry agency council "
    "week month year season spring autumn winter summer morning evening"
).split()
PARAGRAPHS = 12
SENTENCES = 5


def q(value) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


FIRST_YEAR, LAST_YEAR = 2015, 2025  # the years synthetic articles are dated in
# When articles added to a built corpus (add_articles) entered the briefing: after all of its own, whatever their
# date, as `python -m generator new` stamps an arrival with the time it lands.
ARRIVAL = "2025-12-31T18:00:00Z"


class Corpus:
    def __init__(self, seed: int):
        self.random = random.Random(seed)
        taxonomy = yaml.safe_load((ROOT / "content/taxonomy.yml").read_text(encoding="utf-8"))
        self.countries = [c for c in taxonomy["countries"] if c["kind"] == "country"]
        self.themes = taxonomy["themes"]
        self.metrics = taxonomy["metrics"]

    def words(self, count: int) -> str:
        return " ".join(self.random.choice(FILLER) for _ in range(count))

    def sentence(self, countries, themes) -> str:
        country = self.random.choice(countries)
        theme = self.random.choice(themes)
        name = self.random.choice([country["name"], *country["aliases"][:3]])
        keyword = self.random.choice([*theme["aliases"][:4], theme["name"].lower()])
        text = f"{name} {self.words(6)} {keyword} {self.words(self.random.randint(4, 9))}"
        return text[0].upper() + text[1:] + "."

    def article(self, number: int, latest: bool = False, added: str | None = None):
        """One article dated between 2015 and 2025; latest: in December 2025, the corpus's last month, as the
        articles that land are dated."""
        countries = self.random.sample(self.countries, self.random.randint(1, 3))
        themes = self.random.sample(self.themes, self.random.randint(1, 3))
        year = LAST_YEAR if latest else self.random.randint(FIRST_YEAR, LAST_YEAR)
        month = 12 if latest else self.random.randint(1, 12)
        day = self.random.randint(1, 28)
        paragraphs = [[self.sentence(countries, themes) for _ in range(SENTENCES)] for _ in range(PARAGRAPHS)]
        events = []
        for index in range(self.random.randint(1, 3)):
            event_month = self.random.randint(1, month)
            country = self.random.choice(countries)
            text = (
                f"In {MONTHS[event_month - 1]} {year}, {country['name']} {self.words(5)} "
                f"{self.random.choice(themes)['aliases'][0]} {self.words(4)}."
            )
            paragraphs[index * 3 + 1].append(text)
            events.append((f"{year}-{event_month:02d}", country["slug"], text))
        figures = []
        for index in range(self.random.randint(0, 2)):
            metric = self.random.choice(self.metrics)
            country = self.random.choice(countries)
            value = self.random.randint(3, 95)
            theme = self.random.choice(themes)
            text = (
                f"In {country['name']} the {theme['aliases'][0]} figure stood at {value} percent in {year}, "
                f"{self.words(3)} said."
            )
            paragraphs[index * 3 + 2].append(text)
            figures.append((metric["slug"], country["slug"], theme["slug"], value, text))
        title = f"{countries[0]['name']} and {themes[0]['name'].lower()}: report {number}"
        body = "\n\n".join(" ".join(p) for p in paragraphs)
        seed_text = f"{title}\n\n{MONTHS[month - 1]} {day}, {year}\n\n{body}\n"  # the date, as a dateline
        return seed_text, self.metadata(
            number, title, (year, month, day), countries, themes, paragraphs, events, figures, added
        )

    def metadata(self, number, title, date, countries, themes, paragraphs, events, figures, added=None) -> str:
        year, month, day = date
        added = added or f"{year}-{month:02d}-{day:02d}T12:00:00Z"  # synthetic: entered the briefing on its day
        lines = [
            "# yaml-language-server: $schema=../../generator/schemas/source.schema.json",
            f"seed: {q(f'{number:05d}_synthetic.txt')}",
            f"title: {q(title)}",
            f"publisher: {q(self.random.choice(PUBLISHERS))}",
            "author: null",
            "url: null",
            f'date: "{year}-{month:02d}-{day:02d}"',
            f"quality: {self.random.choice(['clean', 'machine-translated', 'reworded'])}",
            f'added: "{added}"',
            "review: reviewed",
            f"countries: {q([c['slug'] for c in countries])}",
            f"themes: {q([t['slug'] for t in themes])}",
            f"summary: {q('A synthetic article for benchmarks. ' + paragraphs[0][0])}",
            "key_points:",
            "  - id: k1",
            f"    text: {q('The opening claim of the article.')}",
            f"    quote: {q(paragraphs[0][0])}",
            f"    themes: {q([t['slug'] for t in themes])}",
            # a synthetic sentence may use an everyday word for its theme, which detection does not count
            f"    why: {q('Synthetic: the article is written about these themes.')}",
            "events:",
        ]
        for number_of_event, (when, country, text) in enumerate(events, 1):
            lines += [
                f"  - id: e{number_of_event}",
                f'    date: "{when}"',
                f"    countries: [{country}]",
                f"    text: {q(text)}",
                f"    quote: {q(text)}",
            ]
        lines.append("figures:" if figures else "figures: []")
        for number_of_figure, (metric, country, theme, value, text) in enumerate(figures, 1):
            lines += [
                f"  - id: f{number_of_figure}",
                f"    metric: {metric}",
                f"    themes: [{theme}]",
                f"    country: {country}",
                f"    value: {value}",
                f'    as_of: "{year}"',
                f"    text: {q(text)}",
                f"    quote: {q(text)}",
            ]
        return "\n".join(lines) + "\n"


def _write_editorial_text(target: Path) -> None:
    """The real taxonomy without its bottom lines, and a briefing whose bottom line cites the first synthetic
    article: the shipped bottom lines cite the shipped sources, which a synthetic project does not hold."""
    taxonomy = yaml.safe_load((ROOT / "content/taxonomy.yml").read_text(encoding="utf-8"))
    for term in [*taxonomy["countries"], *taxonomy["themes"]]:
        term.pop("bottom_line", None)
    (target / "content").mkdir(parents=True, exist_ok=True)
    (target / "content/taxonomy.yml").write_text(
        yaml.safe_dump(taxonomy, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    briefing = {
        "title": "Synthetic briefing",
        "bottom_line": [{"text": "A synthetic article makes an opening claim.", "evidence": ["00000_synthetic-k1"]}],
    }
    (target / "content/briefing.yml").write_text(yaml.safe_dump(briefing, sort_keys=False), encoding="utf-8")


def write_project(count: int, target: Path, seed: int = 1) -> Path:
    if target.exists():
        shutil.rmtree(target)
    for part in PROJECT_FILES:
        source, destination = ROOT / part, target / part
        destination.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, destination)
    _write_editorial_text(target)
    (target / "seeds").mkdir()
    (target / "content/sources").mkdir(parents=True)
    corpus = Corpus(seed)
    for number in range(count):
        seed_text, metadata = corpus.article(number)
        (target / f"seeds/{number:05d}_synthetic.txt").write_text(seed_text, encoding="utf-8")
        (target / f"content/sources/{number:05d}_synthetic.yml").write_text(metadata, encoding="utf-8")
    return target


def add_articles(target: Path, first: int, count: int, seed: int = 2, latest: bool = True) -> list[str]:
    """count more seeds with metadata, numbered from first, as new articles land in a project; their names.
    latest: dated in the corpus's last month, as new articles are; else anywhere in its years (the worst case
    for a rebuild, which then touches every year's pages). Either way they enter the briefing at ARRIVAL."""
    corpus = Corpus(seed)
    names = []
    for number in range(first, first + count):
        seed_text, metadata = corpus.article(number, latest, ARRIVAL)
        (target / f"seeds/{number:05d}_synthetic.txt").write_text(seed_text, encoding="utf-8")
        (target / f"content/sources/{number:05d}_synthetic.yml").write_text(metadata, encoding="utf-8")
        names.append(f"{number:05d}_synthetic.txt")
    return names


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], epilog="example: python -m bench.synth 1000 /tmp/briefing-1000"
    )
    parser.add_argument("count", type=int)
    parser.add_argument("target", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_project(args.count, args.target, args.seed)
    print(f"wrote {args.count} seeds with metadata to {args.target}")


if __name__ == "__main__":
    main()
