"""The Shenzhen plan's reporting to its end: quarterly cycles from 2023-Q1 to the final 2025-Q4,
every report accepted in the end (some late, some returned first), ratings that move, and the two
targets with their actual values to 2025, one met and one not. Through the actions; past times
given as they happened."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from taskbook.demo.actor import DEMO
from taskbook.plans.models import Plan
from taskbook.reporting import actions
from taskbook.reporting.models import OWED, CycleStatus, ProgressReport, Rating, ReportingCycle, ReportStatus
from taskbook.targets import actions as target_actions
from taskbook.taskbooks import actions as taskbook_actions
from taskbook.taskbooks.models import Measure, MeasureStatus

MIDDLE_CYCLE = "2025-Q2"  # the task books are carried to the plan's end after this cycle
FINAL_CYCLE = "2025-Q4"
NARRATIVES = [
    "Work went to plan this quarter: the measures due were delivered and the next ones have started.",
    "Most measures are on schedule; one depends on a rule from the national ministry, expected next quarter.",
    "Progress was slower than planned because the budget was released late; catch-up actions are agreed.",
    "The pilot ran with the first enterprises; their feedback is being folded into the next round.",
]
CONTRIBUTIONS = [
    "Data shared with the lead unit and one joint meeting held.",
    "Our part of the work is on schedule; no blockers.",
    "Staff assigned; first results expected next quarter.",
]
RATING_PATH = [Rating.GREEN, Rating.AMBER_GREEN, Rating.AMBER_RED, Rating.RED]
# value of the two demo targets as published by the statistics bureau and the commerce bureau
ACTUALS = {
    "%": [
        ("2023-12-31", "75.1", "Shenzhen Statistical Yearbook 2024", False),
        ("2024-12-31", "76.0", "Shenzhen Statistical Yearbook 2025", False),
        ("2025-12-31", "77.2", "Statistics bureau, 2025 statistical communiqué", False),
    ],
    # Short of the US$ 4 billion target: the target is not met.
    "US$ billion": [
        ("2023-12-31", "3.1", "Municipal Bureau of Commerce annual report", False),
        ("2024-12-31", "3.4", "Municipal Bureau of Commerce annual report", False),
        ("2025-12-31", "3.7", "Municipal Bureau of Commerce annual report", False),
    ],
}
BASELINES = {"%": ("74.2", 2022), "US$ billion": ("2.9", 2022)}
TRAJECTORIES = {
    "%": [("2023-12-31", "75.0"), ("2024-12-31", "76.0"), ("2025-12-31", "77")],
    "US$ billion": [("2023-12-31", "3.2"), ("2024-12-31", "3.6"), ("2025-12-31", "4")],
}


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def load_reporting(plan: Plan, *, until: str = FINAL_CYCLE) -> int:
    """Report on each cycle still scheduled up to `until` (a cycle's label); the number of reports."""
    if not ReportingCycle.objects.filter(plan=plan).exists():
        rng = random.Random(2025)
        actions.set_calendar(
            DEMO, plan, frequency="quarterly", due_working_days=10, contribution_working_days=3
        )
        _measure_progress(plan, rng)
        _targets(plan)
    made = 0
    for index, cycle in enumerate(ReportingCycle.objects.filter(plan=plan).order_by("period_start")):
        if cycle.label > until:
            break
        # Each cycle draws from its own sequence, so the history is the same however it is split.
        cycle_rng = random.Random(f"shenzhen-{cycle.label}")
        if cycle.status != CycleStatus.SCHEDULED:
            # A demo loaded by an earlier taskbook stopped in mid-2025 with reports outstanding.
            for report in cycle.reports.exclude(status=ReportStatus.ACCEPTED).order_by("pk"):
                _conclude(report, cycle, cycle_rng)
            continue
        reports = actions.open_cycle(DEMO, cycle)
        made += len(reports)
        for report in reports:
            _report(report, cycle, cycle_rng, index=index)
    return made


def _conclude(report: ProgressReport, cycle: ReportingCycle, rng: random.Random) -> None:
    if report.status in OWED:
        if not report.narrative:
            report = actions.save_report(
                DEMO, report, version=report.version, narrative=rng.choice(NARRATIVES)
            )
        report = actions.submit_report(DEMO, report, at=_at(cycle.due_on + datetime.timedelta(days=3)))
    actions.accept_report(DEMO, report, at=_at(cycle.due_on + datetime.timedelta(days=8)))


def _measure_progress(plan: Plan, rng: random.Random) -> None:
    for measure in Measure.objects.filter(task__plan=plan, status=MeasureStatus.IN_PROGRESS):
        taskbook_actions.set_measure_progress(DEMO, measure, rng.choice([20, 35, 50, 60, 75, 90]))


def _targets(plan: Plan) -> None:
    from taskbook.targets.models import Target

    for target in Target.objects.filter(task__plan=plan):
        key = target.unit_of_measure
        if key in TRAJECTORIES:
            value, year = BASELINES[key]
            target_actions.set_target_baseline(DEMO, target, value=Decimal(value), year=year)
            target_actions.set_trajectory(DEMO, target, TRAJECTORIES[key])
            for date, value, source, provisional in ACTUALS[key]:
                target_actions.record_indicator_value(
                    DEMO, target, date=date, value=Decimal(value), source=source, provisional=provisional
                )


def _report(report: ProgressReport, cycle: ReportingCycle, rng: random.Random, *, index: int) -> None:
    for contribution in report.contributions.all():
        if rng.random() < 0.85:
            actions.save_contribution(
                DEMO,
                contribution,
                narrative=rng.choice(CONTRIBUTIONS),
                submit=True,
                at=_at(cycle.contributions_due_on - datetime.timedelta(days=rng.randint(-2, 3))),
            )
    rating = (
        RATING_PATH[min(3, (int(report.task.number) + index) % 5 // 2 + (1 if index > 6 else 0))]
        if report.task.number.isdigit()
        else Rating.AMBER_GREEN
    )
    report = actions.save_report(
        DEMO,
        report,
        version=report.version,
        narrative=rng.choice(NARRATIVES),
        # Units rate themselves a level more hopefully than the office, now and then two.
        self_rating=RATING_PATH[max(0, RATING_PATH.index(rating) - (2 if rng.random() < 0.15 else 1))],
        self_rationale="Measures on schedule.",
    )
    late = rng.random() < 0.2
    submitted = cycle.due_on + datetime.timedelta(days=rng.randint(2, 12) if late else -rng.randint(0, 4))
    report = actions.submit_report(DEMO, report, at=_at(submitted))
    if rng.random() < 0.15:
        report = actions.return_report(
            DEMO,
            report,
            "Give figures for the enterprises served and the dates.",
            at=_at(submitted + datetime.timedelta(days=2)),
        )
        report = actions.save_report(
            DEMO,
            report,
            version=report.version,
            narrative=report.narrative + " 86 enterprises were served this quarter.",
            self_rating=report.self_rating,
            self_rationale=report.self_rationale,
        )
        report = actions.submit_report(DEMO, report, at=_at(submitted + datetime.timedelta(days=5)))
    if report.status == ReportStatus.SUBMITTED:
        actions.accept_report(DEMO, report, at=_at(submitted + datetime.timedelta(days=7)))
    actions.assess(
        DEMO,
        report.task,
        cycle,
        rating=rating,
        rationale={
            Rating.GREEN: "On track: measures delivered as planned.",
            Rating.AMBER_GREEN: "Broadly on track; watch the measures due next quarter.",
            Rating.AMBER_RED: "At risk: key measures are late and need the leader's attention.",
            Rating.RED: "Unlikely to deliver on time without a decision at the joint meeting.",
        }[rating],
    )
