from django.db import models
from django.db.models import Q

from taskbook.orgs.roles import roles_of


class ProgressReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ProgressReportQuerySet":
        """Coordinator and leaders see every report; a unit sees the reports of the tasks it holds."""
        roles = roles_of(user)
        if roles.coordinator:
            return self
        if roles.leader:
            return self.exclude(task__plan__status="draft")
        if not roles.units:
            return self.none()
        held = Q(unit__in=roles.units) | Q(task__task_units__unit__in=roles.units)
        return self.filter(pk__in=self.model._default_manager.filter(held).values("pk")).exclude(
            task__plan__status="draft"
        )
