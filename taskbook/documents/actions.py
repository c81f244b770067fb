"""Asking for an implementation progress report: the row that tracks it, and the background job that
builds it, enqueued once the row is committed (a worker that picks the job up sooner would find no row).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import get_supported_language_variant
from django.utils.translation import gettext as _

from taskbook.audit.events import Event
from taskbook.audit.record import record, snapshot
from taskbook.documents.jobs import build_document
from taskbook.documents.models import GeneratedDocument
from taskbook.errors import ActionError
from taskbook.orgs.actors import Actor, user_of
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
    transaction.on_commit(lambda: build_document.enqueue(document.pk))
    return document
