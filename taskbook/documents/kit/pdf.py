"""HTML and CSS to PDF with WeasyPrint, the one way every generated PDF is made.

Every PDF is tagged (a structure tree in reading order, /MarkInfo /Marked true), so screen readers
read it, phones reflow it and a copy keeps the reading order; it carries the document's language
(/Lang), title, subject and author. `Variant.UA` declares PDF/UA-1 in the XMP metadata as well;
`Variant.ARCHIVE` makes PDF/A-3u (with the tags kept), for copies that are filed. Fonts are embedded
as subsets in every variant (WeasyPrint's default), which PDF/A requires anyway.

Nothing is fetched: the documents carry their charts inline and name installed fonts by family, so
every address is refused and no text in a document can make the server read a file or reach the
network (government intranets are closed anyway).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

from weasyprint import CSS, HTML, Document, URLFetcher

from taskbook.documents.kit.info import GENERATOR, DocumentInfo


class Variant(StrEnum):
    TAGGED = "tagged"  # PDF 1.7, tagged; no conformance claimed
    UA = "pdf/ua-1"
    ARCHIVE = "pdf/a-3u"


class NoFetching(URLFetcher):
    """Refuses every address (see the module's docstring)."""

    def fetch(self, url, headers=None):
        raise ValueError(f"taskbook PDFs fetch no resources: {url}")


PAGE = Path(__file__).resolve().parents[1] / "static" / "documents" / "page-pdf.css"


def stylesheet(path: Path | str) -> CSS:
    """A stylesheet from a file beside the templates, or CSS text."""
    text = path.read_text(encoding="utf-8") if isinstance(path, Path) else path
    return CSS(string=text, url_fetcher=NoFetching())


def lay_out(html: str, stylesheets: Sequence[CSS]) -> Document:
    """Lay out and paginate on the documents' page (page-pdf.css, then the document's own sheets): most
    of the time a PDF takes, so callers report progress around it."""
    sheets = [stylesheet(PAGE), *stylesheets]
    return HTML(string=html, url_fetcher=NoFetching()).render(stylesheets=sheets)


def write_pdf(laid_out: Document, info: DocumentInfo, variant: Variant = Variant.TAGGED) -> bytes:
    """The PDF of a laid-out document, with `info` as its metadata whatever the template's <head> says."""
    metadata = laid_out.metadata
    metadata.title = info.title
    metadata.authors = [info.author]
    metadata.description = info.subject
    metadata.lang = info.lang
    metadata.generator = GENERATOR
    metadata.created = metadata.modified = info.created_w3c
    return laid_out.write_pdf(
        pdf_tags=True,
        pdf_variant=None if variant == Variant.TAGGED else str(variant),
    )


def render_pdf(
    html: str, stylesheets: Sequence[CSS], info: DocumentInfo, variant: Variant = Variant.TAGGED
) -> bytes:
    return write_pdf(lay_out(html, stylesheets), info, variant)
