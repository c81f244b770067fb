"""An invitation's link sets the password once, expires, dies with deactivation, and is written in
the person's language."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import reverse
from freezegun import freeze_time

from taskbook.accounts import actions
from taskbook.accounts.invitations import invitation_tokens
from taskbook.orgs.models import Role
from tests.accounts.helpers import link_in_last_mail

PASSWORD = "Plum-blossom-in-winter-7"


@pytest.fixture
def invite(people, django_capture_on_commit_callbacks):
    def make(language: str = "", email: str = "nina@example.gov.cn") -> User:
        with django_capture_on_commit_callbacks(execute=True):
            return actions.create_user(
                people.carl,
                name="Nina Li",
                email=email,
                unit=people.commerce,
                role=Role.UNIT_STAFF,
                language=language,
            )

    return make


def choose_password(client, path: str, password: str = PASSWORD):
    """Open the link as a browser does: it moves the token into the session, then shows the form."""
    shown = client.get(path, follow=True)
    return shown, client.post(
        shown.redirect_chain[-1][0] if shown.redirect_chain else path,
        {"new_password1": password, "new_password2": password},
    )


def test_the_link_sets_the_password_once(invite, client):
    user = invite()
    path = link_in_last_mail()
    assert path.startswith("/invitation/")
    shown, done = choose_password(client, path)
    assert shown.status_code == 200 and "Welcome to taskbook" in shown.text
    assert done.status_code == 302 and done.url == reverse("login")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    signed_in = client.post(reverse("login"), {"username": "nina@example.gov.cn", "password": PASSWORD})
    assert signed_in.status_code == 302 and "_auth_user_id" in client.session
    client.logout()
    again = client.get(path, follow=True)
    assert "This link no longer works" in again.text
    assert not invitation_tokens.check_token(user, path.rstrip("/").rsplit("/", 1)[1])


def test_the_link_expires_after_the_invitation_days(invite, client, settings):
    settings.INVITATION_DAYS = 7
    start = datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.UTC)
    with freeze_time(start):
        invite()
        path = link_in_last_mail()
    with freeze_time(start + datetime.timedelta(days=6, hours=23)):
        assert "Welcome to taskbook" in client.get(path, follow=True).text
    client.cookies.clear()
    with freeze_time(start + datetime.timedelta(days=7, hours=1)):
        assert "This link no longer works" in client.get(path, follow=True).text


def test_a_deactivated_persons_link_is_dead(invite, people, client):
    user = invite()
    path = link_in_last_mail()
    actions.deactivate_user(people.carl, user)
    assert "This link no longer works" in client.get(path, follow=True).text


def test_an_invitation_is_not_a_reset_link(invite, client):
    invite()
    path = link_in_last_mail().replace("/invitation/", "/password-reset/")
    assert "This link no longer works" in client.get(path, follow=True).text


def test_a_refused_password_keeps_the_link_alive(invite, client):
    user = invite()
    path = link_in_last_mail()
    _shown, refused = choose_password(client, path, "123")
    assert refused.status_code == 200 and "too short" in refused.text
    user.refresh_from_db()
    assert not user.has_usable_password()
    _shown, done = choose_password(client, path)
    assert done.status_code == 302


@override_settings(SITE_URL="https://taskbook.example.gov.cn")
def test_the_invitation_is_in_the_persons_language_with_a_link_to_the_site(invite):
    invite(language="zh-hans")
    message = mail.outbox[-1]
    assert message.subject == "您的 taskbook 账号：请设置密码"
    assert "您的用户名是 nina@example.gov.cn" in message.body
    assert "https://taskbook.example.gov.cn/zh-hans/invitation/" in message.body
    invite(email="ben@example.gov.cn")
    assert mail.outbox[-1].subject == "Your taskbook account: set your password"
    assert "https://taskbook.example.gov.cn/invitation/" in mail.outbox[-1].body


def test_nothing_is_mailed_when_the_creation_fails(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        actions.create_user(
            people.carl, name="X", email="x@example.gov.cn", unit=people.port, role=Role.UNIT_STAFF
        )
    assert not mail.outbox
