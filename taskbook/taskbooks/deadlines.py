"""Milestones and measure due dates in the timetables and calendar feeds."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from taskbook.plans.models import PlanStatus
from taskbook.taskbooks.models import Measure, Milestone
from taskbook.taskbooks.querysets import open_measure_q, open_milestone_q
from taskbook.timetables.calendar import Deadline, Scope, Window, register_deadline_source


def _measure_scope(scope: Scope, prefix: str = "") -> Q:
    q = Q()
    if scope.unit_ids is not None:
        q &= Q(**{f"{prefix}unit__in": scope.unit_ids})
    if scope.plan_id is not None:
        q &= Q(**{f"{prefix}task__plan_id": scope.plan_id})
    else:
        q &= Q(**{f"{prefix}task__plan__status": PlanStatus.PUBLISHED})
    return q


def _measure_path(measure_id: int) -> str:
    """The measure's page in the unit's task book, where its milestones are kept."""
    return reverse("taskbooks:measure", args=[measure_id])


@register_deadline_source
def milestone_deadlines(scope: Scope, window: Window) -> list[Deadline]:
    today = timezone.localdate()
    qs = Milestone.objects.filter(_measure_scope(scope, "measure__")).select_related(
        "measure__task", "measure__unit", "measure__responsible"
    )
    out = []
    for ms in window.select(qs, "date", open_milestone_q()):
        m = ms.measure
        state = ms.deadline_state(today)
        out.append(
            Deadline(
                uid=f"milestone-{ms.pk}@taskbook",
                kind="milestone",
                date=ms.date,
                title=ms.description,
                state=state,
                path=_measure_path(m.pk),
                task_number=m.task.number,
                task_title=m.task.title,
                unit_name=m.unit.display_name,
                context=m.title,
                responsible=str(m.responsible),
                done_on=ms.done_on,
                order=ms.pk,
            )
        )
    return out


@register_deadline_source
def measure_deadlines(scope: Scope, window: Window) -> list[Deadline]:
    today = timezone.localdate()
    qs = Measure.objects.filter(_measure_scope(scope)).select_related("task", "unit", "responsible")
    out = []
    for m in window.select(qs, "due_date", open_measure_q()):
        state = m.deadline_state(today)
        out.append(
            Deadline(
                uid=f"measure-{m.pk}@taskbook",
                kind="measure_due",
                date=m.due_date,
                title=m.title,
                state=state,
                path=_measure_path(m.pk),
                task_number=m.task.number,
                task_title=m.task.title,
                unit_name=m.unit.display_name,
                responsible=str(m.responsible),
                order=10**9 + m.pk,  # after the day's milestones
            )
        )
    return out
