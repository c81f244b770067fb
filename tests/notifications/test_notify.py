"""Delivery to chat robots through a real HTTP server on 127.0.0.1: the payload of each kind, the
robots' error codes, HTTP errors; and what the coordinator's log keeps of an address."""

import datetime

import pytest
from django.core import mail

from taskbook.notifications import delivery
from taskbook.notifications.actions import create_webhook, send_test_message
from taskbook.notifications.jobs import send_reminders
from taskbook.notifications.models import Notification, Webhook
from tests.notifications.helpers import give_emails, robot

D = datetime.date


@pytest.fixture
def remind(people, reporting, django_capture_on_commit_callbacks):
    """Reports due in three working days: Commerce's webhooks hear about tasks 1 and 3 (its reports)
    and 2 and 4 (its contributions, due today)."""
    give_emails(people)

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            send_reminders(D(2024, 4, 10))

    return run


@pytest.mark.parametrize("kind", ["wecom", "dingtalk"])
def test_wecom_and_dingtalk_robots_get_a_text_message(people, remind, kind):
    with robot() as chat:
        hook = create_webhook(people.carl, name="Group", kind=kind, url=chat.url, unit=people.commerce)
        remind()
    assert len(chat.received) == 4
    first = chat.received[0]
    assert first["path"] == "/cgi-bin/webhook/send?key=secret-key-123"
    assert first["content_type"].startswith("application/json")
    assert set(first["json"]) == {"msgtype", "text"} and first["json"]["msgtype"] == "text"
    content = first["json"]["text"]["content"]
    # Chat groups get the message in Simplified Chinese, with the Chinese page's address.
    assert "任务1" in content and "Task title 1" in content and "2024-Q1" in content
    assert "http://127.0.0.1:8000/zh-hans/" in content
    assert Notification.objects.filter(webhook=hook, sent_at__isnull=False).count() == 4


def test_a_generic_endpoint_gets_the_parts(people, remind):
    with robot() as endpoint:
        create_webhook(people.alice, name="Bot", kind="generic", url=endpoint.url, unit=people.commerce)
        remind()
    payload = endpoint.received[0]["json"]
    assert set(payload) == {"subject", "text", "kind", "url"}
    assert payload["kind"] in {"reminder", "contribution_due"}
    assert payload["url"].startswith("http://127.0.0.1:8000/reports/")
    assert payload["subject"] in payload["text"] or payload["subject"]


def test_a_robot_error_code_is_an_error(people, remind):
    with robot(answer={"errcode": 93000, "errmsg": "invalid webhook url"}) as chat:
        hook = create_webhook(people.carl, name="Group", kind="wecom", url=chat.url, unit=people.commerce)
        remind()
    failed = Notification.objects.filter(webhook=hook)
    assert failed.count() == 4
    # The robot's own words ("invalid webhook url") are its answer's body: never kept. The code says
    # the robot is gone, so it is not tried again.
    assert {(n.error, n.delivery_state) for n in failed} == {("refused: robot error code 93000", "failed")}
    assert len(mail.outbox) == 12  # the e-mails went out all the same


def test_an_http_error_is_recorded(people, remind):
    with robot(status=500) as endpoint:
        hook = create_webhook(people.carl, name="Bot", kind="generic", url=endpoint.url, unit=people.commerce)
        remind()
    failed = Notification.objects.filter(webhook=hook)
    assert {(n.error, n.delivery_state, n.attempts) for n in failed} == {("failed: HTTP 500", "retrying", 1)}


def test_a_test_message_is_recorded_and_sent(people, django_capture_on_commit_callbacks):
    with robot() as chat:
        hook = create_webhook(people.alice, name="Office", kind="dingtalk", url=chat.url, unit=None)
        with django_capture_on_commit_callbacks(execute=True):
            notification = send_test_message(people.alice, hook)
    notification.refresh_from_db()
    assert notification.sent_at and notification.kind == "test" and not notification.error
    assert chat.received[0]["json"]["msgtype"] == "text"
    assert "Office" in chat.received[0]["json"]["text"]["content"]


def test_addresses_are_masked():
    assert (
        delivery.mask_url("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc")
        == "https://qyapi.weixin.qq.com/…"
    )
    assert delivery.mask_url("http://127.0.0.1:8080/x?y=z") == "http://127.0.0.1:8080/…"
    assert delivery.mask_url("nonsense") == "…"


def test_payload_shapes():
    wecom = Webhook(name="w", kind="wecom", url="https://x/")
    generic = Webhook(name="g", kind="generic", url="https://x/")
    assert delivery.webhook_payload(wecom, "S", "T", "due", "https://u/") == {
        "msgtype": "text",
        "text": {"content": "[taskbook] S\nT"},
    }
    assert delivery.webhook_payload(generic, "S", "T", "due", "https://u/") == {
        "subject": "S",
        "text": "T",
        "kind": "due",
        "url": "https://u/",
    }


def test_the_site_url_setting_makes_the_links(
    people, reporting, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://taskbook.example.gov.cn/"
    give_emails(people)
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(D(2024, 4, 10))
    assert all("https://taskbook.example.gov.cn/reports/" in m.body for m in mail.outbox)
