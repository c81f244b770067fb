"""Small generic charts drawn as SVG on the server: vertical bars, horizontal bars, bars stacked by
rating, and a sparkline.

Pure drawing: each function takes numbers, labels and links already computed and returns markup; it
runs no query and reads no request, so a page and a WeasyPrint PDF draw the same chart. The markup
has a viewBox and a width and height, explicit fills and a font family on each text (no CSS
variables, no style sheet), because a PDF renderer or an SVG saved on its own knows no page CSS.
Every text from users (unit names, labels) goes through `format_html`, which escapes it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

FONT = "Noto Sans CJK SC, Noto Sans, sans-serif"
INK = "#1d2430"
MUTED = "#5b6575"
RULE = "#d9dee7"
BLUE = "#1f4e9c"

# Likelihood of delivery, in the colours every RAG chart uses; "" is "not rated".
RAG_COLOURS = {
    "red": "#c62828",
    "amber_red": "#ef6c00",
    "amber_green": "#f9a825",
    "green": "#2e7d32",
    "": "#9aa3b2",
}


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


def _units(text: str) -> int:
    """Estimated width of `text` in Latin character widths: a CJK character counts 2."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def truncate(text: str, units: int) -> str:
    """`text` cut to about `units` character widths, with an ellipsis when cut (the server cannot
    measure text; the full text goes in a tooltip)."""
    text = " ".join(str(text).split())
    if _units(text) <= units:
        return text
    out, width = [], 0
    for char in text:
        width += _units(char)
        if width > units - 1:
            break
        out.append(char)
    return "".join(out).rstrip() + "…"


def _join(parts: Iterable[SafeString]) -> SafeString:
    # Parts made by format_html pass as they are; anything else would be escaped.
    return format_html_join("", "{}", ((part,) for part in parts))


def _linked(href: str, title: str, inner: SafeString) -> SafeString:
    """`inner` inside a link with a tooltip; without a link, only the tooltip."""
    if href:
        return format_html('<a href="{}"><title>{}</title>{}</a>', href, title, inner)
    if title:
        return format_html("<g><title>{}</title>{}</g>", title, inner)
    return inner


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: int = 12,
    fill: str = INK,
    anchor: str = "start",
    weight: str = "normal",
) -> SafeString:
    return format_html(
        '<text x="{}" y="{}" font-family="{}" font-size="{}" fill="{}" text-anchor="{}" font-weight="{}">'
        "{}</text>",
        _n(x),
        _n(y),
        FONT,
        size,
        fill,
        anchor,
        weight,
        text,
    )


