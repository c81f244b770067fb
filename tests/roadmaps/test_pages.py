"""Road map and timetable pages: filters, bad input, who sees what, and constant query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taskbook.roadmaps.calendar import month_grid
from taskbook.taskbooks.actions import complete_milestone, create_feed, create_measure, set_measure_status
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
    "roadmaps:timetable_unit",
    "roadmaps:timetable_me",
    "roadmaps:feeds",
    "roadmaps:feed",
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
        "roadmaps:timetable_unit": reverse("roadmaps:timetable_unit", args=[plan.pk, people.commerce.pk])
        + "?month=2024-03",
        "roadmaps:timetable_me": reverse("roadmaps:timetable_me") + "?month=2024-03",
        "roadmaps:feeds": reverse("roadmaps:feeds"),
        "roadmaps:feed": reverse("roadmaps:feed", args=[unit_feed.token]),
        "roadmaps:feed_user": reverse("roadmaps:feed", args=[user_feed.token]),
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
    for name in ("roadmaps:unit", "roadmaps:timetable_unit"):
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


def test_the_month_grid_starts_on_monday_and_covers_the_month():
    grid = month_grid(D(2024, 5, 1), today=D(2024, 5, 20))
    assert grid.first == D(2024, 4, 29) and grid.first.weekday() == 0
    assert grid.last == D(2024, 6, 2) and grid.last.weekday() == 6
    days = [day for week in grid.weeks for day in week]
    assert [d.date for d in days if d.is_today] == [D(2024, 5, 20)]
    assert sum(d.in_month for d in days) == 31
    assert (grid.previous, grid.next) == (D(2024, 4, 1), D(2024, 6, 1))


def test_the_timetable_shows_the_month_with_states_and_the_next_deadlines(
    client, people, plan, workplan, today
):
    first, second = workplan.measures[:2]  # Commerce: due 2024-05-30 and 2024-06-30
    done = first.milestones.order_by("date").first()  # 2024-01-31
    complete_milestone(people.sam, done, done_on=D(2024, 1, 30))
    set_measure_status(people.sam, second, "done")
    client.force_login(people.sam)
    url = reverse("roadmaps:timetable_unit", args=[plan.pk, people.commerce.pk])
    html = client.get(url + "?month=2024-05").content.decode()
    assert 'href="?month=2024-04"' in html and 'href="?month=2024-06"' in html
    grid = html.split('<table class="cal')[1].split("</table>")[0]
    assert grid.count("<td ") == 35  # five weeks, Monday 2024-04-29 to Sunday 2024-06-02
    assert 'class="ev overdue"' in html  # the first measure, due 05-30, still open on 06-15
    html = client.get(url + "?month=2024-06").content.decode()
    assert 'aria-current="date"' in html  # today, 2024-06-15
    assert 'class="ev done"' in html  # the second measure, done, due 06-30
    html = client.get(url + "?month=2024-01").content.decode()
    assert 'class="ev done"' in html  # the milestone done on 01-30
    # Below the grid: what is overdue and what comes next.
    assert "Overdue" in html and "Next deadlines" in html
    response = client.get(url + "?month=2024-13")
    assert response.status_code == 400 and "is not a month" in response.content.decode()


def test_my_timetable_holds_my_units_deadlines_and_everyones_for_the_coordinator(
    client, people, plan, workplan, today
):
    url = reverse("roadmaps:timetable_me") + "?month=2024-03"
    client.force_login(people.sam)
    html = client.get(url).content.decode()
    assert "Municipal Bureau of Commerce measure 3" in html  # due 2024-07-29, in the next deadlines
    assert "Municipal Science and Technology Innovation Commission measure" not in html
    client.force_login(people.alice)
    html = client.get(url).content.decode()
    assert "Municipal Science and Technology Innovation Commission measure" in html
    client.force_login(people.olga)
    assert "not a member of any unit" in client.get(url).content.decode()
