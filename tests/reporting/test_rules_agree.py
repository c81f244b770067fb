"""One cycle with reports in every state, read on one day by every page, document and job that counts
them: they agree on which reports are overdue, on the on-time rate and on which ratings diverge.

The cycle (tests/documents/conftest.py): task 1 accepted, first submitted on time, self-rated green and
rated amber-red; task 2 submitted late and returned; task 3 never submitted; task 4 submitted late."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from taskbook.dashboards.figures import Scope, task_states, unit_figures
from taskbook.documents.progress_report.content import build_progress_document
from taskbook.notifications.jobs import escalate_overdue
from taskbook.notifications.models import Kind, Notification
from taskbook.reporting.models import ProgressReport, ratings_diverge
from taskbook.reporting.querysets import on_time_rate
from taskbook.timetables.calendar import Scope as DeadlineScope
from taskbook.timetables.calendar import Window, gather_deadlines
from tests.documents.conftest import fill_cycle

DAY = datetime.date(2024, 6, 3)  # a Monday, a working day: the escalation job runs on it


@pytest.fixture
def cycle(people, plan, workplan, reporting, monkeypatch):
    filled = fill_cycle(people, plan, reporting)  # records a value of September: before the clock stops
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: DAY)
    return filled


def _numbers(reports) -> list[str]:
    return sorted(r.task.number for r in reports)


def test_every_surface_counts_the_same_overdue_reports(client, people, cycle):
    expected = ["2", "3"]  # the draft, and the report returned to its unit after the due date
    reports = ProgressReport.objects.filter(cycle=cycle.cycle).select_related("task", "cycle")
    assert _numbers(r for r in reports if r.is_overdue(DAY)) == expected
    assert _numbers(reports.overdue(DAY)) == expected

    scope = Scope(cycle.plan, DAY)
    assert sum(u.overdue_reports for u in unit_figures(scope)) == len(expected)

    client.force_login(people.alice)
    dashboard = client.get(reverse("dashboards:coordinator") + f"?plan={cycle.plan.pk}")
    assert dashboard.context["overdue_total"] == len(expected)
    records = client.get(reverse("dashboards:reports") + f"?plan={cycle.plan.pk}&which=overdue")
    assert _numbers(records.context["page"].object_list) == expected
    page = client.get(reverse("reporting:cycle", args=[cycle.cycle.pk]) + "?status=overdue")
    assert _numbers(page.context["page"].object_list) == expected

    document = build_progress_document(cycle.plan, cycle.cycle, today=DAY)
    assert document.figures.overdue == len(expected)
    assert sorted(i.task_number for i in document.overdue_reports) == expected

    deadlines = gather_deadlines(DeadlineScope(unit_ids=None, plan_id=cycle.plan.pk), Window())
    overdue_reports = [d.task_number for d in deadlines if d.kind == "report_due" and d.state == "overdue"]
    assert sorted(overdue_reports) == expected

    cycle.plan.reporting_calendar.active = True
    cycle.plan.reporting_calendar.save()
    escalate_overdue(DAY)
    escalated = Notification.objects.filter(kind=Kind.ESCALATION_COORDINATOR).select_related("report__task")
    assert sorted({n.report.task.number for n in escalated}) == expected


def test_every_surface_gives_the_same_on_time_rate(client, people, cycle):
    # One of the four reports due came by the due date: task 1.
    scope = Scope(cycle.plan, DAY)
    units = unit_figures(scope)
    assert on_time_rate(sum(u.on_time for u in units), sum(u.due for u in units)) == 25.0
    document = build_progress_document(cycle.plan, cycle.cycle, today=DAY)
    assert document.figures.on_time_rate == 25.0
    client.force_login(people.alice)
    dashboard = client.get(reverse("dashboards:coordinator") + f"?plan={cycle.plan.pk}")
    assert dashboard.context["on_time_rate"] == 25.0
    on_time = client.get(reverse("dashboards:reports") + f"?plan={cycle.plan.pk}&which=on_time")
    assert _numbers(on_time.context["page"].object_list) == ["1"]


def test_every_surface_finds_the_same_divergent_ratings(client, people, cycle):
    # Task 1: the unit's reported green against the office's amber-red. Task 4 is rated green beside
    # its own green; task 2, returned to its unit, has no reported self-rating.
    states = task_states(cycle.plan)
    assert [s.number for s in states if s.divergent] == ["1"]
    client.force_login(people.alice)
    page = client.get(reverse("reporting:cycle", args=[cycle.cycle.pk]))
    assert [r.task.number for r in page.context["page"].object_list if r.divergent] == ["1"]
    document = build_progress_document(cycle.plan, cycle.cycle, today=DAY)
    assert [t.number for t in document.tasks if t.ratings_differ] == ["1"]


@pytest.mark.parametrize(
    "self_rating,rating,diverge",
    [
        ("green", "amber_red", True),
        ("green", "red", True),
        ("green", "amber_green", False),
        ("", "red", False),
    ],
)
def test_ratings_diverge_two_levels_apart(self_rating, rating, diverge):
    assert ratings_diverge(self_rating, rating) is diverge
