"""Each workflow event tells exactly the people who must act next, once each, in their inbox and by
e-mail (unless they turned that kind off) and in the chat groups; never the actor."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from taskbook.accounts.actions import set_email_preferences
from taskbook.audit.models import AuditEvent
from taskbook.errors import ActionError
from taskbook.notifications.actions import (
    create_webhook,
    remind_report_now,
    remind_taskbook_now,
    tell_draft_ready,
)
from taskbook.notifications.models import Channel, Kind, Notification
from taskbook.orgs.actions import add_membership
from taskbook.orgs.actors import SYSTEM
from taskbook.orgs.models import Role
from taskbook.reporting.actions import accept_report, amend_report, return_report, save_report, submit_report
from taskbook.taskbooks.actions import (
    approve_taskbook,
    decide_change,
    request_measure_change,
    return_taskbook,
    submit_taskbook,
    taskbook_for,
)
from tests.notifications.helpers import give_emails, robot


def told(kind: str, channel: str = Channel.IN_APP) -> list[str]:
    """Who got a notification of `kind` on `channel`: user names, or webhook names, sorted."""
    rows = Notification.objects.filter(kind=kind, channel=channel).select_related("recipient", "webhook")
    return sorted(n.webhook.name if n.webhook else n.recipient.username for n in rows)


@pytest.fixture
def report(people, reporting):
    """Commerce's report on task 1, drafted by its staff member sam."""
    give_emails(people)
    draft = reporting.reports["1"]
    return save_report(people.sam, draft, version=draft.version, narrative="Done: the one-stop window.")


def submitted(people, report):
    return submit_report(people.carl, report)


def test_a_submitted_report_tells_the_coordinators_not_its_submitter(
    people, report, django_capture_on_commit_callbacks
):
    second = people.lena.__class__.objects.create_user("bob", email="bob@example.org")
    add_membership(SYSTEM, second, people.office, Role.COORDINATOR)
    add_membership(SYSTEM, people.alice, people.commerce, Role.UNIT_ADMIN)  # two roles: told once
    with robot() as chat:
        create_webhook(SYSTEM, name="Office group", kind="generic", url=chat.url, unit=None)
        create_webhook(SYSTEM, name="Commerce group", kind="generic", url=chat.url, unit=people.commerce)
        with django_capture_on_commit_callbacks(execute=True):
            submitted(people, report)
    assert told(Kind.REPORT_SUBMITTED) == ["alice", "bob"]
    assert told(Kind.REPORT_SUBMITTED, Channel.EMAIL) == ["alice", "bob"]
    assert told(Kind.REPORT_SUBMITTED, Channel.WEBHOOK) == ["Office group"]
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "bob@example.org"]
    assert len(chat.received) == 1 and chat.received[0]["json"]["kind"] == Kind.REPORT_SUBMITTED
    assert chat.received[0]["json"]["url"].endswith(f"/reports/{report.pk}/")
    inbox = Notification.objects.get(
        kind=Kind.REPORT_SUBMITTED, recipient=people.alice, channel=Channel.IN_APP
    )
    assert inbox.report == report and inbox.sent_at is not None and inbox.read_at is None
    assert inbox.subject == "Report submitted: task 1 (2024-Q1)"
    assert "Carl submitted" in inbox.body
    # The inbox item is itself the link; the e-mail carries the address to act on.
    path = f"/reports/{report.pk}/"
    assert path not in inbox.body
    assert path in mail.outbox[0].body


def test_a_report_of_the_past_loaded_with_its_time_tells_nobody(people, report):
    submit_report(SYSTEM, report, at=timezone.now() - datetime.timedelta(days=400))
    assert not Notification.objects.filter(kind=Kind.REPORT_SUBMITTED).exists()


def test_a_returned_report_tells_the_units_admins_and_its_writers(people, report):
    submitted(people, report)
    return_report(people.alice, report, "Add the figures.")
    assert told(Kind.REPORT_RETURNED) == ["carl", "sam"]
    assert told(Kind.REPORT_RETURNED, Channel.EMAIL) == ["carl", "sam"]
    body = Notification.objects.get(
        kind=Kind.REPORT_RETURNED, recipient=people.sam, channel=Channel.EMAIL
    ).body
    assert "Comment: Add the figures." in body
    # tina, of a participating unit, and the coordinator who returned it hear nothing
    assert not Notification.objects.filter(
        kind=Kind.REPORT_RETURNED, recipient__in=[people.tina, people.alice]
    )


def test_the_writer_who_is_also_the_admin_is_told_once(people, reporting):
    draft = reporting.reports["1"]
    draft = save_report(people.carl, draft, version=draft.version, narrative="Written by the admin.")
    submit_report(people.carl, draft)
    accept_report(people.alice, draft)
    assert told(Kind.REPORT_ACCEPTED) == ["carl"]


def test_an_amended_report_tells_the_unit_and_not_the_amending_admin(people, report):
    submitted(people, report)
    accept_report(people.alice, report)
    amend_report(people.carl, report, field="narrative", value="Corrected.", reason="A typing error.")
    assert told(Kind.REPORT_AMENDED) == ["sam"]
    amend_report(people.alice, report, field="percent", value="40", reason="Recounted.")
    assert told(Kind.REPORT_AMENDED) == ["carl", "sam", "sam"]  # two amendments, each told once


