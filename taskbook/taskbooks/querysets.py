from django.db import models
from django.db.models import Q

from taskbook.orgs.roles import roles_of


def _unit_scope(user, unit_field: str, task_field: str) -> Q | None:
    """None: everything; otherwise the records of the user's units and of tasks their units hold."""
    roles = roles_of(user)
    if roles.coordinator or roles.leader:
        return None
    return Q(**{f"{unit_field}__in": roles.units}) | Q(**{f"{task_field}__task_units__unit__in": roles.units})


class MeasureQuerySet(models.QuerySet):
    def visible_to(self, user) -> "MeasureQuerySet":
        """Coordinator and leaders see all; a unit sees its own measures and those of tasks it holds."""
        roles = roles_of(user)
        if not roles.is_member:
            return self.none()
        scope = _unit_scope(user, "unit", "task")
        qs = self.exclude(task__plan__status="draft") if not roles.coordinator else self
        return qs if scope is None else qs.filter(pk__in=self.filter(scope).values("pk"))


class MilestoneQuerySet(models.QuerySet):
    def visible_to(self, user) -> "MilestoneQuerySet":
        from taskbook.taskbooks.models import Measure

        return self.filter(measure__in=Measure.objects.visible_to(user).values("pk"))


class TaskBookQuerySet(models.QuerySet):
    def visible_to(self, user) -> "TaskBookQuerySet":
        roles = roles_of(user)
        if roles.coordinator:
            return self
        if roles.leader:
            return self.exclude(plan__status="draft")
        return self.filter(unit__in=roles.units).exclude(plan__status="draft")
