"""Reporting data for the dashboard tests, made through the real actions at simulated dates."""

from __future__ import annotations

import datetime
from typing import Any

from freezegun import freeze_time

from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan, publish_plan
from taskbook.plans.models import Plan
from taskbook.reporting.actions import (
    accept_report,
    assess,
    open_cycle,
    return_report,
    save_report,
    set_calendar,
    submit_report,
)
from taskbook.reporting.models import Rating, ReportingCycle
from tests.conftest import make_draft

RATINGS = Rating.values


def at(day: datetime.date, hour: int = 12) -> Any:
    """Freeze the clock at `hour` o'clock local time on `day` (Asia/Shanghai is UTC+8)."""
    return freeze_time(datetime.datetime(day.year, day.month, day.day, hour) - datetime.timedelta(hours=8))


def report_cycles(actor, plan: Plan, count: int, *, leave_last_open: bool = True) -> list[ReportingCycle]:
    """Open `count` quarterly cycles of `plan` from 2024-Q1 and run each report through the workflow:
    every second report late, every third returned once before acceptance, ratings that move, and in
    the last cycle (left open) the first report still a draft (overdue)."""
    set_calendar(actor, plan, frequency="quarterly", due_working_days=10)
    cycles = list(
        ReportingCycle.objects.filter(plan=plan, period_start__year__gte=2024).order_by("period_start")
    )
    used = cycles[:count]
    for i, cycle in enumerate(used):
        with at(cycle.opens_on):
            reports = open_cycle(actor, cycle)
        last = i == len(used) - 1
        for j, report in enumerate(sorted(reports, key=lambda r: r.task.order)):
            if last and leave_last_open and j == 0:
                continue  # a draft in an open cycle past its due date: overdue
            late = j % 2 == 1
            day = cycle.due_on + datetime.timedelta(days=5) if late else cycle.due_on
            with at(day, 20 if not late else 9):
                report = save_report(
                    SYSTEM,
                    report,
                    version=report.version,
                    narrative=f"Progress of task {report.task.number}.",
                    self_rating=RATINGS[(j + 3) % 4],
                )
                report = submit_report(SYSTEM, report)
            review = day + datetime.timedelta(days=2)
            if j % 3 == 1:
                with at(review):
                    report = return_report(actor, report, "Attach the evidence.")
                    report = submit_report(SYSTEM, report)
            with at(review + datetime.timedelta(days=1)):
                accept_report(actor, report)
                assess(actor, report.task, cycle, rating=RATINGS[(j + i) % 4], rationale=f"Rationale {j}.")
    return used


def another_plan(actor, tasks: int, title: str, units: int) -> Plan:
    """A published plan whose tasks are led by `units` units of their own (made by the import)."""
    draft = make_draft(tasks=tasks, sections=2, title=title)
    n = 0
    for section in draft["sections"]:
        for task in section["tasks"]:
            task["lead_units"] = [f"{title} lead unit {n % units + 1}"]
            n += 1
    return publish_plan(actor, import_plan(actor, draft).plan)
