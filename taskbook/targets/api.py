"""Targets in the HTTP API, read only: the targets of a plan with where each stands, and one target with
its trajectory, its actual values and its forecast.

The figures are the target page's: `trajectory.facts` over the same rows, the verdict in words from
`formatting.verdict`, so the API and the page never disagree.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from taskbook.api.filters import narrow
from taskbook.api.schemas import TaskRef, attach
from taskbook.reporting.models import ProgressReport
from taskbook.targets.access import target_for
from taskbook.targets.forecast import TrajectoryStatus
from taskbook.targets.formatting import target_label, verdict
from taskbook.targets.models import Comparator, IndicatorValue, Target, TrajectoryPoint
from taskbook.targets.trajectory import MAX_ACTUALS, TargetFacts, facts

router = Router(tags=["targets"])


class ActualOut(Schema):
    id: int
    date: datetime.date  # the date the value is for
    value: Decimal
    source: str
    provisional: bool
    revised: bool  # recorded again for a date that had a value: it replaces the earlier one
    recorded_at: datetime.datetime


class ActualDetailOut(ActualOut):
    report_id: int | None  # the progress report it came with, when the reader may open that report

    @staticmethod
    def resolve_report_id(obj: IndicatorValue) -> int | None:
        return obj.report_id if getattr(obj, "report_shown", False) else None


class ForecastOut(Schema):
    """Where the actual values are heading at the target date (docs/targets.md). Without enough values,
    `reason` says why and the figures are null."""

    target_date: datetime.date
    method: str  # "trend" (the least-squares line), "actual" (the target date has a value) or ""
    projected: Decimal | None
    met: bool | None
    gap: Decimal | None  # how much it misses by, in the target's unit; 0 when met
    gap_percent: Decimal | None
    slope_per_year: Decimal | None
    provisional_count: int
    reason: str


def _facts(target: Target) -> TargetFacts:
    """The target's figures from its prefetched rows, computed once however many fields read them."""
    known: TargetFacts | None = getattr(target, "known_facts", None)
    if known is None:
        known = facts(target, list(target.trajectory.all()), list(target.actuals.all()), timezone.localdate())
        attach(target, known_facts=known)
    return known


class TargetOut(Schema):
    id: int
    task: TaskRef
    text: str  # as the plan printed it
    metric: str
    comparator: Comparator
    value: Decimal
    unit_of_measure: str
    year: int | None
    baseline: Decimal | None
    baseline_year: int | None
    label: str  # the commitment in signs: "≥ 77%"
    due: datetime.date | None  # the end of its year, else the end of the plan
    latest: ActualOut | None  # the value recorded last for the latest date
    status: TrajectoryStatus | None  # the latest actual value beside the value planned for its date
    forecast: ForecastOut | None
    verdict: str  # the forecast in a sentence, in the reader's language

    @staticmethod
    def resolve_label(obj: Target) -> str:
        return target_label(obj)

    @staticmethod
    def resolve_due(obj: Target) -> datetime.date | None:
        return _facts(obj).due

    @staticmethod
    def resolve_latest(obj: Target) -> Any:
        return _facts(obj).latest

    @staticmethod
    def resolve_status(obj: Target) -> Any:
        return _facts(obj).status

    @staticmethod
    def resolve_forecast(obj: Target) -> Any:
        return _facts(obj).forecast

    @staticmethod
    def resolve_verdict(obj: Target) -> str:
        forecast = _facts(obj).forecast
        if forecast is None:
            return _("No target date: the target has no year.")
        return verdict(forecast, obj.unit_of_measure)


class PlannedOut(Schema):
    """A point of the planned line: the baseline first when there is one, then the trajectory."""

    date: datetime.date
    value: Decimal


class TargetDetailOut(TargetOut):
    planned_today: Decimal | None  # the trajectory's value today
    trajectory: list[PlannedOut]
    actuals: list[ActualDetailOut]  # the values read (the newest MAX_ACTUALS), oldest date first

    @staticmethod
    def resolve_planned_today(obj: Target) -> Decimal | None:
        return _facts(obj).planned_today

    @staticmethod
    def resolve_trajectory(obj: Target) -> list[dict[str, Any]]:
        return [{"date": day, "value": value} for day, value in _facts(obj).trajectory]

    @staticmethod
    def resolve_actuals(obj: Target) -> list[IndicatorValue]:
        return _facts(obj).actuals


class TargetFilters(Schema):
    plan: int | None = None
    task: int | None = None


@router.get("/targets/", response=list[TargetOut])
@paginate
def list_targets(request, filters: Query[TargetFilters]) -> Any:
    """Targets of the plans the reader sees, in the order of their tasks, each with its forecast."""
    user = request.user
    targets = (
        Target.objects.visible_to(user)
        .select_related("task__plan")
        .prefetch_related(Prefetch("trajectory", queryset=TrajectoryPoint.objects.order_by("date")))
        .prefetch_related(
            Prefetch("actuals", queryset=IndicatorValue.objects.order_by("date", "recorded_at", "id"))
        )
        .order_by("task__plan_id", "task__order", "order", "id")
    )
    return narrow(targets, user, filters, {"plan": "task__plan", "task": "task"})


@router.get("/targets/{target_id}", response=TargetDetailOut)
def get_target(request, target_id: int) -> Any:
    user = request.user
    target = target_for(user, target_id)
    trajectory = list(TrajectoryPoint.objects.visible_to(user).filter(target=target).order_by("date"))
    newest = list(
        IndicatorValue.objects.visible_to(user)
        .filter(target=target)
        .order_by("-date", "-recorded_at", "-id")[:MAX_ACTUALS]
    )
    linked = {value.report_id for value in newest if value.report_id}
    shown = set(ProgressReport.objects.visible_to(user).filter(pk__in=linked).values_list("pk", flat=True))
    for value in newest:
        attach(value, report_shown=value.report_id in shown)
    # Oldest first, in the order recorded, as the forecast reads them.
    return attach(target, known_facts=facts(target, trajectory, newest[::-1], timezone.localdate()))
