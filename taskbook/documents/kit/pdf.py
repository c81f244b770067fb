"""The task book as PDF: a Django template laid out by WeasyPrint, with the Noto CJK fonts embedded."""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string
from weasyprint import CSS, HTML, URLFetcher

from taskbook.documents.task_book.content import TaskBookDocument

STYLESHEET = Path(__file__).resolve().parents[1] / "static" / "documents" / "task-book-pdf.css"


class _NoFetching(URLFetcher):
    """The document needs nothing from outside: refuse every address, so no text in it can make the
    server read a file or reach the network (government intranets are closed anyway)."""

    def fetch(self, url, headers=None):
        raise ValueError(f"taskbook PDFs fetch no resources: {url}")


def render_taskbook_pdf(doc: TaskBookDocument) -> bytes:
    html = render_to_string("documents/task_book_pdf.html", {"doc": doc})
    stylesheet = CSS(string=STYLESHEET.read_text(encoding="utf-8"))
    return HTML(string=html, url_fetcher=_NoFetching()).write_pdf(stylesheets=[stylesheet])
