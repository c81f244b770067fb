"""Two people saving a contribution, a report or a calendar from the same page: the second is
refused with a 409 that shows both versions, and the first's values stay."""

import pytest
from django.urls import reverse

from taskbook.audit.models import AuditEvent
from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan, publish_plan
from taskbook.reporting.actions import save_contribution, save_report, set_calendar
from taskbook.reporting.models import Contribution, ProgressReport, ReportingCalendar
from taskbook.versions import ConflictError
from tests.conftest import make_draft


def test_a_second_contribution_save_from_the_same_version_is_refused(people, reporting):
    contribution = reporting.reports["1"].contributions.get(unit=people.tech)
    seen = contribution.version
    save_contribution(people.tina, contribution, narrative="Tina's account.", version=seen)
    saves = AuditEvent.objects.filter(action="contribution.save").count()
    with pytest.raises(ConflictError) as err:
        save_contribution(people.alice, contribution, narrative="Alice's account.", version=seen)
    assert err.value.current == {"narrative": "Tina's account."}
    assert err.value.yours == {"narrative": "Alice's account."}
    contribution.refresh_from_db()
    assert contribution.narrative == "Tina's account." and contribution.version == seen + 1
    assert AuditEvent.objects.filter(action="contribution.save").count() == saves


def test_the_stale_contribution_page_gets_a_409_with_both_versions(client, people, reporting):
    report = reporting.reports["1"]
    contribution = report.contributions.get(unit=people.tech)
    url = reverse("reporting:contribution", args=[contribution.pk])
    form = {"version": contribution.version, "submit": "0"}
    client.force_login(people.tina)
    assert client.post(url, form | {"narrative": "First: two matchmaking events."}).status_code == 302
    page = reverse("reporting:report", args=[report.pk])
    response = client.post(
        url, form | {"narrative": "Second: one event."}, HTTP_REFERER="http://testserver" + page
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "First: two matchmaking events." in html and "Second: one event." in html
    assert f'href="http://testserver{page}"' in html  # the way back to the page
    assert Contribution.objects.get(pk=contribution.pk).narrative == "First: two matchmaking events."


def test_the_409_page_is_in_chinese_for_a_chinese_reader(client, people, reporting):
    contribution = reporting.reports["1"].contributions.get(unit=people.tech)
    url = "/zh-hans" + reverse("reporting:contribution", args=[contribution.pk])
    client.force_login(people.tina)
    form = {"version": contribution.version, "submit": "0"}
    client.post(url, form | {"narrative": "第一稿"})
    response = client.post(url, form | {"narrative": "第二稿"})
    html = response.content.decode()
    assert response.status_code == 409 and 'lang="zh-hans"' in html
    assert "他人已先行保存" in html and "您的版本" in html and "第一稿" in html and "第二稿" in html


def test_a_contribution_form_without_a_version_is_refused(client, people, reporting):
    contribution = reporting.reports["1"].contributions.get(unit=people.tech)
    client.force_login(people.tina)
    response = client.post(reverse("reporting:contribution", args=[contribution.pk]), {"narrative": "x"})
    assert response.status_code == 400 and "did not say which version" in response.content.decode()
    assert Contribution.objects.get(pk=contribution.pk).narrative == ""


def test_a_stale_report_save_gets_a_409_with_both_versions(client, people, reporting):
    report = reporting.reports["1"]
    seen = report.version
    save_report(people.sam, report, version=seen, narrative="first", self_rating="green")
    client.force_login(people.carl)
    response = client.post(
        reverse("reporting:save", args=[report.pk]),
        {"version": seen, "narrative": "second", "self_rating": "red"},
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "first" in html and "second" in html and "green" in html and "red" in html
    assert ProgressReport.objects.get(pk=report.pk).narrative == "first"


def test_a_second_calendar_save_from_the_same_version_is_refused(client, people, plan, reporting):
    seen = ReportingCalendar.objects.get(plan=plan).version
    url = reverse("reporting:calendar", args=[plan.pk])
    client.force_login(people.alice)
    form = {"version": seen, "frequency": "quarterly", "contribution_working_days": "3"}
    assert client.post(url, form | {"due_working_days": "15"}).status_code == 302
    response = client.post(url, form | {"frequency": "monthly", "due_working_days": "5"})
    html = response.content.decode()
    assert response.status_code == 409
    assert "monthly" in html and "15" in html and "5" in html
    calendar = ReportingCalendar.objects.get(plan=plan)
    assert (calendar.frequency, calendar.due_working_days) == ("quarterly", 15)


def test_two_coordinators_setting_up_a_new_calendar_the_second_is_refused(people):
    plan = publish_plan(
        SYSTEM, import_plan(SYSTEM, make_draft(tasks=2, title="Another plan (2023-2025)")).plan
    )
    set_calendar(people.alice, plan, version=0, frequency="monthly")  # both pages showed no calendar
    with pytest.raises(ConflictError):
        set_calendar(people.alice, plan, version=0, frequency="quarterly")
    assert ReportingCalendar.objects.get(plan=plan).frequency == "monthly"
