"""The notification log and the webhooks page: who sees what, filters, forms, constant queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taskbook.audit.models import AuditEvent
from taskbook.notifications.actions import create_webhook
from taskbook.notifications.jobs import send_reminders
from taskbook.notifications.models import Notification, Webhook
from tests.notifications.helpers import closed_port_url, give_emails, robot

D = datetime.date


@pytest.fixture
def run_day(people, reporting, django_capture_on_commit_callbacks):
    give_emails(people)

    def run(day):
        with django_capture_on_commit_callbacks(execute=True):
            send_reminders(day)

    return run


def _queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_the_log_shows_every_notification_in_constant_queries(client, people, run_day):
    create_webhook(
        people.alice, name="Commerce group", kind="wecom", url=closed_port_url(), unit=people.commerce
    )
    client.force_login(people.alice)
    url = reverse("notifications:list")
    run_day(D(2024, 4, 7))
    small, _html = _queries(client, url)
    run_day(D(2024, 4, 10))
    assert Notification.objects.count() == 6 + 2 + 12 + 4 + (6 + 12)  # e-mails, posts, inbox copies
    large, html = _queries(client, url)
    assert small == large
    assert "Report on task 1 due April 15, 2024 (2024-Q1)" in html
    assert "carl@example.org" in html and "Commerce group" in html
    assert "could not connect" in html  # the failing robot's error, for the coordinator to see


def test_the_log_filters_by_kind_channel_and_status(client, people, run_day):
    create_webhook(people.alice, name="Broken", kind="generic", url=closed_port_url(), unit=people.commerce)
    run_day(D(2024, 4, 10))
    client.force_login(people.alice)
    url = reverse("notifications:list")
    html = client.get(url, {"status": "retrying"}).content.decode()
    assert html.count('class="badge n-retrying"') == 4 and 'class="badge n-sent"' not in html
    assert 'class="badge n-failed"' not in client.get(url, {"status": "failed"}).content.decode()
    html = client.get(url, {"channel": "email", "kind": "reminder"}).content.decode()
    assert html.count('class="badge n-sent"') == 6
    assert client.get(url, {"kind": "nonsense"}).status_code == 200  # an unknown filter is ignored


def test_only_the_coordinator_reads_the_log(client, people):
    for user in (people.lena, people.carl, people.sam, people.olga):
        client.force_login(user)
        assert client.get(reverse("notifications:list")).status_code == 403


def test_the_coordinator_sees_whole_addresses_a_unit_admin_their_units_masked(client, people):
    create_webhook(
        people.alice,
        name="Commerce group",
        kind="wecom",
        url="https://qyapi.weixin.qq.com/s?key=K1",
        unit=people.commerce,
    )
    create_webhook(
        people.alice,
        name="Tech group",
        kind="dingtalk",
        url="https://oapi.dingtalk.com/r?access_token=K2",
        unit=people.tech,
    )
    client.force_login(people.alice)
    html = client.get(reverse("notifications:webhooks")).content.decode()
    assert "key=K1" in html and "access_token=K2" in html
    client.force_login(people.carl)
    html = client.get(reverse("notifications:webhooks")).content.decode()
    assert "Commerce group" in html and "https://qyapi.weixin.qq.com/…" in html
    assert "key=K1" not in html and "Tech group" not in html  # "K1" alone could be in a CSRF token
    assert "the coordinator&#x27;s group" not in html  # a unit admin cannot add the office's own


def test_the_webhooks_page_in_constant_queries(client, people, run_day):
    client.force_login(people.alice)
    url = reverse("notifications:webhooks")
    create_webhook(people.alice, name="A", kind="wecom", url=closed_port_url(), unit=people.commerce)
    small, _html = _queries(client, url)
    for n in range(6):
        create_webhook(
            people.alice,
            name=f"B{n}",
            kind="generic",
            url=closed_port_url(),
            unit=people.tech if n % 2 else None,
        )
    run_day(D(2024, 4, 10))
    large, html = _queries(client, url)
    # A refused connection may pass: the four unit groups' messages are to be tried again.
    assert small == large and html.count('class="badge n-retrying"') == 7 - 3  # 3 office groups sent nothing


def test_adding_a_webhook(client, people):
    client.force_login(people.carl)
    url = reverse("notifications:webhook_add")
    response = client.post(
        url,
        {
            "name": "Commerce group",
            "kind": "wecom",
            "url": "https://qyapi.weixin.qq.com/s?key=SECRET",
            "unit": people.commerce.pk,
        },
    )
    assert response.status_code == 302
    hook = Webhook.objects.get()
    assert (hook.unit, hook.kind, hook.active) == (people.commerce, "wecom", True)
    event = AuditEvent.objects.get(action="webhook.create")
    assert event.after["url"] == "https://qyapi.weixin.qq.com/…" and "SECRET" not in str(event.after)


@pytest.mark.parametrize(
    "data,message",
    [
        ({"name": "x", "kind": "wecom", "url": "ftp://example.org/x"}, "starts with http:// or https://"),
        ({"name": "x", "kind": "wecom", "url": "javascript:alert(1)"}, "starts with http:// or https://"),
        ({"name": "", "kind": "wecom", "url": "https://example.org/"}, "Give the webhook a name"),
        (
            {"name": "x", "kind": "slack", "url": "https://example.org/"},
            "Choose WeCom, DingTalk or generic JSON",
        ),
    ],
)
def test_a_bad_webhook_is_refused_with_its_reason(client, people, data, message):
    client.force_login(people.alice)
    response = client.post(reverse("notifications:webhook_add"), {**data, "unit": people.commerce.pk})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Webhook.objects.exists()


def test_a_unit_admin_manages_only_their_units_groups(client, people):
    client.force_login(people.carl)
    url = reverse("notifications:webhook_add")
    data = {"name": "x", "kind": "wecom", "url": "https://example.org/"}
    assert client.post(url, {**data, "unit": people.tech.pk}).status_code == 403
    assert client.post(url, {**data, "unit": ""}).status_code == 400  # the office's own: not theirs
    other = create_webhook(
        people.alice, name="Tech", kind="wecom", url="https://example.org/", unit=people.tech
    )
    assert client.post(reverse("notifications:webhook_deactivate", args=[other.pk])).status_code == 404
    assert not Webhook.objects.filter(name="x").exists()


def test_the_coordinator_adds_the_offices_own_group(client, people):
    client.force_login(people.alice)
    response = client.post(
        reverse("notifications:webhook_add"),
        {
            "name": "Office",
            "kind": "dingtalk",
            "url": "https://oapi.dingtalk.com/robot/send?access_token=t",
            "unit": "",
        },
    )
    assert response.status_code == 302 and Webhook.objects.get().unit is None


def test_deactivating_and_activating(client, people):
    hook = create_webhook(
        people.alice, name="Commerce group", kind="wecom", url="https://example.org/", unit=people.commerce
    )
    client.force_login(people.carl)
    url = reverse("notifications:webhook_deactivate", args=[hook.pk])
    assert client.post(url, {"version": 1}).status_code == 302
    hook.refresh_from_db()
    assert not hook.active
    assert (
        client.post(reverse("notifications:webhook_activate", args=[hook.pk]), {"version": 2}).status_code
        == 302
    )
    hook.refresh_from_db()
    assert hook.active
    assert list(
        AuditEvent.objects.filter(object_type="notifications.webhook")
        .values_list("action", flat=True)
        .order_by("pk")
    ) == [
        "webhook.create",
        "webhook.deactivate",
        "webhook.activate",
    ]


@pytest.mark.django_db(transaction=True)  # commits as a real request does: the message goes out at once
def test_sending_a_test_message_from_the_page(client, people):
    client.force_login(people.carl)
    with robot() as chat:
        hook = create_webhook(
            people.carl, name="Commerce group", kind="wecom", url=chat.url, unit=people.commerce
        )
        response = client.post(reverse("notifications:webhook_test", args=[hook.pk]), follow=True)
    assert "Test message sent to “Commerce group”" in response.content.decode()
    assert len(chat.received) == 1
    hook.url = closed_port_url()
    hook.save()
    response = client.post(reverse("notifications:webhook_test", args=[hook.pk]), follow=True)
    assert "The test message to “Commerce group” failed" in response.content.decode()
    assert Notification.objects.filter(kind="test", webhook=hook).count() == 2


def test_names_are_escaped(client, people):
    create_webhook(
        people.alice,
        name="<script>alert(1)</script>",
        kind="wecom",
        url="https://example.org/",
        unit=people.commerce,
    )
    client.force_login(people.carl)
    html = client.get(reverse("notifications:webhooks")).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
