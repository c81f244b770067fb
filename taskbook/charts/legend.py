"""Legends: what each mark of a chart means, as a row inside an SVG (it travels with the chart into
a PDF) or as an HTML list beside it (it wraps on a phone where SVG would not).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from taskbook.charts import colours
from taskbook.charts.svg import Markup, document, join, rect, tag, text, text_width

Sample = Callable[[float, float], Markup]  # draws a mark from x, centred on the row's line y


@dataclass(frozen=True)
class Key:
    """One entry: what a mark means, its sample and the sample's width."""

    label: str
    sample: Sample
    width: float = 22


def legend_row(keys: Sequence[Key], x: float, y: float, *, size: int = 11) -> tuple[list[Markup], float]:
    """The keys in a row from (x, y), each sample followed by its label; and where the row ends."""
    out: list[Markup] = []
    for key in keys:
        out.append(key.sample(x, y))
        out.append(text(x + key.width + 4, y + 4, key.label, size=size, fill=colours.MUTED))
        x += key.width + 14 + text_width(key.label, size)
    return out, x


def legend_svg(keys: Sequence[Key], *, label: str, height: int = 24) -> Markup:
    """The keys on their own as a standalone SVG one row high: for a page of charts too small to
    carry their legend."""
    parts, end = legend_row(keys, 4, height / 2)
    return document(join(parts), width=round(end), height=height, label=label, titled=False)


def swatch(colour: str, *, size: int = 12, css: str = "key") -> Markup:
    """A square of a colour, as a sample in an HTML legend: drawn, not a CSS background, which
    browsers leave out when they print."""
    return document(rect(0, 0, size, size, rx=2, fill=colour), width=size, height=size, css=css, hidden=True)


def html_legend(
    entries: Sequence[tuple[Markup, str]], *, css: str = "chart-legend", label: str = ""
) -> Markup:
    """An HTML list of (sample, meaning): it wraps where the page is narrow."""
    items = [tag("li", sample, meaning) for sample, meaning in entries]
    return tag("ul", *items, css=css, aria_label=label)


def colour_legend(items: Sequence[tuple[str, str]]) -> Markup:
    """A row of (name, colour) keys, as HTML: the legend of bars told apart by colour."""
    return html_legend([(swatch(colour), name) for name, colour in items])
