"""Evidence marks on the page: each editorial sentence followed by small numbered links, one per claim it cites,
to the claim on its source page (anchor `#<claim reference>`); see generator/model/cited.py for the sentences."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from generator.model.entities import Sentence
from generator.render import escape, locations
from generator.render.page_data import PageRefs


def marks(refs: PageRefs, page_path: str, evidence: Iterable[str], numbers: dict[str, int]) -> Markup:
    """Small numbered links after a sentence, one per claim it cites; numbers holds the block's numbering."""
    links = []
    for reference in dict.fromkeys(evidence):
        claim = refs.claims.get(reference)
        if claim is None:
            continue  # check reports it; the page never links to nothing
        number = numbers.setdefault(reference, len(numbers) + 1)
        target = locations.href(f"{locations.source(claim.source_id)}#{reference}", page_path)
        title = f"{refs.titles[claim.source_id]}: {claim.text}"
        links.append(f'<a href="{escape.attribute(target)}" title="{escape.attribute(title)}">{number}</a>')
    if not links:
        return Markup("")
    return Markup(f'<sup class="briefing-evidence">{",".join(links)}</sup>')


def cited_text(refs: PageRefs, page_path: str, lines: Iterable[Sentence]) -> Markup:
    """Sentences, each followed by its evidence marks, numbered through the whole block."""
    numbers: dict[str, int] = {}
    return Markup(" ").join(
        Markup(escape.inline(line.text)) + marks(refs, page_path, line.evidence, numbers) for line in lines
    )
