"""The core of the chart kit: a standalone SVG document, element builders that escape every text, text
widths estimated for Latin and CJK, truncation with the full text as a tooltip, joins and links.

Every chart is drawn on the server and shown alike in a page, in a WeasyPrint PDF and as a file saved
on its own, none of which shares the page's style sheet. So a document carries its namespace, a
viewBox, a size and the font, and colours are attributes or a style sheet inside the SVG, never CSS
variables.

Text from documents and users is never raw markup: every attribute value is escaped, and every child
is escaped unless it is markup this kit built (a `SafeString`). Markup is marked safe in this module
only (`_safe`), once it is joined from parts escaped here.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.safestring import SafeString

FONT = "Noto Sans CJK SC, Noto Sans, sans-serif"
XMLNS = "http://www.w3.org/2000/svg"
ELLIPSIS = "…"

Markup = SafeString


def num(value: float) -> str:
    """A coordinate or a size with at most one decimal, so the markup stays short: 12, 12.5."""
    if isinstance(value, int):
        return str(value)
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def escape(value: Any) -> str:
    """`value` as text that is safe in markup: kit-built markup as it is, anything else escaped.

    Django's `conditional_escape`, without the lazy-string wrapper that costs a road map of 500
    measures a tenth of its drawing time."""
    if type(value) is SafeString:  # the kit's own markup, nearly every part: the quick way
        return value
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


def _safe(markup: str) -> Markup:
    # `mark_safe` without its lazy-string wrapper; only ever given markup joined from escaped parts.
    return SafeString(markup)


# `css` stands for "class" (a Python keyword); other underscores are hyphens (stroke_width).
_NAMES = {"css": "class"}


def _name(key: str) -> str:
    name = _NAMES.get(key)
    if name is None:
        name = _NAMES[key] = key.replace("_", "-")
    return name


def tag(name: str, *children: Any, **attrs: Any) -> Markup:
    """One element. Numbers are written short, other attribute values escaped always (None and ""
    leave the attribute out), children escaped unless the kit built them; without children the
    element closes itself. `name` and the attribute names come from our code, never from users."""
    return _element(name, "", children, attrs)


def _element(name: str, numbers: str, children: Sequence[Any], attrs: dict[str, Any]) -> Markup:
    # `numbers`: attributes a shape wrote itself from its coordinates, which need no escaping; the
    # shapes do so because a road map draws tens of thousands of them.
    head = name + numbers
    head += "".join(
        f' {_name(k)}="{num(v) if isinstance(v, int | float) else html.escape(str(v))}"'
        for k, v in attrs.items()
        if v is not None and v != ""
    )
    if not children:
        return _safe(f"<{head}/>")
    return _safe(f"<{head}>{''.join(map(escape, children))}</{name}>")


def join(parts: Iterable[Any]) -> Markup:
    """Parts side by side: kit-built markup as it is, any other text escaped."""
    return _safe("".join(map(escape, parts)))


# -- shapes -------------------------------------------------------------------------------------


# A shape's child, if any, is its <title>: the tooltip a pointer shows over it.


def line(x1: float, y1: float, x2: float, y2: float, *children: Any, **attrs: Any) -> Markup:
    ends = f' x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}"'
    return _element("line", ends, children, attrs)


def rect(x: float, y: float, width: float, height: float, *children: Any, **attrs: Any) -> Markup:
    box = f' x="{num(x)}" y="{num(y)}" width="{num(width)}" height="{num(height)}"'
    return _element("rect", box, children, attrs)


def circle(cx: float, cy: float, r: float, *children: Any, **attrs: Any) -> Markup:
    return _element("circle", f' cx="{num(cx)}" cy="{num(cy)}" r="{num(r)}"', children, attrs)


def polyline(points: Sequence[tuple[float, float]], **attrs: Any) -> Markup:
    return tag("polyline", points=" ".join(f"{num(x)},{num(y)}" for x, y in points), fill="none", **attrs)


def diamond(cx: float, cy: float, r: float, *children: Any, **attrs: Any) -> Markup:
    """A square on its corner centred on (cx, cy): a milestone, a target."""
    r_ = num(r)
    d = f' d="M{num(cx)} {num(cy - r)}l{r_} {r_}l-{r_} {r_}l-{r_} -{r_}z"'
    return _element("path", d, children, attrs)


def text(x: float, y: float, content: Any, **attrs: Any) -> Markup:
    """A text at (x, y); `size`, `anchor` and `weight` stand for font-size, text-anchor and
    font-weight."""
    for short, name in (("size", "font_size"), ("anchor", "text_anchor"), ("weight", "font_weight")):
        if short in attrs:
            attrs[name] = attrs.pop(short)
    return _element("text", f' x="{num(x)}" y="{num(y)}"', (content,), attrs)


# -- tooltips and links -------------------------------------------------------------------------


def title(tip: Any) -> Markup:
    """The <title> of the element it is put in: the tooltip a pointer shows, which a screen reader
    reads too."""
    return _safe(f"<title>{escape(tip)}</title>")


def tooltip(tip: str, *inner: Any) -> Markup:
    """`inner` in a group with `tip` as its tooltip; only `inner` if `tip` is empty."""
    if not tip:
        return join(inner)
    return _safe(f"<g>{title(tip)}{join(inner)}</g>")


def link(href: str, inner: Any, tip: str = "") -> Markup:
    """`inner` as a link with a tooltip; without an address, only the tooltip."""
    if not href:
        return tooltip(tip, inner)
    return tag("a", *((title(tip),) if tip else ()), inner, href=href)


# -- text widths --------------------------------------------------------------------------------

# Latin text is drawn about this share of the font size wide per character, on average.
LATIN_EM = 0.56


def _wide(char: str) -> bool:
    # Nothing below U+1100 (Hangul Jamo, the first wide block) is wide: skip the table for it.
    return char >= "\u1100" and unicodedata.east_asian_width(char) in ("W", "F")


def text_units(content: str) -> int:
    """The width of `content` in Latin characters: a CJK (wide or full-width) character counts 2."""
    return sum(2 if _wide(c) else 1 for c in content)


def text_width(content: str, size: float) -> float:
    """About how wide `content` is drawn at `size` px: the server cannot measure text, so a CJK
    character counts one em and any other LATIN_EM of one."""
    return sum(size if _wide(c) else size * LATIN_EM for c in content)


def truncate(content: str, units: int) -> str:
    """`content` on one line, cut to `units` character widths (CJK counts 2) with an ellipsis when
    cut; put the full text in a tooltip (`clipped_text`)."""
    content = " ".join(str(content).split())
    if len(content) * 2 <= units:  # fits whatever its characters
        return content
    width, cut = 0, 0
    for i, char in enumerate(content):
        width += 2 if _wide(char) else 1
        if width <= units - 1:
            cut = i + 1  # the longest start that leaves one unit for the ellipsis
        elif width > units:
            return content[:cut].rstrip() + ELLIPSIS
    return content


def clipped_text(
    x: float, y: float, content: str, units: int, *, full: str | None = None, **attrs: Any
) -> Markup:
    """A text cut to `units` (see `truncate`); the full text as its tooltip when it was cut, or
    `full` when given (a longer description than the text itself)."""
    short = truncate(content, units)
    tip = full if full is not None else (str(content) if short.endswith(ELLIPSIS) else "")
    return tooltip(tip, text(x, y, short, **attrs))


# -- the document -------------------------------------------------------------------------------


def document(
    body: Any,
    *,
    width: float,
    height: float,
    label: str = "",
    description: str = "",
    ident: str = "",
    css: str = "",
    style: str = "",
    titled: bool = True,
    fit: bool = False,
    hidden: bool = False,
) -> Markup:
    """A standalone SVG: namespace, viewBox, size and the kit's font, whatever page holds it.

    `label` names it for screen readers (role img) and, when `titled`, is also its <title>, which a
    file viewer and a pointer show; `description` adds a <desc>, and then both are referenced by id
    (`ident`, unique on the page). `style` is a style sheet of our own inside the SVG (classes keep a
    large chart short); `fit` scales it to its container's width; `hidden` hides a decoration from
    screen readers."""
    size = {"width": "100%"} if fit else {"width": width, "height": height}
    head: list[Any] = [tag("style", style)] if style else []
    aria: dict[str, Any] = {}
    if hidden:
        aria["aria_hidden"] = "true"
    elif description:
        if not ident:
            raise ValueError("a described chart needs an ident for its title and description")
        aria = {"role": "img", "aria_labelledby": f"{ident}-t {ident}-d"}
        head += [tag("title", label, id=f"{ident}-t"), tag("desc", description, id=f"{ident}-d")]
    elif label:
        aria = {"role": "img", "aria_label": label}
        if titled:
            head.append(tag("title", label))
    return tag(
        "svg",
        *head,
        body,
        css=css,
        xmlns=XMLNS,
        viewBox=f"0 0 {num(width)} {num(height)}",
        **size,
        font_family=FONT,
        **aria,
    )
