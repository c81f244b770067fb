"""Fetch task-book objects a user may see (404 otherwise, so nothing leaks about what exists), and
the read-write variants that also check the user may change them (403)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from taskbook.orgs.actors import Viewer
from taskbook.orgs.models import Unit
from taskbook.orgs.permissions import may_edit_unit_work, require
from taskbook.orgs.roles import roles_of
from taskbook.plans.models import Plan
from taskbook.taskbooks.models import ChangeRequest, Measure, Milestone


def plan_and_unit_for(user: Viewer, plan_id: int, unit_id: int) -> tuple[Plan, Unit]:
    """A unit's part of a plan: the coordinator and leaders see every unit's, members their own units'."""
    plan = get_object_or_404(Plan.objects.visible_to(user), pk=plan_id)
    unit = get_object_or_404(Unit, pk=unit_id)
    roles = roles_of(user)
    if not (roles.reads_everything or unit.pk in roles.units):
        raise Http404
    return plan, unit


def unit_work_to_change(user: Viewer, plan_id: int, unit_id: int) -> tuple[Plan, Unit]:
    """A unit's part of a plan that the user may change (its staff, its admin, the coordinator)."""
    plan, unit = plan_and_unit_for(user, plan_id, unit_id)
    require(may_edit_unit_work(user, unit.pk))
    return plan, unit


def measure_for(user: Viewer, measure_id: int) -> Measure:
    return get_object_or_404(
        Measure.objects.visible_to(user).select_related("task__plan", "unit", "responsible", "deputy"),
        pk=measure_id,
    )


def measure_to_change(user: Viewer, measure_id: int) -> Measure:
    measure = measure_for(user, measure_id)
    require(may_edit_unit_work(user, measure.unit_id))
    return measure


def milestone_for(user: Viewer, milestone_id: int) -> Milestone:
    return get_object_or_404(
        Milestone.objects.visible_to(user).select_related("measure__task__plan", "measure__unit"),
        pk=milestone_id,
    )


def milestone_to_change(user: Viewer, milestone_id: int) -> Milestone:
    milestone = milestone_for(user, milestone_id)
    require(may_edit_unit_work(user, milestone.measure.unit_id))
    return milestone


def change_request_for(user: Viewer, change_id: int) -> ChangeRequest:
    return get_object_or_404(
        ChangeRequest.objects.visible_to(user).select_related("measure", "target__task"), pk=change_id
    )
