"""Road map and timetable pages: filters, bad input, who sees what, and constant query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taskbook.taskbooks.actions import create_measure
from taskbook.timetables.actions import create_feed
from tests.conftest import add_measures

D = datetime.date


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


PAGES = [
    "roadmaps:plan",
    "roadmaps:task",
    "roadmaps:unit",
    "timetables:unit",
    "timetables:me",
    "timetables:feeds",
    "timetables:feed",
    "roadmaps:feed_user",
    "roadmaps:plan_print",
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("who", ["sam", "alice"])
def test_pages_render_in_a_constant_number_of_queries(client, people, plan, workplan, today, page, who):
    """The same number of queries with 5 Commerce measures as with 50 (10 and 100 milestones)."""
    contact = workplan.contacts["commerce"]
    user = getattr(people, who)
    client.force_login(user)
    unit_feed = create_feed(people.carl, unit=people.commerce)
    user_feed = create_feed(user, user=user)
    task = plan.tasks.get(number="1")
    url = {
        "roadmaps:plan": reverse("roadmaps:plan", args=[plan.pk]),
        "roadmaps:plan_print": reverse("roadmaps:plan", args=[plan.pk]) + "?print=1&year=2024",
        "roadmaps:task": reverse("roadmaps:task", args=[task.pk]),
        "roadmaps:unit": reverse("roadmaps:unit", args=[plan.pk, people.commerce.pk]),
        "timetables:unit": reverse("timetables:unit", args=[plan.pk, people.commerce.pk]) + "?month=2024-03",
        "timetables:me": reverse("timetables:me") + "?month=2024-03",
        "timetables:feeds": reverse("timetables:feeds"),
        "timetables:feed": reverse("timetables:feed", args=[unit_feed.token]),
        "roadmaps:feed_user": reverse("timetables:feed", args=[user_feed.token]),
    }[page]
    figures = []
    for added in (2, 45):  # the workplan has 3 Commerce measures: 5, then 50
        add_measures(plan, people.commerce, contact, added)
        for _ in range(added // 9):  # more feeds too, for the feeds page
            create_feed(people.carl, unit=people.commerce)
        figures.append(queries(client, url))
    assert figures[0] == figures[1], figures


def test_the_plan_road_map_filters_by_year_and_unit(client, people, plan, workplan, today):
    create_measure(
        people.sam,
        plan.tasks.get(number="1"),
        people.commerce,
        title="A measure of 2025",
        start_date=D(2025, 2, 1),
        due_date=D(2025, 4, 1),
        responsible=workplan.contacts["commerce"],
    )
    client.force_login(people.alice)
    url = reverse("roadmaps:plan", args=[plan.pk])
    assert client.get(url).content.decode().count('class="bar ') == 6
    html = client.get(url + "?year=2025").content.decode()
    assert html.count('class="bar ') == 1 and "A measure of 2025" in html
    html = client.get(url + f"?unit={people.tech.pk}").content.decode()
    assert html.count('class="bar ') == 2 and "Commerce measure" not in html


@pytest.mark.parametrize(
    "query,message",
    [
        ("?year=twenty", "is not a valid year"),
        ("?year=2031", "is not a year of this plan"),
        ("?unit=x", "is not a valid unit"),
        ("?unit=999999", "has no measures in this plan"),
    ],
)
def test_bad_filters_are_refused_with_a_message(client, people, plan, workplan, today, query, message):
    client.force_login(people.alice)
    response = client.get(reverse("roadmaps:plan", args=[plan.pk]) + query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_unit_member_sees_only_their_units_road_map_and_timetable(client, people, plan, workplan, today):
    client.force_login(people.tina)  # Technology
    for name in ("roadmaps:unit", "timetables:unit"):
        assert client.get(reverse(name, args=[plan.pk, people.commerce.pk])).status_code == 404
        assert client.get(reverse(name, args=[plan.pk, people.tech.pk])).status_code == 200
    # On the plan's road map she sees her unit's measures and those of tasks her unit holds, no others.
    html = client.get(reverse("roadmaps:plan", args=[plan.pk])).content.decode()
    assert "Municipal Science and Technology Innovation Commission measure 1" in html


def test_the_task_road_map_shows_the_tasks_measures(client, people, plan, workplan, today):
    client.force_login(people.lena)
    task = workplan.measures[0].task
    html = client.get(reverse("roadmaps:task", args=[task.pk])).content.decode()
    expected = [m for m in workplan.measures if m.task_id == task.pk]
    assert html.count('class="bar ') == len(expected) >= 1
