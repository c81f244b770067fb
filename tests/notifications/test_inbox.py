"""The inbox: each person's own, read on open, all read at once; the unread count in the top bar;
the buttons of the report and task book pages; the e-mail choices of the account page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taskbook.notifications.models import Channel, Kind, Notification
from taskbook.reporting.actions import return_report, save_report, submit_report


@pytest.fixture
def returned(people, reporting):
    """Commerce's report on task 1, drafted by sam, submitted by carl, returned by alice."""
    draft = reporting.reports["1"]
    report = save_report(people.sam, draft, version=draft.version, narrative="A draft.")
    submit_report(people.carl, report)
    return return_report(people.alice, report, "Add the figures.")


def inbox_item(user, kind=Kind.REPORT_RETURNED) -> Notification:
    return Notification.objects.get(recipient=user, kind=kind, channel=Channel.IN_APP)


def test_each_person_sees_only_their_own_inbox(client, people, returned):
    client.force_login(people.sam)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "Report returned: task 1 (2024-Q1)" in page
    assert "Report submitted: task 1" not in page  # alice's
    alices = inbox_item(people.alice, Kind.REPORT_SUBMITTED)
    assert client.get(reverse("notifications:inbox_open", args=[alices.pk])).status_code == 404
    alices.refresh_from_db()
    assert alices.read_at is None


def test_opening_an_item_reads_it_and_goes_to_its_page(client, people, returned):
    client.force_login(people.sam)
    item = inbox_item(people.sam)
    response = client.get(reverse("notifications:inbox_open", args=[item.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "reporting:report", args=[returned.pk]
    )
    item.refresh_from_db()
    assert item.read_at is not None
    assert not inbox_item(people.carl).read_at  # carl's own copy is still unread


def test_the_unread_count_in_the_top_bar_and_mark_all_read(client, people, returned):
    client.force_login(people.carl)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert '<span class="count" title="unread">1</span>' in page
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("plans:list"))
    counts = [q["sql"] for q in queries.captured_queries if "notifications_notification" in q["sql"]]
    assert len(counts) == 1 and "COUNT" in counts[0].upper()
    response = client.post(reverse("notifications:inbox_read_all"), follow=True)
    assert "1 notification marked read." in response.content.decode()
    assert 'class="count"' not in response.content.decode()
    assert inbox_item(people.carl).read_at is not None
    assert inbox_item(people.sam).read_at is None


def test_the_report_page_says_who_submits_and_lets_staff_tell_them(client, people, reporting):
    report = reporting.reports["1"]
    client.force_login(people.sam)
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert "Your unit's admin submits the report to the coordinator:" in page
    assert "<b>Carl</b>" in page
    assert reverse("notifications:draft_ready", args=[report.pk]) in page
    # the empty draft: a clear refusal
    response = client.post(reverse("notifications:draft_ready", args=[report.pk]))
    assert response.status_code == 400 and "the draft is empty" in response.content.decode()
    save_report(people.sam, report, version=report.version, narrative="Ready.")
    response = client.post(reverse("notifications:draft_ready", args=[report.pk]), follow=True)
    assert "Your unit&#x27;s admins were told that the draft is ready." in response.content.decode()
    assert inbox_item(people.carl, Kind.DRAFT_READY).report == report
    client.force_login(people.carl)  # the admin submits: no button for him
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert reverse("notifications:draft_ready", args=[report.pk]) not in page


def test_remind_now_on_the_report_page(client, people, reporting):
    report = reporting.reports["1"]  # 2024-Q1: long overdue
    remind = reverse("notifications:remind_report", args=[report.pk])
    client.force_login(people.carl)
    assert remind not in client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert client.post(remind).status_code == 403
    client.force_login(people.alice)
    assert remind in client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    response = client.post(remind, {"message": "Today, please."}, follow=True)
    assert "The unit&#x27;s admins were reminded (1 message)." in response.content.decode()
    again = client.post(remind)
    assert again.status_code == 400
    assert "already reminded of this today: one reminder a day is enough" in again.content.decode()
    assert "Today, please." in inbox_item(people.carl, Kind.REMIND_NOW).body


def test_remind_now_on_the_task_book_page(client, people, plan):
    page_url = reverse("taskbooks:taskbook", args=[plan.pk, people.commerce.pk])
    remind = reverse("notifications:remind_taskbook", args=[plan.pk, people.commerce.pk])
    client.force_login(people.alice)
    assert remind in client.get(page_url).content.decode()  # not even started, and the plan has begun
    assert client.post(remind).status_code == 302
    assert inbox_item(people.carl, Kind.REMIND_NOW).taskbook.unit == people.commerce
    client.force_login(people.carl)
    assert remind not in client.get(page_url).content.decode()


def test_the_account_page_keeps_the_email_choices(client, people):
    client.force_login(people.sam)
    page = client.get(reverse("accounts:me")).content.decode()
    assert page.count('name="email"') == 10 and page.count("checked") == 10  # all on at first
    response = client.post(reverse("accounts:me"), {"form": "email", "email": [Kind.REPORT_RETURNED]})
    assert response.status_code == 302
    people.sam.profile.refresh_from_db()
    assert Kind.REPORT_RETURNED not in people.sam.profile.email_off
    assert Kind.REPORT_ACCEPTED in people.sam.profile.email_off
    response = client.post(reverse("accounts:me"), {"form": "email", "email": ["rumour"]})
    assert response.status_code == 400
