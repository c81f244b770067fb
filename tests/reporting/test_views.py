import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taskbook.orgs.actors import SYSTEM
from taskbook.reporting.actions import open_cycle, save_report, submit_report
from taskbook.reporting.models import ProgressReport
from tests.conftest import add_measures, make_draft


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["owed", "cycles", "cycle", "report"])
def test_reporting_pages_render_in_a_constant_number_of_queries(
    client, people, plan, workplan, reporting, page
):
    from taskbook.plans.actions import import_plan, publish_plan
    from taskbook.reporting.actions import set_calendar

    client.force_login(people.carl)
    report = reporting.reports["1"]
    urls = {
        "owed": reverse("reporting:owed"),
        "cycles": reverse("reporting:cycles", args=[plan.pk]),
        "cycle": reverse("reporting:cycle", args=[reporting.cycle.pk]),
        "report": reverse("reporting:report", args=[report.pk]),
    }
    small = count_queries(client, urls[page])
    # More of everything: measures under the task, another plan with its own open cycle.
    add_measures(plan, people.commerce, workplan.contacts["commerce"], 12)
    other = publish_plan(
        SYSTEM, import_plan(SYSTEM, make_draft(tasks=30, sections=3, title="Second plan")).plan
    )
    set_calendar(SYSTEM, other, frequency="quarterly")
    open_cycle(SYSTEM, other.cycles.order_by("period_start")[2])
    open_cycle(SYSTEM, reporting.cycles[5])
    assert count_queries(client, urls[page]) == small


def test_the_loop_through_the_pages(client, people, plan, reporting):
    report = reporting.reports["1"]
    contribution = report.contributions.get(unit=people.tech)
    client.force_login(people.tina)
    assert "Task title 1" in client.get(reverse("reporting:owed")).content.decode()
    client.post(
        reverse("reporting:contribution", args=[contribution.pk]),
        {"narrative": "Matchmaking held twice.", "submit": "1", "version": contribution.version},
    )
    client.force_login(people.sam)
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert "Matchmaking held twice." in page
    client.post(
        reverse("reporting:save", args=[report.pk]),
        {"version": report.version, "narrative": "Desk opened.", "self_rating": "green"},
    )
    client.force_login(people.carl)
    assert client.post(reverse("reporting:submit", args=[report.pk])).status_code == 302
    client.force_login(people.alice)
    client.post(reverse("reporting:return", args=[report.pk]), {"comment": "How many enterprises?"})
    client.force_login(people.sam)
    assert "How many enterprises?" in client.get(reverse("reporting:owed")).content.decode()
    report.refresh_from_db()
    client.post(
        reverse("reporting:save", args=[report.pk]),
        {"version": report.version, "narrative": "120 served.", "self_rating": "green"},
    )
    client.force_login(people.carl)
    client.post(reverse("reporting:submit", args=[report.pk]))
    client.force_login(people.alice)
    client.post(reverse("reporting:accept", args=[report.pk]))
    response = client.post(
        reverse("reporting:assess", args=[report.pk]), {"rating": "red", "rationale": "Too slow"}
    )
    assert response.status_code == 302
    page = client.get(reverse("reporting:cycle", args=[reporting.cycle.pk])).content.decode()
    assert "for the next review meeting" in page  # green against red: two levels or more apart
    report.refresh_from_db()
    assert report.status == "accepted" and report.times_returned == 1


def test_other_units_cannot_see_or_submit(client, people, reporting):
    report = reporting.reports["3"]  # led by Commerce; Technology participates
    save_report(people.sam, report, version=report.version, narrative="x")
    client.force_login(people.olga)
    assert client.get(reverse("reporting:report", args=[report.pk])).status_code == 404
    client.force_login(people.tina)
    assert client.post(reverse("reporting:submit", args=[report.pk])).status_code == 403
    submit_report(people.carl, ProgressReport.objects.get(pk=report.pk))


def test_report_due_dates_are_in_the_timetable_and_the_feed(client, people, reporting):
    from taskbook.timetables.actions import create_feed

    report = reporting.reports["1"]
    client.force_login(people.sam)
    due = reporting.cycle.due_on
    page = client.get(reverse("timetables:me"), {"month": f"{due:%Y-%m}"}).content.decode()
    assert "Progress report 2024-Q1" in page
    feed = create_feed(people.carl, unit=people.commerce)
    ics = client.get(reverse("timetables:feed", args=[feed.token])).content.decode()
    assert f"report-{report.pk}@taskbook" in ics and f"DTSTART;VALUE=DATE:{due:%Y%m%d}" in ics


def test_each_measures_progress_button_names_its_measure(client, people, workplan, reporting):
    """A screen reader hears which measure a button records, not "%"."""
    import re

    report = reporting.reports["1"]
    client.force_login(people.sam)
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    forms = re.findall(r'<form method="post" action="/reports/measures/\d+/progress/".*?</form>', page, re.S)
    titles = {m.title for m in workplan.measures}
    assert forms and len(forms) <= len(titles)
    for form in forms:
        label = re.search(
            r'<button type="submit" aria-label="Record the progress of ([^"]+)">Save</button>',
            form,
        )
        assert label and label.group(1) in titles, form
