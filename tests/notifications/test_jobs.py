"""The scheduled jobs, called directly with a fixed `today`.

The `reporting` fixture's open cycle is 2024-Q1: contributions due Wednesday 10 April 2024, reports
due Monday 15 April. Qingming falls on 4-6 April 2024 and Sunday 7 April is a make-up working day,
so three working days before 10 April is that Sunday. Commerce (carl admin, sam staff) leads tasks
1 and 3 and contributes to 2 and 4; Technology (tina staff, no admin) the other way round.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction

from taskbook.daily import run_daily
from taskbook.notifications.actions import create_webhook
from taskbook.notifications.jobs import escalate_overdue, send_reminders
from taskbook.notifications.models import Channel, Notification
from taskbook.plans.actions import change_plan_status
from taskbook.reporting.actions import save_contribution, save_report, set_calendar, submit_report
from taskbook.reporting.jobs import open_due_cycles
from taskbook.reporting.models import CycleStatus, ProgressReport, ReportingCycle
from taskbook.workdays import add_working_days, is_working_day
from tests.notifications.helpers import closed_port_url, give_emails, robot

D = datetime.date


@pytest.fixture
def emails(people):
    give_emails(people)


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Runs a job and the sending it leaves for after the commit, as a worker does."""

    def run(job, day):
        with django_capture_on_commit_callbacks(execute=True):
            return job(day)

    return run


def message_user(message):
    return get_user_model().objects.get(email=message.to[0])


def kinds() -> dict[str, int]:
    """What went out by e-mail and chat group, by kind (each person's inbox copy aside)."""
    out: dict[str, int] = {}
    for kind in Notification.objects.exclude(channel=Channel.IN_APP).values_list("kind", flat=True):
        out[kind] = out.get(kind, 0) + 1
    return out


def test_the_dates_around_the_due_date(reporting):
    cycle = reporting.cycle
    assert (cycle.contributions_due_on, cycle.due_on) == (D(2024, 4, 10), D(2024, 4, 15))
    assert not is_working_day(D(2024, 4, 6)) and is_working_day(D(2024, 4, 7))
    assert add_working_days(cycle.contributions_due_on, -3) == D(2024, 4, 7)


def test_cycles_open_by_themselves_once(people, plan, reporting):
    scheduled_2023 = ReportingCycle.objects.filter(plan=plan, period_start__year=2023)
    assert set(scheduled_2023.values_list("status", flat=True)) == {CycleStatus.SCHEDULED}
    assert open_due_cycles(D(2024, 3, 29)) == list(
        scheduled_2023.order_by("opens_on").values_list("pk", flat=True)
    )
    assert set(scheduled_2023.values_list("status", flat=True)) == {CycleStatus.OPEN}
    assert open_due_cycles(D(2024, 3, 29)) == []  # again: nothing more
    q2 = ReportingCycle.objects.get(plan=plan, label="2024-Q2")
    assert q2.opens_on == D(2024, 7, 1)
    assert open_due_cycles(D(2024, 6, 30)) == []
    assert open_due_cycles(D(2024, 7, 1)) == [q2.pk]
    assert ProgressReport.objects.filter(cycle=q2).count() == 4


def test_cycles_of_a_paused_calendar_or_an_unpublished_plan_stay_closed(people, plan, reporting):
    set_calendar(people.alice, plan, active=False)
    assert open_due_cycles(D(2024, 7, 1)) == []
    set_calendar(people.alice, plan, active=True)
    change_plan_status(people.alice, plan, "draft")
    assert open_due_cycles(D(2024, 7, 1)) == []


