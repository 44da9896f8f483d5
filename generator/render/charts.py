"""Charts drawn at build time as SVG that stands alone: no script, no file from another host.

A horizontal bar chart per series of comparable figures (one metric, one measure,
one period). Everything a reader needs to trust it at a glance is in the SVG
itself, as Our World in Data does it: the title, the unit and period, what the
series measures, a mark on each value that is a bound ("more than 50%") or whose
date is inferred, which bars are in a disagreement between sources, and a source
line naming the works it draws on. These come from the figures' own fields.

It reads on a phone as on a desktop: widths are percentages of the space the page
gives it and text keeps its size in pixels, so labels sit above their bars rather
than beside them, and long lines are wrapped for the narrowest screen (360 px).
Colours come from the page's CSS (the theme's variables), so the chart reads in
light and dark mode alike; the downloadable file (svg_file) carries its own
light-scheme style. The page also shows the same numbers in a table beside it.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from markupsafe import Markup

from generator.render import escape

PLOT = 68.0  # per cent of the width the longest bar may take; the rest is for its value
TITLE_SIZE, TEXT_SIZE, NOTE_SIZE = 16, 14, 14  # pixels: a phone's 14 px at the least
TITLE_CHARS, TEXT_CHARS, NOTE_CHARS = 32, 38, 38  # what fits in a line at 360 px, at each size
LINE = 1.35  # line height, in font sizes
BAR_HEIGHT, ROW_GAP = 16, 10
TICKS = 4
FILE_WIDTH = 640  # the downloaded SVG's own width, where no page gives it one
INFERRED_MARK = "†"


@dataclass(frozen=True)
class Bar:
    label: str  # e.g. "Kyrgyzstan"
    value: float
    shown: str  # the value as printed, bound included, e.g. "more than 50%"
    flagged: bool = False  # part of a disagreement between sources
    inferred: bool = False  # its period is inferred, not stated in the article
    bounded: bool = False  # a bound ("more than", "about"), not an exact value


@dataclass(frozen=True)
class ChartSpec:
    chart_id: str  # unique on the page: letters, digits, '-'
    title: str  # what is measured, e.g. "Share blaming the war for economic problems"
    unit: str  # e.g. "Per cent"
    period: str  # e.g. "first six months of 2022"
    measured: str  # where the numbers come from, e.g. "an unnamed poll, as cited in …"
    sources: tuple[str, ...]  # the works the bars draw on, by title
    bars: tuple[Bar, ...]
    percent: bool


def bar_chart(spec: ChartSpec) -> Markup:
    """The chart as it sits in a page: a figure with an accessible SVG and a one-line caption."""
    caption = "The table below gives the same numbers with their sources."
    return Markup(
        f'<figure class="briefing-chart" id="{spec.chart_id}">\n{_svg(spec, width="100%")}\n'
        f"<figcaption>{caption}</figcaption>\n</figure>"
    )


def svg_file(spec: ChartSpec) -> str:
    """The chart as a file of its own, styled for a light background, to download and reuse."""
    style = (
        "<style>text{font-family:Helvetica,Arial,sans-serif;fill:#1f1f1f}"
        ".briefing-chart__tick,.briefing-chart__note,.briefing-chart__source{fill:#4a4a4a}"
        ".briefing-chart__bar{fill:#3f51b5}.briefing-chart__bar--flagged{fill-opacity:.8;stroke:#bf360c;"
        "stroke-width:2;stroke-dasharray:5 3}.briefing-chart__axis{stroke:#8a8a8a}"
        ".briefing-chart__background{fill:#fff}.briefing-chart__title{font-weight:700}</style>"
    )
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + _svg(spec, width=str(FILE_WIDTH), style=style) + "\n"


def _svg(spec: ChartSpec, width: str, style: str = "") -> str:
    top_value = _top(spec)
    lines = _Lines()
    lines.add(_wrap(spec.title, TITLE_CHARS), TITLE_SIZE, "title")
    lines.add(_wrap(f"{spec.unit}, {spec.period}", TEXT_CHARS), TEXT_SIZE, "subtitle")
    lines.gap(8)
    # When every period is inferred the subtitle says so once; a mark on each bar would only repeat it.
    marked = not all(bar.inferred for bar in spec.bars)
    rows = [_row(lines, bar, top_value, marked) for bar in spec.bars]
    axis = _axis(lines, top_value, spec.percent)
    for note in _notes(spec):
        lines.add(_wrap(note, NOTE_CHARS), NOTE_SIZE, "note")
    lines.add(_wrap("Source: " + "; ".join(spec.sources), NOTE_CHARS), NOTE_SIZE, "source")
    height = lines.y + 4
    chart_id = spec.chart_id
    return "".join(
        [
            f'<svg class="briefing-chart__svg" width="{width}" height="{height:.0f}" role="img" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
            style,
            f'<title id="{chart_id}-title">{escape.fragment(spec.title)}</title>',
            f'<desc id="{chart_id}-desc">{escape.fragment(_description(spec))}</desc>',
            '<rect class="briefing-chart__background" width="100%" height="100%" fill="none"/>' if style else "",
            *lines.texts,
            *rows,
            axis,
            "</svg>",
        ]
    )


class _Lines:
    """Text lines stacked from the top, and the bars between them: y grows as things are added."""

    def __init__(self) -> None:
        self.y = 0.0
        self.texts: list[str] = []

    def add(self, lines: list[str], size: int, kind: str) -> None:
        for line in lines:
            self.y += size * LINE
            self.texts.append(
                f'<text class="briefing-chart__{kind}" x="0" y="{self.y - size * 0.3:.1f}" font-size="{size}">'
                f"{escape.fragment(line)}</text>"
            )

    def gap(self, height: float) -> None:
        self.y += height


def _row(lines: _Lines, bar: Bar, top_value: float, marked: bool) -> str:
    label = bar.label + (f" {INFERRED_MARK}" if bar.inferred and marked else "")
    lines.add([label], TEXT_SIZE, "label")
    y = lines.y + 3
    width = max(0.3, PLOT * max(bar.value, 0) / top_value)
    kind = "briefing-chart__bar briefing-chart__bar--flagged" if bar.flagged else "briefing-chart__bar"
    lines.gap(3 + BAR_HEIGHT + ROW_GAP)
    return (
        f'<rect class="{kind}" x="0" y="{y:.1f}" width="{width:.2f}%" height="{BAR_HEIGHT}" rx="2"/>'
        f'<text class="briefing-chart__value" x="{width:.2f}%" dx="6" y="{y + BAR_HEIGHT / 2:.1f}" '
        f'dominant-baseline="middle" font-size="{TEXT_SIZE}">{escape.fragment(bar.shown)}</text>'
    )


def _axis(lines: _Lines, top_value: float, percent: bool) -> str:
    y = lines.y - ROW_GAP / 2
    parts = [f'<line class="briefing-chart__axis" x1="0" y1="{y:.1f}" x2="{PLOT}%" y2="{y:.1f}"/>']
    for step in range(TICKS + 1):
        x = PLOT * step / TICKS
        value = top_value * step / TICKS
        tick = f"{value:.0f}%" if percent else _short(value)  # ticks follow the scale, past 100% if need be
        anchor = "start" if step == 0 else "middle"
        parts.append(
            f'<line class="briefing-chart__axis" x1="{x:.2f}%" y1="{y:.1f}" x2="{x:.2f}%" y2="{y + 4:.1f}"/>'
            f'<text class="briefing-chart__tick" x="{x:.2f}%" y="{y + 17:.1f}" text-anchor="{anchor}" '
            f'font-size="{NOTE_SIZE}">{tick}</text>'
        )
    lines.gap(22)
    return "".join(parts)


def _notes(spec: ChartSpec) -> list[str]:
    notes = [f"Measured by: {spec.measured}."] if spec.measured else []
    if any(bar.inferred for bar in spec.bars) and not all(bar.inferred for bar in spec.bars):
        notes.append(f"{INFERRED_MARK} Period inferred by the editors, not stated in the article.")
    if any(bar.bounded for bar in spec.bars):
        notes.append("Values given as bounds (“more than”, “about”) are drawn at the number stated.")
    if any(bar.flagged for bar in spec.bars):
        notes.append("Bars with a dashed outline: sources disagree on this value.")
    return notes


def _description(spec: ChartSpec) -> str:
    bars = "; ".join(
        f"{bar.label}: {bar.shown}"
        + (" (period inferred)" if bar.inferred else "")
        + (" (sources disagree)" if bar.flagged else "")
        for bar in spec.bars
    )
    measured = f" Measured by: {spec.measured}." if spec.measured else ""
    return f"{spec.unit}, {spec.period}. {bars}.{measured} Source: {'; '.join(spec.sources)}."


def _top(spec: ChartSpec) -> float:
    largest = max(max(bar.value for bar in spec.bars), 1e-9)
    if spec.percent:
        return max(100.0, largest * 1.1) if largest > 100 else 100.0
    return largest * 1.1


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width, break_long_words=True) or [""]


def _short(value: float) -> str:
    for size, suffix in ((1e9, " bn"), (1e6, " m"), (1e3, " k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"
