"""Asking for an implementation progress report: the row that tracks it, and the background job that
builds it, enqueued once the row is committed (a worker that picks the job up sooner would find no row);
the job's steps; and the recovery of builds whose worker stopped (docs/jobs.md, "Documents").
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import get_supported_language_variant, ngettext
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
from taskbook.processes import label_is_gone, this_process
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
# Progress is a row's state, not a change anyone made: only the end of a build, and a build tried
# again after its worker stopped, are audit events.
#
# Each start of a build is an attempt, and claims the row: every later write of that build names the
# attempt it belongs to, so a build that was given up for dead (its worker paused, not gone) and comes
# back finds the row claimed by the next attempt and stops without writing anything.


class Superseded(Exception):
    """This build's claim on the document was taken by a later attempt: it stops and writes nothing."""


def _write(document: GeneratedDocument, **fields: Any) -> None:
    """Write these fields only, and only while this build's attempt holds the row: a status page
    reading the row never sees a half-written one, and an attempt given up for dead writes nothing."""
    claimed = GeneratedDocument.objects.filter(
        pk=document.pk, attempts=document.attempts, status=DocumentStatus.RUNNING
    )
    if not claimed.update(**fields):
        raise Superseded(document.pk)
    for name, value in fields.items():
        setattr(document, name, value)


def start_document(document: GeneratedDocument) -> bool:
    """Claim a queued document for a new attempt; False when it is not queued (done, failed, or being
    built by another worker that is alive) or another worker claimed it first."""
    now = timezone.now()
    fields: dict[str, Any] = {
        "status": DocumentStatus.RUNNING,
        "attempts": document.attempts + 1,
        "progress": 1,
        "error": "",
        "heartbeat_at": now,
        "worker": this_process(),
        "retry_at": None,
    }
    taken = GeneratedDocument.objects.filter(
        pk=document.pk, attempts=document.attempts, status=DocumentStatus.QUEUED
    ).update(**fields)
    if taken:
        for name, value in fields.items():
            setattr(document, name, value)
    return bool(taken)


def beat(document: GeneratedDocument) -> None:
    """The build is alive: a heartbeat, written by the build's heartbeat thread."""
    _write(document, heartbeat_at=timezone.now())


def advance_document(document: GeneratedDocument, percent: int) -> None:
    _write(document, progress=min(percent, 99), heartbeat_at=timezone.now())


@transaction.atomic
def finish_document(document: GeneratedDocument, content: bytes) -> None:
    name = f"progress-report-{document.plan_id}-{document.cycle_id}-{document.pk}.{document.format}"
    document.file.save(name, ContentFile(content), save=False)
    try:
        _write(
            document,
            status=DocumentStatus.DONE,
            progress=100,
            file=document.file.name,
            finished_at=timezone.now(),
            heartbeat_at=None,
        )
    except Superseded:
        document.file.delete(save=False)  # the attempt that holds the row makes its own file
        raise
    record(SYSTEM, Event.DOCUMENT_DONE, document, after={"file": document.file.name, "bytes": len(content)})


@transaction.atomic
def fail_document(document: GeneratedDocument, exc: BaseException) -> None:
    message = str(exc).strip() or type(exc).__name__
    error = f"{type(exc).__name__}: {message}"[:2000]
    _write(document, status=DocumentStatus.FAILED, error=error, finished_at=timezone.now(), heartbeat_at=None)
    record(SYSTEM, Event.DOCUMENT_FAILED, document, after={"error": error})


# -- builds whose worker stopped ---------------------------------------------------------------------


def retry_delay(attempts: int) -> datetime.timedelta:
    """The wait before the attempt after the `attempts`-th: DOCUMENT_RETRY_SECONDS, doubled after each
    further attempt, at most an hour."""
    seconds = settings.DOCUMENT_RETRY_SECONDS * 2 ** min(max(attempts, 1) - 1, 20)
    return datetime.timedelta(seconds=min(seconds, 3600))


@dataclass
class Recovered:
    retried: list[GeneratedDocument] = field(default_factory=list)
    failed: list[GeneratedDocument] = field(default_factory=list)

    def lines(self) -> list[str]:
        """What was done, for a command's output (the log of `taskbook serve`)."""
        retried = [
            f"Document {d.pk} lost its worker: attempt {d.attempts + 1} is queued." for d in self.retried
        ]
        return retried + [f"Document {d.pk} lost its worker {d.attempts} times: failed." for d in self.failed]


def recover_documents(now: datetime.datetime | None = None, *, at_start: bool = False) -> Recovered:
    """Find the documents whose build lost its worker and build them again, up to DOCUMENT_ATTEMPTS
    attempts in all, each after a longer wait; after the last one the document is failed, with a
    message in its own language. Run by the scheduler, and by each worker as it starts (`at_start`):
    then a build by a process of this host that is gone counts as stopped at once, whatever the
    heartbeat's age. Each document is taken with a conditional update, so two recoverers at once
    retry it once."""
    now = now or timezone.now()
    found = Recovered()
    candidates = GeneratedDocument.objects.filter(status=DocumentStatus.RUNNING)
    if not at_start:
        candidates = candidates.stale(now)
    for document in candidates.order_by("pk"):
        if not (document.is_stale(now) or (at_start and label_is_gone(document.worker))):
            continue
        if _recover(document, now):
            (found.retried if document.status == DocumentStatus.QUEUED else found.failed).append(document)
    return found


@transaction.atomic
def _recover(document: GeneratedDocument, now: datetime.datetime) -> bool:
    before = snapshot(document, ["status", "progress", "attempts", "heartbeat_at", "worker"])
    lost = GeneratedDocument.objects.filter(
        pk=document.pk,
        status=DocumentStatus.RUNNING,
        attempts=document.attempts,
        heartbeat_at=document.heartbeat_at,
    )
    if document.attempts < settings.DOCUMENT_ATTEMPTS:
        retry_at = now + retry_delay(document.attempts)
        fields: dict[str, Any] = {
            "status": DocumentStatus.QUEUED,
            "progress": 0,
            "heartbeat_at": None,
            "worker": "",
            "retry_at": retry_at,
        }
        if not lost.update(**fields):
            return False
        for name, value in fields.items():
            setattr(document, name, value)
        after = {"status": document.status, "attempts": document.attempts, "retry_at": retry_at.isoformat()}
        record(SYSTEM, Event.DOCUMENT_RETRY, document, before=before, after=after)
        transaction.on_commit(lambda: _enqueue(document.pk, retry_at))
        return True
    with translation.override(document.language):
        error = ngettext(
            "The background worker stopped while building this document, %(count)d time.",
            "The background worker stopped while building this document, %(count)d times.",
            document.attempts,
        ) % {"count": document.attempts}
    fields = {"status": DocumentStatus.FAILED, "error": error, "heartbeat_at": None, "finished_at": now}
    if not lost.update(**fields):
        return False
    for name, value in fields.items():
        setattr(document, name, value)
    record(SYSTEM, Event.DOCUMENT_FAILED, document, before=before, after={"error": error})
    return True


def _enqueue(document_id: int, run_after: datetime.datetime) -> None:
    task = jobs.build_document
    if task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    task.enqueue(document_id)
