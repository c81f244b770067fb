"""Finding 10: any 8-character password was accepted. Now Django's validators ask for 10 characters
and ours for three of the four kinds of character; and an optional maximum age sends the person to
change an old password before anything else."""

import datetime

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from freezegun import freeze_time

from taskbook.accounts.passwords import (
    ComplexityValidator,
    character_classes,
    password_expired,
    password_set_at,
)
from taskbook.audit.models import AuditEvent
from tests.accounts.signin.helpers import PASSWORD, sign_in


def change_page() -> str:
    return reverse("accounts:password_change")


def messages_for(password: str) -> list[str]:
    try:
        validate_password(password)
    except ValidationError as exc:
        return list(exc.messages)
    return []


@pytest.mark.parametrize(
    "password,ok",
    [
        ("Abcdefgh12", True),  # 10 characters, three kinds
        ("abcdefgh1!", True),  # lower case, digit, symbol
        ("Zhang-2024", True),
        ("Abcdefg12", False),  # nine characters
        ("abcdefghijkl", False),  # one kind
        ("abcdefgh1234", False),  # two kinds
        ("ABCDEFGH!!!!", False),
    ],
)
def test_length_and_three_kinds_of_character(password, ok):
    assert (messages_for(password) == []) is ok, messages_for(password)


def test_the_rule_says_what_it_wants_in_both_languages():
    assert messages_for("abcdefghijkl") == [
        "Your password must mix at least 3 kinds of character: lower-case letters, capital letters, "
        "digits and symbols."
    ]
    assert any("at least 10 characters" in m for m in messages_for("Ab1!"))
    with translation.override("zh-hans"):
        (message,) = messages_for("abcdefghijkl")
        assert "至少" in message and "3" in message


def test_a_chinese_character_counts_as_a_symbol():
    assert character_classes("安全Abc") == {"symbol", "uppercase", "lowercase"}
    with pytest.raises(ValueError):
        ComplexityValidator(min_classes=5)


@pytest.mark.django_db
def test_each_password_set_is_audited_and_starts_its_age(ann):
    # A new account's password counts from the day it joined (create_user hashes it directly).
    assert password_set_at(ann) == ann.date_joined
    later = timezone.now() + datetime.timedelta(days=30)
    with freeze_time(later):
        ann.set_password("Another-pass-77")
        ann.save()
    (event,) = AuditEvent.objects.filter(action="password.set", object_id=str(ann.pk))
    assert event.actor_name == "sign-in" and event.after is None
    assert password_set_at(ann) == event.at == later


@pytest.mark.django_db
def test_passwords_do_not_expire_unless_the_setting_is_on(ann):
    with freeze_time(timezone.now() + datetime.timedelta(days=5000)):
        assert not password_expired(ann)


@pytest.mark.django_db
@override_settings(PASSWORD_MAX_AGE_DAYS=90)
def test_an_old_password_sends_the_person_to_change_it(client, ann):
    start = timezone.now()
    with freeze_time(start + datetime.timedelta(days=89)):
        sign_in(client, "ann")
        assert client.get("/plans/").status_code == 200
    client.post("/logout/")
    with freeze_time(start + datetime.timedelta(days=91)):
        sign_in(client, "ann")
        response = client.get("/plans/")
        assert (response.status_code, response.url) == (302, change_page())
        assert client.get(change_page()).status_code == 200  # the change page itself is open
        changed = client.post(
            change_page(),
            {
                "old_password": PASSWORD,
                "new_password1": "Fresh-pass-2025",
                "new_password2": "Fresh-pass-2025",
            },
        )
        assert changed.status_code == 302
        assert client.get("/plans/").status_code == 200


@pytest.mark.django_db
@override_settings(PASSWORD_MAX_AGE_DAYS=90)
def test_a_password_that_expires_during_a_session_is_caught(client, ann):
    start = timezone.now()
    with freeze_time(start + datetime.timedelta(days=89, hours=23, minutes=50)) as clock:
        sign_in(client, "ann")
        assert client.get("/plans/").status_code == 200
        clock.tick(datetime.timedelta(minutes=20))
        assert client.get("/plans/").url == change_page()
