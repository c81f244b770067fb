"""The background job that builds a GeneratedDocument: gather the content, render it, store the file.

The worker runs it (`taskbook worker`); tests call `build_document.call(id)`. Each step writes the
row's progress in its own short transaction, so the status page, polling from another process, sees
it move. A failure is kept on the row with its message, for the person who asked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.tasks import task
from django.utils import timezone, translation

from taskbook.audit.events import Event
from taskbook.audit.record import record
from taskbook.documents.models import DocumentStatus, GeneratedDocument
from taskbook.documents.progress_report.content import ProgressDocument, build_progress_document
from taskbook.documents.progress_report.docx import render_document_docx
from taskbook.documents.progress_report.pdf import render_document_pdf
from taskbook.documents.progress_report.xlsx import render_document_xlsx
from taskbook.orgs.actors import SYSTEM

logger = logging.getLogger(__name__)

RENDERERS: dict[str, Callable[..., bytes]] = {
    GeneratedDocument.Format.PDF: render_document_pdf,
    GeneratedDocument.Format.DOCX: render_document_docx,
    GeneratedDocument.Format.XLSX: render_document_xlsx,
}
GATHERED = 20  # progress once the content is read; rendering takes the rest up to RENDERED
RENDERED = 95


def _update(document: GeneratedDocument, **fields) -> None:
    """Write these fields only: a status page reading the row never sees a half-written one."""
    for name, value in fields.items():
        setattr(document, name, value)
    GeneratedDocument.objects.filter(pk=document.pk).update(**fields)


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
    _update(document, status=DocumentStatus.RUNNING, progress=1, error="")

    def progress(percent: int) -> None:
        # Only forward steps of a few percent are written: each is a query.
        if percent >= document.progress + 5:
            _update(document, progress=min(percent, 99))

    try:
        content = build_file(document, progress)
        name = f"progress-report-{document.plan_id}-{document.cycle_id}-{document.pk}.{document.format}"
        document.file.save(name, ContentFile(content), save=False)
    except Exception as exc:  # any failure is the document's; the worker carries on with other jobs
        logger.exception("Document %s failed", document.pk)
        message = str(exc).strip() or type(exc).__name__
        _update(
            document,
            status=DocumentStatus.FAILED,
            error=f"{type(exc).__name__}: {message}"[:2000],
            finished_at=timezone.now(),
        )
        record(SYSTEM, Event.DOCUMENT_FAILED, document, after={"error": document.error})
        return "failed"
    _update(
        document,
        status=DocumentStatus.DONE,
        progress=100,
        file=document.file.name,
        finished_at=timezone.now(),
    )
    record(SYSTEM, Event.DOCUMENT_DONE, document, after={"file": document.file.name, "bytes": len(content)})
    return "done"
