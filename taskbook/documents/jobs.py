"""The background job that builds a GeneratedDocument: gather the content, render it, store the file.

The worker runs it (`taskbook worker`); tests call `build_document.call(id)`. Each step writes the
row's progress through the actions, in its own short transaction, so the status page, polling from
another process, sees it move. A failure is kept on the row with its message, for the person who asked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.tasks import task
from django.utils import translation

# A module reference: the actions enqueue this job.
from taskbook.documents import actions
from taskbook.documents.models import DocumentStatus, GeneratedDocument
from taskbook.documents.progress_report.content import ProgressDocument, build_progress_document
from taskbook.documents.progress_report.docx import render_document_docx
from taskbook.documents.progress_report.pdf import render_document_pdf
from taskbook.documents.progress_report.xlsx import render_document_xlsx

logger = logging.getLogger(__name__)

RENDERERS: dict[str, Callable[..., bytes]] = {
    GeneratedDocument.Format.PDF: render_document_pdf,
    GeneratedDocument.Format.DOCX: render_document_docx,
    GeneratedDocument.Format.XLSX: render_document_xlsx,
}
GATHERED = 20  # progress once the content is read; rendering takes the rest up to RENDERED
RENDERED = 95


def build_file(document: GeneratedDocument, progress: Callable[[int], None] = lambda p: None) -> bytes:
    """The document's bytes in its format and language; `progress` hears 0-100."""
    with translation.override(document.language):
        content: ProgressDocument = build_progress_document(document.plan, document.cycle)
        progress(GATHERED)
        return RENDERERS[document.format](
            content, lambda p: progress(GATHERED + (RENDERED - GATHERED) * p // 100)
        )


@task()
def build_document(document_id: int) -> str:
    """Build the document and say how it ended ("done", "failed", or "skipped" when there is nothing to
    do: the row is gone, or a second run of the job finds it done)."""
    document = GeneratedDocument.objects.select_related("plan", "cycle").filter(pk=document_id).first()
    if document is None or document.status == DocumentStatus.DONE:
        return "skipped"
    actions.start_document(document)

    def progress(percent: int) -> None:
        # Only forward steps of a few percent are written: each is a query.
        if percent >= document.progress + 5:
            actions.advance_document(document, percent)

    try:
        content = build_file(document, progress)
    except Exception as exc:  # any failure is the document's; the worker carries on with other jobs
        logger.exception("Document %s failed", document.pk)
        actions.fail_document(document, exc)
        return "failed"
    actions.finish_document(document, content)
    return "done"
