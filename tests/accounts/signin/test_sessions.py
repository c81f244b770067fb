"""Finding 10: sessions lasted 14 days with no idle timeout. Now a session ends after 30 minutes
without a request and 12 hours after the sign-in, audited; and the coordinator can end a person's
sessions."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from taskbook.accounts.signin import actions
from taskbook.audit.models import AuditEvent
from taskbook.errors import ActionError
from tests.accounts.signin.helpers import sign_in

pytestmark = pytest.mark.django_db
PAGE = "/plans/"


def test_thirty_minutes_without_a_request_sign_out(client, ann):
    with freeze_time(timezone.now()) as clock:
        assert sign_in(client, "ann", address="10.1.2.3").status_code == 302
        clock.tick(datetime.timedelta(minutes=29))
        assert client.get(PAGE).status_code == 200
        clock.tick(datetime.timedelta(minutes=29))  # 58 minutes after signing in, 29 idle
        assert client.get(PAGE).status_code == 200
        clock.tick(datetime.timedelta(minutes=30, seconds=31))
        response = client.get(PAGE, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302 and response.url.startswith("/login/?next=/plans/")
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action="signin.idle")
    assert (event.object_id, event.actor_name, event.address) == (str(ann.pk), "sign-in", "10.1.2.3")
    assert not AuditEvent.objects.filter(action="signin.out").exists()
    page = client.get(response.url)
    assert "signed out after 30 minutes without activity" in page.content.decode()


def test_twelve_hours_after_signing_in_sign_out_however_busy(client, ann):
    with freeze_time(timezone.now()) as clock:
        sign_in(client, "ann")
        for _ in range(12 * 3):  # a request every 20 minutes
            assert client.get(PAGE).status_code == 200
            clock.tick(datetime.timedelta(minutes=20))
        clock.tick(datetime.timedelta(seconds=1))
        assert client.get(PAGE).status_code == 302
    assert AuditEvent.objects.filter(action="signin.age", object_id=str(ann.pk)).count() == 1


def test_signing_out_is_audited(client, ann):
    sign_in(client, "ann")
    client.post("/logout/")
    assert AuditEvent.objects.filter(action="signin.out", actor=ann, object_id=str(ann.pk)).count() == 1


def test_the_coordinator_ends_every_session_of_a_person(ann, bob, office):
    laptop, phone, other = Client(), Client(), Client()
    sign_in(laptop, "ann")
    sign_in(phone, "ann")
    sign_in(other, "bob")
    office_client = Client()
    office_client.force_login(office)
    page = office_client.get("/accounts/signin/").content.decode()
    assert "ann" in page and "bob" in page
    response = office_client.post(f"/accounts/signin/end-sessions/{ann.pk}/")
    assert response.status_code == 302
    assert laptop.get(PAGE).status_code == 302 and phone.get(PAGE).status_code == 302
    assert other.get(PAGE).status_code == 200
    event = AuditEvent.objects.get(action="signin.sessions_ended")
    assert (event.actor, event.object_id, event.after) == (office, str(ann.pk), {"sessions": 2})
    with pytest.raises(ActionError, match="not signed in anywhere"):
        actions.end_sessions(office, ann)


def test_only_the_coordinator_ends_sessions(client, ann, bob):
    sign_in(Client(), "bob")
    client.force_login(ann)
    assert client.post(f"/accounts/signin/end-sessions/{bob.pk}/").status_code == 403
    assert not AuditEvent.objects.filter(action="signin.sessions_ended").exists()
