"""Helpers shared by the tests: copying the project, breaking it on purpose, reading pages."""

from __future__ import annotations

import calendar
import datetime as dt
import gzip
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin, urlsplit

import yaml

from tests.conftest import CHECKOUT_PARTS, CONTENT_PARTS, CORPUS, ROOT

SOURCES = "content/sources"
S000 = f"{SOURCES}/000_c1a27e0ec5b1e4f9.yml"
S001 = f"{SOURCES}/001_66304f5fa3b57f47.yml"
S002 = f"{SOURCES}/002_279588a8956d5652.yml"
S003 = f"{SOURCES}/003_511358f27ee65db5.yml"
S004 = f"{SOURCES}/004_6240f0bb353a09c8.yml"
NEW_ARTICLES = ROOT / "tests" / "fixtures" / "new-articles"  # a reviewed article and an unreviewed seed
LISTING_ID = "004_6240f0bb353a09c8"
TEASER_IDS = [f"{LISTING_ID}-{n:02d}" for n in range(1, 11)]


def project_inputs(corpus: Path = CORPUS) -> list[tuple[Path, str]]:
    """(where it is, its name in a project) of each input: seeds/ and content/ from corpus, the rest from ROOT."""
    return [(corpus / part, part) for part in CONTENT_PARTS] + [(ROOT / part, part) for part in CHECKOUT_PARTS]


def copy_project(target: Path, corpus: Path = CORPUS) -> Path:
    """A project at target: seeds/ and content/ of corpus (the fixture corpus unless told), this checkout's
    configuration. Pass corpus=ROOT for the shipped content."""
    target.mkdir(parents=True, exist_ok=True)
    for source, part in project_inputs(corpus):
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


ONE_SEED = "002_279588a8956d5652"  # the seed one_seed_project keeps


def one_seed_project(target: Path) -> Path:
    """The fixture corpus cut down to one seed (ONE_SEED) and its metadata, without trends: quick to build and
    serve."""
    root = copy_project(target)
    removed = {path.stem for path in (root / SOURCES).iterdir() if path.stem != ONE_SEED}
    for path in [*(root / "seeds").iterdir(), *(root / SOURCES).iterdir()]:
        if path.stem != ONE_SEED:
            path.unlink()
    forget_sources(root, *removed)
    (root / "content/trends.yml").unlink()
    return root


def add_new_articles(root: Path) -> list[str]:
    """Add every seed of tests/fixtures/new-articles/, with its metadata file if it has one, to a project, as
    an editor adds articles; returns the names of the seeds added.

    A name the project already uses (these articles may have shipped since) gets a "new-" prefix, in the
    metadata's seed: too, so that the articles always come on top of what the project has."""
    metadata = {load_yaml(NEW_ARTICLES, f"{SOURCES}/{path.name}")["seed"]: path
                for path in (NEW_ARTICLES / SOURCES).glob("*.yml")}
    seeds = sorted((NEW_ARTICLES / "seeds").glob("*.txt"))
    assert seeds and metadata, f"test setup: {NEW_ARTICLES} should hold seeds, and metadata for some of them"
    added = []
    for seed in seeds:
        name = seed.name
        while (root / "seeds" / name).exists() or (root / SOURCES / f"{Path(name).stem}.yml").exists():
            name = f"new-{name}"
        shutil.copy2(seed, root / "seeds" / name)
        if seed.name in metadata:
            text = metadata[seed.name].read_text(encoding="utf-8")
            assert f"\nseed: {seed.name}\n" in text, f"test setup: {metadata[seed.name]} names its seed otherwise"
            text = text.replace(f"\nseed: {seed.name}\n", f"\nseed: {name}\n")
            (root / SOURCES / f"{Path(name).stem}.yml").write_text(text, encoding="utf-8")
        added.append(name)
    return added


