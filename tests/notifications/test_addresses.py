"""Webhooks reach public hosts only (server-side request forgery): refused when saved, refused again
when sent after the host name is looked up, no redirect followed, the allow-list for intranet chat
servers; and the test button never shows what the server answered. Against real HTTP servers on
127.0.0.1 and 127.0.0.2 (the machine's own addresses, refused unless allow-listed)."""

import socket

import pytest
from django.urls import reverse

from taskbook.errors import ActionError
from taskbook.notifications import addresses
from taskbook.notifications.actions import create_webhook, send_test_message
from taskbook.notifications.models import Notification, Webhook
from tests.notifications.helpers import robot


@pytest.fixture(autouse=True)
def nothing_allowed(settings):
    settings.WEBHOOK_ALLOWED_HOSTS = []


def _test_message(people, hook, capture) -> Notification:
    with capture(execute=True):
        notification = send_test_message(people.alice, hook)
    notification.refresh_from_db()
    return notification


@pytest.mark.parametrize(
    "url,why",
    [
        ("http://127.0.0.1:8000/x", "127.0.0.1 is a loopback address"),
        ("http://localhost/x", "localhost is a name of this machine"),
        ("http://app.localhost/x", "app.localhost is a name of this machine"),
        ("http://[::1]/x", "::1 is a loopback address"),
        ("http://169.254.169.254/latest/meta-data/", "the cloud metadata address"),
        ("http://[fe80::1]/x", "a link-local address"),
        ("http://10.1.2.3/x", "a private address"),
        ("http://172.16.0.9/x", "a private address"),
        ("https://192.168.1.1/x", "a private address"),
        ("http://[fd12:3456::1]/x", "a private address"),
        ("http://100.64.0.1/x", "a shared address (carrier-grade NAT)"),
        ("http://[::ffff:127.0.0.1]/x", "an IPv4 address written as IPv6"),
        ("http://[::ffff:a9fe:a9fe]/x", "an IPv4 address written as IPv6"),
        ("http://[64:ff9b::a9fe:a9fe]/x", "the cloud metadata address"),  # NAT64
        ("http://[2002:c0a8:101::1]/x", "a private address"),  # 6to4 of 192.168.1.1
        ("http://0.0.0.0/x", "the unspecified address"),
        ("http://[::]/x", "the unspecified address"),
        ("http://224.0.0.1/x", "a multicast address"),
        ("http://240.0.0.1/x", "a reserved address"),
        ("http://192.0.2.10/x", "not a public address"),
        # Spellings the system resolver reads as 127.0.0.1.
        ("http://0x7f.1/x", "0x7f.1 resolves to 127.0.0.1, a loopback address"),
        ("http://127.1/x", "127.1 resolves to 127.0.0.1, a loopback address"),
        ("http://2130706433/x", "2130706433 resolves to 127.0.0.1, a loopback address"),
        ("http://017700000001/x", "resolves to 127.0.0.1, a loopback address"),
    ],
)
def test_an_address_that_is_not_public_is_refused_when_saved(people, url, why):
    with pytest.raises(ActionError) as refused:
        create_webhook(people.carl, name="x", kind="generic", url=url, unit=people.commerce)
    assert refused.value.field == "url"
    assert why in refused.value.message and "WEBHOOK_ALLOWED_HOSTS" in refused.value.message
    assert not Webhook.objects.exists()


@pytest.mark.parametrize(
    "url",
    ["http://user:pw@example.org/x", "http://[::1/x", "http://example.org:99999/x", "http://exa mple.org/"],
)
def test_a_malformed_address_is_refused_when_saved(people, url):
    with pytest.raises(ActionError):
        create_webhook(people.carl, name="x", kind="generic", url=url, unit=people.commerce)


def test_the_page_says_why_an_address_is_refused(client, people):
    client.force_login(people.carl)
    response = client.post(
        reverse("notifications:webhook_add"),
        {"name": "Metadata", "kind": "generic", "url": "http://169.254.169.254/", "unit": people.commerce.pk},
    )
    assert response.status_code == 400
    assert "Webhooks go to public hosts only: 169.254.169.254 is the cloud metadata address" in (
        response.content.decode()
    )
    assert not Webhook.objects.exists()


def test_public_addresses_are_taken():
    for url in (
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
        "https://oapi.dingtalk.com/robot/send?access_token=t",
        "http://8.8.8.8:8080/hook",
        "https://[2606:4700::1111]/hook",
    ):
        assert addresses.check_url(url) == url