def test_reminders_before_the_contributions_are_due_start_on_the_make_up_sunday(emails, reporting, sent):
    assert sent(send_reminders, D(2024, 4, 6)) == 0  # Qingming: a day off
    assert sent(send_reminders, D(2024, 4, 7)) == 6
    # Commerce's two people owe contributions to tasks 2 and 4, Technology's one to tasks 1 and 3;
    # "each district" has nobody to remind.
    assert kinds() == {"contribution_reminder": 6}
    assert (
        sorted(m.to[0] for m in mail.outbox)
        == ["carl@example.org"] * 2 + ["sam@example.org"] * 2 + ["tina@example.org"] * 2
    )
    message = next(m for m in mail.outbox if m.to == ["tina@example.org"])
    assert message.subject == "Contribution to task 1 due April 10, 2024 (2024-Q1)"
    assert "Work Plan for Testing (2023-2025)" in message.body
    assert "Task 1: Task title 1" in message.body
    assert "in 3 working days" in message.body
    assert message.body.endswith(f"http://127.0.0.1:8000/reports/{reporting.reports['1'].pk}/")  # absolute
    # Each person finds the same reminders in their inbox, whose items are themselves the link.
    inbox = Notification.objects.inbox_of(message_user(message)).order_by("pk")
    assert [n.subject for n in inbox] == sorted(m.subject for m in mail.outbox if m.to == message.to)
    assert all(n.sent_at and n.read_at is None and "/reports/" not in n.body for n in inbox)


def test_reminders_before_and_on_the_due_dates(people, emails, reporting, sent):
    sent(send_reminders, D(2024, 4, 9))  # contributions only
    mail.outbox.clear()
    assert sent(send_reminders, D(2024, 4, 10)) == 12  # reports' first reminder, contributions due today
    assert kinds() == {"contribution_reminder": 6, "reminder": 6, "contribution_due": 6}
    # A report on its way to the coordinator, and a contribution sent, need no more reminders.
    report = reporting.reports["1"]
    save_contribution(people.tina, report.contributions.get(unit=people.tech), narrative="Done.", submit=True)
    save_report(people.sam, report, version=report.version, narrative="All on track.")
    submit_report(people.carl, report)
    mail.outbox.clear()
    assert sent(send_reminders, D(2024, 4, 12)) == 0  # inside the window, everything already reminded
    assert sent(send_reminders, D(2024, 4, 15)) == 4  # due today: reports 3 (carl, sam), 2 and 4 (tina)
    due = Notification.objects.filter(kind="due")
    assert {n.report.task.number for n in due} == {"2", "3", "4"}
    assert len(mail.outbox) == 4 and all("due today" in m.subject for m in mail.outbox)
    assert sent(send_reminders, D(2024, 4, 16)) == 0  # after the due date, escalation takes over


def test_escalation_first_to_the_unit_admin_then_to_the_coordinator(people, emails, reporting, sent):
    hook = create_webhook(people.alice, name="Office group", kind="generic", url=closed_port_url(), unit=None)
    assert sent(escalate_overdue, D(2024, 4, 15)) == 0  # due today: not overdue yet
    assert sent(escalate_overdue, D(2024, 4, 16)) == 2  # Commerce's admin, for tasks 1 and 3
    assert {(n.recipient, n.report.task.number) for n in Notification.objects.all()} == {
        (people.carl, "1"),
        (people.carl, "3"),
    }
    assert sent(escalate_overdue, D(2024, 4, 17)) == 0  # 2 working days overdue: nothing new
    assert (
        sent(escalate_overdue, D(2024, 4, 18)) == 8
    )  # 3 working days: alice and the office group, 4 reports
    coordinator = Notification.objects.filter(kind="escalation_coordinator")
    assert {n.recipient for n in coordinator if n.recipient} == {people.alice}
    assert coordinator.filter(webhook=hook).count() == 4
    message = next(m for m in mail.outbox if m.to == ["alice@example.org"])
    assert message.subject.startswith("Overdue: report on task") and "3 working days late" in message.subject
    assert sent(escalate_overdue, D(2024, 4, 20)) == 0  # Saturday


