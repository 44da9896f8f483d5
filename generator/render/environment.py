"""The Jinja environment pages are rendered in, and the few Python functions templates call.

Every value a template prints is escaped by default (see escape.inline); only
values built as Markup, such as links between pages, are printed as they are.
The functions that name other pages' sources, claims and terms read them from
the page's own references (context "refs", see page_data.py) and the site's term
labels (context "term_labels"), never from the whole briefing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from generator.inputs.russian_names import marked_search_forms
from generator.model import numbers
from generator.model.changes import Change
from generator.model.entities import Citation, Sentence
from generator.model.works import count_works
from generator.render import citations, escape, evidence, locations
from generator.render.page_data import TermLabel

SAFE_ID = re.compile(r"[a-z0-9_-]+")
CITATION_TITLE_LENGTH = 48


def make_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.render", "templates"),
        autoescape=True,  # macros then return Markup; _finalize does the real escaping
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        link=_link,
        href=_href,
        locations=locations,
        cite=_cite,
        term_links=_term_links,
        safe_id=_safe_id,
        concerns=_concerns,
        cited_text=_cited_text,
        evidence_marks=_evidence_marks,
        evidence_sources=_evidence_sources,
        works_among=_works_among,
        search_forms=marked_search_forms,
    )
    env.filters.update(
        value=evidence.format_value,
        url=escape.url,
        names=_names,
        inline=escape.inline,
        linked=escape.linked,
        period=evidence.period_label,
        value_range=evidence.value_range,
        outside_value=numbers.format_value,
    )
    return env


@lru_cache(maxsize=1)
def environment() -> Environment:
    return make_environment()  # one per process: templates are compiled once


# Front matter the engines print into HTML as it is (the page title, the meta description): escaped here, once,
# for every engine.
ESCAPED_META = ("title", "description")


def front_matter(data: dict[str, Any]) -> str:
    shown = {key: html.escape(str(value)) if key in ESCAPED_META else value for key, value in data.items()}
    return "---\n" + yaml.safe_dump(shown, sort_keys=False, allow_unicode=True, width=10_000) + "---\n\n"


def _finalize(value: object) -> object:
    """Escape every printed value unless it was built as trusted Markup."""
    if isinstance(value, Markup) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value
    return escape.inline("" if value is None else str(value))


@pass_context
def _link(context: Context, target: str) -> Markup:
    """A relative link from the page being rendered to another generated page."""
    return Markup(locations.relative(target, context["page_path"]))


@pass_context
def _href(context: Context, target: str) -> Markup:
    """The same link as a URL, for raw HTML (engines rewrite only Markdown links)."""
    return Markup(locations.href(target, context["page_path"]))


@pass_context
def _cite(context: Context, citation: Citation) -> Markup:
    """[Source title, ¶N](link to the paragraph): a citation as printed on every page."""
    title = context["refs"].titles[citation.source_id]
    if len(title) > CITATION_TITLE_LENGTH:
        title = title[: CITATION_TITLE_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    target = locations.relative(locations.paragraph(citation.source_id, citation.paragraph), context["page_path"])
    return Markup(f"[{escape.inline(title)}, ¶{citation.paragraph}]({target})")


@pass_context
def _cited_text(context: Context, lines: Iterable[Sentence]) -> Markup:
    """A bottom line: each sentence followed by numbered links to the claims it rests on."""
    return citations.cited_text(context["refs"], context["page_path"], lines)


@pass_context
def _evidence_marks(context: Context, evidence: Iterable[str]) -> Markup:
    return citations.marks(context["refs"], context["page_path"], evidence, {})


@pass_context
def _evidence_sources(context: Context, evidence: Iterable[str]) -> list[str]:
    return context["refs"].source_ids(evidence)


@pass_context
def _works_among(context: Context, source_ids: Iterable[str]) -> int:
    return count_works(source_ids, context["refs"].works)


@pass_context
def _term_links(context: Context, slugs: Iterable[str]) -> Markup:
    terms = context["term_labels"]
    page = context["page_path"]
    return Markup(", ").join(
        Markup(f"[{escape.inline(terms[s].name)}]({locations.relative(locations.term(terms[s].kind, s), page)})")
        for s in slugs
        if s in terms
    )


@pass_context
def _concerns(context: Context, change: Change) -> Markup:
    """The page a correction concerns, linked: a source (at its own list of corrections), a country or theme,
    the home page."""
    page = context["page_path"]
    if change.source_id is not None:
        title = context["refs"].titles[change.source_id]
        target = f"{locations.source(change.source_id)}#{locations.CORRECTIONS_SECTION}"
        return Markup(f"Source: [{escape.inline(title)}]({locations.relative(target, page)})")
    if change.about is not None:
        term = context["term_labels"][change.about]
        label = {"theme": "Theme", "region": "Region"}.get(term.kind, "Country")
        if not term.has_page:
            return Markup(f"{label}: {escape.inline(term.name)}")
        target = locations.relative(locations.term(term.kind, term.slug), page)
        return Markup(f"{label}: [{escape.inline(term.name)}]({target})")
    return Markup(f"[Home page]({locations.relative(locations.HOME, page)})")


@pass_context
def _names(context: Context, slugs: Iterable[str]) -> list[TermLabel]:
    terms = context["term_labels"]
    return [terms[s] for s in slugs if s in terms]


def _safe_id(anchor: str) -> Markup:
    """An HTML id as written: claim anchors are made of source and claim ids, which allow only [a-z0-9_-]."""
    return Markup(anchor) if SAFE_ID.fullmatch(anchor) else escape.inline(anchor)
