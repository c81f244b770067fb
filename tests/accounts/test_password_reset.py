"""A forgotten password is reset by e-mail, in the person's language, without telling whether an
address has an account."""

import re

from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from taskbook.accounts.actions import set_language
from taskbook.audit.models import AuditEvent
from tests.accounts.helpers import link_in_last_mail

PASSWORD = "Lychee-season-in-June-3"


def test_the_answer_is_the_same_for_a_known_and_an_unknown_address(people, client):
    people.sam.email = "sam@example.gov.cn"
    people.sam.save(update_fields=["email"])
    known = client.post(reverse("accounts:reset"), {"email": "sam@example.gov.cn"}, follow=True)
    unknown = client.post(reverse("accounts:reset"), {"email": "nobody@example.gov.cn"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain == [(reverse("accounts:reset_sent"), 302)]
    unmasked = [re.sub(r"[A-Za-z0-9]{64}", "", r.text) for r in (known, unknown)]  # CSRF tokens differ
    assert unmasked[0] == unmasked[1] and "If the address belongs to an account" in unmasked[0]
    assert [m.to for m in mail.outbox] == [["sam@example.gov.cn"]]


def test_the_link_resets_the_password_once_and_is_audited(people, client):
    people.sam.email = "sam@example.gov.cn"
    people.sam.save(update_fields=["email"])
    client.post(reverse("accounts:reset"), {"email": "SAM@example.gov.cn"})
    path = link_in_last_mail()
    shown = client.get(path, follow=True)
    assert "Choose a new password" in shown.text
    done = client.post(shown.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302
    assert User.objects.get(pk=people.sam.pk).check_password(PASSWORD)
    assert AuditEvent.objects.filter(action="user.password_set", actor=people.sam).count() == 1
    assert "This link no longer works" in client.get(path, follow=True).text


def test_the_reset_mail_is_in_the_persons_language(people, client):
    people.sam.email = "sam@example.gov.cn"
    people.sam.save(update_fields=["email"])
    set_language(people.sam, people.sam, "zh-hans")
    client.post(reverse("accounts:reset"), {"email": "sam@example.gov.cn"})  # asked on an English page
    assert mail.outbox[-1].subject == "重置您的 taskbook 密码"
    assert "/zh-hans/password-reset/" in mail.outbox[-1].body


def test_the_pages_speak_chinese(client, db):
    page = client.get("/zh-hans/password-reset/")
    assert "忘记密码" in page.text and "发送链接" in page.text
