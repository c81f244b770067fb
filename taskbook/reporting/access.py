"""Fetch reporting objects a user may see (404 otherwise, so nothing leaks about what exists)."""

from django.shortcuts import get_object_or_404

from taskbook.orgs.actors import Viewer
from taskbook.reporting.models import Contribution, Evidence, ProgressReport, ReportingCycle


def report_for(user: Viewer, report_id: int) -> ProgressReport:
    return get_object_or_404(
        ProgressReport.objects.visible_to(user).select_related("cycle__plan", "task__section", "unit"),
        pk=report_id,
    )


def cycle_for(user: Viewer, cycle_id: int) -> ReportingCycle:
    return get_object_or_404(ReportingCycle.objects.visible_to(user).select_related("plan"), pk=cycle_id)


def contribution_for(user: Viewer, contribution_id: int) -> Contribution:
    return get_object_or_404(
        Contribution.objects.visible_to(user).select_related("report", "unit"), pk=contribution_id
    )


def evidence_for(user: Viewer, evidence_id: int) -> Evidence:
    return get_object_or_404(Evidence.objects.visible_to(user), pk=evidence_id)
