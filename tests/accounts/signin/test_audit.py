"""Finding 2: sign-ins, failures and sign-outs left no audit event; finding 8: behind a proxy the audit
recorded the proxy's address. Now each is an event with the client's address, the address taken from
the proxy's header only when the proxy is trusted, and the person sees their last sign-in."""

import pytest
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

from taskbook.accounts.signin.clients import client_address
from taskbook.audit.models import AuditEvent
from tests.accounts.signin.helpers import actions, fail, sign_in

PROXY = {"TRUSTED_PROXY_HEADER": "X-Forwarded-For", "TRUSTED_PROXIES": ["10.0.0.1", "10.8.0.0/16"]}


@pytest.mark.django_db
def test_sign_in_failure_and_sign_out_are_events_with_the_address(client, ann):
    sign_in(client, "ann", "wrong", address="192.0.2.10")
    sign_in(client, "ann", address="192.0.2.11")
    client.post("/logout/", REMOTE_ADDR="192.0.2.12")
    rows = list(
        AuditEvent.objects.filter(object_id=str(ann.pk))
        .order_by("id")
        .values_list("action", "actor_name", "address")
    )
    assert rows == [
        ("signin.failed", "sign-in", "192.0.2.10"),
        ("signin.in", "ann", "192.0.2.11"),
        ("signin.out", "ann", "192.0.2.12"),
    ]


@pytest.mark.django_db
def test_the_person_sees_their_last_sign_in_and_the_failures_since(client, ann):
    landing = sign_in(client, "ann", address="192.0.2.20").url
    first = AuditEvent.objects.get(action="signin.in")
    assert "Last sign-in" not in client.get(landing).content.decode()  # a first sign-in: nothing before
    client.post("/logout/")
    fail(client, "ann", 2, address="198.51.100.3")
    response = sign_in(client, "ann", address="192.0.2.21")
    page = client.get(response.url).content.decode()
    when = timezone.localtime(first.at).strftime("%Y-%m-%d %H:%M")
    assert f"Last sign-in: {when} from 192.0.2.20." in page
    assert "2 failed sign-ins to your account since then." in page


def request_from(remote: str, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_a_trusted_proxy_the_header_is_ignored():
    assert client_address(request_from("203.0.113.5", "198.51.100.1")) == "203.0.113.5"


@override_settings(**PROXY)
def test_the_header_is_believed_only_from_a_trusted_proxy():
    assert client_address(request_from("10.0.0.1", "198.51.100.1")) == "198.51.100.1"
    assert client_address(request_from("10.8.3.4", "198.51.100.1")) == "198.51.100.1"
    # From anywhere else, the header is whatever the sender wrote.
    assert client_address(request_from("203.0.113.5", "198.51.100.1")) == "203.0.113.5"
    # A client that writes its own header ahead of the proxy's is not believed: the proxy appends.
    assert client_address(request_from("10.0.0.1", "1.2.3.4, 198.51.100.1")) == "198.51.100.1"
    # Through two trusted proxies, the first untrusted hop from the right is the client.
    assert client_address(request_from("10.0.0.1", "198.51.100.1, 10.8.0.9")) == "198.51.100.1"
    assert client_address(request_from("10.0.0.1", "[2001:db8::5]:443")) == "2001:db8::5"
    assert client_address(request_from("10.0.0.1", "garbage")) == "10.0.0.1"
    assert client_address(request_from("10.0.0.1")) == "10.0.0.1"


@pytest.mark.django_db
@override_settings(**PROXY)
def test_behind_the_proxy_audit_and_lockout_see_each_client(client, ann):
    for _ in range(5):
        sign_in(client, "nobody", "x", address="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert set(AuditEvent.objects.filter(action="signin.failed").values_list("address", flat=True)) == {
        "198.51.100.7"
    }
    assert actions(action="signin.locked", object_type="signin.address") == ["signin.locked"]
    # Another client behind the same proxy is not locked out by the first one's guesses.
    assert sign_in(client, "ann", address="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 302
    # The guesser cannot escape the lock by writing another address in the header: the proxy appends.
    spoofed = sign_in(Client(), "ann", address="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.7")
    assert spoofed.status_code == 429


@pytest.mark.django_db
def test_the_audit_log_shows_sign_in_events_in_words(client, ann, office):
    fail(client, "nobody", 5, address="198.51.100.4")
    sign_in(client, "ann", "wrong", address="198.51.100.5")
    client.force_login(office)
    page = client.get("/audit/?action=signin.").content.decode()
    for words in ("sign-in refused", "sign-in locked after failed attempts", "signed in", "198.51.100.4"):
        assert words in page
    exported = client.get("/audit/events.csv?action=signin.")
    # Read to the end: a stream left open holds a PostgreSQL cursor that outlives the test.
    csv_text = b"".join(exported.streaming_content).decode()
    assert exported.status_code == 200 and "198.51.100.4" in csv_text and "signin.lock" in csv_text
