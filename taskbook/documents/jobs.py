"""The background job that builds a GeneratedDocument: gather the content, render it, store the file.

The worker runs it (`taskbook worker`); tests call `build_document.call(id)`. Each step writes the
row's progress through the actions, in its own short transaction, so the status page, polling from
another process, sees it move, and a heartbeat thread shows the build is alive. A failure is kept on the
row with its message, for the person who asked. A build whose worker stopped (killed, the machine
restarted) is found by `actions.recover_documents` and enqueued again (docs/jobs.md, "Documents").
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connections
from django.tasks import task
from django.utils import translation

# A module reference: the actions enqueue this job.
from taskbook.documents import actions
from taskbook.documents.models import GeneratedDocument
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


@contextmanager
def heartbeat(document: GeneratedDocument) -> Iterator[None]:
    """Write the document's heartbeat every quarter of DOCUMENT_STALE_SECONDS while the block runs, from
    a thread of its own: a long step of rendering (one WeasyPrint call) reports no progress, and must
    not look like a worker that stopped."""
    stop = threading.Event()
    interval = settings.DOCUMENT_STALE_SECONDS / 4

    def run() -> None:
        try:
            while not stop.wait(interval):
                actions.beat(document)
        except actions.Superseded:
            pass  # the build itself finds out at its next write
        except Exception:  # a missed beat is not the build's failure; the next one may pass
            logger.exception("The heartbeat of document %s stopped", document.pk)
        finally:
            connections.close_all()  # this thread's own connections

    thread = threading.Thread(target=run, name=f"heartbeat-{document.pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


@task()
def build_document(document_id: int) -> str:
    """Build the document and say how it ended: "done", "failed", "superseded" (a later attempt took the
    row while this one was thought dead), or "skipped" when there is nothing to do: the row is gone,
    done, failed, or claimed by another worker."""
    document = GeneratedDocument.objects.select_related("plan", "cycle").filter(pk=document_id).first()
    if document is None or not actions.start_document(document):
        return "skipped"

    def progress(percent: int) -> None:
        # Only forward steps of a few percent are written: each is a query.
        if percent >= document.progress + 5:
            actions.advance_document(document, percent)

    try:
        with heartbeat(document):
            content = build_file(document, progress)
        actions.finish_document(document, content)
    except actions.Superseded:
        logger.warning("Document %s: attempt %s was superseded", document.pk, document.attempts)
        return "superseded"
    except Exception as exc:  # any failure is the document's; the worker carries on with other jobs
        logger.exception("Document %s failed", document.pk)
        try:
            actions.fail_document(document, exc)
        except actions.Superseded:
            return "superseded"
        return "failed"
    return "done"
