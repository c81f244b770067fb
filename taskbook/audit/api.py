"""The audit log in the HTTP API, read only: the whole log for the office and leaders
(`permissions.may_read_audit_log`), filtered as the page filters it, and one object's history for
whoever may see the object (`access.history_for`).

The events hold what the actions chose to keep: a webhook's address is already masked there.
"""

import datetime
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from taskbook.audit.access import history_for, require_log_reader
from taskbook.audit.models import AuditEvent
from taskbook.errors import ActionError
from taskbook.orgs.permissions import is_coordinator

router = Router(tags=["audit"])


class EventOut(Schema):
    id: int
    at: datetime.datetime
    actor: str  # the user's name, or "system" for taskbook's own jobs and imports
    action: str  # a name of the catalogue (audit/events.py): "measure.update"
    action_label: str
    object_type: str  # "taskbooks.measure"
    object_id: str
    object_repr: str
    before: Any
    after: Any
    address: str | None  # the client's address

    @staticmethod
    def resolve_actor(obj: AuditEvent) -> str:
        return obj.actor_name


class EventFilters(Schema):
    actor: str = Field("", max_length=150, description="Part of the actor's name.")
    action: str = Field("", max_length=64, description="The start of the action's name.")
    object_type: str = Field("", max_length=64)
    q: str = Field("", max_length=300, description="Part of the object's name.")
    since: datetime.date | None = None
    until: datetime.date | None = None


@router.get("/audit/", response=list[EventOut])
@paginate
def list_audit_events(request, filters: Query[EventFilters]) -> Any:
    """Every recorded change, newest first."""
    require_log_reader(request.user)
    if filters.since and filters.until and filters.since > filters.until:
        raise ActionError(_("“since” is after “until”: give the earlier day first."), field="since")
    events = AuditEvent.objects.visible_to(request.user).matching(**filters.model_dump())
    return events.order_by("-at", "-pk")


@router.get("/audit/{object_type}/{object_id}", response=list[EventOut])
@paginate
def object_history(request, object_type: str, object_id: str) -> Any:
    """The history of one object ("taskbooks.measure", 12), for whoever may see the object."""
    events = history_for(request.user, object_type, object_id)
    # An object the reader may not see has no history for them: 404, as for one that never existed.
    if not is_coordinator(request.user) and not events.exists():
        raise Http404
    return events.order_by("-at", "-pk")
