"""Asking for an implementation progress report: the row that tracks it, and the background job that
builds it, enqueued once the row is committed (a worker that picks the job up sooner would find no row).
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_supported_language_variant
from django.utils.translation import gettext as _

from taskbook.audit.events import Event
from taskbook.audit.record import record, snapshot

# A module reference: the job records its steps through these actions.
from taskbook.documents import jobs
from taskbook.documents.models import DocumentStatus, GeneratedDocument
from taskbook.errors import ActionError
from taskbook.orgs.actors import SYSTEM, Actor, user_of
from taskbook.orgs.permissions import may_have_progress_documents, require
from taskbook.plans.models import Plan
from taskbook.reporting.models import CycleStatus, ReportingCycle


@transaction.atomic
def request_document(
    actor: Actor, plan: Plan, cycle: ReportingCycle, format: str, language: str
) -> GeneratedDocument:
    """Queue the report of `plan` for `cycle` as PDF, DOCX or XLSX, in `language`."""
    allowed = (
        may_have_progress_documents(actor) and Plan.objects.visible_to(actor).filter(pk=plan.pk).exists()
    )
    require(allowed, _("Only the coordinator and leaders generate implementation progress reports."))
    if cycle.plan_id != plan.pk:
        raise ActionError(_("This reporting cycle belongs to another plan."), field="cycle")
    if cycle.status == CycleStatus.SCHEDULED:
        raise ActionError(_("This cycle has not opened yet: there are no reports to put in a document."))
    if format not in GeneratedDocument.Format.values:
        raise ActionError(_("Choose PDF, Word or Excel."), field="format")
    try:
        language = get_supported_language_variant(language)
    except LookupError as exc:
        raise ActionError(_("Documents are made in English or Chinese."), field="language") from exc
    document = GeneratedDocument.objects.create(
        plan=plan,
        cycle=cycle,
        format=format,
        language=language,
        requested_by=user_of(actor),
    )
    record(
        actor,
        Event.DOCUMENT_REQUEST,
        document,
        after=snapshot(document, ["plan", "cycle", "format", "language", "status"]),
    )
    transaction.on_commit(lambda: jobs.build_document.enqueue(document.pk))
    return document


# -- the job's steps ------------------------------------------------------------------------------
# Progress is a row's state, not a change anyone made: only the end of a build is an audit event.


def _write(document: GeneratedDocument, **fields: Any) -> None:
    """Write these fields only: a status page reading the row never sees a half-written one."""
    for name, value in fields.items():
        setattr(document, name, value)
    GeneratedDocument.objects.filter(pk=document.pk).update(**fields)


def start_document(document: GeneratedDocument) -> None:
    _write(document, status=DocumentStatus.RUNNING, progress=1, error="")


def advance_document(document: GeneratedDocument, percent: int) -> None:
    _write(document, progress=min(percent, 99))


@transaction.atomic
def finish_document(document: GeneratedDocument, content: bytes) -> None:
    name = f"progress-report-{document.plan_id}-{document.cycle_id}-{document.pk}.{document.format}"
    document.file.save(name, ContentFile(content), save=False)
    _write(
        document,
        status=DocumentStatus.DONE,
        progress=100,
        file=document.file.name,
        finished_at=timezone.now(),
    )
    record(SYSTEM, Event.DOCUMENT_DONE, document, after={"file": document.file.name, "bytes": len(content)})


@transaction.atomic
def fail_document(document: GeneratedDocument, exc: BaseException) -> None:
    message = str(exc).strip() or type(exc).__name__
    error = f"{type(exc).__name__}: {message}"[:2000]
    _write(document, status=DocumentStatus.FAILED, error=error, finished_at=timezone.now())
    record(SYSTEM, Event.DOCUMENT_FAILED, document, after={"error": error})
