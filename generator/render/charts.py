"""Charts drawn at build time as inline SVG: no script, no file from another host.

A horizontal bar chart per series of comparable figures (one metric, one measure,
one period): one bar per figure, labelled with its country and period, the value
with its bound ("more than 50") at the end of the bar, and what the series
measures in the caption. Colours come from the page's
CSS (the theme's variables), so the chart reads in light and dark mode alike. The
SVG has a title and a description for screen readers, and the page shows the
same numbers in a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.render import escape

WIDTH = 640
LABEL_WIDTH = 210
VALUE_WIDTH = 70
BAR_HEIGHT = 22
BAR_GAP = 10
TOP = 8
AXIS_HEIGHT = 44
TICKS = 4


@dataclass(frozen=True)
class Bar:
    label: str  # e.g. "Kyrgyzstan, 2022 (inferred)"
    value: float
    shown: str  # the value as printed, e.g. "70%"
    flagged: bool = False  # part of a disagreement between sources


def bar_chart(chart_id: str, title: str, axis_label: str, bars: list[Bar], percent: bool, measured: str = "") -> Markup:
    """An accessible SVG figure; chart_id must be unique on the page (letters, digits, '-')."""
    largest = max(max(bar.value for bar in bars), 1e-9)
    top_value = max(100.0, largest * 1.1) if percent and largest > 100 else 100.0 if percent else largest * 1.1
    plot_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = TOP + len(bars) * (BAR_HEIGHT + BAR_GAP) + AXIS_HEIGHT
    rows = [_row(index, bar, top_value, plot_width) for index, bar in enumerate(bars)]
    description = (f"{measured}. " if measured else "") + "; ".join(
        f"{bar.label}: {bar.shown}" + (" (sources disagree)" if bar.flagged else "") for bar in bars
    )
    caption = escape.fragment(f"{title} ({measured})" if measured else title)
    parts = [
        f'<figure class="briefing-chart" id="{chart_id}">',
        f'<svg viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape.fragment(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape.fragment(description)}</desc>',
        *rows,
        _axis(len(bars), top_value, plot_width, axis_label, percent),
        "</svg>",
        f"<figcaption>{caption}. Bars marked with a dashed outline are figures on which "
        f"sources disagree. The table below gives the same numbers with their sources.</figcaption>"
        if any(bar.flagged for bar in bars)
        else f"<figcaption>{caption}. The table below gives the same numbers with their sources.</figcaption>",
        "</figure>",
    ]
    return Markup("\n".join(parts))


def _row(index: int, bar: Bar, top_value: float, plot_width: int) -> str:
    y = TOP + index * (BAR_HEIGHT + BAR_GAP)
    width = max(1.0, plot_width * max(bar.value, 0) / top_value)
    kind = "briefing-chart__bar briefing-chart__bar--flagged" if bar.flagged else "briefing-chart__bar"
    middle = y + BAR_HEIGHT / 2
    return (
        f'<text class="briefing-chart__label" x="{LABEL_WIDTH - 8}" y="{middle:.1f}" text-anchor="end" '
        f'dominant-baseline="middle">{escape.fragment(bar.label)}</text>'
        f'<rect class="{kind}" x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" rx="2"/>'
        f'<text class="briefing-chart__value" x="{LABEL_WIDTH + width + 6:.1f}" y="{middle:.1f}" '
        f'dominant-baseline="middle">{escape.fragment(bar.shown)}</text>'
    )


def _axis(count: int, top_value: float, plot_width: int, axis_label: str, percent: bool) -> str:
    y = TOP + count * (BAR_HEIGHT + BAR_GAP)
    parts = [
        f'<line class="briefing-chart__axis" x1="{LABEL_WIDTH}" y1="{y}" x2="{LABEL_WIDTH + plot_width}" y2="{y}"/>'
    ]
    for step in range(TICKS + 1):
        value = top_value * step / TICKS
        x = LABEL_WIDTH + plot_width * step / TICKS
        tick = f"{value:.0f}%" if percent else _short(value)  # ticks follow the scale, past 100% if need be
        parts.append(
            f'<line class="briefing-chart__axis" x1="{x:.1f}" y1="{y}" x2="{x:.1f}" y2="{y + 4}"/>'
            f'<text class="briefing-chart__tick" x="{x:.1f}" y="{y + 16}" text-anchor="middle">{tick}</text>'
        )
    parts.append(
        f'<text class="briefing-chart__axis-label" x="{LABEL_WIDTH + plot_width / 2:.1f}" y="{y + 36}" '
        f'text-anchor="middle">{escape.fragment(axis_label)}</text>'
    )
    return "".join(parts)


def _short(value: float) -> str:
    for size, suffix in ((1e9, " bn"), (1e6, " m"), (1e3, " k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"
