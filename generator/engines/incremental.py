"""The engine rebuilds only the pages whose Markdown changed since the site it last built.

After each successful build, build/cache/site.json records what the site was built
from: a key (the configuration and navigation, overrides/, the hooks, the
generator's code, Python and every installed package) and a digest of every file of
docs_dir. The build date (SOURCE_DATE_EPOCH, the newest source's date) is not in the
key: it shows only in sitemap.xml, which the engine writes on every build, dirty or
not; in the key, every article newer than all the others (most of them) would have
made the next build a full one. The next build compares: with the same key and a
site/ that is still the one it built, the engine builds with MkDocs' --dirty into an
empty folder of its own (build/.site.pending), told which docs files changed
(hooks/briefing.py): it renders those pages, copies those files, and writes what it
writes on every build (sitemap.xml, 404.html). Those files are then renamed into the
staging tree, which holds links to site/'s files (engines/site_copy.py), after the
outputs of changed and removed docs files are unlinked from it; the search index is
brought up to date there. Nothing writes into a file of the staging tree, so no
file of site/ changes. Anything else is a full build. Either way site/ is replaced
only when the build is complete, so a failure or a kill leaves the previous site as
it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import sys
import time
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path

from generator.common.atomic_file import replace_text
from generator.common.project import Project
from generator.engines import mkdocs
from generator.engines.pagefind import SearchIndexError, index_site
from generator.engines.site_copy import link_site
from generator.inputs.parse_cache import GENERATOR_DIR, folder_digest
from generator.write.tree import MARKER, mark_as_generated

PAGES_LIMIT = 1_000_000_000  # bytes GitHub Pages publishes at most (docs.github.com, GitHub Pages limits)
NEAR_THE_LIMIT = 0.8  # a share of it at which build warns


@dataclass(frozen=True)
class Plan:
    """What the next engine build does: everything, or only the pages of these docs files."""

    key: str
    digests: dict[str, str]  # every file of docs_dir, by path
    stats: dict[str, list]  # each file's size, modification time and digest, for the next plan
    full_because: str = ""  # why the build is full; empty for an incremental one
    changed: list[str] = field(default_factory=list)  # docs files new or changed since the site was built
    removed: list[str] = field(default_factory=list)  # docs files gone since

    @property
    def full(self) -> bool:
        return bool(self.full_because)


def plan_build(project: Project, engine_name: str, incremental: bool = True) -> Plan:
    """Compare docs_dir and the build's key with what the last site was built from."""
    key = build_key(project, engine_name)
    last = _last_state(project)
    digests, stats = _digests(project.docs_dir, (last or {}).get("stats", {}))
    if not incremental:
        return Plan(key, digests, stats, "asked for a full build")
    if last is None:
        return Plan(key, digests, stats, "no record of the last site")
    if last.get("key") != key:
        return Plan(key, digests, stats, "the configuration, navigation, theme, code or engine changed")
    if last.get("site") != _site_identity(project.site_dir):
        return Plan(key, digests, stats, "site/ is not the one the last build made")
    before: dict[str, str] = last.get("docs", {})
    changed = sorted(path for path, digest in digests.items() if before.get(path) != digest)
    return Plan(key, digests, stats, "", changed, sorted(set(before) - set(digests)))


def build_key(project: Project, engine_name: str) -> str:
    """Everything besides docs_dir and the build date that shapes the built site."""
    digest = hashlib.sha256(f"{engine_name}\0{sys.version}\0".encode())
    # Every installed package and its version, not a list of those known to shape pages: a theme's or a Markdown
    # extension's dependency (Jinja, Pygments) can change the HTML too.
    digest.update("\0".join(installed_packages()).encode())
    for path in (project.config_path, project.generated_config_path):
        digest.update(path.read_bytes() if path.is_file() else b"-")
    for folder in ("overrides", "hooks"):
        digest.update(folder_digest(project.root, [folder]).encode() if (project.root / folder).is_dir() else b"-")
    digest.update(folder_digest(GENERATOR_DIR, ["."]).encode())
    return digest.hexdigest()


