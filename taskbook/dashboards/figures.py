"""The figures of the dashboards: the coordinator's, the league table of units and the leader's summary.

Every figure is defined in docs/dashboards.md, and the page shows the same definition beside it. Each
function runs a fixed number of queries, whatever the number of plans, tasks, cycles, reports and
units: counts are aggregated in the database, and the per-task figures (latest rating, last two
reports) are picked in Python from one narrow query each (values rows, no model instances).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.utils import timezone

from taskbook.orgs.models import Unit
from taskbook.plans.models import Plan, PlanStatus, Task
from taskbook.reporting.models import (
    RATING_ORDER,
    REPORTED,
    Assessment,
    CycleStatus,
    ProgressReport,
    Rating,
    ReportingCycle,
    ReportRevision,
    ReportStatus,
    ratings_apart,
    ratings_diverge,
)
from taskbook.reporting.querysets import (
    ProgressReportQuerySet,
    accepted_first_time_q,
    accepted_q,
    due_q,
    on_time_q,
    on_time_rate,
    overdue_q,
)
from taskbook.targets.formatting import verdict as forecast_verdict
from taskbook.targets.models import Target
from taskbook.targets.trajectory import facts
from taskbook.taskbooks.models import Measure
from taskbook.taskbooks.querysets import MeasureQuerySet, measure_overdue_q

NOT_RATED = ""
RATINGS = [*Rating.values, NOT_RATED]  # worst first, then "not rated"
MAX_TARGETS = 200  # targets drawn on one dashboard; a plan has a handful, a bound keeps it so
TREND_CYCLES = 12  # points of a unit's on-time sparkline
HISTORY_CYCLES = 8  # columns of the ratings-per-cycle chart


# -- scope --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """The plan a figure covers (None: every published or closed plan) and the day it is computed on."""

    plan: Plan | None
    today: datetime.date

    def reports(self, base: ProgressReportQuerySet | None = None) -> ProgressReportQuerySet:
        """The reports of the plan, or of every published or closed plan; within `base` if given."""
        qs = ProgressReport.objects.all() if base is None else base
        if self.plan is not None:
            return qs.filter(cycle__plan=self.plan)
        return qs.filter(cycle__plan__status__in=[PlanStatus.PUBLISHED, PlanStatus.CLOSED])

    def measures(self, base: MeasureQuerySet | None = None) -> MeasureQuerySet:
        qs = Measure.objects.all() if base is None else base
        if self.plan is not None:
            return qs.filter(task__plan=self.plan)
        return qs.filter(task__plan__status__in=[PlanStatus.PUBLISHED, PlanStatus.CLOSED])

    # The conditions behind each figure, shared by the counts and by the lists a count links to;
    # the rules themselves are the reporting and task book querysets', on the scope's day.
    def due(self) -> Q:
        """Reports whose cycle's due date has passed."""
        return due_q(self.today)

    @staticmethod
    def on_time() -> Q:
        """First submitted on or before the due date; needs `with_first_day`."""
        return on_time_q()

    @staticmethod
    def accepted() -> Q:
        return accepted_q()

    @staticmethod
    def first_time() -> Q:
        return accepted_first_time_q()

    def overdue(self) -> Q:
        return overdue_q(self.today)

    def measure_overdue(self) -> Q:
        return measure_overdue_q(self.today)

    @staticmethod
    def baselined() -> Q:
        return Q(baseline_due__isnull=False)


def today() -> datetime.date:
    return timezone.localdate()


def rate(part: int, whole: int) -> float | None:
    return 100.0 * part / whole if whole else None


# -- the league table of units ------------------------------------------------------------------


@dataclass
class UnitFigures:
    unit: Unit
    due: int = 0
    on_time: int = 0
    accepted: int = 0
    first_time: int = 0
    overdue_reports: int = 0
    measures: int = 0
    overdue_measures: int = 0
    baselined: int = 0
    slippage: float | None = None  # mean days, over measures with a baseline
    trend: list[float | None] = field(default_factory=list)  # on-time rate per cycle, oldest first

    @property
    def on_time_rate(self) -> float | None:
        return on_time_rate(self.on_time, self.due)

    @property
    def late(self) -> int:
        return self.due - self.on_time

    @property
    def first_time_rate(self) -> float | None:
        return rate(self.first_time, self.accepted)


