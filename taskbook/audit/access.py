"""Fetch the history of one object for whoever may see that object (404 otherwise, so nothing leaks
about what exists)."""

from django.http import Http404

from taskbook.audit.models import AuditEvent
from taskbook.audit.querysets import AuditEventQuerySet
from taskbook.orgs.actors import Viewer


def history_for(user: Viewer, object_type: str, object_id: str) -> AuditEventQuerySet:
    if not object_id.isdigit():
        raise Http404
    events: AuditEventQuerySet = AuditEvent.objects.of_object(user, object_type, object_id)
    return events
