"""A target's trajectory: its default straight line, its start and end, and the facts a page or a
report needs about one target, gathered from rows already fetched."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from taskbook.errors import ActionError
from taskbook.targets.forecast import (
    Forecast,
    Point,
    TrajectoryStatus,
    forecast,
    latest_per_date,
    planned_at,
    trajectory_status,
    years,
)
from taskbook.targets.models import Target, TrajectoryPoint

Pair = tuple[datetime.date, Decimal]
# Values of one target read for its page, its chart and its forecast, newest first: years of monthly
# figures. The target page and the API read the same number, so they reach the same verdict.
MAX_ACTUALS = 500


def target_date(target: Target) -> datetime.date | None:
    """When the target falls due: the end of its year, or else the end of the plan."""
    if target.year:
        return datetime.date(target.year, 12, 31)
    return target.task.plan.period_end


def baseline_point(target: Target) -> Pair | None:
    """The baseline at the end of its year; a baseline without a year is taken as the year before the plan."""
    if target.baseline is None:
        return None
    year = target.baseline_year
    if year is None:
        start = target.task.plan.period_start
        if start is None:
            return None
        year = start.year - 1
    return datetime.date(year, 12, 31), Decimal(target.baseline)


def _places(*values: Decimal | None) -> Decimal:
    """Two decimals, or more when the target or baseline has more (4 at most, as stored)."""
    decimals = 2
    for value in values:
        if value is not None:
            exponent = value.normalize().as_tuple().exponent
            if isinstance(exponent, int):
                decimals = max(decimals, -exponent)
    return Decimal(1).scaleb(-min(decimals, 4))


def _ordered_actuals(target: Target) -> list[Any]:
    return list(target.actuals.order_by("date", "recorded_at", "id"))


def default_trajectory(target: Target, actuals: Iterable[Any] | None = None) -> list[Pair]:
    """A straight line from the start to the target value at the target date, one point per year end
    inside the plan's period, and the target date itself.

    The start is the baseline (at the end of its year) or, without one, the first actual value; with
    neither there is no line and the result is empty. `actuals`, when given, saves a query."""
    plan = target.task.plan
    end = target_date(target)
    if end is None:
        return []
    start = baseline_point(target)
    if start is None:
        points = latest_per_date(_ordered_actuals(target) if actuals is None else actuals)
        if points:
            start = (points[0].date, points[0].value)

    def inside(day: datetime.date) -> bool:
        return bool(plan.period_start and plan.period_end and plan.period_start <= day <= plan.period_end)

    if start is None or start[0] >= end:
        return [(end, Decimal(target.value))] if start is not None and inside(end) else []
    places = _places(target.value, target.baseline)
    (d0, v0), v1 = start, Decimal(target.value)
    span = years(end) - years(d0)
    dates = [datetime.date(year, 12, 31) for year in range(d0.year, end.year + 1)]
    dates = sorted({d for d in dates if d0 <= d < end} | {d0, end})
    out = []
    for day in dates:
        if not inside(day):
            continue  # the action keeps planned values within the plan's period
        share = Decimal(repr((years(day) - years(d0)) / span))
        value = v1 if day == end else v0 + (v1 - v0) * share
        out.append((day, value.quantize(places, rounding=ROUND_HALF_UP)))
    return out


def planned_line(target: Target, trajectory: Sequence[TrajectoryPoint]) -> list[Pair]:
    """The trajectory as (date, value) in date order, starting from the baseline when the baseline is
    earlier than the first planned value: the line the chart draws and the plan is measured against."""
    line = sorted((p.date, Decimal(p.value)) for p in trajectory)
    base = baseline_point(target)
    if base is not None and (not line or base[0] < line[0][0]):
        line.insert(0, base)
    return line


@dataclass(frozen=True)
class TargetFacts:
    """One target as pages and reports show it: trajectory, actual values, forecast and status."""

    target: Target
    trajectory: list[Pair]  # the planned line, the baseline first when there is one
    actuals: list[Any]  # every recorded value, in the order recorded
    points: list[Point]  # the latest value per date
    forecast: Forecast | None  # None when the target has no date (no year and no plan end)
    status: TrajectoryStatus | None
    planned_today: Decimal | None
    due: datetime.date | None

    @property
    def latest(self) -> Any | None:
        """The latest recorded value of the latest date (an IndicatorValue), for its source and flags."""
        return self.actuals_by_date()[-1] if self.actuals else None

    def actuals_by_date(self) -> list[Any]:
        return sorted(self.actuals, key=lambda a: a.date)


def facts(
    target: Target,
    trajectory: Sequence[TrajectoryPoint],
    actuals: Sequence[Any],
    today: datetime.date,
) -> TargetFacts:
    """Everything about a target from rows already fetched (no query): `trajectory` its TrajectoryPoints,
    `actuals` its IndicatorValues in the order recorded; `target.task.plan` selected."""
    line = planned_line(target, trajectory)
    points = latest_per_date(actuals)
    due = target_date(target)
    result = (
        forecast(actuals, target_value=target.value, comparator=target.comparator, target_date=due)
        if due is not None
        else None
    )
    return TargetFacts(
        target=target,
        trajectory=line,
        actuals=list(actuals),
        points=points,
        forecast=result,
        status=trajectory_status(line, points, target.comparator),
        planned_today=planned_at(line, today),
        due=due,
    )


def check_actual_date(target: Target, day: datetime.date, today: datetime.date) -> None:
    """An actual value is dated within the plan's period or its baseline year, and not in the future."""
    if day > today:
        raise ActionError(_("%(date)s is in the future: record values that are known.") % {"date": day})
    plan = target.task.plan
    first = plan.period_start
    base = baseline_point(target)
    if first is not None:
        first = min(first, datetime.date(first.year - 1, 1, 1))  # the year before: the usual baseline
        if base is not None:
            first = min(first, datetime.date(base[0].year, 1, 1))
    if (first and day < first) or (plan.period_end and day > plan.period_end):
        raise ActionError(
            _("%(date)s is outside the plan's period (and its baseline year).") % {"date": day}, field="date"
        )
