"""Report due dates in the timetables and calendar feeds, beside milestones and measures."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from taskbook.plans.models import PlanStatus
from taskbook.reporting.models import CycleStatus, ProgressReport
from taskbook.reporting.querysets import owed_q
from taskbook.timetables.calendar import Deadline, Scope, Window, register_deadline_source


@register_deadline_source
def report_deadlines(scope: Scope, window: Window) -> list[Deadline]:
    """Each progress report of an open or closed cycle is due on its cycle's due date."""
    today = timezone.localdate()
    qs = ProgressReport.objects.exclude(cycle__status=CycleStatus.SCHEDULED).select_related(
        "cycle", "task", "unit"
    )
    if scope.unit_ids is not None:
        qs = qs.filter(unit__in=scope.unit_ids)
    qs = qs.filter(
        Q(cycle__plan_id=scope.plan_id)
        if scope.plan_id is not None
        else Q(cycle__plan__status=PlanStatus.PUBLISHED)
    )
    out = []
    for report in window.select(qs, "cycle__due_on", owed_q()):
        due = report.cycle.due_on
        state = report.deadline_state(today)
        out.append(
            Deadline(
                uid=f"report-{report.pk}@taskbook",
                kind="report_due",
                date=due,
                title=_("Progress report %(cycle)s") % {"cycle": report.cycle.label},
                state=state,
                path=reverse("reporting:report", args=[report.pk]),
                task_number=report.task.number,
                task_title=report.task.title,
                unit_name=report.unit.display_name,
                done_on=timezone.localtime(report.first_submitted_at).date()
                if report.first_submitted_at
                else None,
                order=2 * 10**9 + report.pk,  # after the day's milestones and measures
            )
        )
    return out
