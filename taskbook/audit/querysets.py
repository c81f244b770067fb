"""Which audit events a user may read: the coordinator and leaders the log; anyone the history of an
object they may see."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Self

from django.apps import apps
from django.db import models

from taskbook.orgs.actors import Viewer
from taskbook.orgs.roles import roles_of

if TYPE_CHECKING:  # the models import these querysets: their names for the type checker only
    from taskbook.audit.models import AuditEvent  # noqa: F401


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def visible_to(self, user: Viewer) -> Self:
        roles = roles_of(user)
        if roles.reads_everything:
            return self
        return self.none()

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
        """The history of one object, for whoever may see the object by its own read rule (the
        coordinator sees every object's, even one since deleted)."""
        events = self.filter(object_type=object_type, object_id=object_id)
        if roles_of(user).coordinator:
            return events
        try:
            model = apps.get_model(object_type)
        except (LookupError, ValueError):
            return self.none()
        if not model._default_manager.visible_to(user).filter(pk=object_id).exists():
            return self.none()
        return events