def test_127_0_0_1_is_refused_unless_allow_listed(people, settings, django_capture_on_commit_callbacks):
    with robot() as chat:
        with pytest.raises(ActionError):
            create_webhook(people.alice, name="Intranet", kind="wecom", url=chat.url, unit=None)
        for entry in ("127.0.0.1", "127.0.0.0/8"):
            settings.WEBHOOK_ALLOWED_HOSTS = [entry]
            hook = create_webhook(people.alice, name="Intranet", kind="wecom", url=chat.url, unit=None)
            assert _test_message(people, hook, django_capture_on_commit_callbacks).sent_at
        assert len(chat.received) == 2
        # Taken off the list after it was saved: refused again when sending.
        settings.WEBHOOK_ALLOWED_HOSTS = []
        notification = _test_message(people, hook, django_capture_on_commit_callbacks)
    assert len(chat.received) == 2
    assert notification.error == "refused: 127.0.0.1 is a loopback address"
    assert notification.delivery_state == "failed" and notification.next_attempt_at is None


def test_an_allow_listed_name_may_be_local(people, settings, django_capture_on_commit_callbacks):
    settings.WEBHOOK_ALLOWED_HOSTS = ["LocalHost"]
    with robot() as chat:
        url = chat.url.replace("127.0.0.1", "localhost")
        hook = create_webhook(people.alice, name="Intranet", kind="generic", url=url, unit=None)
        assert _test_message(people, hook, django_capture_on_commit_callbacks).sent_at
    assert chat.received[0]["host"] == f"localhost:{chat.port}"


@pytest.fixture
def dns(monkeypatch):
    """A resolver under the test's control: names to the addresses it is told, one answer per lookup
    (the last one repeats); every lookup is counted."""
    real = socket.getaddrinfo
    answers: dict[str, list[str]] = {}
    lookups: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in answers:
            return real(host, port, *args, **kwargs)
        lookups.append(host)
        ip = answers[host].pop(0) if len(answers[host]) > 1 else answers[host][0]
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (ip, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers, lookups


def test_a_name_that_resolves_to_a_private_address_is_refused_when_sent(
    people, dns, django_capture_on_commit_callbacks
):
    answers, _lookups = dns
    answers["robot.example.org"] = ["127.0.0.1"]
    with robot() as chat:
        url = chat.url.replace("127.0.0.1", "robot.example.org")
        hook = create_webhook(
            people.alice, name="Rebound", kind="generic", url=url, unit=None
        )  # not looked up
        notification = _test_message(people, hook, django_capture_on_commit_callbacks)
    assert chat.received == []
    assert notification.error == "refused: robot.example.org resolves to 127.0.0.1, a loopback address"


def test_the_message_goes_to_the_address_that_was_checked(
    people, settings, dns, django_capture_on_commit_callbacks
):
    """A name looked up once: a second answer (DNS rebinding to an address not allowed) is never
    asked for, and the Host header still names the host."""
    settings.WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"]
    answers, lookups = dns
    answers["chat.example.org"] = ["127.0.0.1", "127.0.0.2"]
    with robot() as chat, robot(host="127.0.0.2") as elsewhere:
        url = chat.url.replace("127.0.0.1", "chat.example.org")
        hook = create_webhook(people.alice, name="Chat", kind="generic", url=url, unit=None)
        assert _test_message(people, hook, django_capture_on_commit_callbacks).sent_at
        assert lookups == ["chat.example.org"]
        assert chat.received[0]["host"] == f"chat.example.org:{chat.port}"
        # The next lookup answers 127.0.0.2 (not allowed): refused, and nothing reached it.
        notification = _test_message(people, hook, django_capture_on_commit_callbacks)
    assert notification.error == "refused: chat.example.org resolves to 127.0.0.2, a loopback address"
    assert elsewhere.received == [] and len(chat.received) == 1


def test_a_redirect_is_not_followed(people, settings, django_capture_on_commit_callbacks):
    settings.WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"]
    with robot() as chat, robot(host="127.0.0.2") as private:
        chat.status = 302
        chat.headers = {"Location": private.url}
        hook = create_webhook(people.alice, name="Redirecting", kind="generic", url=chat.url, unit=None)
        notification = _test_message(people, hook, django_capture_on_commit_callbacks)
    assert len(chat.received) == 1 and private.received == []
    assert notification.error == "refused: HTTP 302 (redirects are not followed)"


@pytest.mark.django_db(transaction=True)  # commits as a real request does: the message goes out at once
def test_the_test_button_shows_a_short_error_never_the_answer(client, people, settings):
    settings.WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"]
    client.force_login(people.alice)
    secret = "internal-service-says-the-password-is-hunter2"
    with robot(answer={"errcode": 40001, "errmsg": secret}) as chat:
        hook = create_webhook(people.alice, name="Group", kind="wecom", url=chat.url, unit=None)
        html = client.post(reverse("notifications:webhook_test", args=[hook.pk]), follow=True)
        chat.status, chat.answer = 403, {"detail": secret}
        forbidden = client.post(reverse("notifications:webhook_test", args=[hook.pk]), follow=True)
    assert "failed: refused: robot error code 40001" in html.content.decode()
    assert "failed: refused: HTTP 403" in forbidden.content.decode()
    for page in (html, forbidden, client.get(reverse("notifications:list"))):
        assert secret not in page.content.decode()
    assert not Notification.objects.filter(error__contains="hunter2").exists()
