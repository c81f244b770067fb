"""The lead unit's plan for a task, saved from two pages at once: the second summary or reorder is
refused with a 409 that shows both versions, and the first stays."""

import datetime

import pytest
from django.urls import reverse

from taskbook.orgs.actors import SYSTEM
from taskbook.plans.models import Task
from taskbook.taskbooks.actions import create_measure, reorder_measures, update_task_summary
from taskbook.taskbooks.models import Measure
from taskbook.versions import ConflictError


@pytest.fixture
def task(plan, workplan):
    """Task 1, led by Commerce, with three measures."""
    task = plan.tasks.get(number="1")
    for n in range(3 - task.measures.count()):
        start = datetime.date(2024, 3 + n, 1)
        create_measure(
            SYSTEM,
            task,
            task.task_units.get(role="lead").unit,
            title=f"Extra measure {n + 1}",
            start_date=start,
            due_date=start + datetime.timedelta(days=60),
            responsible=workplan.contacts["commerce"],
        )
    return task


def order(task: Task) -> list[int]:
    return list(task.measures.order_by("order", "pk").values_list("pk", flat=True))


def test_a_second_summary_from_the_same_version_is_refused(people, task):
    seen = task.summary_version
    update_task_summary(people.sam, task, "Sam: monthly checks.", version=seen)
    with pytest.raises(ConflictError) as err:
        update_task_summary(people.carl, task, "Carl: quarterly checks.", version=seen)
    assert err.value.current == {"summary": "Sam: monthly checks."}
    task.refresh_from_db()
    assert task.summary == "Sam: monthly checks." and task.summary_version == seen + 1


def test_the_stale_summary_page_gets_a_409_with_both_versions(client, people, task):
    url = reverse("taskbooks:task_plan", args=[task.pk])
    client.force_login(people.sam)
    assert f'name="version" value="{task.summary_version}"' in client.get(url).content.decode()
    form = {"version": task.summary_version}
    assert client.post(url, form | {"summary": "First: a one-stop desk."}).status_code == 302
    response = client.post(url, form | {"summary": "Second: two desks."})
    html = response.content.decode()
    assert response.status_code == 409
    assert "First: a one-stop desk." in html and "Second: two desks." in html
    assert Task.objects.get(pk=task.pk).summary == "First: a one-stop desk."


def test_a_reorder_from_a_page_that_showed_another_order_is_refused(people, task):
    seen = order(task)
    reorder_measures(people.sam, task, [seen[1], seen[0], *seen[2:]], seen=seen)
    first = order(task)
    with pytest.raises(ConflictError):
        reorder_measures(people.carl, task, [*seen[:-2], seen[-1], seen[-2]], seen=seen)
    assert order(task) == first


def test_the_stale_order_page_gets_a_409_showing_both_orders(client, people, task):
    seen = order(task)
    titles = dict(Measure.objects.filter(pk__in=seen).values_list("pk", "title"))
    url = reverse("taskbooks:task_plan", args=[task.pk])
    client.force_login(people.sam)
    assert client.post(url + "?move=down&i=0", {"measure": seen}).status_code == 302
    first = order(task)
    response = client.post(url + "?move=up&i=2", {"measure": seen})
    assert response.status_code == 409
    assert all(titles[pk] in response.content.decode() for pk in seen)
    assert order(task) == first
