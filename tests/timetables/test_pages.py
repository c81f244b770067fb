"""Timetable pages: filters, bad input, who sees what, and constant query counts."""

import datetime

from django.urls import reverse

from taskbook.taskbooks.actions import complete_milestone, set_measure_status
from taskbook.timetables.calendar import month_grid

D = datetime.date


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
    url = reverse("timetables:unit", args=[plan.pk, people.commerce.pk])
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
    url = reverse("timetables:me") + "?month=2024-03"
    client.force_login(people.sam)
    html = client.get(url).content.decode()
    assert "Municipal Bureau of Commerce measure 3" in html  # due 2024-07-29, in the next deadlines
    assert "Municipal Science and Technology Innovation Commission measure" not in html
    client.force_login(people.alice)
    html = client.get(url).content.decode()
    assert "Municipal Science and Technology Innovation Commission measure" in html
    client.force_login(people.olga)
    assert "not a member of any unit" in client.get(url).content.decode()
