"""Fetch a plan object and check that the user may see it (404 otherwise, so nothing leaks)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from taskbook.orgs.roles import roles_of
from taskbook.plans.models import Plan, PlanImport, Task


def plan_for(user, plan_id: int) -> Plan:
    return get_object_or_404(Plan.objects.visible_to(user), pk=plan_id)


def task_for(user, plan_id: int, task_id: int) -> Task:
    return get_object_or_404(
        Task.objects.visible_to(user).select_related("plan", "section"), pk=task_id, plan_id=plan_id
    )


def staged_import_for(user, import_id: int) -> PlanImport:
    if not roles_of(user).coordinator:
        raise PermissionDenied
    return get_object_or_404(PlanImport.objects.visible_to(user), pk=import_id)


def require_coordinator(user) -> None:
    if not roles_of(user).coordinator:
        raise PermissionDenied
