"""The Reports page: a unit's reports due, what is owed now first and the rest behind "All"; the
coordinator's and leaders' current cycles."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan, publish_plan
from taskbook.reporting.actions import open_cycle, set_calendar
from taskbook.reporting.models import DUE_SOON_DAYS, CycleStatus, ProgressReport, ReportingCycle, ReportStatus
from tests.conftest import make_draft

OWED = reverse("reporting:owed")


def _due_in(cycle: ReportingCycle, days: int) -> None:
    """Set the cycle's due dates `days` from today (the states, not the calendar, are under test)."""
    due = timezone.localdate() + datetime.timedelta(days=days)
    ReportingCycle.objects.filter(pk=cycle.pk).update(due_on=due, contributions_due_on=due)


@pytest.fixture
def owed_cycles(people, reporting):
    """Commerce's reports in five cycles: overdue by 20 days, overdue by 5, due in 10, due in 60 (later),
    and one of a closed cycle; one report of the second is already submitted."""
    old, late, soon, later, closed = (reporting.cycles[i] for i in (3, 4, 5, 6, 2))
    for cycle in (old, soon, later, closed):
        open_cycle(SYSTEM, cycle)
    for cycle, days in ((old, -20), (late, -5), (soon, 10), (later, 60), (closed, -100)):
        _due_in(cycle, days)
    ReportingCycle.objects.filter(pk=closed.pk).update(status=CycleStatus.CLOSED)
    done = ProgressReport.objects.filter(cycle=late, unit=people.commerce).order_by("task__order").first()
    ProgressReport.objects.filter(pk=done.pk).update(status=ReportStatus.SUBMITTED)
    return {"old": old, "late": late, "soon": soon, "later": later, "closed": closed, "done": done}


def _rows(response) -> list[ProgressReport]:
    return list(response.context["reports"].object_list)


def test_owed_now_is_overdue_oldest_first_then_due_soon(client, people, owed_cycles):
    client.force_login(people.sam)
    response = client.get(OWED)
    rows = _rows(response)
    cycles = [r.cycle_id for r in rows]
    c = owed_cycles
    assert set(cycles) == {c["old"].pk, c["late"].pk, c["soon"].pk}
    assert cycles == sorted(cycles, key=[c["old"].pk, c["late"].pk, c["soon"].pk].index)
    assert c["done"] not in rows and all(r.unit_id == people.commerce.pk for r in rows)
    soon = cycles.count(c["soon"].pk)
    assert [r.state for r in rows] == ["overdue"] * (len(rows) - soon) + ["soon"] * soon
    page = response.content.decode()
    assert "due soon" in page and f"Owed now ({response.context['counts']['now']})" in page


def test_all_holds_later_done_and_closed_newest_cycle_first(client, people, owed_cycles):
    client.force_login(people.sam)
    response = client.get(OWED, {"show": "all"})
    rows = _rows(response)
    states = {r.cycle_id: set() for r in rows}
    for r in rows:
        states[r.cycle_id].add(r.state)
    c = owed_cycles
    assert states[c["later"].pk] == {"later"} and states[c["closed"].pk] == {"closed"}
    assert "done" in states[c["late"].pk] and owed_cycles["done"] in rows
    starts = [r.cycle.period_start for r in rows]
    assert starts == sorted(starts, reverse=True)
    mine = ProgressReport.objects.filter(unit=people.commerce).count()
    assert response.context["counts"]["all"] >= mine == len(rows)


def test_an_unknown_view_is_owed_now(client, people, owed_cycles):
    client.force_login(people.sam)
    assert client.get(OWED, {"show": "<script>"}).context["show"] == "now"


def test_contributions_owed_now_and_all(client, people, owed_cycles):
    client.force_login(people.tina)  # Technology contributes to Commerce's reports
    now = list(client.get(OWED).context["contributions"].object_list)
    every = list(client.get(OWED, {"show": "all"}).context["contributions"].object_list)
    c = owed_cycles
    assert {x.report.cycle_id for x in now} == {c["old"].pk, c["late"].pk, c["soon"].pk}
    assert c["done"].pk not in {x.report_id for x in now}  # the report is sent: too late to contribute
    assert {c["later"].pk, c["closed"].pk} <= {x.report.cycle_id for x in every}
    due = [x.report.cycle.contributions_due_on for x in now]
    assert due == sorted(due)


