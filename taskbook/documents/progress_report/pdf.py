"""The implementation progress report as PDF: a Django template laid out by the kit
(taskbook.documents.kit.pdf), A4, with the plan and cycle in the running head, page numbers, and the
Noto CJK fonts embedded (named by family in the stylesheet). Charts are the same inline SVG that the
pages show.

Generated reports are kept and filed, so they are PDF/A-3u by default (tagged as every PDF is)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from taskbook.documents.kit.info import DocumentInfo
from taskbook.documents.kit.pdf import Variant, lay_out, stylesheet, write_pdf
from taskbook.documents.progress_report.content import ProgressDocument
from taskbook.documents.progress_report.names import progress_info

STYLESHEET = Path(__file__).resolve().parents[1] / "static" / "documents" / "progress-report-pdf.css"

Progress = Callable[[int], None]


def _quiet(percent: int) -> None:
    pass


def render_document_html(doc: ProgressDocument, info: DocumentInfo) -> str:
    overdue_parts = [
        (_("Overdue reports"), doc.overdue_reports, "report"),
        (_("Overdue contributions"), doc.overdue_contributions, "contribution"),
        (_("Overdue measures"), doc.overdue_measures, "measure"),
    ]
    return render_to_string(
        "documents/progress_report_pdf.html", {"doc": doc, "info": info, "overdue_parts": overdue_parts}
    )


def render_document_pdf(
    doc: ProgressDocument, progress: Progress = _quiet, variant: Variant = Variant.ARCHIVE
) -> bytes:
    """The PDF's bytes; `progress` hears how far it has come (0-100) between the steps."""
    info = progress_info(doc)
    html = render_document_html(doc, info)
    progress(10)
    # Layout is most of the time; it is one call, so progress moves before and after it.
    laid_out = lay_out(html, [stylesheet(STYLESHEET)])
    progress(80)
    content = write_pdf(laid_out, info, variant)
    progress(100)
    return content
