"""Fetch a plan object and check that the user may see it (404 otherwise, so nothing leaks)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from taskbook.orgs.actors import Viewer
from taskbook.orgs.permissions import is_coordinator, require
from taskbook.plans.models import Plan, PlanImport, Task


def plan_for(user: Viewer, plan_id: int) -> Plan:
    return get_object_or_404(Plan.objects.visible_to(user), pk=plan_id)


def task_for(user: Viewer, plan_id: int, task_id: int) -> Task:
    return get_object_or_404(
        Task.objects.visible_to(user).select_related("plan", "section"), pk=task_id, plan_id=plan_id
    )


def staged_import_for(user: Viewer, import_id: int) -> PlanImport:
    """An upload under review: the coordinator's alone (403 for everyone else)."""
    require(is_coordinator(user), _("Only the coordinator may import and publish plans."))
    return get_object_or_404(PlanImport.objects.visible_to(user), pk=import_id)
