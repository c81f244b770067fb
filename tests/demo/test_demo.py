"""`taskbook demo`: the Shenzhen plan carried to its end and closed; the Taicang plan running live
around the day the demo is loaded, so that the daily job has reminders and escalations to send;
loading twice changes nothing."""

import datetime
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from freezegun import freeze_time

# The URLs (and the API's schemas with them) load before the clock is frozen: pydantic cannot build
# a schema of freezegun's datetime.
import taskbook.urls  # noqa: F401
from taskbook.audit.models import AuditEvent
from taskbook.daily import run_daily
from taskbook.demo.current import DUE_IN_WORKING_DAYS, SCIENCE_BUREAU
from taskbook.demo.load import load_demo
from taskbook.documents.models import GeneratedDocument
from taskbook.notifications.models import Kind, Notification
from taskbook.plans.models import Plan, PlanStatus
from taskbook.reporting.models import CycleStatus, ProgressReport, ReportingCycle, ReportStatus
from taskbook.targets.models import IndicatorValue
from taskbook.taskbooks.models import Measure, MeasureStatus, Milestone
from taskbook.workdays import add_working_days

D = datetime.date


def at(day: datetime.date) -> Any:
    """Ten in the morning of `day` in the site's time zone (Asia/Shanghai, UTC+8)."""
    return freeze_time(datetime.datetime(day.year, day.month, day.day, 2))


def counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


# Early in a month (the open cycle ended two days ago) and late in one (it ended four weeks ago).
@pytest.mark.parametrize("today", [D(2026, 12, 2), D(2027, 6, 28)])
def test_the_demo_holds_a_finished_plan_and_a_live_one_whose_reminders_go_out(db, today):
    with at(today):
        summary = load_demo()
    shenzhen = Plan.objects.get(title__contains="Shenzhen")
    taicang = Plan.objects.get(title_zh__startswith="太仓市")

    # Shenzhen: over, closed, nothing left open or late.
    assert shenzhen.status == PlanStatus.CLOSED
    cycles = ReportingCycle.objects.filter(plan=shenzhen).order_by("period_start")
    assert [c.label for c in cycles][-1] == "2025-Q4" and cycles.count() == 12
    assert set(cycles.values_list("status", flat=True)) == {CycleStatus.CLOSED}
    assert set(ProgressReport.objects.filter(cycle__plan=shenzhen).values_list("status", flat=True)) == {
        ReportStatus.ACCEPTED
    }
    assert ProgressReport.objects.filter(cycle__plan=shenzhen).overdue(today).count() == 0
    assert not Measure.objects.filter(task__plan=shenzhen).overdue(today).exists()
    assert not Milestone.objects.filter(measure__task__plan=shenzhen).overdue(today).exists()
    cancelled = Measure.objects.filter(task__plan=shenzhen, status=MeasureStatus.CANCELLED)
    assert 0 < cancelled.count() < 5 and all(m.cancel_reason for m in cancelled)
    assert IndicatorValue.objects.filter(target__task__plan=shenzhen, date=D(2025, 12, 31)).count() == 2
    final = GeneratedDocument.objects.filter(plan=shenzhen, cycle__label="2025-Q4")
    assert sorted(final.values_list("language", flat=True)) == ["en", "zh-hans"]

    # Taicang: today within its period, last month's cycle open and due in the next days, the one
    # before it open with one report overdue, the earlier ones closed.
    assert taicang.status == PlanStatus.PUBLISHED
    assert taicang.period_start <= today <= taicang.period_end
    opened = list(
        ReportingCycle.objects.filter(plan=taicang, status=CycleStatus.OPEN).order_by("period_start")
    )
    assert len(opened) == 2
    previous, current = opened
    assert current.period_end < today < current.due_on == add_working_days(today, DUE_IN_WORKING_DAYS)
    assert not ReportingCycle.objects.filter(plan=taicang, period_end__gte=today).exclude(status="scheduled")
    assert (
        ReportingCycle.objects.filter(plan=taicang, period_end__lt=previous.period_start)
        .exclude(status=CycleStatus.CLOSED)
        .count()
        == 0
    )
    statuses = list(current.reports.values_list("status", flat=True))
    assert ReportStatus.SUBMITTED in statuses and ReportStatus.DRAFT in statuses
    assert current.reports.filter(status=ReportStatus.DRAFT).exclude(narrative="").exists()  # drafts begun
    assert [r.cycle_id for r in ProgressReport.objects.filter(cycle__plan=taicang).overdue(today)] == [
        previous.pk
    ]
    assert Measure.objects.filter(task__plan=taicang).overdue(today).exists()  # some work is late
    assert len(summary.lines) == 2 and "32 units" in summary.lines[1]
    logins = {login[0] for login in summary.logins}
    assert {"coordinator", "taicang_admin", "taicang_staff"} <= logins
    # The reports handed in on the day are in the coordinator's inbox, unread; nothing older is.
    inbox = Notification.objects.filter(recipient__username="coordinator", channel="in_app")
    submitted = current.reports.filter(status=ReportStatus.SUBMITTED)
    assert sorted(inbox.values_list("report_id", flat=True)) == sorted(submitted.values_list("pk", flat=True))
    assert set(inbox.values_list("kind", "read_at")) == {(Kind.REPORT_SUBMITTED, None)}

    # The daily job, run as the scheduler would on that day: opens nothing early, reminds the
    # science and technology bureau's people of its reports, escalates the overdue report.
    before = counts()
    with at(today):
        done = run_daily(today)
    assert done["opened"] == 0 and done["reminders"] > 0 and done["escalations"] > 0
    User = get_user_model()
    owed = current.reports.filter(unit__name_zh=SCIENCE_BUREAU)
    assert owed.exists()
    for report in owed:
        reminded = Notification.objects.filter(report=report, kind=Kind.REMINDER, channel="email")
        assert sorted(reminded.values_list("recipient__username", flat=True)) == [
            "taicang_admin",
            "taicang_staff",
        ]
    overdue = previous.reports.get(status=ReportStatus.DRAFT)
    coordinator = User.objects.get(username="coordinator")
    assert Notification.objects.filter(
        report=overdue, kind=Kind.ESCALATION_COORDINATOR, recipient=coordinator
    ).exists()
    assert not Notification.objects.filter(report__cycle__plan=shenzhen).exists()
    assert counts() != before

    # Loading again the same day changes nothing.
    before = counts()
    events = AuditEvent.objects.count()
    with at(today):
        again = load_demo()
    assert counts() == before and AuditEvent.objects.count() == events
    assert again.lines == summary.lines
