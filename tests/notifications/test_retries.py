"""Failed notifications are tried again: attempts counted, waits doubling from the base delay, the
last failure shown as failed with its reason; a refusal that cannot pass (HTTP 404) is not tried
again; nothing is sent twice, by two workers or after a worker was killed while sending. Against a
real HTTP server on 127.0.0.1, with the clock under the test's control."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from taskbook.daily import run_daily
from taskbook.notifications import actions, delivery, jobs
from taskbook.notifications.actions import create_webhook, set_webhook_active
from taskbook.notifications.models import Channel, Notification
from taskbook.notifications.querysets import DELIVERY_STATES
from tests.notifications.helpers import closed_port_url, give_emails, robot

D = datetime.date
START = datetime.datetime(2024, 4, 10, 0, 30, tzinfo=datetime.UTC)  # 08:30 in Beijing
MINUTE = datetime.timedelta(minutes=1)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime.datetime:
        return self.now

    def advance(self, delta: datetime.timedelta) -> None:
        self.now += delta


@pytest.fixture
def clock(monkeypatch):
    now = Clock()
    monkeypatch.setattr(timezone, "now", now)
    return now


@pytest.fixture
def remind(people, reporting, django_capture_on_commit_callbacks):
    """The reminders of 10 April 2024: four messages to each of Commerce's chat groups."""
    give_emails(people)

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            jobs.send_reminders(D(2024, 4, 10))

    return run


def retry(capture) -> int:
    with capture(execute=True):
        return jobs.retry_notifications()