def test_the_email_preference_is_obeyed_and_the_inbox_keeps_all(people, report):
    set_email_preferences(people.alice, people.alice, [Kind.REPORT_RETURNED])
    submitted(people, report)
    assert told(Kind.REPORT_SUBMITTED) == ["alice"]
    assert told(Kind.REPORT_SUBMITTED, Channel.EMAIL) == []
    with pytest.raises(PermissionDenied):
        set_email_preferences(people.carl, people.alice, [])
    with pytest.raises(ActionError):
        set_email_preferences(people.alice, people.alice, ["rumour"])
    assert AuditEvent.objects.filter(action="user.email_preferences").count() == 1


def test_task_book_events(people, workplan):
    give_emails(people)
    book = taskbook_for(workplan.measures[0].task.plan, people.commerce)
    submit_taskbook(people.carl, book)
    assert told(Kind.TASKBOOK_SUBMITTED) == ["alice"]
    return_taskbook(people.alice, book, "Dates missing.")
    assert told(Kind.TASKBOOK_RETURNED) == ["carl"]  # staff do not sign it off
    submit_taskbook(people.carl, book)
    approve_taskbook(people.alice, book)
    assert told(Kind.TASKBOOK_APPROVED) == ["carl"]
    assert told(Kind.TASKBOOK_SUBMITTED) == ["alice", "alice"]  # two submissions
    inbox = Notification.objects.get(kind=Kind.TASKBOOK_APPROVED, channel=Channel.IN_APP)
    assert inbox.taskbook == book and "Commerce" in inbox.subject


def test_a_decided_change_request_tells_the_asker_and_the_unit_admin(people, workplan):
    measure = workplan.measures[0]
    book = taskbook_for(measure.task.plan, people.commerce)
    submit_taskbook(people.carl, book)
    approve_taskbook(people.alice, book)
    change = request_measure_change(
        people.sam, measure, "due_date", datetime.date(2024, 12, 31), "The law passes later."
    )
    decide_change(people.alice, change, approve=False, comment="Keep the date.")
    assert told(Kind.CHANGE_DECIDED) == ["carl", "sam"]
    inbox = Notification.objects.get(kind=Kind.CHANGE_DECIDED, recipient=people.sam)
    assert inbox.subject.startswith("Change rejected:") and "Keep the date." in inbox.body


# -- remind now (催办) ---------------------------------------------------------------------


def test_remind_now_reaches_the_unit_admins_once_a_day(people, report, django_capture_on_commit_callbacks):
    with robot() as chat:
        create_webhook(SYSTEM, name="Commerce group", kind="generic", url=chat.url, unit=people.commerce)
        with django_capture_on_commit_callbacks(execute=True):
            remind_report_now(people.alice, report, "Please send it today.", today=datetime.date(2024, 5, 6))
    assert told(Kind.REMIND_NOW) == ["carl"]
    assert told(Kind.REMIND_NOW, Channel.EMAIL) == ["carl"]
    assert told(Kind.REMIND_NOW, Channel.WEBHOOK) == ["Commerce group"]
    assert len(chat.received) == 1 and "Please send it today." in chat.received[0]["json"]["text"]
    assert AuditEvent.objects.filter(action="notification.remind_now", object_id=str(report.pk)).count() == 1
    with pytest.raises(ActionError, match="already reminded of this today"):
        remind_report_now(people.alice, report, "", today=datetime.date(2024, 5, 6))
    remind_report_now(people.alice, report, "", today=datetime.date(2024, 5, 7))  # the next day
    assert told(Kind.REMIND_NOW) == ["carl", "carl"]


def test_remind_now_is_the_coordinators_and_only_for_late_work(people, report, reporting):
    with pytest.raises(PermissionDenied):
        remind_report_now(people.carl, report, "")
    before_due = reporting.cycle.due_on - datetime.timedelta(days=1)
    with pytest.raises(ActionError, match="not late"):
        remind_report_now(people.alice, report, "", today=before_due)
    submitted(people, report)
    with pytest.raises(ActionError, match="not late"):  # submitted: nothing is owed
        remind_report_now(people.alice, report, "")
    assert not Notification.objects.filter(kind=Kind.REMIND_NOW).exists()


def test_remind_now_on_a_late_task_book(people, workplan, plan):
    made = remind_taskbook_now(people.alice, plan, people.commerce, "Sign it off this week.")
    assert made and told(Kind.REMIND_NOW) == ["carl"]
    with pytest.raises(ActionError, match="already reminded"):
        remind_taskbook_now(people.alice, plan, people.commerce, "")
    book = taskbook_for(plan, people.commerce)
    submit_taskbook(people.carl, book)
    with pytest.raises(ActionError, match="not late"):
        remind_taskbook_now(people.alice, plan, people.commerce, "", today=datetime.date(2030, 1, 1))
    with pytest.raises(ActionError, match="not late"):  # before the plan began
        remind_taskbook_now(people.alice, plan, people.tech, "", today=datetime.date(2022, 1, 1))


# -- the draft is ready --------------------------------------------------------------------


def test_staff_tell_their_admin_the_draft_is_ready_once_per_version(people, report):
    tell_draft_ready(people.sam, report)
    assert told(Kind.DRAFT_READY) == ["carl"]
    assert told(Kind.DRAFT_READY, Channel.EMAIL) == ["carl"]
    with pytest.raises(ActionError, match="already told"):
        tell_draft_ready(people.sam, report)
    report.refresh_from_db()
    report = save_report(people.sam, report, version=report.version, narrative="Done, with figures.")
    tell_draft_ready(people.sam, report)
    assert told(Kind.DRAFT_READY) == ["carl", "carl"]
    with pytest.raises(PermissionDenied):
        tell_draft_ready(people.pete, report)  # another unit's
    with pytest.raises(ActionError, match="no other admin"):
        tell_draft_ready(people.carl, report)  # the admin submits it himself