def installed_packages() -> list[str]:
    """Every installed package as name=version, but the generator's own checkout: python -m puts the current
    folder on the path, so its metadata (an .egg-info left by an editable install) is seen from the repository's
    root and not from elsewhere, and a build run from another folder would otherwise be full for nothing. The
    generator's code is in the key by its bytes anyway."""
    own = GENERATOR_DIR.parent.resolve()
    return sorted(
        f"{d.metadata['Name']}={d.version}"
        for d in metadata.distributions()
        if Path(str(d.locate_file(""))).resolve() != own
    )


def may_be_incremental(project: Project, incremental: bool = True) -> bool:
    """Whether the next build may be incremental, as far as is known before generating (plan_build decides):
    site/ may then be copied for it while the generator works (engines/site_copy.py)."""
    last = _last_state(project) if incremental else None
    return last is not None and last.get("site") == _site_identity(project.site_dir)


def stage(site_dir: Path, staging: Path, plan: Plan, made: bool = False) -> None:
    """The staging tree (engines/site_copy.py; made: it is there already) without the outputs of the changed and
    removed docs files. The search bundles stay: the indexing that ends the build keeps those whose pages did not
    change (engines/search_bundles.py)."""
    if not made:
        link_site(site_dir, staging)
    drop_outputs(staging, plan.changed)
    drop_outputs(staging, plan.removed, gone=True)


