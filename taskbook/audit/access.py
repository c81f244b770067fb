"""Fetch the history of one object for whoever may see that object (404 otherwise, so nothing leaks
about what exists)."""

from django.http import Http404
from django.utils.translation import gettext as _

from taskbook.audit.models import AuditEvent
from taskbook.audit.querysets import AuditEventQuerySet
from taskbook.orgs.actors import Viewer
from taskbook.orgs.permissions import may_read_audit_log, require


def require_log_reader(user: Viewer) -> None:
    """The whole log, its CSV and the API's list: the office and leaders (403 for everyone else)."""
    require(may_read_audit_log(user), _("The audit log is for the coordinating office and leaders."))


def history_for(user: Viewer, object_type: str, object_id: str) -> AuditEventQuerySet:
    if not object_id.isdigit():
        raise Http404
    events: AuditEventQuerySet = AuditEvent.objects.of_object(user, object_type, object_id)
    return events
