"""The language a person chose is the language of what taskbook sends them."""

import datetime

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taskbook.accounts.actions import set_language
from taskbook.notifications.jobs import send_reminders
from tests.notifications.helpers import give_emails


def test_reminders_are_written_in_each_persons_language(
    people, reporting, django_capture_on_commit_callbacks
):
    give_emails(people)
    set_language(people.sam, people.sam, "zh-hans")
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(datetime.date(2024, 4, 7))
    by_person = {m.to[0]: m for m in mail.outbox}
    assert "协办意见" in by_person["sam@example.org"].subject, by_person["sam@example.org"].subject
    assert "/zh-hans/" in by_person["sam@example.org"].body
    assert by_person["carl@example.org"].subject.startswith("Contribution"), by_person[
        "carl@example.org"
    ].subject


def test_the_recipients_languages_are_read_with_them(people, reporting):
    """One query for all the recipients' profiles, not one per person."""
    from taskbook.notifications.jobs import Recipients

    recipients = Recipients.load({people.commerce.pk, people.tech.pk})
    with CaptureQueriesContext(connection) as queries:
        from taskbook.notifications.delivery import language_for_user

        languages = {language_for_user(u) for u in recipients.members(people.commerce.pk)}
    assert languages == {"en"} and len(queries) == 0
