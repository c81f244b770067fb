"""The task book as PDF: a Django template laid out by the kit (taskbook.documents.kit.pdf), tagged,
with the Noto CJK fonts embedded."""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string

from taskbook.documents.kit.pdf import Variant, render_pdf, stylesheet
from taskbook.documents.task_book.content import TaskBookDocument
from taskbook.documents.task_book.names import taskbook_info

STYLESHEET = Path(__file__).resolve().parents[1] / "static" / "documents" / "task-book-pdf.css"


def render_taskbook_pdf(doc: TaskBookDocument, variant: Variant = Variant.TAGGED) -> bytes:
    info = taskbook_info(doc)
    html = render_to_string("documents/task_book_pdf.html", {"doc": doc, "info": info})
    return render_pdf(html, [stylesheet(STYLESHEET)], info, variant)