def test_a_server_error_is_tried_again_with_doubling_waits_then_failed(
    people, remind, clock, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_ATTEMPTS, settings.NOTIFICATION_RETRY_SECONDS = 4, 60
    with robot(status=503) as chat:
        hook = create_webhook(people.carl, name="Group", kind="wecom", url=chat.url, unit=people.commerce)
        remind()
        messages = Notification.objects.filter(webhook=hook)
        assert messages.count() == 4 and len(chat.received) == 4
        waits = []
        for attempt in (1, 2, 3):
            first = messages.first()
            assert (first.attempts, first.delivery_state, first.error) == (
                attempt,
                "retrying",
                "failed: HTTP 503",
            )
            waits.append(first.next_attempt_at - first.last_attempt_at)
            clock.advance(waits[-1] - MINUTE)
            assert retry(django_capture_on_commit_callbacks) == 0  # not yet
            clock.advance(MINUTE)
            assert retry(django_capture_on_commit_callbacks) == 4
        assert waits == [datetime.timedelta(minutes=m) for m in (1, 2, 4)]
        assert len(chat.received) == 16
        # The fourth attempt was the last: failed, with its reason, and never tried again.
        assert {(n.attempts, n.delivery_state, n.error) for n in messages} == {
            (4, "failed", "failed: HTTP 503")
        }
        clock.advance(datetime.timedelta(days=2))
        assert retry(django_capture_on_commit_callbacks) == 0
    assert len(chat.received) == 16


def test_a_message_that_fails_once_arrives_at_the_next_attempt(
    people, remind, clock, django_capture_on_commit_callbacks
):
    hook = create_webhook(
        people.carl, name="Group", kind="generic", url=closed_port_url(), unit=people.commerce
    )
    remind()
    failed = Notification.objects.filter(webhook=hook)
    assert {(n.error, n.delivery_state) for n in failed.all()} == {("could not connect", "retrying")}
    assert failed.filter(DELIVERY_STATES["retrying"]).count() == 4
    with robot() as chat:
        hook.url = chat.url  # the robot is back (test setup, not an action)
        hook.save(update_fields=["url"])
        clock.advance(datetime.timedelta(seconds=300))  # the default first wait
        assert retry(django_capture_on_commit_callbacks) == 4
    assert len(chat.received) == 4
    assert {(n.attempts, n.delivery_state, n.error) for n in failed.all()} == {(2, "sent", "")}


@pytest.mark.parametrize("status", [404, 400, 403])
def test_a_refusal_that_cannot_pass_is_not_tried_again(
    people, remind, clock, status, django_capture_on_commit_callbacks
):
    with robot(status=status) as chat:
        hook = create_webhook(people.carl, name="Deleted", kind="generic", url=chat.url, unit=people.commerce)
        remind()
        clock.advance(datetime.timedelta(days=1))
        assert retry(django_capture_on_commit_callbacks) == 0
    assert len(chat.received) == 4
    assert {(n.attempts, n.delivery_state, n.error) for n in Notification.objects.filter(webhook=hook)} == {
        (1, "failed", f"refused: HTTP {status}")
    }


def test_a_timeout_is_tried_again(people, remind, clock, monkeypatch):
    monkeypatch.setattr("taskbook.notifications.outbound.TIMEOUT", 0.3)
    with robot() as chat:
        chat.delay = 1.0
        hook = create_webhook(people.carl, name="Slow", kind="wecom", url=chat.url, unit=people.commerce)
        remind()
    assert {(n.error, n.delivery_state) for n in Notification.objects.filter(webhook=hook)} == {
        ("no answer in time", "retrying")
    }


def test_an_answer_that_drips_past_the_deadline_is_cut(
    people, clock, monkeypatch, django_capture_on_commit_callbacks
):
    """Each read within its timeout, the whole exchange not within the deadline."""
    monkeypatch.setattr("taskbook.notifications.outbound.TIMEOUT", 2)
    monkeypatch.setattr("taskbook.notifications.outbound.DEADLINE", 0.5)
    with robot() as chat:
        chat.delay = 1.0
        hook = create_webhook(people.alice, name="Slow", kind="wecom", url=chat.url, unit=None)
        with django_capture_on_commit_callbacks(execute=True):
            notification = actions.send_test_message(people.alice, hook)
    notification.refresh_from_db()
    assert notification.error == "no answer in time"


def test_a_mail_server_that_is_down_is_tried_again_a_refused_recipient_not(
    people, remind, clock, monkeypatch, django_capture_on_commit_callbacks
):
    real = delivery.send_mail
    down = {"sam@example.org": ConnectionRefusedError(111, "Connection refused")}
    down["carl@example.org"] = smtplib.SMTPRecipientsRefused({"carl@example.org": (550, b"no such user")})

    def send_mail(subject, body, sender, to):
        if to[0] in down:
            raise down[to[0]]
        return real(subject, body, sender, to)

    monkeypatch.setattr(delivery, "send_mail", send_mail)
    remind()
    sam = Notification.objects.filter(recipient=people.sam, channel=Channel.EMAIL)
    carl = Notification.objects.filter(recipient=people.carl, channel=Channel.EMAIL)
    assert {(n.delivery_state, n.error) for n in sam.all()} == {
        ("retrying", "could not reach the mail server")
    }
    assert {(n.delivery_state, n.error) for n in carl} == {
        ("failed", "refused by the mail server: the recipient")
    }
    sent_before = len(mail.outbox)
    del down["sam@example.org"]
    clock.advance(datetime.timedelta(minutes=5))
    assert retry(django_capture_on_commit_callbacks) == sam.count()
    assert {n.delivery_state for n in sam.all()} == {"sent"} and len(mail.outbox) == sent_before + sam.count()


def test_a_worker_comes_back_for_the_retries(people, remind, clock):
    """The delivery that left messages to be tried again enqueues the retry job for the earliest."""
    create_webhook(people.carl, name="Group", kind="generic", url=closed_port_url(), unit=people.commerce)
    remind()
    queued = DBTaskResult.objects.filter(task_path=jobs.retry_notifications_task.module_path)
    assert queued.count() == 1
    assert queued.get().run_after == START + datetime.timedelta(seconds=300)


def test_the_daily_run_tries_again_what_is_due(people, remind, clock, django_capture_on_commit_callbacks):
    create_webhook(people.carl, name="Group", kind="generic", url=closed_port_url(), unit=people.commerce)
    remind()
    clock.advance(datetime.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        # The day opens 2023's cycles, overdue at once: their escalations are still to be sent (after
        # the commit) when the retry step runs, which sends them too. Each goes out once.
        done = run_daily(D(2024, 4, 11))
    assert done["escalations"] > 0 and done["retries"] == 4 + done["escalations"]
    assert {n.attempts for n in Notification.objects.filter(webhook__isnull=False)} == {2}
    emails = Notification.objects.filter(channel="email", sent_at__isnull=False)
    assert len(mail.outbox) == emails.count() and set(emails.values_list("attempts", flat=True)) == {1}


def test_a_webhook_switched_off_meanwhile_is_not_tried_again(
    people, remind, clock, django_capture_on_commit_callbacks
):
    hook = create_webhook(
        people.carl, name="Group", kind="generic", url=closed_port_url(), unit=people.commerce
    )
    remind()
    set_webhook_active(people.carl, hook, False, version=hook.version)
    clock.advance(datetime.timedelta(days=1))
    retry(django_capture_on_commit_callbacks)
    assert {(n.delivery_state, n.error) for n in Notification.objects.filter(webhook=hook)} == {
        ("failed", "the webhook was switched off")
    }


def test_a_test_message_is_tried_once(people, clock, django_capture_on_commit_callbacks):
    hook = create_webhook(people.alice, name="Office", kind="wecom", url=closed_port_url(), unit=None)
    with django_capture_on_commit_callbacks(execute=True):
        notification = actions.send_test_message(people.alice, hook)
    notification.refresh_from_db()
    assert (notification.attempts, notification.delivery_state) == (1, "failed")


def test_two_workers_never_both_take_a_message(people, remind, clock):
    with robot() as chat:
        create_webhook(people.carl, name="Group", kind="generic", url=chat.url, unit=people.commerce)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(delivery, "deliver", lambda ids=None: delivery.Delivered(0, 0, None))
            remind()  # recorded, not sent
        waiting = Notification.objects.filter(webhook__isnull=False).order_by("pk")
        mine, theirs = waiting.first(), waiting.first()
        assert actions.record_attempt(None, mine) is True  # and is being sent
        assert actions.record_attempt(None, theirs) is False  # read before mine was taken: too late
        # The other messages go out once, however many runs there are.
        assert jobs.retry_notifications() == Notification.objects.exclude(channel=Channel.IN_APP).count() - 1
        assert jobs.retry_notifications() == 0
    assert len(chat.received) == 3


def test_a_message_interrupted_while_sending_is_not_sent_again(people, remind, clock):
    """A worker killed after taking a message for its attempt: it may have arrived, so it is shown as
    failed (interrupted) once its lease is over, and not sent again."""
    with robot() as chat:
        create_webhook(people.carl, name="Group", kind="generic", url=chat.url, unit=people.commerce)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(delivery, "deliver", lambda ids=None: delivery.Delivered(0, 0, None))
            remind()
        taken = Notification.objects.filter(webhook__isnull=False).order_by("pk").first()
        assert actions.record_attempt(None, taken)  # ... and the worker dies
        others = Notification.objects.exclude(channel=Channel.IN_APP).count() - 1
        assert jobs.retry_notifications() == others
        clock.advance(delivery.LEASE)
        assert jobs.retry_notifications() == 0
    taken.refresh_from_db()
    assert len(chat.received) == 3
    assert taken.delivery_state == "failed" and taken.error.startswith("interrupted while being sent")


def test_the_log_shows_the_attempts(
    client, people, remind, clock, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_ATTEMPTS = 2
    create_webhook(people.carl, name="Group", kind="generic", url=closed_port_url(), unit=people.commerce)
    remind()
    client.force_login(people.alice)
    html = client.get(reverse("notifications:list"), {"status": "retrying"}).content.decode()
    assert html.count("1 attempt so far; next at 2024-04-10 08:35") == 4
    clock.advance(datetime.timedelta(minutes=5))
    retry(django_capture_on_commit_callbacks)
    html = client.get(reverse("notifications:list"), {"status": "failed"}).content.decode()
    assert html.count('class="badge n-failed"') == 4 and html.count("after 2 attempts") == 4
    assert "could not connect" in html