SORTS = {
    # key: (value of a row, best first?) — rows without a value always go last
    "unit": (lambda r: r.unit.display_name.casefold(), False),
    "on_time": (lambda r: r.on_time_rate, True),
    "first_time": (lambda r: r.first_time_rate, True),
    "overdue_reports": (lambda r: r.overdue_reports, False),
    "overdue_measures": (lambda r: r.overdue_measures, False),
    "slippage": (lambda r: r.slippage, False),
}
DEFAULT_SORT = "on_time"


def unit_figures(scope: Scope, *, trend: bool = True) -> list[UnitFigures]:
    """One row per unit that owes reports or holds measures in the scope; three queries.

    The reports are counted once, per unit and period (cycles of several plans ending on the same
    day count together): the unit's totals are the sums, and its on-time trend is read from the same
    rows, over the last TREND_CYCLES periods that had reports due."""
    due, on_time = scope.due(), scope.due() & Scope.on_time()
    report_rows = (
        scope.reports()
        .with_first_day()
        .values("unit_id", "cycle__period_end")
        .annotate(
            due=Count("pk", filter=due),
            in_time=Count("pk", filter=on_time),  # not "on_time": ProgressReport has that property
            accepted=Count("pk", filter=Scope.accepted()),
            first_time=Count("pk", filter=Scope.first_time()),
            overdue=Count("pk", filter=scope.overdue()),
        )
        .order_by()
    )
    slip = ExpressionWrapper(F("due_date") - F("baseline_due"), output_field=DurationField())
    measure_rows = (
        scope.measures()
        .values("unit_id")
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=scope.measure_overdue()),
            baselined=Count("pk", filter=Scope.baselined()),
            slippage=Avg(slip, filter=Scope.baselined()),
        )
        .order_by()
    )
    totals: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    cells: dict[tuple[int, datetime.date], tuple[int, int]] = {}
    for row in report_rows:
        unit_id = row["unit_id"]
        for key in ("due", "in_time", "accepted", "first_time", "overdue"):
            totals[unit_id][key] += row[key]
        if row["due"]:
            cells[(unit_id, row["cycle__period_end"])] = (row["due"], row["in_time"])
    measured: dict[int, dict[str, Any]] = {row["unit_id"]: dict(row) for row in measure_rows}
    units = Unit.objects.in_bulk(list(totals.keys() | measured.keys()))
    periods = sorted({end for _unit, end in cells})[-TREND_CYCLES:] if trend else []
    out = []
    for unit_id, unit in units.items():
        r: dict[str, int] = totals.get(unit_id, {})
        m: dict[str, Any] = measured.get(unit_id, {})
        out.append(
            UnitFigures(
                unit=unit,
                due=r.get("due", 0),
                on_time=r.get("in_time", 0),
                accepted=r.get("accepted", 0),
                first_time=r.get("first_time", 0),
                overdue_reports=r.get("overdue", 0),
                measures=m.get("total", 0),
                overdue_measures=m.get("overdue", 0),
                baselined=m.get("baselined", 0),
                slippage=_days(m.get("slippage")),
                trend=[
                    rate(cells[(unit_id, p)][1], cells[(unit_id, p)][0]) if (unit_id, p) in cells else None
                    for p in periods
                ],
            )
        )
    return out


def _days(value: datetime.timedelta | float | None) -> float | None:
    if value is None:
        return None
    if isinstance(value, datetime.timedelta):
        return value.total_seconds() / 86400
    return float(value)


def sort_units(rows: list[UnitFigures], sort: str) -> list[UnitFigures]:
    """Rows ordered by a column, best first for rates, fewest first for counts and days; a leading
    "-" reverses. Rows with no value for the column go last either way; ties by name."""
    key = sort.lstrip("-")
    value, best_first = SORTS[key]
    descending = best_first != sort.startswith("-")
    by_name = sorted(rows, key=lambda r: r.unit.display_name.casefold())
    present = [r for r in by_name if value(r) is not None]
    missing = [r for r in by_name if value(r) is None]
    return sorted(present, key=value, reverse=descending) + missing


# -- tasks: ratings, divergences, changes -------------------------------------------------------


