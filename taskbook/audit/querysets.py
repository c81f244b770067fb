"""Which audit events a user may read: the events of the objects they may see, by each object's own
read rule (`visible_to` of its model). The coordinator sees every event, even of an object since
deleted; a leader reads the whole log (`permissions.may_read_audit_log`) but not the events of an
unpublished draft plan, its sections and tasks, that `/plans/<id>/` hides from them; anyone reads
the history of an object they may see."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Self

from django.apps import apps
from django.db import models
from django.db.models.functions import Cast

from taskbook.orgs.actors import Viewer
from taskbook.orgs.roles import roles_of

if TYPE_CHECKING:  # the models import these querysets: their names for the type checker only
    from taskbook.audit.models import AuditEvent  # noqa: F401


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def visible_to(self, user: Viewer) -> Self:
        if roles_of(user).coordinator:
            return self
        types = self.order_by().values_list("object_type", flat=True).distinct()
        return self.filter(_of_objects_visible_to(user, set(types)))

    def matching(
        self,
        *,
        actor: str = "",
        action: str = "",
        object_type: str = "",
        q: str = "",
        since: datetime.date | None = None,
        until: datetime.date | None = None,
    ) -> Self:
        """The log's filters, for its page, its CSV and the API: part of the actor's name, the start of
        the action's name, the object type, part of the object's name, and the days from and to."""
        lookups = {
            "actor_name__icontains": actor,
            "action__startswith": action,
            "object_type": object_type,
            "object_repr__icontains": q,
            "at__date__gte": since,
            "at__date__lte": until,
        }
        return self.filter(**{lookup: value for lookup, value in lookups.items() if value})

    def of_object(self, user: Viewer, object_type: str, object_id: str) -> Self:
        """The history of one object, for whoever may see the object by its own read rule."""
        return self.filter(object_type=object_type, object_id=object_id).visible_to(user)


def _of_objects_visible_to(user: Viewer, object_types: set[str]) -> models.Q:
    """Events whose object the user may see: for each type of object, its id among the ids its
    model's `visible_to(user)` gives. A type with no model (one since removed, or an event about no
    one record) is seen by the coordinator alone."""
    condition = models.Q(pk__in=[])
    for object_type in sorted(object_types):
        try:
            model = apps.get_model(object_type)
        except (LookupError, ValueError):
            continue
        rule = getattr(model._default_manager, "visible_to", None)
        if rule is None:
            continue
        ids = rule(user).annotate(_audit_id=Cast("pk", models.CharField())).values("_audit_id")
        condition |= models.Q(object_type=object_type, object_id__in=ids)
    return condition
