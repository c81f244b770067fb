"""A cycle of the `plan` fixture as a progress report describes it, made through the actions:

- task 1 (lead Commerce): Technology's contribution sent, the district's not; submitted on time (the
  submission is dated back, as actions stamp the current time), accepted, its percent amended; self-rated
  green, rated amber-red by the coordinator (two levels apart);
- task 2 (lead Technology): submitted late and returned;
- task 3 (lead Commerce): never submitted (overdue); its target has a trajectory and two actual values
  in the period and one after it;
- task 4 (lead Technology): submitted late, awaiting review, rated green.

The document is gathered as of TODAY, so overdue counts do not depend on the clock.
"""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from taskbook.reporting.actions import (
    accept_report,
    amend_report,
    assess,
    return_report,
    save_contribution,
    save_report,
    submit_report,
)
from taskbook.reporting.models import ProgressReport, ReportingCycle
from taskbook.targets.actions import record_indicator_value, set_trajectory
from taskbook.taskbooks.actions import set_measure_progress

D = datetime.date
TODAY = D(2024, 6, 1)


@dataclass
class Cycle:
    plan: Any
    cycle: Any
    reports: dict[str, Any]
    target: Any


def fill_cycle(people, plan, reporting) -> Cycle:
    cycle, reports = ReportingCycle.objects.get(pk=reporting.cycle.pk), reporting.reports  # now open
    task1 = plan.tasks.get(number="1")
    set_measure_progress(people.sam, task1.measures.get(unit=people.commerce), 40)

    r1 = reports["1"]
    save_contribution(
        people.tina,
        r1.contributions.get(unit=people.tech),
        narrative="Two matchmaking events held.",
        submit=True,
    )
    r1 = save_report(
        people.sam,
        r1,
        version=r1.version,
        narrative="Service desk opened.\nIt served 120 enterprises.",
        self_rating="green",
        self_rationale="All measures on schedule.",
    )
    r1 = submit_report(people.carl, r1)
    ProgressReport.objects.filter(pk=r1.pk).update(
        first_submitted_at=datetime.datetime(2024, 4, 2, 9, tzinfo=datetime.UTC)
    )
    r1 = accept_report(people.alice, ProgressReport.objects.get(pk=r1.pk))
    amend_report(people.alice, r1, field="percent", value="55", reason="Measures recounted")
    assess(people.alice, task1, cycle, rating="amber_red", rationale="The desk depends on a late budget.")

    r2 = reports["2"]
    r2 = save_report(people.tina, r2, version=r2.version, narrative="Draft of task two.")
    r2 = submit_report(people.alice, r2)
    return_report(people.alice, r2, "Add the figures.")

    r4 = reports["4"]
    r4 = save_report(
        people.tina, r4, version=r4.version, narrative="Platform 任务四 launched.", self_rating="green"
    )
    submit_report(people.alice, r4)
    assess(people.alice, plan.tasks.get(number="4"), cycle, rating="green", rationale="Delivered.")

    target = plan.tasks.get(number="3").targets.get()
    set_trajectory(people.alice, target, [("2023-12-31", 70), ("2024-12-31", 72), ("2025-12-31", 73)])
    record_indicator_value(people.sam, target, date="2023-12-31", value="70.2", source="Statistics bureau")
    record_indicator_value(
        people.sam, target, date="2024-03-31", value="70.9", source="Quarterly survey", provisional=True
    )
    record_indicator_value(people.sam, target, date="2024-09-30", value="99", source="After the period")
    return Cycle(plan=plan, cycle=cycle, reports=reports, target=target)


@pytest.fixture
def filled(people, plan, workplan, reporting) -> Cycle:
    return fill_cycle(people, plan, reporting)