def write_changed(path: Path, plan: Plan) -> Path:
    """The changed docs files, for the engine's hook to render and copy only those (a file, not the environment:
    thousands of paths would pass what one environment variable may hold)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_text(path, json.dumps(plan.changed))
    return path


def assemble(engine_dir: Path, staging: Path) -> int:
    """Rename every file the engine wrote in its own folder into the staging tree, replacing what is there (a
    link to site/'s file is replaced, never written through); how many."""
    moved = 0
    for folder, _, names in os.walk(engine_dir):
        target = staging / os.path.relpath(folder, engine_dir)
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(os.path.join(folder, name), target / name)
            moved += 1
    return moved


def build_changed(
    project: Project, plan: Plan, hand_over: mkdocs.HandOver, epoch: dict, lock: int, linked: bool
) -> int:
    """An incremental build: the engine writes the changed pages into a folder of its own, whose files are then
    renamed into the staging tree of site/'s files, where the search index is brought up to date; its exit status."""
    staging, engine_dir = project.site_staging_dir, project.site_engine_dir
    stage(project.site_dir, staging, plan, linked)
    shutil.rmtree(engine_dir, ignore_errors=True)
    engine_dir.mkdir(parents=True)
    only = write_changed(project.scratch_dir / "changed-docs.json", plan)  # not in the cache CI keeps
    try:
        status = mkdocs.build(project, engine_dir, replace(hand_over, only_changed=only), epoch, lock, dirty=True)
    finally:
        only.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # left if a search indexer's folder is in it: the next run clears it
            project.scratch_dir.rmdir()
    if status != 0:
        return status
    moved = assemble(engine_dir, staging)
    print(f"{mkdocs.NAME} wrote {moved} file(s) for {len(plan.changed)} changed docs file(s)")
    started, indexed = time.perf_counter(), list[str]()
    try:
        bundles = index_site(staging, project.search_record_path, indexed)
    except SearchIndexError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - started
    print(f"search index: {len(indexed)} of {bundles} bundle(s) indexed again, in {seconds:.1f} s")
    mark_as_generated(staging)
    return 0


def drop_outputs(site_dir: Path, docs_paths: list[str], gone: bool = False) -> None:
    """Delete what the engine made of these docs files (unlinked, never written: in a staging tree it is site/'s
    file too), so that what the engine makes of them now takes its place, or (gone: the docs files were removed)
    nothing is served there any longer."""
    for path in docs_paths:
        output = site_dir / output_path(path)
        output.unlink(missing_ok=True)
        if gone and output.name == "index.html" and output.parent != site_dir:
            with contextlib.suppress(OSError):  # the removed page's own folder, unless something else is in it
                output.parent.rmdir()


def output_path(docs_path: str) -> str:
    """Where the engine writes a docs file (use_directory_urls): x.md -> x/index.html, x/index.md and other
    files keep their place."""
    if not docs_path.endswith(".md"):
        return docs_path
    stem = docs_path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def forget(project: Project) -> None:
    """Drop the record before site/ is replaced: a kill between the two then means a full build next time."""
    with contextlib.suppress(FileNotFoundError):
        _state_path(project).unlink()


def remember(project: Project, plan: Plan) -> None:
    """Record what the site now in site/ was built from."""
    state = {"key": plan.key, "site": _site_identity(project.site_dir), "docs": plan.digests, "stats": plan.stats}
    replace_text(_state_path(project), json.dumps(state, sort_keys=True))


def _digests(docs_dir: Path, known: dict[str, list]) -> tuple[dict[str, str], dict[str, list]]:
    """Each docs file's digest, taken from known (what the last plan found) for a file with the same size and
    time: the generator writes every file it changes as a new file, and links those it keeps (write/tree.py),
    so only the files it wrote are read (44,000 files of 780 MB took 4 s to read at 10,000 sources). Not the
    inode: CI restores build/docs from its cache (tar --posix keeps times to the nanosecond), as new files."""
    digests, stats = {}, {}
    for path in sorted(docs_dir.rglob("*")):
        status = path.lstat()
        if not stat.S_ISREG(status.st_mode) or path.name == MARKER:
            continue
        relative = path.relative_to(docs_dir).as_posix()
        seen = [status.st_size, status.st_mtime_ns]
        last = known.get(relative)
        digest = last[2] if isinstance(last, list) and last[:2] == seen and len(last) == 3 else None
        digests[relative] = digest or hashlib.sha256(path.read_bytes()).hexdigest()
        stats[relative] = [*seen, digests[relative]]
    return digests, stats


def _site_identity(site_dir: Path) -> list[int] | None:
    """The marker every build writes into site/ anew: a site built by anything else has another one, with
    another time. Not its inode: CI restores site/ from its cache as new files, with their times (tar --posix
    keeps them to the nanosecond), and the restored site is still the one the record describes."""
    try:
        status = os.stat(site_dir / MARKER)
    except OSError:
        return None
    return [status.st_size, status.st_mtime_ns]


def _last_state(project: Project) -> dict | None:
    try:
        state = json.loads(_state_path(project).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def _state_path(project: Project) -> Path:
    return project.build_dir / "cache" / "site.json"


def size_warning(site_dir: Path, limit: int = PAGES_LIMIT) -> str | None:
    """A warning when the site nears what GitHub Pages publishes, with what it would take to go further."""
    size = _tree_size(site_dir)
    if size < NEAR_THE_LIMIT * limit:
        return None
    return (
        f"warning: site/ is {size / 1e6:,.0f} MB, {100 * size / limit:.0f} % of the {limit / 1e9:g} GB that GitHub "
        "Pages publishes; see 'Where a briefing goes next' in the README (smaller pages, another host, or a build "
        "sharded across CI runners)"
    )


def _tree_size(folder: Path) -> int:
    """The bytes of every file under folder (os.scandir: its entries carry what a walk of Paths stats again)."""
    total, folders = 0, [folder]
    while folders:
        for entry in os.scandir(folders.pop()):
            if entry.is_dir(follow_symlinks=False):
                folders.append(Path(entry.path))
            elif entry.is_file(follow_symlinks=False):
                total += entry.stat(follow_symlinks=False).st_size
    return total