@dataclass
class TaskState:
    """What the dashboards say about one task, from its assessments and reports."""

    pk: int
    number: str
    title: str
    order: int
    rating: str = NOT_RATED  # the coordinator's latest
    rating_cycle: str = ""
    rating_cycle_id: int | None = None
    rationale: str = ""
    previous_rating: str | None = None  # in the assessed cycle before
    self_rating: str = ""  # the unit's, reported in the cycle of the latest rating
    self_report_id: int | None = None
    percent: float | None = None  # latest submitted report
    previous_percent: float | None = None  # the submitted report before it
    report_id: int | None = None
    accepted_percent: float | None = None  # latest accepted report
    accepted_report_id: int | None = None
    unit_id: int | None = None
    events: list[tuple[str, datetime.datetime, int]] = field(default_factory=list)  # (status, at, report)

    @property
    def divergence(self) -> int | None:
        return ratings_apart(self.self_rating, self.rating)

    @property
    def divergent(self) -> bool:
        return ratings_diverge(self.self_rating, self.rating)

    @property
    def rating_change(self) -> int:
        """Levels gained (positive) or lost (negative) since the previous assessed cycle."""
        if not self.rating or not self.previous_rating:
            return 0
        return RATING_ORDER[self.rating] - RATING_ORDER[self.previous_rating]

    @property
    def percent_change(self) -> float | None:
        if self.percent is None or self.previous_percent is None:
            return None
        return self.percent - self.previous_percent

    @property
    def changed(self) -> bool:
        return bool(self.rating_change or self.percent_change or self.events)

    def change_key(self) -> tuple:
        """Most worrying first: ratings that fell, then returned reports, then the largest moves."""
        returned = any(e[0] == ReportStatus.RETURNED for e in self.events)
        return (self.rating_change, not returned, -abs(self.percent_change or 0), self.order)


def task_states(
    plan: Plan, *, since: datetime.datetime | None = None, cycle: ReportingCycle | None = None
) -> list[TaskState]:
    """Each task of the plan with its latest rating (or its rating in `cycle`), its last two
    submitted reports and, from `since`, the reports accepted or returned. Three queries, four
    with `since`."""
    states = {
        pk: TaskState(pk=pk, number=number, title=title, order=order)
        for pk, number, title, order in Task.objects.filter(plan=plan)
        .order_by("order", "pk")
        .values_list("pk", "number", "title", "order")
    }
    rated = Assessment.objects.filter(task__plan=plan)
    if cycle is not None:
        rated = rated.filter(cycle=cycle)
    assessments = rated.order_by("task_id", "-cycle__period_start").values_list(
        "task_id", "cycle_id", "cycle__label", "rating", "rationale"
    )
    for task_id, cycle_id, label, rating, rationale in assessments:
        state = states[task_id]
        if state.rating_cycle_id is None:
            state.rating, state.rating_cycle, state.rating_cycle_id, state.rationale = (
                rating,
                label,
                cycle_id,
                rationale,
            )
        elif state.previous_rating is None:
            state.previous_rating = rating
    reports = (
        ProgressReport.objects.filter(cycle__plan=plan)
        .order_by("task_id", "-cycle__period_start")
        .values_list(
            "pk", "task_id", "cycle_id", "unit_id", "status", "percent", "self_rating", "first_submitted_at"
        )
    )
    for pk, task_id, cycle_id, unit_id, status, percent, self_rating, first_submitted in reports:
        state = states[task_id]
        state.unit_id = state.unit_id or unit_id
        if cycle_id == state.rating_cycle_id:
            # A draft's self-rating is work in hand: it counts once the report is with the office.
            state.self_rating = self_rating if status in REPORTED else ""
            state.self_report_id = pk
        if first_submitted is not None:
            if state.report_id is None:
                state.percent, state.report_id = float(percent), pk
            elif state.previous_percent is None:
                state.previous_percent = float(percent)
        if status == ReportStatus.ACCEPTED and state.accepted_report_id is None:
            state.accepted_percent, state.accepted_report_id = float(percent), pk
    if since is not None:
        events = (
            ReportRevision.objects.filter(
                report__cycle__plan=plan,
                status__in=[ReportStatus.ACCEPTED, ReportStatus.RETURNED],
                at__gte=since,
            )
            .order_by("at", "pk")
            .values_list("report__task_id", "status", "at", "report_id")
        )
        for task_id, status, at, report_id in events:
            states[task_id].events.append((status, at, report_id))
    return list(states.values())


def rating_counts(states: Iterable[TaskState]) -> dict[str, int]:
    counts = dict.fromkeys(RATINGS, 0)
    for state in states:
        counts[state.rating] += 1
    return counts


