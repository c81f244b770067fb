"""Targets: every target of a plan with its status and forecast, and one target's page where its
trajectory is edited and its actual values recorded."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from taskbook.errors import ActionError
from taskbook.orgs.permissions import may_edit_task
from taskbook.plans.access import plan_for
from taskbook.reporting.models import ProgressReport
from taskbook.targets import actions
from taskbook.targets.access import target_for, target_to_change
from taskbook.targets.chart import chart_legend_svg, target_chart_svg
from taskbook.targets.formatting import display_places, plain, target_label, verdict, with_unit
from taskbook.targets.models import IndicatorValue, Target, TrajectoryPoint
from taskbook.targets.trajectory import MAX_ACTUALS, TargetFacts, default_trajectory, facts
from taskbook.versions import ConflictError, posted_version
from taskbook.web.http import AuthenticatedHttpRequest
from taskbook.web.pagination import paginate

TARGETS_PER_PAGE = 20
ACTUALS_PER_PAGE = 25
BLANK_ROWS = 3  # empty rows under a trajectory, to add planned values


def _ordered_actuals() -> Any:
    return IndicatorValue.objects.order_by("date", "recorded_at", "id")


def _report_hrefs(user, report_ids: set[int]) -> dict[int, str]:
    """Links to the reports behind actual values, for those the user may open (one query)."""
    if not report_ids:
        return {}
    visible = ProgressReport.objects.visible_to(user).filter(pk__in=report_ids).values_list("pk", flat=True)
    try:
        return {pk: reverse("reporting:report", args=[pk]) for pk in visible}
    except NoReverseMatch:  # the report pages are not installed
        return {}


@dataclass
class Row:
    """A target with its facts, the words and figures a page shows, and its chart."""

    target: Target
    facts: TargetFacts
    chart: str
    verdict: str
    target_label: str
    unit: str

    @property
    def forecast(self) -> Any:
        return self.facts.forecast

    def show(self, value: Any, computed: bool = False) -> str:
        """A value with its unit; a computed one (interpolated, projected) rounded for reading."""
        if value is None:
            return "—"
        return with_unit(value, self.unit, display_places(self.target.value) if computed else None)

    @property
    def baseline(self) -> str:
        t = self.target
        if t.baseline is None:
            return "—"
        year = f" ({t.baseline_year})" if t.baseline_year else ""
        return self.show(t.baseline) + year

    @property
    def planned_today(self) -> str:
        return self.show(self.facts.planned_today, computed=True)

    @property
    def latest_value(self) -> str:
        latest = self.facts.latest
        return self.show(latest.value) if latest else "—"

    @property
    def status_text(self) -> str:
        """ "74.6% against 76.18% planned for 2025-06-30": both figures, so a percent unit is not read as
        a relative difference."""
        status = self.facts.status
        if status is None:
            return ""
        return _("%(actual)s against %(planned)s planned for %(date)s") % {
            "actual": self.show(status.actual),
            "planned": self.show(status.planned, computed=True),
            "date": status.date.isoformat(),
        }


def _row(target: Target, trajectory: list[TrajectoryPoint], actuals: list[Any], today, **chart: Any) -> Row:
    f = facts(target, trajectory, actuals, today)
    unit = target.unit_of_measure
    return Row(
        target=target,
        facts=f,
        chart=target_chart_svg(target, f.trajectory, f.points, f.forecast, **chart),
        verdict=verdict(f.forecast, unit) if f.forecast else _("No target date: the target has no year."),
        target_label=target_label(target),
        unit=unit,
    )


@login_required
@require_GET
def plan_targets(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    """Every target of a plan: where it stands, whether it is on its trajectory, whether it will be met."""
    plan = plan_for(request.user, plan_id)
    targets = (
        Target.objects.visible_to(request.user)
        .filter(task__plan=plan)
        .select_related("task__plan")
        .prefetch_related(
            Prefetch("trajectory", queryset=TrajectoryPoint.objects.order_by("date")),
            Prefetch("actuals", queryset=_ordered_actuals()),
        )
        .order_by("task__order", "order", "id")
    )
    page = paginate(request, targets, per_page=TARGETS_PER_PAGE)
    today = timezone.localdate()
    rows = [
        _row(t, list(t.trajectory.all()), list(t.actuals.all()), today, width=360, height=170)
        for t in page.object_list
    ]
    counts = {
        "on": sum(1 for r in rows if r.facts.status and r.facts.status.on_track),
        "off": sum(1 for r in rows if r.facts.status and not r.facts.status.on_track),
        "met": sum(1 for r in rows if r.forecast and r.forecast.met),
        "missed": sum(1 for r in rows if r.forecast and r.forecast.met is False),
    }
    return render(
        request,
        "targets/target_plan.html",
        {
            "plan": plan,
            "page": page,
            "rows": rows,
            "counts": counts,
            "today": today,
            "legend": chart_legend_svg(),
        },
    )


# -- one target ---------------------------------------------------------------------------------


def _detail(
    request: AuthenticatedHttpRequest,
    target: Target,
    *,
    status: int = 200,
    trajectory_error: str = "",
    trajectory_rows: list[tuple[str, str]] | None = None,
    actual_error: str = "",
    actual_form: dict[str, Any] | None = None,
    conflict: ConflictError | None = None,
) -> HttpResponse:
    trajectory = list(target.trajectory.order_by("date"))
    newest = list(
        target.actuals.select_related("recorded_by", "report__cycle").order_by(
            "-date", "-recorded_at", "-id"
        )[:MAX_ACTUALS]
    )
    actuals = newest[::-1]  # oldest first, in the order recorded: the forecast wants them so
    today = timezone.localdate()
    row = _row(target, trajectory, actuals, today, width=1000, height=340)
    may_edit = may_edit_task(request.user, target.task)
    suggested = False
    if trajectory_rows is None:
        trajectory_rows = [(p.date.isoformat(), plain(p.value)) for p in trajectory]
        if not trajectory_rows and may_edit:
            # No trajectory yet: offer the straight line in the form, not saved until the user saves it.
            trajectory_rows = [(d.isoformat(), plain(v)) for d, v in default_trajectory(target, actuals)]
            suggested = bool(trajectory_rows)
    trajectory_rows = trajectory_rows + [("", "")] * BLANK_ROWS
    page = Paginator(newest, ACTUALS_PER_PAGE).get_page(request.GET.get("page"))
    hrefs = _report_hrefs(request.user, {a.report_id for a in page.object_list if a.report_id})
    actual_rows = [(a, with_unit(a.value, target.unit_of_measure), hrefs.get(a.report_id or 0)) for a in page]
    plan = target.task.plan
    forecast = row.forecast
    # The newest date a value may have: today, or the plan's end once the plan is over.
    latest_date = min(today, plan.period_end) if plan.period_end else today
    f = row.facts
    # A phone gets a chart drawn for its width: the wide one scaled down would have unreadable text.
    narrow_chart = target_chart_svg(target, f.trajectory, f.points, f.forecast, width=400, height=240)
    return render(
        request,
        "targets/target_detail.html",
        {
            "target": target,
            "task": target.task,
            "plan": plan,
            "row": row,
            "narrow_chart": narrow_chart,
            "legend": chart_legend_svg(),
            "forecast": forecast,
            "slope": row.show(forecast.slope_per_year, computed=True) if forecast else "",
            "projected": row.show(forecast.projected, computed=True) if forecast else "",
            "planned": [(d, with_unit(v, target.unit_of_measure)) for d, v in row.facts.trajectory],
            "may_edit": may_edit,
            "trajectory_rows": trajectory_rows,
            "suggested": suggested,
            "trajectory_error": trajectory_error,
            "conflict": conflict,
            "page": page,
            "actual_rows": actual_rows,
            "actual_error": actual_error,
            "actual_form": actual_form or {"date": latest_date.isoformat()},
            "latest_date": latest_date,
            "today": today,
            "period_start": plan.period_start,
            "period_end": plan.period_end,
        },
        status=status,
    )


@login_required
@require_GET
def target_detail(request: AuthenticatedHttpRequest, target_id: int) -> HttpResponse:
    return _detail(request, target_for(request.user, target_id))


def _trajectory_rows(request: AuthenticatedHttpRequest) -> list[tuple[str, str]]:
    dates = request.POST.getlist("date")
    values = request.POST.getlist("value")
    rows = list(zip(dates, values, strict=False))
    return [(d.strip(), v.strip()) for d, v in rows if d.strip() or v.strip()]


@login_required
@require_POST
def trajectory_save(request: AuthenticatedHttpRequest, target_id: int) -> HttpResponse:
    """Save the planned values typed in the table, or ("fill") replace them with the straight line."""
    target = target_to_change(request.user, target_id)
    rows = _trajectory_rows(request)
    version = posted_version(request.POST)
    try:
        if "fill" in request.POST:
            actions.fill_linearly(request.user, target, version=version)
            messages.success(request, _("The trajectory is now a straight line to the target."))
        else:
            if not rows:
                raise ActionError(_("Give at least one date with its planned value."))
            for n, (day, value) in enumerate(rows, start=1):
                if not day or not value:
                    raise ActionError(_("Row %(n)s: give both a date and a value.") % {"n": n})
            actions.set_trajectory(request.user, target, rows, version=version)
            messages.success(request, _("The trajectory is saved."))
    except ConflictError as conflict:
        # Their trajectory is in the chart and the comparison; the form keeps the rows typed.
        return _detail(request, target, status=409, conflict=conflict, trajectory_rows=rows)
    except ActionError as error:
        return _detail(request, target, status=400, trajectory_error=error.message, trajectory_rows=rows)
    return redirect(reverse("targets:detail", args=[target.pk]) + "#trajectory")


def _parse_date(raw: str) -> datetime.date:
    if not raw:
        raise ActionError(_("Give the date the value is for."), field="date")
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError as exc:
        raise ActionError(
            _("“%(v)s” is not a date (use YYYY-MM-DD).") % {"v": raw[:20]}, field="date"
        ) from exc


@login_required
@require_POST
def actual_record(request: AuthenticatedHttpRequest, target_id: int) -> HttpResponse:
    """Record an actual value; a second value for the same date is recorded as a revision."""
    target = target_to_change(request.user, target_id)
    raw_date = request.POST.get("date", "").strip()
    value = request.POST.get("value", "").strip()
    source = request.POST.get("source", "").strip()
    provisional = bool(request.POST.get("provisional"))
    form = {"date": raw_date, "value": value, "source": source, "provisional": provisional}
    try:
        day = _parse_date(raw_date)
        if not value:
            raise ActionError(_("Give the value."), field="value")
        actual = actions.record_indicator_value(
            request.user, target, date=day, value=value, source=source, provisional=provisional
        )
    except ActionError as error:
        return _detail(request, target, status=400, actual_error=error.message, actual_form=form)
    if actual.revised:
        messages.success(request, _("Recorded as a revision of the value for %(date)s.") % {"date": day})
    else:
        messages.success(request, _("The value is recorded."))
    return redirect(reverse("targets:detail", args=[target.pk]) + "#actuals")


@login_required
@require_POST
def change(request: AuthenticatedHttpRequest, target_id: int) -> HttpResponse:
    target = target_for(request.user, target_id)
    actions.request_target_change(
        request.user,
        target,
        value=request.POST.get("value", ""),
        year=request.POST.get("year", ""),
        reason=request.POST.get("reason", ""),
    )
    messages.success(request, _("The change to the target awaits the coordinator's decision."))
    return redirect("taskbooks:task_plan", task_id=target.task_id)
