"""Where a target's actual values are heading, and whether they keep to its trajectory.

Pure functions: they take values already fetched and run no query, so a page, a dashboard, the PDF
report and a test all reach the same verdict from the same numbers. The method is written for
readers in docs/targets.md; keep the two in step.

- The values used are the latest per date: a value recorded later for the same date (the action
  marks it "revised") replaces the earlier one. Provisional values count, and are counted.
- The forecast is the ordinary least-squares line of value on time (in years) through those values,
  read at the target date. Two dates at least are needed; one value is not a trend.
- Once a value is recorded for the target date (or later), the outcome is known: the verdict uses
  that value, not the trend.
- "On trajectory" compares the latest value with the planned value at its date, interpolated
  linearly between the trajectory's points.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import Any

from django.utils.translation import gettext as _

# For an "equal to" target, a value within 2% of the target (or of the planned value) counts as
# meeting it: figures like a share of GDP are never hit to the last decimal.
EQUAL_TOLERANCE = Decimal("0.02")

VALUE_PLACES = Decimal("0.0001")  # the precision values are stored with
PERCENT_PLACES = Decimal("0.1")

TREND = "trend"
ACTUAL = "actual"


@dataclass(frozen=True)
class Point:
    """An actual value as the forecast uses it."""

    date: datetime.date
    value: Decimal
    provisional: bool = False
    revised: bool = False
    source: str = ""


def years(day: datetime.date) -> float:
    """Time in years at the end of `day`: 2024-12-31 is 2025.0, 2024-06-30 is about 2024.5.

    Counting to the end of the day puts year ends on whole numbers, so values recorded once a year
    are exactly one year apart, leap year or not."""
    start = datetime.date(day.year, 1, 1)
    length = (datetime.date(day.year + 1, 1, 1) - start).days
    return day.year + ((day - start).days + 1) / length


def latest_per_date(actuals: Iterable[Any]) -> list[Point]:
    """One value per date, oldest date first: for a date recorded more than once, the last one given.

    `actuals` are IndicatorValues (or anything with date, value, provisional, revised and, if it has
    one, source) in the order they were recorded: `order_by("date", "recorded_at", "id")`."""
    latest: dict[datetime.date, Point] = {}
    for actual in actuals:
        latest[actual.date] = Point(
            date=actual.date,
            value=Decimal(actual.value),
            provisional=bool(actual.provisional),
            revised=bool(actual.revised),
            source=str(getattr(actual, "source", "") or ""),
        )
    return [latest[day] for day in sorted(latest)]


def meets(value: Decimal, comparator: str, target: Decimal) -> bool:
    """Whether `value` satisfies "`comparator` `target`"; "=" allows EQUAL_TOLERANCE of the target."""
    if comparator == ">=":
        return value >= target
    if comparator == "<=":
        return value <= target
    return abs(value - target) <= EQUAL_TOLERANCE * abs(target)


def shortfall(value: Decimal, comparator: str, target: Decimal) -> Decimal:
    """How far `value` is from satisfying the target, in its unit; 0 when it does."""
    if meets(value, comparator, target):
        return Decimal(0)
    if comparator == ">=":
        return target - value
    if comparator == "<=":
        return value - target
    return abs(value - target)


def _quantize(value: Decimal | float, places: Decimal = VALUE_PLACES) -> Decimal:
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    return number.quantize(places, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Line:
    """A least-squares line: value = mean_value + slope * (years - mean_years)."""

    slope: float  # per year
    mean_years: float
    mean_value: float

    def at(self, day: datetime.date) -> float:
        return self.mean_value + self.slope * (years(day) - self.mean_years)


def fit(points: Sequence[Point]) -> Line | None:
    """The ordinary least-squares line through `points` (value on time in years); None under two dates."""
    if len({p.date for p in points}) < 2:
        return None
    xs = [years(p.date) for p in points]
    ys = [float(p.value) for p in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    # Centred sums: the years are around 2025, and squaring them raw loses digits.
    sxx = sum((x - mean_x) ** 2 for x in xs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return Line(slope=sxy / sxx, mean_years=mean_x, mean_value=mean_y)


@dataclass(frozen=True)
class Forecast:
    """The verdict on a target from its actual values. Without enough values, `reason` says why and the
    figures are None."""

    target_date: datetime.date
    target_value: Decimal
    comparator: str
    points: tuple[Point, ...]  # the values used: the latest per date, oldest first
    reason: str = ""  # why there is no forecast; empty when there is one
    method: str = ""  # TREND (the least-squares line) or ACTUAL (a value for the target date exists)
    projected: Decimal | None = None  # the value expected at the target date
    met: bool | None = None
    gap: Decimal | None = None  # how much it misses by, in the target's unit; 0 when met
    gap_percent: Decimal | None = None  # the gap as a percent of the target value (None for a 0 target)
    slope_per_year: Decimal | None = None  # the trend's change per year (TREND only)
    start: tuple[datetime.date, Decimal] | None = None  # where the forecast line starts on a chart

    @property
    def available(self) -> bool:
        return self.projected is not None

    @property
    def provisional_count(self) -> int:
        return sum(1 for p in self.points if p.provisional)

    @property
    def last(self) -> Point | None:
        return self.points[-1] if self.points else None


def forecast(
    actuals: Iterable[Any], *, target_value: Decimal, comparator: str, target_date: datetime.date
) -> Forecast:
    """Project the actual values to `target_date` and say whether the target will be met.

    `actuals` in the order they were recorded (see `latest_per_date`)."""
    points = tuple(latest_per_date(actuals))
    empty = Forecast(
        target_date=target_date, target_value=Decimal(target_value), comparator=comparator, points=points
    )
    at_or_after = [p for p in points if p.date >= target_date]
    if at_or_after:
        # The target date has come and a value for it is in: that value is the outcome.
        return _verdict(empty, ACTUAL, at_or_after[0].value, slope=None, start=None)
    line = fit(points)
    if line is None:
        if not points:
            reason = _("No actual values yet.")
        else:
            reason = _("Only one date has an actual value; a trend needs two.")
        return replace(empty, reason=reason)
    last = points[-1]
    return _verdict(
        empty,
        TREND,
        _quantize(line.at(target_date)),
        slope=_quantize(line.slope),
        start=(last.date, _quantize(line.at(last.date))),
    )


def _verdict(
    empty: Forecast,
    method: str,
    projected: Decimal,
    *,
    slope: Decimal | None,
    start: tuple[datetime.date, Decimal] | None,
) -> Forecast:
    target, comparator = empty.target_value, empty.comparator
    gap = shortfall(projected, comparator, target)
    percent = _quantize(gap / abs(target) * 100, PERCENT_PLACES) if target else None
    return replace(
        empty,
        method=method,
        projected=projected,
        met=meets(projected, comparator, target),
        gap=_quantize(gap),
        gap_percent=percent,
        slope_per_year=slope,
        start=start,
    )


# -- the trajectory -------------------------------------------------------------------------------


def planned_at(trajectory: Sequence[tuple[datetime.date, Decimal]], day: datetime.date) -> Decimal | None:
    """The planned value at `day`, interpolated linearly between the trajectory's points (in date order).

    None before the first point (nothing was planned yet); the last value after the last point (the
    target holds once reached)."""
    if not trajectory or day < trajectory[0][0]:
        return None
    for (d0, v0), (d1, v1) in pairwise(trajectory):
        if d0 <= day <= d1:
            if d1 == d0:
                return Decimal(v1)
            share = (years(day) - years(d0)) / (years(d1) - years(d0))
            return _quantize(Decimal(v0) + (Decimal(v1) - Decimal(v0)) * Decimal(repr(share)))
    return Decimal(trajectory[-1][1])


@dataclass(frozen=True)
class TrajectoryStatus:
    """The latest actual value beside the value planned for its date."""

    date: datetime.date
    actual: Decimal
    planned: Decimal
    on_track: bool
    difference: Decimal  # actual minus planned, in the target's unit
    provisional: bool


def trajectory_status(
    trajectory: Sequence[tuple[datetime.date, Decimal]], points: Sequence[Point], comparator: str
) -> TrajectoryStatus | None:
    """Whether the latest actual value is on its trajectory; None without a value or a planned value then.

    For an "at least" target the value must be at or above the plan, for "at most" at or below it, for
    "equal to" within 2% of it: the comparator of the target is the comparator of each step."""
    if not points:
        return None
    latest = points[-1]
    planned = planned_at(trajectory, latest.date)
    if planned is None:
        return None
    return TrajectoryStatus(
        date=latest.date,
        actual=latest.value,
        planned=planned,
        on_track=meets(latest.value, comparator, planned),
        difference=_quantize(latest.value - planned),
        provisional=latest.provisional,
    )
