"""The footer every page shows, from the masthead fields of content/briefing.yml.

It reaches the pages through the engine configuration (site_config.py), which both
engines print as HTML as it is: every value is HTML-escaped here, by Jinja's own
autoescaping (the page environment escapes for Markdown, which this is not).
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.model.masthead import Masthead


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("generator.render", "templates"), autoescape=True, undefined=StrictUndefined
    )


def footer_html(masthead: Masthead) -> str:
    """One line of HTML; the same masthead gives the same bytes."""
    html = _environment().get_template("footer.html.j2").render(masthead=masthead)
    return " ".join(html.split())
