"""Fetch task-book objects a user may see (404 otherwise, so nothing leaks about what exists)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from taskbook.orgs.models import Unit
from taskbook.orgs.roles import roles_of
from taskbook.plans.models import Plan
from taskbook.taskbooks.models import ChangeRequest, Measure, Milestone


def plan_and_unit_for(user, plan_id: int, unit_id: int) -> tuple[Plan, Unit]:
    """A unit's part of a plan: the coordinator and leaders see every unit's, members their own units'."""
    plan = get_object_or_404(Plan.objects.visible_to(user), pk=plan_id)
    unit = get_object_or_404(Unit, pk=unit_id)
    roles = roles_of(user)
    if not (roles.coordinator or roles.leader or unit.pk in roles.units):
        raise Http404
    return plan, unit


def measure_for(user, measure_id: int) -> Measure:
    return get_object_or_404(
        Measure.objects.visible_to(user).select_related("task__plan", "unit", "responsible", "deputy"),
        pk=measure_id,
    )


def milestone_for(user, milestone_id: int) -> Milestone:
    return get_object_or_404(
        Milestone.objects.visible_to(user).select_related("measure__task__plan", "measure__unit"),
        pk=milestone_id,
    )


def change_request_for(user, change_id: int) -> ChangeRequest:
    visible = Measure.objects.visible_to(user).values("pk")
    roles = roles_of(user)
    qs = ChangeRequest.objects.select_related("measure", "target__task")
    if not (roles.coordinator or roles.leader):
        qs = qs.filter(measure__in=visible) | qs.filter(target__task__task_units__unit__in=roles.units)
    return get_object_or_404(qs.distinct(), pk=change_id)