def build_copy(target: Path, corpus: Path = CORPUS, engine: str = "mkdocs") -> Path:
    """A copy of a project (see copy_project), built with `python -m generator build --engine ENGINE`."""
    root = copy_project(target, corpus)
    result = run_cli("build", "--root", str(root), "--engine", engine, cwd=root)
    assert result.returncode == 0, (f"python -m generator build exited with {result.returncode}\n"
                                    f"--- stderr ---\n{result.stderr}\n--- stdout ---\n{result.stdout}")
    return root


def edit(root: Path, relative: str, old: str, new: str) -> None:
    """Replace the first occurrence of old in a file; fail loudly if it is not there."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not found in {relative}; the content changed"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def position(root: Path, relative: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """1-based line and column where the nth occurrence of needle starts in a file."""
    text = (root / relative).read_text(encoding="utf-8")
    offset = -1
    for _ in range(nth):
        offset = text.find(needle, offset + 1)
        assert offset >= 0, f"test setup: {needle!r} not found {nth} time(s) in {relative}"
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def check_problems(root: Path, today: dt.date | None = None):
    """Problems found by the library's check (load + assemble) on a project."""
    from generator.pipeline import build_model
    from generator.common.project import Project

    _, problems = build_model(Project.at(root), today or dt.date.today())
    return problems


def renderer(briefing, intro: str = ""):
    """The renderer of a model built in a test, with what the derive stage computes from it."""
    from generator.derive.derived import derive
    from generator.render.renderer import Renderer
    return Renderer(briefing, derive(briefing), intro)


def at(problems, path: str, line: int, column: int):
    """The problems reported at exactly path:line:column."""
    return [p for p in problems if (p.path, p.line, p.column) == (path, line, column)]


