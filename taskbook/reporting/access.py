"""Fetch reporting objects a user may see (404 otherwise)."""

from django.shortcuts import get_object_or_404

from taskbook.plans.models import Plan
from taskbook.reporting.models import Contribution, Evidence, ProgressReport, ReportingCycle


def report_for(user, report_id: int) -> ProgressReport:
    return get_object_or_404(
        ProgressReport.objects.visible_to(user).select_related("cycle__plan", "task__section", "unit"),
        pk=report_id,
    )


def cycle_for(user, cycle_id: int) -> ReportingCycle:
    return get_object_or_404(
        ReportingCycle.objects.select_related("plan").filter(plan__in=Plan.objects.visible_to(user)),
        pk=cycle_id,
    )


def contribution_for(user, contribution_id: int) -> Contribution:
    visible = ProgressReport.objects.visible_to(user).values("pk")
    return get_object_or_404(
        Contribution.objects.select_related("report", "unit").filter(report__in=visible), pk=contribution_id
    )


def evidence_for(user, evidence_id: int) -> Evidence:
    visible = ProgressReport.objects.visible_to(user).values("pk")
    return get_object_or_404(Evidence.objects.filter(report__in=visible), pk=evidence_id)
