"""Notifications through the API: the coordinator's log, or the messages sent to oneself; a webhook's
address (which holds the robot's key) never appears."""

import datetime

import pytest

from taskbook.notifications.actions import create_webhook, send_test_message
from taskbook.notifications.jobs import send_reminders
from taskbook.notifications.models import Notification
from tests.api.helpers import answer, first_error, ids, queries
from tests.notifications.helpers import closed_port_url, give_emails

KEY = "access_token=abc"  # in closed_port_url(): the robot's secret


@pytest.fixture
def log(people, reporting, django_capture_on_commit_callbacks):
    """Reminders by e-mail to the units' people, and a failed test message to the office's chat group."""
    give_emails(people)
    hook = create_webhook(
        people.alice, name="Office group", kind="dingtalk", url=closed_port_url(), unit=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(datetime.date(2024, 4, 7))  # contributions due in three working days
        send_test_message(people.alice, hook)
    return hook


def test_the_coordinator_reads_the_log_everyone_else_their_own(client, people, log):
    client.force_login(people.alice)
    everything = answer(client, "/api/notifications/")
    assert everything["count"] == Notification.objects.count() == 6 + 6 + 1  # e-mails, inbox, test
    for person in (people.sam, people.tina, people.lena, people.pete, people.olga):
        client.force_login(person)
        mine = set(Notification.objects.filter(recipient=person).values_list("pk", flat=True))
        assert set(ids(client, "/api/notifications/")) == mine, person
    client.force_login(people.sam)
    first = answer(client, "/api/notifications/?channel=email")["items"][0]
    assert (first["channel"], first["recipient"], first["address"]) == ("email", "sam", "sam@example.org")
    assert first["kind"] == "contribution_reminder" and first["kind_label"] == "contribution due soon"
    assert first["status"] == "sent" and first["sent_at"] is not None
    assert first["subject"].startswith("Contribution to task")


def test_a_webhook_is_named_never_addressed(client, people, log):
    client.force_login(people.alice)
    failed = answer(client, "/api/notifications/?status=failed")["items"]
    assert [(n["kind"], n["webhook"], n["status"]) for n in failed] == [
        ("test", {"id": log.pk, "name": "Office group"}, "failed")
    ]
    assert failed[0]["address"].startswith("http://127.0.0.1:") and failed[0]["address"].endswith("/…")
    assert "error" not in failed[0]  # a failed post can quote the address it went to
    raw = client.get("/api/notifications/?limit=500").content.decode()
    assert KEY not in raw and log.url not in raw


def test_filters_of_the_log(client, people, log):
    client.force_login(people.alice)
    assert len(ids(client, "/api/notifications/?channel=email")) == 6
    assert len(ids(client, "/api/notifications/?kind=contribution_reminder&status=sent")) == 6 + 6  # inbox
    assert ids(client, "/api/notifications/?status=pending") == []
    assert first_error(client, "/api/notifications/?status=lost") == (
        "status must be one of 'sent', 'failed', 'retrying' or 'pending'."
    )
    assert (
        first_error(client, "/api/notifications/?channel=fax")
        == "channel must be one of 'email', 'webhook' or 'in_app'."
    )
    assert first_error(client, "/api/notifications/?kind=rumour").startswith("kind must be one of 'reminder'")


def test_the_log_takes_a_constant_number_of_queries(client, people, log, django_capture_on_commit_callbacks):
    client.force_login(people.alice)
    small = queries(client, "/api/notifications/")
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(datetime.date(2024, 4, 10))  # reports' first reminders, contributions due today
        for _ in range(3):
            send_test_message(people.alice, log)
    assert answer(client, "/api/notifications/")["count"] > 15
    assert queries(client, "/api/notifications/") == small
