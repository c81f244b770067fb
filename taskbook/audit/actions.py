"""Audit events that are not the record of a change: a download. Information leaving taskbook is
audited as a change is (MLPS 2.0 level 3 asks for it): who took which file, of which record, when."""

from __future__ import annotations

from django.db import models, transaction

from taskbook.audit.events import Event
from taskbook.audit.models import AuditEvent
from taskbook.audit.record import record
from taskbook.orgs.actors import Actor

DOWNLOADS = frozenset(
    {
        Event.DOCUMENT_DOWNLOAD,
        Event.EVIDENCE_DOWNLOAD,
        Event.PLAN_SOURCE_DOWNLOAD,
        Event.EXPORT_DOWNLOAD,
        Event.AUDIT_EXPORT,
    }
)


@transaction.atomic
def record_download(
    actor: Actor, event: Event, file_name: str, obj: models.Model | None = None, **details: object
) -> AuditEvent:
    """Record that `actor` downloaded `file_name`, made from `obj` (None for the audit log's own
    export); `details` say which part (the unit, the format, the log's filters). Every download and
    export view calls it before the file goes out; reading is allowed already, so nothing is
    checked here."""
    if event not in DOWNLOADS:
        raise ValueError(f"{event} is not a download")
    after: dict[str, object] = {
        "file": file_name,
        **{k: v for k, v in details.items() if v not in ("", None)},
    }
    return record(actor, event, obj, after=after)
