import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from taskbook.audit.models import AuditEvent
from taskbook.errors import ActionError
from taskbook.orgs.actors import SYSTEM
from taskbook.reporting.actions import (
    accept_report,
    amend_report,
    assess,
    open_cycle,
    return_report,
    save_contribution,
    save_report,
    set_calendar,
    submit_report,
)
from taskbook.reporting.models import Amendment, ProgressReport, ReportingCycle, ReportRevision
from taskbook.targets.actions import record_indicator_value, set_target_baseline, set_trajectory
from taskbook.taskbooks.actions import set_measure_progress, set_measure_status
from taskbook.workdays import add_working_days, is_working_day

D = datetime.date


def test_working_days_follow_the_statutory_calendar():
    assert not is_working_day(D(2024, 10, 1))  # National Day
    assert is_working_day(D(2024, 10, 12))  # a Saturday made a working day
    assert add_working_days(D(2024, 9, 30), 1) == D(2024, 10, 8)
    assert add_working_days(D(2024, 10, 8), -1) == D(2024, 9, 30)
    assert add_working_days(D(2024, 10, 5), 0) == D(2024, 10, 8)


def test_calendar_schedules_cycles_with_due_dates_in_working_days(people, plan):
    set_calendar(people.alice, plan, frequency="quarterly", due_working_days=10, contribution_working_days=3)
    cycles = list(ReportingCycle.objects.filter(plan=plan))
    assert [c.label for c in cycles[:2]] == ["2023-Q1", "2023-Q2"] and len(cycles) == 12
    q3 = next(c for c in cycles if c.label == "2024-Q3")
    assert q3.due_on == add_working_days(D(2024, 9, 30), 10) == D(2024, 10, 18)
    assert q3.contributions_due_on == add_working_days(q3.due_on, -3)
    set_calendar(people.alice, plan, frequency="monthly")
    assert ReportingCycle.objects.filter(plan=plan).count() > 12  # months added beside the quarters
    with pytest.raises(PermissionDenied):
        set_calendar(people.carl, plan, frequency="monthly")
    with pytest.raises(ActionError):
        set_calendar(people.alice, plan, frequency="weekly")


def test_opening_a_cycle_twice_creates_each_report_once(people, plan, reporting):
    assert set(reporting.reports) == {"1", "2", "3", "4"}
    report = reporting.reports["1"]
    assert report.unit == people.commerce
    assert {c.unit.name_en for c in report.contributions.all()} == {people.tech.name_en, "each district"}
    assert open_cycle(SYSTEM, reporting.cycle) == []
    assert ProgressReport.objects.filter(cycle=reporting.cycle).count() == 4


def test_percent_rolls_up_from_measures_by_weight(people, plan, workplan, reporting):
    task = plan.tasks.get(number="1")
    measures = list(task.measures.all())
    set_measure_progress(people.sam, measures[0], 50)
    set_measure_status(people.tina, next(m for m in measures if m.unit == people.tech), "done")
    report = save_report(people.sam, reporting.reports["1"], version=1, narrative="Half way.")
    expected = sum(
        (100 if m.unit == people.tech else (50 if m.pk == measures[0].pk else 0)) * m.weight for m in measures
    ) / sum(m.weight for m in measures)
    assert report.percent == Decimal(str(round(expected, 1)))


def test_the_reporting_loop(people, plan, reporting):
    report = reporting.reports["1"]
    contribution = report.contributions.get(unit=people.tech)
    with pytest.raises(PermissionDenied):
        save_contribution(people.sam, contribution, narrative="not ours")
    save_contribution(people.tina, contribution, narrative="Two matchmaking events held.", submit=True)
    report = save_report(
        people.sam,
        report,
        version=report.version,
        narrative="Desk opened; events held.",
        self_rating="green",
        self_rationale="On schedule",
    )
    with pytest.raises(PermissionDenied):
        submit_report(people.sam, report)  # staff draft, the admin submits
    report = submit_report(people.carl, report)
    with pytest.raises(ActionError, match="with the coordinator"):
        save_report(people.sam, report, version=report.version, narrative="x")
    with pytest.raises(ActionError, match="needs a comment"):
        return_report(people.alice, report, "")
    report = return_report(people.alice, report, "Add the number of enterprises served.")
    report = save_report(people.sam, report, version=report.version, narrative="Desk served 120 enterprises.")
    report = submit_report(people.carl, report)
    report = accept_report(people.alice, report)
    assert report.status == "accepted" and report.times_returned == 1 and report.on_time is not None
    assert [r.status for r in ReportRevision.objects.filter(report=report).order_by("at", "id")] == [
        "submitted",
        "returned",
        "submitted",
        "accepted",
    ]
    with pytest.raises(ActionError, match="locked"):
        save_report(people.sam, report, version=report.version, narrative="silent edit")
    amendment = amend_report(
        people.carl,
        report,
        field="narrative",
        value="Desk served 125 enterprises.",
        reason="Late registrations counted",
    )
    assert amendment.old_value == "Desk served 120 enterprises."
    assert Amendment.objects.count() == 1
    assert AuditEvent.objects.filter(action="report.amend").exists()


def test_assessments_and_targets(people, plan, reporting):
    task = plan.tasks.get(number="3")
    with pytest.raises(PermissionDenied):
        assess(people.carl, task, reporting.cycle, rating="green", rationale="x")
    with pytest.raises(ActionError):
        assess(people.alice, task, reporting.cycle, rating="green", rationale="")
    assess(people.alice, task, reporting.cycle, rating="amber_red", rationale="Data late")
    assert assess(people.alice, task, reporting.cycle, rating="red", rationale="Worse").rating == "red"

    target = task.targets.get()
    set_target_baseline(people.sam, target, value="68.5", year=2022)
    with pytest.raises(ActionError, match="before the target year"):
        set_target_baseline(people.sam, target, value="68.5", year=2030)
    target.refresh_from_db()
    assert target.baseline == Decimal("68.5") and target.baseline_year == 2022
    set_trajectory(people.sam, target, [("2023-12-31", 70), ("2024-12-31", 71.5), ("2025-12-31", 73)])
    with pytest.raises(ActionError, match="outside the plan's period"):
        set_trajectory(people.sam, target, [("2030-12-31", 80)])
    assert target.trajectory.count() == 3
    first = record_indicator_value(
        people.sam, target, date="2023-12-31", value="69.5", source="Statistics bureau", provisional=True
    )
    second = record_indicator_value(people.sam, target, date="2023-12-31", value="69.8", source="Yearbook")
    assert not first.revised and second.revised
    with pytest.raises(PermissionDenied):
        record_indicator_value(people.tina, target, date="2024-12-31", value=1, source="x")
    with pytest.raises(ActionError, match="not a number"):
        record_indicator_value(people.sam, target, date="2024-12-31", value="lots", source="x")
