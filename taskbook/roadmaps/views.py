"""Road maps: Gantt charts of a plan, a task or a unit."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from taskbook.errors import ActionError
from taskbook.orgs.models import Unit
from taskbook.plans.access import plan_for
from taskbook.plans.models import Plan, Task
from taskbook.roadmaps.gantt import Gantt
from taskbook.taskbooks.access import plan_and_unit_for
from taskbook.taskbooks.models import Measure, Milestone
from taskbook.web.http import AuthenticatedHttpRequest

MAX_MEASURES = 1000  # a road map beyond this asks for a filter rather than grow without bound


# -- road maps ----------------------------------------------------------------------------------


def _int_param(request: AuthenticatedHttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise ActionError(_("“%(v)s” is not a valid %(name)s.") % {"v": value[:20], "name": name}) from exc


def _year_param(request: AuthenticatedHttpRequest, plan: Plan) -> int | None:
    year = _int_param(request, "year")
    if year is not None and year not in _years(plan):
        raise ActionError(_("%(y)s is not a year of this plan.") % {"y": year}, field="year")
    return year


def _years(plan: Plan) -> list[int]:
    if plan.period_start and plan.period_end:
        return list(range(plan.period_start.year, plan.period_end.year + 1))
    return []


CHART_FIELDS = (
    "task_id",
    "unit_id",
    "responsible_id",
    "year",
    "title",
    "start_date",
    "due_date",
    "status",
    "order",
    "baseline_start",
    "baseline_due",
    "task__plan_id",
    "task__number",
    "task__title",
    "task__order",
    "unit__name_en",
    "unit__name_zh",
    "unit__short_name",
    "responsible__name",
    "responsible__position",
)


def _chart_rows(measures: QuerySet[Measure]) -> tuple[list[Measure], bool]:
    """The measures to draw, with what the chart needs, in at most three queries; and whether more
    than MAX_MEASURES matched."""
    milestones = Milestone.objects.only("measure_id", "date", "description", "done_on").order_by("date", "id")
    qs = (
        measures.select_related("task", "unit", "responsible")
        # Only the columns the chart draws: a task's body and a measure's description can be long.
        .only(*CHART_FIELDS)
        .prefetch_related(Prefetch("milestones", queryset=milestones))
        .order_by("task__order", "task_id", "order", "id")
    )
    rows = list(qs[: MAX_MEASURES + 1])
    return rows[:MAX_MEASURES], len(rows) > MAX_MEASURES


def _roadmap(
    request: AuthenticatedHttpRequest,
    *,
    plan: Plan,
    measures: QuerySet[Measure],
    heading: str,
    year: int | None,
    extra: dict[str, Any],
) -> HttpResponse:
    if year is not None:
        measures = measures.filter(year=year)
    rows, truncated = _chart_rows(measures)
    today = timezone.localdate()
    if year is not None:
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    elif plan.period_start and plan.period_end:
        first, last = plan.period_start, plan.period_end
    else:
        first = last = today
    gantt = Gantt.build(
        rows,
        first=first,
        last=last,
        today=today,
        task_href=lambda task: reverse("roadmaps:task", args=[task.pk]),
        measure_href=lambda measure: reverse("taskbooks:measure", args=[measure.pk]),
        plan_end=plan.period_end,
    )
    context = {
        "plan": plan,
        "heading": heading,
        "gantt": gantt,
        "truncated": truncated,
        "max_measures": MAX_MEASURES,
        "year": year,
        "years": _years(plan),
        "today": today,
        **extra,
    }
    if request.GET.get("print"):
        context["print_pages"] = gantt.pages()
        return render(request, "roadmaps/roadmap_print.html", context)
    return render(request, "roadmaps/roadmap.html", context)


@login_required
@require_GET
def plan_roadmap(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    """Every measure of the plan the user may see, by task; filters by year and by unit."""
    plan = plan_for(request.user, plan_id)
    measures = Measure.objects.visible_to(request.user).filter(task__plan=plan)
    units = list(Unit.objects.filter(pk__in=measures.values("unit_id")).order_by("name_en", "name_zh"))
    year = _year_param(request, plan)
    unit_id = _int_param(request, "unit")
    unit = None
    if unit_id is not None:
        unit = next((u for u in units if u.pk == unit_id), None)
        if unit is None:
            raise ActionError(_("That unit has no measures in this plan that you may see."), field="unit")
        measures = measures.filter(unit_id=unit_id)
    return _roadmap(
        request,
        plan=plan,
        measures=measures,
        heading=_("Road map"),
        year=year,
        extra={"scope": "plan", "units": units, "unit": unit},
    )


@login_required
@require_GET
def task_roadmap(request: AuthenticatedHttpRequest, task_id: int) -> HttpResponse:
    task = get_object_or_404(Task.objects.visible_to(request.user).select_related("plan"), pk=task_id)
    measures = Measure.objects.visible_to(request.user).filter(task=task)
    return _roadmap(
        request,
        plan=task.plan,
        measures=measures,
        heading=_("Road map of task %(n)s") % {"n": task.number},
        year=_year_param(request, task.plan),
        extra={"scope": "task", "task": task},
    )


@login_required
@require_GET
def unit_roadmap(request: AuthenticatedHttpRequest, plan_id: int, unit_id: int) -> HttpResponse:
    plan, unit = plan_and_unit_for(request.user, plan_id, unit_id)
    measures = Measure.objects.visible_to(request.user).filter(task__plan=plan, unit=unit)
    return _roadmap(
        request,
        plan=plan,
        measures=measures,
        heading=_("Road map of %(unit)s") % {"unit": unit.display_name},
        year=_year_param(request, plan),
        extra={"scope": "unit", "unit": unit},
    )
