"""Finding 2: a hundred wrong passwords, then the right one worked. Now five failed sign-ins lock the
account, and separately the address, for fifteen minutes; the lock and its end are audited."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from freezegun import freeze_time

from taskbook.accounts.signin import actions, lockout
from taskbook.audit.models import AuditEvent
from taskbook.errors import ActionError
from tests.accounts.signin.helpers import actions as events
from tests.accounts.signin.helpers import fail, sign_in

pytestmark = pytest.mark.django_db


def test_four_failures_do_not_lock(client, ann):
    fail(client, "ann", 4)
    assert sign_in(client, "ann").status_code == 302


def test_five_failures_lock_the_account_even_for_the_right_password(client, ann):
    fail(client, "ann", 5)
    response = sign_in(client, "ann")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Sign-in locked" in text and "15 minutes" in text and "even with the right password" in text
    assert "_auth_user_id" not in client.session
    assert events(object_id=str(ann.pk)) == [*["signin.failed"] * 5, "signin.locked", "signin.failed"]
    failures = AuditEvent.objects.filter(action="signin.failed").order_by("id")
    assert [event.after["locked"] for event in failures] == [False] * 4 + [True, True]
    assert {event.address for event in failures} == {"127.0.0.1"}
    locked = AuditEvent.objects.get(action="signin.locked", object_type="auth.user")
    assert locked.actor_name == "sign-in" and locked.after == {"failures": 5, "minutes": 15}


def test_the_account_is_locked_whatever_address_the_guesses_come_from(client, ann):
    for n in range(5):
        fail(client, "ann", 1, address=f"198.51.100.{n + 1}")
    assert sign_in(client, "ann", address="198.51.100.99").status_code == 429
    assert lockout.is_locked("username", "ann")
    assert not lockout.is_locked("ip_address", "198.51.100.1")


def test_the_address_is_locked_whatever_accounts_it_guesses(client, ann, bob):
    for name in ("carol", "dave", "erin", "frank", "bob"):
        fail(client, name, 1, address="203.0.113.9")
    assert sign_in(client, "ann", address="203.0.113.9").status_code == 429
    assert AuditEvent.objects.filter(action="signin.locked", object_type="signin.address").count() == 1
    # The same account from another address signs in: only the address was locked.
    assert sign_in(client, "ann", address="203.0.113.10").status_code == 302
    # Names that nobody has are audited too, by the name typed.
    assert AuditEvent.objects.filter(
        action="signin.failed", object_type="signin.account", object_repr="carol"
    ).exists()


@override_settings(AXES_LOCKOUT_PARAMETERS=["username"])
def test_an_office_behind_one_address_may_lock_accounts_only(client, ann):
    for name in ("carol", "dave", "erin", "frank", "bob"):
        fail(client, name, 1, address="203.0.113.9")
    assert sign_in(client, "ann", address="203.0.113.9").status_code == 302
    assert not AuditEvent.objects.filter(action="signin.locked").exists()
    assert lockout.locks("ip_address") == []


def test_the_lock_ends_after_fifteen_minutes_and_its_end_is_audited(client, ann):
    start = timezone.now()
    with freeze_time(start) as clock:
        fail(client, "ann", 5)
        clock.tick(datetime.timedelta(minutes=14))
        assert sign_in(client, "ann").status_code == 429
        clock.tick(datetime.timedelta(minutes=1, seconds=1))
        assert sign_in(client, "ann").status_code == 302
    unlocked = AuditEvent.objects.get(action="signin.unlocked", object_type="auth.user")
    assert unlocked.after == {"reason": "expired"} and unlocked.actor_name == "sign-in"


def test_the_coordinator_unlocks_an_account(client, ann, office):
    fail(client, "ann", 5)
    with pytest.raises(PermissionDenied):
        actions.unlock_account(ann, "ann")
    actions.unlock_account(office, "ann")
    assert sign_in(client, "ann").status_code == 302
    account, address = AuditEvent.objects.filter(action="signin.unlocked").order_by("object_type")
    assert (account.actor, account.object_id, account.after) == (office, str(ann.pk), {"reason": "reset"})
    # The five guesses came from one address, which they had locked too: the reset freed it as well.
    assert (address.actor, address.object_id, address.after) == (office, "127.0.0.1", {"reason": "reset"})
    with pytest.raises(ActionError, match="not locked"):
        actions.unlock_account(office, "ann")


def test_a_reset_with_django_axes_command_is_audited_too(client, ann):
    fail(client, "ann", 5)
    call_command("axes_reset_username", "ann", verbosity=0)
    assert sign_in(client, "ann").status_code == 302
    event = AuditEvent.objects.get(action="signin.unlocked", object_type="auth.user")
    assert (event.actor_name, event.after) == ("sign-in", {"reason": "reset outside taskbook"})


def test_the_coordinator_unlocks_an_address_from_the_page(client, ann, office):
    for name in ("carol", "dave", "erin", "frank", "gina"):
        fail(client, name, 1, address="203.0.113.9")
    client.force_login(office)
    page = client.get("/accounts/signin/")
    assert "203.0.113.9" in page.content.decode()
    assert client.post("/accounts/signin/unlock-address/", {"address": "203.0.113.9"}).status_code == 302
    assert not lockout.is_locked("ip_address", "203.0.113.9")
    assert events(action="signin.unlocked", object_type="signin.address") == ["signin.unlocked"]
    assert sign_in(client, "ann", address="203.0.113.9").status_code == 302


def test_the_lockout_page_in_chinese(client, ann):
    fail(client, "ann", 5)
    response = client.post("/zh-hans/login/", {"username": "ann", "password": "x"})
    assert response.status_code == 429
    assert "登录已锁定" in response.content.decode()