def overall_percent(states: list[TaskState]) -> float | None:
    """The plan's percent complete: the mean over its tasks of each task's latest accepted report's
    percent, every task weighing the same; a task with no accepted report counts 0."""
    if not states:
        return None
    return sum(s.accepted_percent or 0.0 for s in states) / len(states)


def ratings_by_cycle(
    plan: Plan, cycles: list[ReportingCycle], tasks: int
) -> list[tuple[ReportingCycle, dict[str, int]]]:
    """Count of each rating in each of the last HISTORY_CYCLES opened cycles; one query."""
    shown = [c for c in cycles if c.status != CycleStatus.SCHEDULED][-HISTORY_CYCLES:]
    rows = (
        Assessment.objects.filter(cycle__in=[c.pk for c in shown])
        .values("cycle_id", "rating")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[int, dict[str, int]] = {c.pk: dict.fromkeys(RATINGS, 0) for c in shown}
    for row in rows:
        counts[row["cycle_id"]][row["rating"]] = row["n"]
    for per in counts.values():
        per[NOT_RATED] = max(tasks - sum(per.values()), 0)
    return [(c, counts[c.pk]) for c in shown]


# -- cycles -------------------------------------------------------------------------------------


def plan_cycles(plan: Plan) -> list[ReportingCycle]:
    return list(ReportingCycle.objects.filter(plan=plan).order_by("period_start"))


def current_cycle(cycles: list[ReportingCycle]) -> ReportingCycle | None:
    """The latest cycle that has been opened (open or closed)."""
    opened = [c for c in cycles if c.status != CycleStatus.SCHEDULED]
    return opened[-1] if opened else None


def since_of(cycle: ReportingCycle | None) -> datetime.datetime | None:
    """ "Since the last cycle": from the start of the day the current cycle opened."""
    if cycle is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(cycle.opens_on, datetime.time.min))


# -- targets and trajectories -------------------------------------------------------------------


ON, OFF, NO_DATA = "on", "off", "no_data"


@dataclass
class TargetState:
    target: Target
    verdict: str  # ON, OFF or NO_DATA (no actual value, or nothing planned at its date)
    actual: Decimal | None = None
    actual_date: datetime.date | None = None
    planned: Decimal | None = None  # the trajectory's value at the actual's date
    forecast: str = ""  # the forecast's verdict: "will be met", "will miss by..."
    forecast_met: bool | None = None


def target_states(plan: Plan, day: datetime.date) -> tuple[list[TargetState], bool]:
    """Each target of the plan (at most MAX_TARGETS) with its trajectory status and forecast, as the
    target pages compute them (reports/trajectory.py, reports/forecast.py); three queries. And whether
    more targets exist than are shown."""
    targets = list(
        Target.objects.filter(task__plan=plan)
        .select_related("task__plan")
        .prefetch_related("trajectory", "actuals")
        .order_by("task__order", "order", "pk")[: MAX_TARGETS + 1]
    )
    out = []
    for target in targets[:MAX_TARGETS]:
        actuals = sorted(target.actuals.all(), key=lambda a: (a.date, a.recorded_at, a.pk))
        known = facts(target, list(target.trajectory.all()), actuals, day)
        latest = known.points[-1] if known.points else None
        status = known.status
        out.append(
            TargetState(
                target=target,
                verdict=NO_DATA if status is None else ON if status.on_track else OFF,
                actual=latest.value if latest else None,
                actual_date=latest.date if latest else None,
                planned=status.planned if status else None,
                forecast=forecast_verdict(known.forecast, target.unit_of_measure) if known.forecast else "",
                forecast_met=known.forecast.met if known.forecast else None,
            )
        )
    return out, len(targets) > MAX_TARGETS


# -- plans --------------------------------------------------------------------------------------


def plan_choices(user) -> list[Plan]:
    """Plans the user may choose between, newest first (a bounded list for the selector)."""
    return list(
        Plan.objects.visible_to(user).only("pk", "title", "title_zh", "status", "period_start", "period_end")[
            :200
        ]
    )


def default_plan(plans: list[Plan]) -> Plan | None:
    """The newest published plan, else the newest plan shown."""
    return next((p for p in plans if p.status == PlanStatus.PUBLISHED), plans[0] if plans else None)
