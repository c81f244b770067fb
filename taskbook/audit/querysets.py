"""Which audit events a user may read: the coordinator and leaders all; units the events of objects
they may see."""

from django.apps import apps
from django.db import models

from taskbook.orgs.roles import roles_of


class AuditEventQuerySet(models.QuerySet):
    def visible_to(self, user) -> "AuditEventQuerySet":
        roles = roles_of(user)
        if roles.coordinator or roles.leader:
            return self
        return self.none()

    def of_object(self, user, object_type: str, object_id: str) -> "AuditEventQuerySet":
        """The history of one object, for anyone who may see that object."""
        events = self.filter(object_type=object_type, object_id=object_id)
        roles = roles_of(user)
        if roles.coordinator or roles.leader:
            return events
        try:
            model = apps.get_model(object_type)
        except (LookupError, ValueError):
            return self.none()
        visible = getattr(model.objects, "visible_to", None)
        if visible is None or not visible(user).filter(pk=object_id).exists():
            return self.none()
        return events
