"""Who may read plans, their sections and tasks, and the uploads under review."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.db import models

from taskbook.orgs.actors import Viewer
from taskbook.orgs.roles import roles_of
from taskbook.visibility import VisibleWith

if TYPE_CHECKING:  # the models import these querysets: their names for the type checker only
    from taskbook.plans.models import Plan, PlanImport, Section, Task, TaskUnit  # noqa: F401


class PlanQuerySet(models.QuerySet["Plan"]):
    def visible_to(self, user: Viewer) -> Self:
        """The coordinator sees drafts; every other member sees published and closed plans."""
        roles = roles_of(user)
        if roles.coordinator:
            return self
        if not roles.is_member:
            return self.none()
        return self.exclude(status="draft")


class SectionQuerySet(VisibleWith["Section"]):
    parent_field, parent_model = "plan", "plans.Plan"


class TaskQuerySet(models.QuerySet["Task"]):
    def visible_to(self, user: Viewer) -> Self:
        roles = roles_of(user)
        if roles.coordinator:
            return self
        if not roles.is_member:
            return self.none()
        return self.exclude(plan__status="draft")

    def held_by(self, unit_ids: frozenset[int] | set[int]) -> Self:
        """Tasks on which one of the units is the lead or a participating unit."""
        return self.filter(
            pk__in=self.model._default_manager.filter(task_units__unit__in=unit_ids).values("pk")
        )


class TaskUnitQuerySet(VisibleWith["TaskUnit"]):
    parent_field, parent_model = "task", "plans.Task"


class PlanImportQuerySet(models.QuerySet["PlanImport"]):
    def visible_to(self, user: Viewer) -> Self:
        return self if roles_of(user).coordinator else self.none()
