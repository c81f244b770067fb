"""SVG charts as PNG pictures, for the formats that cannot show SVG (Word). The charts are the very
SVG that pages and PDFs show, drawn once by WeasyPrint onto pages of their own size and rendered by
pdfplumber, so a chart looks the same in every format."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import pdfplumber

from taskbook.documents.kit.pdf import lay_out, stylesheet

DPI = 200  # sharp in print, small enough: a target chart is about 10 KB
_SIZE = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')


def svg_pictures(charts: Sequence[str], dpi: int = DPI) -> list[bytes]:
    """Each SVG chart as a PNG, in order: one WeasyPrint run draws them all, each on a page of its own
    size (CSS named pages)."""
    if not charts:
        return []
    rules, pages = [], []
    for i, svg in enumerate(charts):
        size = _SIZE.search(svg)
        width, height = (size.group(1), size.group(2)) if size else ("640", "280")
        rules.append(f"@page c{i} {{ size: {width}px {height}px; margin: 0 }} .c{i} {{ page: c{i} }}")
        pages.append(f'<div class="c{i}">{svg}</div>')  # the charts' markup is escaped already
    css = stylesheet(
        "\n".join(rules) + "\nbody { margin: 0 } div { break-after: page } svg { display: block }"
    )
    # An intermediate file, never seen by a reader: no tags, no metadata.
    pdf = lay_out(f"<!doctype html><html><body>{''.join(pages)}</body></html>", [css]).write_pdf()
    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as drawn:
        for page in drawn.pages:
            buffer = io.BytesIO()
            page.to_image(resolution=dpi).original.save(buffer, "PNG", optimize=True)
            out.append(buffer.getvalue())
    return out