def test_escalation_counts_working_days_across_a_statutory_holiday(people, emails, plan, workplan, sent):
    from taskbook.reporting.actions import open_cycle

    # Reports due 3 working days after the quarter: 2024-Q1 is due Wednesday 3 April, the day
    # before Qingming; the first working day after it is the make-up Sunday, 7 April.
    set_calendar(people.alice, plan, frequency="quarterly", due_working_days=3, escalation_working_days=2)
    cycle = ReportingCycle.objects.get(plan=plan, label="2024-Q1")
    open_cycle(people.alice, cycle)
    assert cycle.due_on == D(2024, 4, 3)
    for day in (D(2024, 4, 4), D(2024, 4, 5), D(2024, 4, 6)):
        assert sent(escalate_overdue, day) == 0  # Qingming: days off
    assert sent(escalate_overdue, D(2024, 4, 7)) == 2  # 1 working day overdue: carl, tasks 1 and 3
    assert sent(escalate_overdue, D(2024, 4, 8)) == 4  # 2 working days overdue: alice, all 4 reports
    assert set(Notification.objects.values_list("kind", flat=True)) == {
        "escalation_unit",
        "escalation_coordinator",
    }


def test_a_returned_report_is_still_owed(people, emails, reporting, sent):
    from taskbook.reporting.actions import return_report

    report = reporting.reports["3"]
    save_report(people.sam, report, version=report.version, narrative="Draft.")
    submit_report(people.carl, report)
    return_report(people.alice, report, "Add the figures.")
    sent(escalate_overdue, D(2024, 4, 16))
    assert {n.report.task.number for n in Notification.objects.all()} == {"1", "3"}


def test_running_the_daily_job_twice_sends_nothing_twice(people, emails, reporting, sent):
    create_webhook(
        people.alice, name="Commerce group", kind="wecom", url=closed_port_url(), unit=people.commerce
    )
    first = sent(run_daily, D(2024, 4, 10))
    count, outbox = Notification.objects.count(), len(mail.outbox)
    assert first["reminders"] > 0 and count > 0
    assert outbox == Notification.objects.filter(channel=Channel.EMAIL, sent_at__isnull=False).count()
    second = sent(run_daily, D(2024, 4, 10))
    assert second == {"opened": 0, "reminders": 0, "escalations": 0, "retries": 0}
    assert (Notification.objects.count(), len(mail.outbox)) == (count, outbox)
    # Every e-mail went out once: no two messages to the same person with the same subject.
    assert len({(m.to[0], m.subject) for m in mail.outbox}) == outbox


def test_a_failing_webhook_is_recorded_and_does_not_stop_the_others(people, emails, reporting, sent):
    broken = create_webhook(
        people.alice, name="Broken", kind="dingtalk", url=closed_port_url(), unit=people.commerce
    )
    with robot() as good_robot:
        good = create_webhook(
            people.alice, name="Good", kind="wecom", url=good_robot.url, unit=people.commerce
        )
        sent(send_reminders, D(2024, 4, 10))
    failed = Notification.objects.filter(webhook=broken)
    assert failed.count() == 4 and all(n.error and n.sent_at is None for n in failed)
    assert failed.first().error == "could not connect"
    assert Notification.objects.filter(webhook=good, sent_at__isnull=False).count() == 4
    assert len(good_robot.received) == 4
    assert (
        Notification.objects.filter(channel=Channel.EMAIL, sent_at__isnull=False).count()
        == len(mail.outbox)
        == 12
    )
    assert failed.first().address.endswith("/…") and "access_token" not in failed.first().address


def test_a_person_without_an_address_is_recorded_not_mailed(people, reporting, sent):
    sent(send_reminders, D(2024, 4, 10))
    assert not mail.outbox
    unreachable = Notification.objects.filter(recipient=people.tina, channel=Channel.EMAIL)
    assert unreachable.exists() and all("has no e-mail address" in n.error for n in unreachable)
    # The inbox tells them all the same.
    inbox = Notification.objects.inbox_of(people.tina)
    assert inbox.count() == unreachable.count() and all(n.sent_at and not n.error for n in inbox)


def test_nothing_is_sent_when_the_job_transaction_rolls_back(
    emails, reporting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        send_reminders(D(2024, 4, 10))
        raise RuntimeError("the job failed half way")
    assert not mail.outbox and not Notification.objects.exists()
