"""The fields of each data download, in column order, with their types and meanings: what the data page's tables
and both file formats (render/export.py) follow."""

from __future__ import annotations

# Where an event or a figure is in its source: the same three fields in both data sets.
WHERE_CITED = [
    ("source", "string", "Id of the source."),
    ("paragraph", "integer", "Number of the source paragraph that holds the quote."),
    (
        "page",
        "URL",
        "That paragraph on this site: its full address once the site's address is set, else its path from the"
        " site root.",
    ),
]

# name -> [(field, type, meaning)]: the column order of both files, and the data page's tables.
FIELDS: dict[str, list[tuple[str, str, str]]] = {
    "sources": [
        (
            "id",
            "string",
            "Stable id of the source: the file name of its article; a teaser of a listing page adds -01, -02 and so"
            " on.",
        ),
        ("title", "string", "Title of the article, or the editors' title when it has none."),
        ("publisher", "string or empty", "Publisher, when known."),
        ("author", "string or empty", "Author, when known."),
        ("date", "date or empty", "Publication date as YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source allows."),
        (
            "date_basis",
            "string or empty",
            "stated when the source gives the date; inferred when the editors inferred it from the text; outside when"
            " it rests on reporting outside the source, cited on its page; empty when undated.",
        ),
        (
            "quality",
            "string",
            "State of the text: clean, machine-translated, reworded, excerpt, listing or unassessed.",
        ),
        (
            "review",
            "string",
            "reviewed, draft, or automatic (published from detection alone, not yet described by an editor).",
        ),
        ("countries", "list of slugs", "Countries and regions the source is about."),
        ("themes", "list of slugs", "Themes the source is about."),
        ("summary", "string", "The editors' summary in their own words; empty when there is none yet."),
        ("url", "URL or empty", "Address of the original article, when known (http and https only)."),
        (
            "page",
            "URL",
            "The source's page on this site: its full address once the site's address is set, else its path from the"
            " site root.",
        ),
        ("listing", "string or empty", "For a teaser, the id of the listing page it appears on."),
        (
            "added",
            "timestamp or empty",
            "When the editors added the source to the briefing: a UTC time (YYYY-MM-DDTHH:MM:SSZ), or a day"
            " (YYYY-MM-DD) when only the day is recorded; empty for a source no editor has described yet, or whose"
            " metadata does not record it (it is then in no feed).",
        ),
        (
            "last_changed",
            "timestamp or empty",
            "When the editors last corrected or updated what its page says, in the same form; empty when never. Each"
            " correction is listed on the Corrections and updates page.",
        ),
    ],
    "events": [
        ("id", "string", "Stable id: the source's id, -e and a number."),
        ("date", "date", "When it happened, as YYYY, YYYY-MM or YYYY-MM-DD."),
        (
            "date_basis",
            "string",
            "stated when the source gives the date; inferred when the editors inferred it from the text; outside when"
            " it rests on reporting outside the source, cited on its page.",
        ),
        ("countries", "list of slugs", "Countries and regions involved."),
        ("themes", "list of slugs", "Themes it belongs to."),
        ("text", "string", "What happened, in the editors' words."),
        ("quote", "string", "The exact words of the source the event rests on."),
        *WHERE_CITED,
        (
            "inferred",
            "list of field names",
            "Fields the editors inferred rather than read in the source (usually date); the source page gives the"
            " reason.",
        ),
    ],
    "figures": [
        ("id", "string", "Stable id: the source's id, -f and a number."),
        ("metric", "slug", "What is measured."),
        ("metric_name", "string", "The metric's name."),
        ("unit", "string", "Unit of the value: percent, people, count, usd or times."),
        ("country", "slug", "Country or region the figure is about."),
        ("themes", "list of slugs", "Themes the figure belongs to."),
        ("value", "number", "The value, in the unit."),
        (
            "bound",
            "string",
            "How exact the value is, as the source says it: exact, about, more-than, at-least, fewer-than or up-to.",
        ),
        ("shown", "string", 'The value as the pages show it, with its bound and unit, e.g. "more than 50".'),
        ("as_of", "date", "When the value applies (the end of its period), as YYYY, YYYY-MM or YYYY-MM-DD."),
        (
            "as_of_basis",
            "string",
            "stated when the source gives when the value applies; inferred when the editors inferred it from the"
            " text; outside when it rests on reporting outside the source, cited on its page.",
        ),
        (
            "period",
            "string",
            "The period the value covers, in words; marked (inferred) when the source does not state it.",
        ),
        (
            "period_start",
            "date or empty",
            "First month (or year, or day) of the period; empty when the editors gave the period in words only, and"
            " then it is compared with no other figure.",
        ),
        ("period_end", "date or empty", "Last month (or year, or day) of the period."),
        (
            "measure",
            "string",
            "What the value measures and where it comes from: the poll or statistics body, or that the source does"
            " not say.",
        ),
        (
            "measure_known",
            "boolean",
            "false when the source does not say which poll or statistics the value comes from; such figures from"
            " different sources are never compared as one measurement.",
        ),
        (
            "elsewhere",
            "list",
            "Different values for the same fact in reporting outside the source, each as value (bound), publisher,"
            " date and URL; the source page cites them.",
        ),
        ("text", "string", "The figure in the editors' words."),
        ("quote", "string", "The exact words of the source the figure rests on."),
        *WHERE_CITED,
        (
            "inferred",
            "list of field names",
            "Fields the editors inferred rather than read in the source; the source page gives the reason.",
        ),
    ],
}
DESCRIPTIONS = {
    "sources": "Every source, teasers of listing pages included, one row each.",
    "events": "Every dated event the editors took from the sources, each citing a paragraph.",
    "figures": "Every figure (poll result, count, share) the editors took from the sources, each citing a paragraph.",
}
