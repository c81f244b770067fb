"""Bar charts drawn with the kit: vertical bars, horizontal bars, bars stacked by rating, and a
sparkline.

Pure drawing: each function takes numbers, labels and links already computed and returns markup; it
runs no query and reads no request, so a page and a WeasyPrint PDF draw the same chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from taskbook.charts.axes import gridlines
from taskbook.charts.colours import BLUE, INK, MUTED, RULE, WHITE
from taskbook.charts.svg import (
    Markup,
    circle,
    document,
    join,
    line,
    link,
    polyline,
    rect,
    text,
    text_units,
    truncate,
)


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value (None draws no bar), where it links, its colour, its tooltip
    and the value as printed beside it."""

    label: str
    value: float | None
    href: str = ""
    colour: str = BLUE
    title: str = ""
    text: str = ""


@dataclass(frozen=True)
class Segment:
    key: str
    value: int
    href: str = ""
    title: str = ""


@dataclass(frozen=True)
class Stack:
    """One column of a stacked chart: its label and its segments from the bottom up."""

    label: str
    segments: Sequence[Segment] = field(default_factory=tuple)
    href: str = ""


def _baseline(left: float, right: float, y: float) -> Markup:
    return line(left, y, right, y, stroke=MUTED, stroke_width=1)


def vertical_bars(bars: Sequence[Bar], *, label: str, height: int = 200, bar_width: int = 56) -> Markup:
    """Columns side by side with their value above and their label below (e.g. tasks per rating)."""
    gap, top, bottom, left = 18, 22, 40, 8
    width = left + len(bars) * (bar_width + gap) + gap
    plot = height - top - bottom
    peak = max([b.value or 0 for b in bars] + [1])
    parts = [_baseline(left, width - left, top + plot)]
    for i, bar in enumerate(bars):
        x = left + gap + i * (bar_width + gap)
        h = plot * (bar.value or 0) / peak
        y = top + plot - h
        middle = x + bar_width / 2
        inner = join(
            [
                rect(x, y, bar_width, max(h, 1 if bar.value else 0), fill=bar.colour, rx=2),
                text(
                    middle,
                    y - 6,
                    bar.text or _fmt(bar.value),
                    size=13,
                    fill=INK,
                    anchor="middle",
                    weight="bold",
                ),
                text(middle, top + plot + 16, truncate(bar.label, 14), size=11, fill=MUTED, anchor="middle"),
            ]
        )
        parts.append(link(bar.href, inner, bar.title or bar.label))
    return document(join(parts), width=width, height=height, label=label, css="chart chart-vbars")


def horizontal_bars(
    bars: Sequence[Bar],
    *,
    label: str,
    maximum: float = 100.0,
    width: int = 640,
    row_height: int = 22,
    label_units: int = 34,
    suffix: str = "%",
    narrow: bool = False,
) -> Markup:
    """One row per item: its label, a bar scaled to `maximum`, the value at the bar's end. Labels
    stand on the left, or above each bar with `narrow` (for a phone: the chart then keeps readable
    text at a small width). A row whose value is None shows its `text` in place of a bar."""
    value_w = 44
    if narrow:
        label_w, label_units, row_height = 0.0, int(width / 6.6), 34
    else:
        label_w = min(label_units, max([text_units(b.label) for b in bars] + [8])) * 6.6 + 12
    plot = width - label_w - value_w - (12 if narrow else 0)
    left = 12 if narrow else label_w
    top = 6
    rows_bottom = top + len(bars) * row_height
    height = rows_bottom + 20
    bar_top, bar_h = (17, 12) if narrow else (4, row_height - 8)
    # Quarter gridlines with their values under the chart, so a bar can be read without hovering.
    quarters = [left + plot * q / 4 for q in range(5)]
    parts = gridlines(quarters, top, rows_bottom, across=False, stroke=RULE, stroke_width=1)
    parts += [
        text(x, height - 5, f"{_fmt(maximum * q / 4)}{suffix}", size=10, fill=MUTED, anchor="middle")
        for q, x in enumerate(quarters)
    ]
    for i, bar in enumerate(bars):
        y = top + i * row_height
        name = truncate(bar.label, label_units)
        if narrow:
            cells = [text(left, y + 13, name, size=12, fill=INK)]
        else:
            cells = [text(label_w - 8, y + row_height * 0.68, name, size=12, fill=INK, anchor="end")]
        value_y = y + bar_top + bar_h - 2
        if bar.value is None:
            cells.append(text(left + 4, value_y, bar.text, size=11, fill=MUTED))
        else:
            w = plot * min(max(bar.value, 0), maximum) / maximum if maximum else 0
            cells.append(rect(left, y + bar_top, max(w, 1), bar_h, fill=bar.colour, rx=2))
            value = bar.text or _fmt(bar.value) + suffix
            cells.append(text(left + w + 5, value_y, value, size=11, fill=INK, weight="bold"))
        parts.append(link(bar.href, join(cells), bar.title or bar.label))
    css = "chart chart-hbars" + (" narrow" if narrow else "")
    return document(join(parts), width=width, height=height, label=label, css=css)