def _n(value: float) -> str:
    """A coordinate with at most one decimal, so the markup stays short."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg(width: float, height: float, label: str, body: SafeString, css_class: str) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart {}" viewBox="0 0 {} {}" width="{}" '
        'height="{}" role="img" aria-label="{}"><title>{}</title>{}</svg>',
        css_class,
        _n(width),
        _n(height),
        _n(width),
        _n(height),
        label,
        label,
        body,
    )


def vertical_bars(bars: Sequence[Bar], *, label: str, height: int = 200, bar_width: int = 56) -> SafeString:
    """Columns side by side with their value above and their label below (e.g. tasks per rating)."""
    gap, top, bottom, left = 18, 22, 40, 8
    width = left + len(bars) * (bar_width + gap) + gap
    plot = height - top - bottom
    peak = max([b.value or 0 for b in bars] + [1])
    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>',
            left,
            top + plot,
            _n(width - left),
            top + plot,
            MUTED,
        )
    ]
    for i, bar in enumerate(bars):
        x = left + gap + i * (bar_width + gap)
        h = plot * (bar.value or 0) / peak
        y = top + plot - h
        inner = _join(
            [
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" rx="2"/>',
                    _n(x),
                    _n(y),
                    bar_width,
                    _n(max(h, 1 if bar.value else 0)),
                    bar.colour,
                ),
                _text(
                    x + bar_width / 2,
                    y - 6,
                    bar.text or _fmt(bar.value),
                    size=13,
                    anchor="middle",
                    weight="bold",
                ),
                _text(
                    x + bar_width / 2,
                    top + plot + 16,
                    truncate(bar.label, 14),
                    size=11,
                    fill=MUTED,
                    anchor="middle",
                ),
            ]
        )
        parts.append(_linked(bar.href, bar.title or bar.label, inner))
    return _svg(width, height, label, _join(parts), "chart-vbars")


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
) -> SafeString:
    """One row per item: its label, a bar scaled to `maximum`, the value at the bar's end. Labels
    stand on the left, or above each bar with `narrow` (for a phone: the chart then keeps readable
    text at a small width). A row whose value is None shows its `text` in place of a bar."""
    value_w = 44
    if narrow:
        label_w, label_units, row_height = 0.0, int(width / 6.6), 34
    else:
        label_w = min(label_units, max([_units(b.label) for b in bars] + [8])) * 6.6 + 12
    plot = width - label_w - value_w - (12 if narrow else 0)
    left = 12 if narrow else label_w
    top = 6
    height = top + len(bars) * row_height + 20
    bar_top, bar_h = (17, 12) if narrow else (4, row_height - 8)
    parts = []
    # Quarter gridlines with their values under the chart, so a bar can be read without hovering.
    for q in range(5):
        x = left + plot * q / 4
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>',
                _n(x),
                top,
                _n(x),
                _n(top + len(bars) * row_height),
                RULE,
            )
        )
        parts.append(
            _text(x, height - 5, f"{_fmt(maximum * q / 4)}{suffix}", size=10, fill=MUTED, anchor="middle")
        )
    for i, bar in enumerate(bars):
        y = top + i * row_height
        text = truncate(bar.label, label_units)
        if narrow:
            cells = [_text(left, y + 13, text, size=12)]
        else:
            cells = [_text(label_w - 8, y + row_height * 0.68, text, anchor="end")]
        value_y = y + bar_top + bar_h - 2
        if bar.value is None:
            cells.append(_text(left + 4, value_y, bar.text, size=11, fill=MUTED))
        else:
            w = plot * min(max(bar.value, 0), maximum) / maximum if maximum else 0
            cells.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" rx="2"/>',
                    _n(left),
                    _n(y + bar_top),
                    _n(max(w, 1)),
                    bar_h,
                    bar.colour,
                )
            )
            cells.append(
                _text(left + w + 5, value_y, bar.text or _fmt(bar.value) + suffix, size=11, weight="bold")
            )
        parts.append(_linked(bar.href, bar.title or bar.label, _join(cells)))
    return _svg(width, height, label, _join(parts), "chart-hbars" + (" narrow" if narrow else ""))


def stacked_bars(
    stacks: Sequence[Stack],
    *,
    label: str,
    colours: dict[str, str],
    height: int = 200,
    bar_width: int = 40,
) -> SafeString:
    """Columns whose segments are stacked from the bottom (e.g. tasks per rating in each cycle)."""
    gap, top, bottom, left = 14, 10, 34, 8
    width = left + len(stacks) * (bar_width + gap) + gap
    plot = height - top - bottom
    peak = max([sum(s.value for s in stack.segments) for stack in stacks] + [1])
    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>',
            left,
            top + plot,
            _n(width - left),
            top + plot,
            MUTED,
        )
    ]
    for i, stack in enumerate(stacks):
        x = left + gap + i * (bar_width + gap)
        y = float(top + plot)
        for segment in stack.segments:
            if not segment.value:
                continue
            h = plot * segment.value / peak
            y -= h
            rect = format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#fff" stroke-width="1"/>',
                _n(x),
                _n(y),
                bar_width,
                _n(h),
                colours.get(segment.key, MUTED),
            )
            parts.append(_linked(segment.href, segment.title, rect))
        parts.append(
            _linked(
                stack.href,
                stack.label,
                _text(
                    x + bar_width / 2,
                    top + plot + 15,
                    truncate(stack.label, 9),
                    size=10,
                    fill=MUTED,
                    anchor="middle",
                ),
            )
        )
    return _svg(width, height, label, _join(parts), "chart-stacked")


def sparkline(
    values: Sequence[float | None], *, label: str, width: int = 84, height: int = 22, maximum: float = 100.0
) -> SafeString:
    """A small line of values on a fixed scale (0 to `maximum`); gaps (None) break the line. The last
    value is marked with a dot."""
    if not values:
        return SafeString("")
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
    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>',
            pad,
            height - pad,
            width - pad,
            height - pad,
            RULE,
        )
    ]
    for run in runs:
        if len(run) > 1:
            parts.append(
                format_html(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="1.5"/>',
                    " ".join(f"{_n(x)},{_n(y)}" for x, y in run),
                    BLUE,
                )
            )
        elif run:
            x, y = run[0]
            parts.append(format_html('<circle cx="{}" cy="{}" r="1.5" fill="{}"/>', _n(x), _n(y), BLUE))
    last = next(((i, v) for i, v in reversed(list(enumerate(values))) if v is not None), None)
    if last is not None:
        x, y = point(*last)
        parts.append(format_html('<circle cx="{}" cy="{}" r="2.5" fill="{}"/>', _n(x), _n(y), INK))
    return _svg(width, height, label, _join(parts), "chart-spark")


def legend(items: Sequence[tuple[str, str]]) -> SafeString:
    """A row of colour keys with their names, as HTML (it wraps on a phone where SVG would not)."""
    return format_html(
        '<ul class="chart-legend">{}</ul>',
        format_html_join(
            "", '<li><span class="key" style="background:{}"></span>{}</li>', ((c, n) for n, c in items)
        ),
    )


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
