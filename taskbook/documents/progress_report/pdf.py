"""The implementation progress report as PDF: a Django template laid out by WeasyPrint, A4, with the
plan and cycle in the running head, page numbers, and the Noto CJK fonts embedded (named by family in
the stylesheet). Charts are the same inline SVG that the pages show."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML

# The task book's fetcher: the document needs nothing from outside, so every address is refused.
from taskbook.documents.kit.pdf import _NoFetching
from taskbook.documents.progress_report.content import ProgressDocument

STYLESHEET = Path(__file__).resolve().parents[1] / "static" / "documents" / "progress-report-pdf.css"

Progress = Callable[[int], None]


def _quiet(percent: int) -> None:
    pass


def render_document_html(doc: ProgressDocument) -> str:
    overdue_parts = [
        (_("Overdue reports"), doc.overdue_reports, "report"),
        (_("Overdue contributions"), doc.overdue_contributions, "contribution"),
        (_("Overdue measures"), doc.overdue_measures, "measure"),
    ]
    return render_to_string(
        "documents/progress_report_pdf.html", {"doc": doc, "overdue_parts": overdue_parts}
    )


def render_document_pdf(doc: ProgressDocument, progress: Progress = _quiet) -> bytes:
    """The PDF's bytes; `progress` hears how far it has come (0-100) between the steps."""
    html = render_document_html(doc)
    progress(10)
    stylesheet = CSS(string=STYLESHEET.read_text(encoding="utf-8"))
    # Layout is most of the time; it is one call, so progress moves before and after it.
    laid_out = HTML(string=html, url_fetcher=_NoFetching()).render(stylesheets=[stylesheet])
    progress(80)
    content = laid_out.write_pdf()
    progress(100)
    return content