def run_cli(*args: str, cwd: Path = ROOT, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run python -m generator with this checkout's generator package."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def start(command: list[str], cwd: Path, log: Path) -> subprocess.Popen:
    """A long-running command (serve) in the background, in a process group of its own as a job in a terminal,
    everything it prints going to log."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    with log.open("w", encoding="utf-8") as output:
        return subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT,
                                start_new_session=True)


def serve_command(root: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "generator", "serve", "--root", str(root), "--dev-addr", f"127.0.0.1:{port}"]


def stop_everything(process: subprocess.Popen) -> None:
    """SIGKILL to the process's whole group (whatever a test left running), then reap it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=10)


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under folder (relative POSIX path -> bytes)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def tree_hash(folder: Path) -> dict[str, str]:
    return {path: hashlib.sha256(data).hexdigest() for path, data in tree_bytes(folder).items()}


def load_yaml(root: Path, relative: str):
    return yaml.safe_load((root / relative).read_text(encoding="utf-8"))


def source_files(root: Path) -> list[tuple[str, dict]]:
    """(source id, metadata) for every metadata file."""
    found = []
    for path in sorted((root / SOURCES).glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found.append((data.get("id") or data["seed"].removesuffix(".txt"), data))
    return found


def all_sources(root: Path) -> list[tuple[str, dict]]:
    """(source id, metadata) for every source, teasers of listings included."""
    found = []
    for source_id, data in source_files(root):
        found.append((source_id, data))
        found.extend((f"{source_id}-{item['id']}", item) for item in data.get("items", []))
    return found


def undescribed_seeds(root: Path) -> list[str]:
    """Ids of the seeds no metadata file names: the generator publishes them as automatic, unreviewed sources."""
    described = {data["seed"] for _, data in source_files(root)}
    return [p.stem for p in sorted((root / "seeds").glob("*.txt")) if p.name not in described]


def every_source_id(root: Path) -> list[str]:
    """Every source the site should have a page for: described ones, their teasers, and automatic ones."""
    return [source_id for source_id, _ in all_sources(root)] + undescribed_seeds(root)


def all_events(root: Path) -> list[tuple[str, dict]]:
    """(source id, event) for every event in the content YAML, items' events included."""
    return [(source_id, event) for source_id, data in all_sources(root) for event in data.get("events", [])]


def collapse(text: str) -> str:
    return " ".join(str(text).split())


class ParagraphText(HTMLParser):
    """Text of every element with an id, as the seed had it.

    Skips the paragraph-number link, and keeps only the <del> part of an
    editor's correction (<span class="correction"><del>wrong</del> <ins>right</ins></span>),
    so that the text is the seed's own.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.by_id: dict[str, list[str]] = {}
        self.stack: list[tuple[str, str | None, str]] = []  # tag, id, mode: keep, skip or correction

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "meta", "link", "hr"):
            return
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        mode = self.stack[-1][2] if self.stack else "keep"
        if mode == "correction":
            mode = "keep" if tag == "del" else "skip"
        elif mode == "keep" and "briefing-para__number" in classes:
            mode = "skip"
        elif mode == "keep" and "correction" in classes:
            mode = "correction"
        element_id = attrs.get("id")
        if element_id is not None:
            self.by_id.setdefault(element_id, [])
        self.stack.append((tag, element_id, mode))

    def handle_endtag(self, tag):
        while self.stack:
            top = self.stack.pop()
            if top[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][2] != "keep":
            return
        for _, element_id, _ in self.stack:
            if element_id is not None:
                self.by_id[element_id].append(data)

    def text(self, element_id: str) -> str | None:
        parts = self.by_id.get(element_id)
        return None if parts is None else collapse("".join(parts))


def texts_by_id(markup: str) -> ParagraphText:
    parser = ParagraphText()
    parser.feed(markup)
    parser.close()
    return parser


MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")


def search_documents(site_dir: Path, bundle: str = "pagefind") -> list[dict]:
    """The pages in one of the site's Pagefind bundles, as Pagefind stores them: url, content, meta.

    Each fragment file is gzip-compressed JSON behind a "pagefind_dcd" signature.
    """
    documents = []
    for fragment in sorted((site_dir / bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment
        documents.append(json.loads(data[len(b"pagefind_dcd"):]))
    return documents


# --- citations: every link to a numbered paragraph lands on it --------------------------------------

CITATION_LINK = re.compile(r'(?:href="|\]\()([^"\s()]*#p\d+)[")\s]')
PARAGRAPH_ANCHOR = re.compile(r'\bid="(p\d+)"')
SOURCE_PAGE = {".md": re.compile(r"^/sources/([^/]+)\.md$"),  # in build/docs/
               ".html": re.compile(r"^/sources/([^/]+)/(?:index\.html)?$")}  # in site/


def cited_paragraph(page: str, link: str) -> tuple[str, str] | None:
    """(source id, anchor) that a link on page (a path relative to its folder) leads to; None if no source page."""
    target = urlsplit(urljoin(f"https://site.test/{page}", link))
    match = SOURCE_PAGE[Path(page).suffix].match(target.path)
    return (match.group(1), target.fragment) if match else None


def check_citations(folder: Path, source_page: Callable[[str], Path]) -> tuple[int, list[str]]:
    """How many paragraph links the .md and .html files of folder hold, and which of them do not land:
    on no source page, or on one (source_page(id) is its file) without their id="p<N>" anchor."""
    anchors: dict[str, set[str]] = {}
    count, broken = 0, []
    for path in sorted(p for p in folder.rglob("*") if p.suffix in SOURCE_PAGE):
        page = path.relative_to(folder).as_posix()
        for link in CITATION_LINK.findall(path.read_text(encoding="utf-8")):
            count += 1
            cited = cited_paragraph(page, link)
            if cited is None:
                broken.append(f"{page}: {link} leads to no source page")
                continue
            source_id, anchor = cited
            if source_id not in anchors:
                target = source_page(source_id)
                found = PARAGRAPH_ANCHOR.findall(target.read_text(encoding="utf-8")) if target.is_file() else []
                anchors[source_id] = set(found)
            if anchor not in anchors[source_id]:
                broken.append(f"{page}: {link} has no id=\"{anchor}\" to land on")
    return count, broken


def recorded_feed_times(root: Path) -> dict[str, tuple[str | None, str | None]]:
    """{source id: (updated, published)} that the feeds must give each source with metadata, read from its YAML
    alone: updated is the newest of added: and the changed: dates (None without added:: no entry), published the
    source's date when the text states a full day. Atom needs a time: a day alone is its start."""
    def atom(stamp: str) -> str:
        return stamp + "T00:00:00Z" if len(stamp) == 10 else stamp

    def times(added, data) -> tuple[str | None, str | None]:
        stamps = [atom(added)] + [atom(change["date"]) for change in data.get("changed") or []] if added else []
        date, stated = data.get("date"), "date" not in (data.get("inferred") or {})
        return max(stamps, default=None), atom(date) if date and len(date) == 10 and stated else None

    expected = {}
    for source_id, data in source_files(root):
        expected[source_id] = times(data.get("added"), data)
        for item in data.get("items") or []:
            expected[f"{source_id}-{item['id']}"] = times(data.get("added"), item)
    return expected


def feed_times(feeds: Path | dict[str, bytes]) -> tuple[dict[str, set], list[str]]:
    """Every feed (the files under a folder, or {path: bytes}) parsed with feedparser: {source id: {(updated,
    published) in each feed}}, and the problems found: a feed that does not parse, or whose updated is not its
    newest entry's."""
    import feedparser

    if isinstance(feeds, Path):
        feeds = {path.as_posix(): path.read_bytes() for path in sorted(feeds.rglob("*.xml"))}
    seen: dict[str, set] = {}
    problems = []
    for name, content in sorted(feeds.items()):
        parsed = feedparser.parse(content)
        if parsed.bozo:
            problems.append(f"{name}: {parsed.bozo_exception}")
        for entry in parsed.entries:
            seen.setdefault(entry.id.rsplit("/", 1)[1], set()).add((entry.get("updated"), entry.get("published")))
        newest = max((entry.updated for entry in parsed.entries), default=parsed.feed.updated)
        if parsed.feed.updated != newest:
            problems.append(f"{name}: updated {parsed.feed.updated}, its newest entry {newest}")
    return seen, problems
# --- removing a source: what an editor must also do to the editorial files -----------------------------

def forget_sources(root: Path, *source_ids: str) -> None:
    """Drop every citation of these sources (or their teasers) from the bottom lines and trend readings, and a
    sentence or reading left with no evidence, as an editor removing the sources must (check reports the
    dangling references otherwise). Rewrites the files as plain YAML: comments in this copy do not matter."""
    def kept(evidence):
        return [ref for ref in evidence or () if not any(ref.startswith(f"{s}-") for s in source_ids)]

    def sentences(lines):
        if not isinstance(lines, list):
            return lines
        return [dict(line, evidence=kept(line.get("evidence"))) for line in lines if kept(line.get("evidence"))]

    for name in ("content/briefing.yml", "content/taxonomy.yml", "content/trends.yml"):
        path = root / name
        if not path.exists():
            continue
        data = load_yaml(root, name)
        if "bottom_line" in data:
            data["bottom_line"] = sentences(data["bottom_line"])
        for key in ("countries", "themes"):
            for term in data.get(key, ()):
                if "bottom_line" in term:
                    term["bottom_line"] = sentences(term["bottom_line"])
                    if not term["bottom_line"]:
                        del term["bottom_line"]
        if "trends" in data:
            data["trends"] = [dict(t, evidence=kept(t["evidence"])) for t in data["trends"] if kept(t.get("evidence"))]
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def latest_first(date: tuple[int, int, int]) -> tuple:
    """Order of partial dates as pages take the newest: by the last day each can mean, the more precise on a tie
    ("2024" may be newer than "March 2024")."""
    year, month, day = date
    last = day or (calendar.monthrange(year, month or 12)[1])
    return (year, month or 12, last, bool(month), bool(day))


def generated_nothing(root: Path) -> bool:
    """No output at all: no build/ folder, or one holding only the run lock that every run takes first."""
    build = root / "build"
    return not build.exists() or sorted(p.name for p in build.iterdir()) == ["run.lock"]
