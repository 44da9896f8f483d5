"""Where a briefing project keeps its inputs and outputs."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """The folders of one briefing project, all relative to its root."""

    root: Path
    _folders: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)  # each resolved once

    @classmethod
    def at(cls, root: str | Path) -> Project:
        return cls(Path(root).resolve())

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def sources_dir(self) -> Path:
        """Curated metadata, one YAML file per seed."""
        return self.content_dir / "sources"

    @property
    def pages_dir(self) -> Path:
        """Hand-written Markdown pages (home introduction, about, method)."""
        return self.content_dir / "pages"

    @property
    def taxonomy_path(self) -> Path:
        return self.content_dir / "taxonomy.yml"

    @property
    def briefing_path(self) -> Path:
        return self.content_dir / "briefing.yml"

    @property
    def trends_path(self) -> Path:
        """Optional: the editors' reading of each country's distance from Moscow."""
        return self.content_dir / "trends.yml"

    @property
    def build_dir(self) -> Path:
        """Everything a run makes but site/: generated Markdown, caches, the run lock, staging folders."""
        return self.root / "build"

    @property
    def docs_dir(self) -> Path:
        """Generated Markdown: the docs_dir of mkdocs.yml. Never edit by hand."""
        return self.build_dir / "docs"

    @property
    def scratch_dir(self) -> Path:
        """Temporary folders of one run (the search indexer's); whatever is left here is removed by the next."""
        return self.build_dir / "tmp"

    @property
    def site_staging_dir(self) -> Path:
        """Where MkDocs builds the next site/, swapped in only when complete (same file system as site/)."""
        return self.build_dir / f".{self.site_dir.name}.staging"

    @property
    def replaced_site_dir(self) -> Path:
        """The site that the last build replaced, deleted by the next one while it generates (engines/site_copy.py)."""
        return self.build_dir / f".{self.site_dir.name}.replaced"

    @property
    def site_engine_dir(self) -> Path:
        """Where the engine writes the changed pages of an incremental build (engines/incremental.py); removed after
        an interrupted run, as staging is (write/tree.py recover)."""
        return self.build_dir / f".{self.site_dir.name}.pending"

    @property
    def docs_spare_dir(self) -> Path:
        """The docs tree that the last run replaced, kept for the next one to bring up to date (write/tree.py)."""
        return self.docs_dir.parent / f".{self.docs_dir.name}.spare"

    @property
    def cache_path(self) -> Path:
        """What parsing produced, keyed by the bytes parsed (see generator.inputs.parse_cache)."""
        return self.root / "build" / "cache" / "parse.json"

    @property
    def source_memo_path(self) -> Path:
        """What each metadata file was built into last time (see generator.model.source_memo)."""
        return self.root / "build" / "cache" / "sources.json"

    @property
    def remembered_path(self) -> Path:
        """Near-duplicates and related sources found last time, each with the key of what they were found in
        (see generator.derive.remembered)."""
        return self.root / "build" / "cache" / "derived.json"

    @property
    def word_pairs_path(self) -> Path:
        """Each seed text's word pairs, for finding near-duplicates (see generator.derive.word_pairs)."""
        return self.root / "build" / "cache" / "word-pairs.bin"

    @property
    def search_record_path(self) -> Path:
        """What each search bundle in the last built site was made from (see generator.engines.search_bundles)."""
        return self.root / "build" / "cache" / "search.json"

    @property
    def page_cache_path(self) -> Path:
        """Which inputs each generated page was rendered from (see generator.inputs.parse_cache)."""
        return self.root / "build" / "cache" / "pages.json"

    @property
    def config_path(self) -> Path:
        """The site's configuration, kept by the editors (mkdocs.yml)."""
        return self.root / "mkdocs.yml"

    @property
    def generated_config_path(self) -> Path:
        """mkdocs.yml with the generated navigation, which the engines build with (render/site_config.py)."""
        return self.root / "mkdocs.generated.yml"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    def display(self, path: Path) -> str:
        """A path as editors see it: relative to the project root (a link's, where it leads), else as given.
        Asked of every input file: each folder is resolved once (resolving 10,000 whole paths took a second)."""
        folder = None
        parent, name = os.path.split(path)  # text, not Paths: hashing a Path costs more than resolving once
        if name not in ("", ".", "..") and not os.path.islink(path):
            if parent not in self._folders:
                self._folders[parent] = self._relative(Path(parent).resolve())
            folder = self._folders[parent]
        if folder is None:  # a link, or outside the project (or the project's root itself)
            inside = self._relative(path.resolve())
            return inside if inside is not None else path.as_posix()
        return name if folder == "." else f"{folder}/{name}"

    def _relative(self, resolved: Path) -> str | None:
        try:
            return resolved.relative_to(self.root).as_posix()
        except ValueError:
            return None
