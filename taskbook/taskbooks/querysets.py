"""Who may read task books, measures, milestones, people and change requests, and the rules of late
work. Each rule is a condition (`Q`) here and a predicate of the same name on the model."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Self

from django.apps import apps
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q

# A module reference, not names: models.py imports these querysets.
from taskbook.orgs.actors import Viewer
from taskbook.orgs.roles import roles_of
from taskbook.taskbooks import models as taskbooks
from taskbook.visibility import VisibleWith

if TYPE_CHECKING:  # the models import these querysets: their names for the type checker only
    from taskbook.taskbooks.models import (  # noqa: F401
        CarryOver,
        ChangeRequest,
        Contact,
        Measure,
        Milestone,
        TaskBook,
        TaskBookRevision,
    )


def open_measure_q(prefix: str = "") -> Q:
    """Neither done nor cancelled."""
    return Q(**{f"{prefix}status__in": taskbooks.OPEN_MEASURE})


def measure_overdue_q(today: datetime.date, prefix: str = "") -> Q:
    """Past its due date, neither done nor cancelled."""
    return open_measure_q(prefix) & Q(**{f"{prefix}due_date__lt": today})


def open_milestone_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}done_on__isnull": True}) & ~Q(
        **{f"{prefix}measure__status": taskbooks.MeasureStatus.CANCELLED}
    )


def milestone_overdue_q(today: datetime.date, prefix: str = "") -> Q:
    return open_milestone_q(prefix) & Q(**{f"{prefix}date__lt": today})


class ContactQuerySet(models.QuerySet["Contact"]):
    def visible_to(self, user: Viewer) -> Self:
        """The office and leaders see everyone; a unit its own people and the persons responsible
        for the measures it may see."""
        roles = roles_of(user)
        if roles.reads_everything:
            return self
        if not roles.units:
            return self.none()
        measures = taskbooks.Measure.objects.visible_to(user)
        return self.filter(
            Q(unit__in=roles.units)
            | Q(pk__in=measures.values("responsible_id"))
            | Q(pk__in=measures.values("deputy_id"))
        )


class MeasureQuerySet(models.QuerySet["Measure"]):
    def visible_to(self, user: Viewer) -> Self:
        """Coordinator and leaders see all; a unit sees its own measures and those of tasks it holds."""
        roles = roles_of(user)
        if not roles.is_member:
            return self.none()
        qs = self if roles.coordinator else self.exclude(task__plan__status="draft")
        if roles.reads_everything:
            return qs
        scope = Q(unit__in=roles.units) | Q(task__task_units__unit__in=roles.units)
        return qs.filter(pk__in=self.model._default_manager.filter(scope).values("pk"))

    def overdue(self, today: datetime.date) -> Self:
        return self.filter(measure_overdue_q(today))

    def with_overdue(self, today: datetime.date) -> Self:
        """Each measure with `overdue`, for lists that mark late work."""
        return self.annotate(overdue=ExpressionWrapper(measure_overdue_q(today), output_field=BooleanField()))


class MilestoneQuerySet(VisibleWith["Milestone"]):
    parent_field, parent_model = "measure", "taskbooks.Measure"

    def overdue(self, today: datetime.date) -> Self:
        return self.filter(milestone_overdue_q(today))


class TaskBookQuerySet(models.QuerySet["TaskBook"]):
    def visible_to(self, user: Viewer) -> Self:
        roles = roles_of(user)
        if roles.coordinator:
            return self
        if roles.leader:
            return self.exclude(plan__status="draft")
        return self.filter(unit__in=roles.units).exclude(plan__status="draft")

    def late(self, today: datetime.date) -> Self:
        return self.filter(taskbook_late_q(today))


def taskbook_late_q(today: datetime.date) -> Q:
    """Late: the plan is published and its period has begun, and the task book is still a draft or
    was returned and not submitted again (a unit's work needs its signed-off task book from the
    plan's first day)."""
    return Q(
        plan__status="published",
        plan__period_start__lte=today,
        status__in=[taskbooks.TaskBookStatus.DRAFT, taskbooks.TaskBookStatus.RETURNED],
    )


class TaskBookRevisionQuerySet(VisibleWith["TaskBookRevision"]):
    parent_field, parent_model = "taskbook", "taskbooks.TaskBook"


class ChangeRequestQuerySet(models.QuerySet["ChangeRequest"]):
    def visible_to(self, user: Viewer) -> Self:
        """A change to a measure, for whoever may see the measure; to a target, for whoever may
        see the target's task as one of its units (the office and leaders see all)."""
        roles = roles_of(user)
        if roles.reads_everything:
            return self
        if not roles.units:
            return self.none()
        tasks = apps.get_model("plans", "Task").objects.visible_to(user).held_by(roles.units)
        measures = taskbooks.Measure.objects.visible_to(user)
        return self.filter(Q(measure__in=measures.values("pk")) | Q(target__task__in=tasks.values("pk")))


class CarryOverQuerySet(VisibleWith["CarryOver"]):
    parent_field, parent_model = "measure", "taskbooks.Measure"