def test_the_lists_are_paged_each_by_its_own_number(client, people, owed_cycles, monkeypatch):
    from taskbook.reporting import views

    paginate = views.paginate
    monkeypatch.setattr(views, "paginate", lambda request, qs, param="page": paginate(request, qs, 2, param))
    client.force_login(people.tina)
    first = client.get(OWED, {"show": "all"})
    second = client.get(OWED, {"show": "all", "cpage": 2})
    contributions = [list(r.context["contributions"].object_list) for r in (first, second)]
    assert (
        len(contributions[0]) == 2 and contributions[1] and not set(contributions[0]) & set(contributions[1])
    )
    assert list(second.context["reports"].object_list) == list(first.context["reports"].object_list)
    assert "?show=all&amp;cpage=2" in first.content.decode()


def _queries(client, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(OWED, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("show", ["now", "all"])
def test_the_page_takes_the_same_queries_however_many_reports(client, people, reporting, show):
    client.force_login(people.carl)
    few = _queries(client, {"show": show})
    for cycle in reporting.cycles[5:9]:
        open_cycle(SYSTEM, cycle)
        _due_in(cycle, -3)
    assert _queries(client, {"show": show}) == few


def test_the_coordinator_lands_on_the_current_cycle(client, people, reporting):
    for person in (people.alice, people.lena):
        client.force_login(person)
        response = client.get(OWED)
        assert response.status_code == 302 and response.url == reverse(
            "reporting:cycle", args=[reporting.cycle.pk]
        )


def test_with_several_plans_each_plans_current_cycle(client, people, reporting):
    other = publish_plan(
        SYSTEM, import_plan(SYSTEM, make_draft(tasks=3, title="Second plan (2024-2026)")).plan
    )
    set_calendar(SYSTEM, other, frequency="quarterly")
    second = other.cycles.order_by("period_start")[1]
    open_cycle(SYSTEM, second)
    client.force_login(people.alice)
    response = client.get(OWED)
    assert response.status_code == 200
    shown = {c.pk for c in response.context["page"].object_list}
    assert shown == {reporting.cycle.pk, second.pk}
    page = response.content.decode()
    assert reverse("reporting:cycle", args=[second.pk]) in page and "Second plan" in page


def test_without_cycles_the_page_says_where_they_come_from(client, people, plan):
    client.force_login(people.alice)
    response = client.get(OWED)
    page = response.content.decode()
    assert response.status_code == 200 and "No plan has reporting cycles yet." in page
    assert reverse("reporting:cycles", args=[plan.pk]) in page


def test_the_current_cycle_rule(people, reporting):
    cycles = ReportingCycle.objects.filter(plan=reporting.cycle.plan)
    first, last = reporting.cycles[0], reporting.cycles[-1]
    assert cycles.current(datetime.date(2024, 2, 1)) == [reporting.cycle]  # the open one
    ReportingCycle.objects.filter(pk=reporting.cycle.pk).update(status=CycleStatus.CLOSED)
    assert cycles.current(datetime.date(2024, 8, 1))[0].label == "2024-Q3"  # the period holding today
    assert cycles.current(datetime.date(2000, 1, 1)) == [first]  # none begun: the first
    assert cycles.current(datetime.date(2099, 1, 1)) == [last]  # all over: the last


def test_due_soon_reaches_as_far_as_its_days(people, reporting):
    report = reporting.reports["1"]
    due = report.cycle.due_on
    assert report.is_due_soon(due - datetime.timedelta(days=DUE_SOON_DAYS))
    assert not report.is_due_soon(due - datetime.timedelta(days=DUE_SOON_DAYS + 1))


def test_the_top_bar_marks_reports_as_the_current_page(client, people, reporting):
    client.force_login(people.sam)
    assert f'<a href="{OWED}" aria-current="page">Reports</a>' in client.get(OWED).content.decode()