def stacked_bars(
    stacks: Sequence[Stack],
    *,
    label: str,
    colours: dict[str, str],
    height: int = 200,
    bar_width: int = 40,
) -> Markup:
    """Columns whose segments are stacked from the bottom (e.g. tasks per rating in each cycle)."""
    gap, top, bottom, left = 14, 10, 34, 8
    width = left + len(stacks) * (bar_width + gap) + gap
    plot = height - top - bottom
    peak = max([sum(s.value for s in stack.segments) for stack in stacks] + [1])
    parts = [_baseline(left, width - left, top + plot)]
    for i, stack in enumerate(stacks):
        x = left + gap + i * (bar_width + gap)
        y = float(top + plot)
        for segment in stack.segments:
            if not segment.value:
                continue
            h = plot * segment.value / peak
            y -= h
            fill = colours.get(segment.key, MUTED)
            parts.append(
                link(
                    segment.href,
                    rect(x, y, bar_width, h, fill=fill, stroke=WHITE, stroke_width=1),
                    segment.title,
                )
            )
        name = text(
            x + bar_width / 2, top + plot + 15, truncate(stack.label, 9), size=10, fill=MUTED, anchor="middle"
        )
        parts.append(link(stack.href, name, stack.label))
    return document(join(parts), width=width, height=height, label=label, css="chart chart-stacked")


def sparkline(
    values: Sequence[float | None], *, label: str, width: int = 84, height: int = 22, maximum: float = 100.0
) -> Markup:
    """A small line of values on a fixed scale (0 to `maximum`); gaps (None) break the line. The last
    value is marked with a dot."""
    if not values:
        return Markup("")
    pad = 3
    step = (width - 2 * pad) / max(len(values) - 1, 1)

    def point(i: int, v: float) -> tuple[float, float]:
        return pad + i * step, height - pad - (height - 2 * pad) * min(max(v, 0), maximum) / maximum

    runs: list[list[tuple[float, float]]] = [[]]
    for i, v in enumerate(values):
        if v is None:
            runs.append([])
        else:
            runs[-1].append(point(i, v))
    parts = [line(pad, height - pad, width - pad, height - pad, stroke=RULE, stroke_width=1)]
    for run in runs:
        if len(run) > 1:
            parts.append(polyline(run, stroke=BLUE, stroke_width=1.5))
        elif run:
            parts.append(circle(*run[0], 1.5, fill=BLUE))
    last = next(((i, v) for i, v in reversed(list(enumerate(values))) if v is not None), None)
    if last is not None:
        parts.append(circle(*point(*last), 2.5, fill=INK))
    return document(join(parts), width=width, height=height, label=label, css="chart chart-spark")


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
