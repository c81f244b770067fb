"""Measures, task books and change requests through the API, as each role reads them.

The `workplan` fixture: three measures of Commerce, two of Technology, two milestones each, all in
2024. Commerce leads tasks 1 and 3 and joins 2 and 4, so sam sees every measure of those tasks; the
Port Office holds no task and sees none.
"""

import datetime

import pytest
from django.utils import timezone

from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan, publish_plan
from taskbook.taskbooks.actions import (
    approve_taskbook,
    complete_milestone,
    request_measure_change,
    set_measure_status,
    submit_taskbook,
    taskbook_for,
)
from taskbook.taskbooks.models import Measure
from tests.api.helpers import answer, first_error, ids, queries
from tests.conftest import add_measures, make_draft

D = datetime.date
TODAY = D(2024, 6, 15)


@pytest.fixture
def today(monkeypatch) -> datetime.date:
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def test_measures_as_each_role_reads_them(client, people, plan, workplan):
    every = sorted(m.pk for m in workplan.measures)
    for person in (people.alice, people.lena, people.sam, people.carl, people.tina):
        client.force_login(person)
        assert sorted(ids(client, "/api/measures/")) == every, person
    for person in (people.pete, people.paula, people.olga):
        client.force_login(person)
        assert ids(client, "/api/measures/") == []
        answer(client, f"/api/measures/{workplan.measures[0].pk}", 404)


def test_a_measure_with_its_milestones(client, people, plan, workplan, today):
    measure = workplan.measures[0]
    first = measure.milestones.order_by("date").first()
    complete_milestone(
        SYSTEM, first, done_on=D(2024, 2, 1), evidence=b"%PDF-1.4\n%%EOF", evidence_name="a.pdf"
    )
    client.force_login(people.sam)
    shown = answer(client, f"/api/measures/{measure.pk}")
    assert (shown["title"], shown["start_date"], shown["due_date"]) == (
        "Municipal Bureau of Commerce measure 1",
        "2024-01-01",
        "2024-05-30",
    )
    assert shown["responsible"] == {
        "id": workplan.contacts["commerce"].pk,
        "name": "Wang Fang",
        "position": "Deputy Director",
    }
    assert (shown["overdue"], shown["milestones_total"], shown["milestones_done"]) == (True, 2, 1)
    milestones = shown["milestones"]
    assert [(m["date"], m["done_on"], m["overdue"]) for m in milestones] == [
        ("2024-01-31", "2024-02-01", False),
        ("2024-04-30", None, True),
    ]
    assert client.get(milestones[0]["evidence"]).status_code == 200
    assert milestones[1]["evidence"] is None
    # A responsible person is named, not reached: phone numbers and e-mail stay on the pages.
    raw = client.get(f"/api/measures/{measure.pk}").content.decode()
    assert "0755-8812 3456" not in raw and "wang.fang@example.org" not in raw


def test_filters_of_the_measure_list(client, people, plan, workplan, today):
    commerce = [m.pk for m in workplan.measures[:3]]
    set_measure_status(SYSTEM, workplan.measures[0], "done")
    client.force_login(people.alice)
    assert sorted(ids(client, f"/api/measures/?plan={plan.pk}&unit={people.commerce.pk}")) == commerce
    assert ids(client, "/api/measures/?status=done") == [workplan.measures[0].pk]
    overdue = sorted(Measure.objects.overdue(TODAY).values_list("pk", flat=True))
    assert sorted(ids(client, "/api/measures/?overdue=true")) == overdue
    assert workplan.measures[0].pk not in overdue
    not_overdue = sorted(m.pk for m in workplan.measures if m.pk not in overdue)
    assert sorted(ids(client, "/api/measures/?overdue=false")) == not_overdue
    assert ids(client, "/api/measures/?year=2025") == []
    assert first_error(client, "/api/measures/?year=100000000000000000000") == "year must be at most 2200."
    assert first_error(client, "/api/measures/?year=99") == "year must be at least 1900."
    assert first_error(client, "/api/measures/?overdue=maybe") == "overdue must be true or false."
    assert first_error(client, "/api/measures/?status=late").startswith("status must be one of 'not_started'")
    assert first_error(client, "/api/measures/?year=1e3") == "year must be a whole number."
    assert answer(client, "/api/measures/?plan=999", 404) == {"detail": "There is no plan 999."}
    assert answer(client, "/api/measures/?unit=999", 404) == {"detail": "There is no unit 999."}


def test_task_books_of_ones_own_units(client, people, plan, workplan):
    commerce = taskbook_for(plan, people.commerce)
    submit_taskbook(SYSTEM, commerce)
    approve_taskbook(SYSTEM, commerce, "Approved as submitted.")
    tech = taskbook_for(plan, people.tech)
    client.force_login(people.carl)
    (book,) = answer(client, "/api/taskbooks/")["items"]
    assert (book["id"], book["status"], book["version"], book["comment"]) == (
        commerce.pk,
        "approved",
        1,
        "Approved as submitted.",
    )
    client.force_login(people.lena)
    assert sorted(ids(client, f"/api/taskbooks/?plan={plan.pk}")) == sorted([commerce.pk, tech.pk])
    assert ids(client, "/api/taskbooks/?status=draft") == [tech.pk]
    assert ids(client, "/api/taskbooks/?version=1") == [commerce.pk]
    assert ids(client, f"/api/taskbooks/?unit={people.tech.pk}") == [tech.pk]
    assert first_error(client, "/api/taskbooks/?status=signed").startswith("status must be one of 'draft'")
    client.force_login(people.pete)
    assert ids(client, "/api/taskbooks/") == []


def test_change_requests_of_the_measures_one_sees(client, people, plan, workplan):
    measure = workplan.measures[0]
    change = request_measure_change(SYSTEM, measure, "due_date", D(2024, 6, 30), "Waiting for data")
    client.force_login(people.sam)
    (shown,) = answer(client, f"/api/change-requests/?plan={plan.pk}&status=pending")["items"]
    assert (shown["id"], shown["measure_id"], shown["field"], shown["field_label"]) == (
        change.pk,
        measure.pk,
        "due_date",
        "due",
    )
    assert (shown["old_value"], shown["new_value"], shown["reason"]) == (
        "2024-05-30",
        "2024-06-30",
        "Waiting for data",
    )
    assert ids(client, "/api/change-requests/?status=approved") == []
    other = publish_plan(SYSTEM, import_plan(SYSTEM, make_draft(title="Second (2024-2026)")).plan)
    assert ids(client, f"/api/change-requests/?plan={other.pk}") == []
    client.force_login(people.pete)
    assert ids(client, "/api/change-requests/") == []


def test_lists_take_a_constant_number_of_queries(client, people, plan, workplan, today):
    request_measure_change(SYSTEM, workplan.measures[0], "due_date", D(2024, 6, 30), "Waiting")
    taskbook_for(plan, people.commerce)
    client.force_login(people.sam)
    urls = ["/api/measures/", "/api/measures/?overdue=true", "/api/taskbooks/", "/api/change-requests/"]
    small = [queries(client, url) for url in urls]
    more = add_measures(plan, people.commerce, workplan.contacts["commerce_deputy"], 15)
    for measure in more[:6]:
        request_measure_change(
            SYSTEM, measure, "due_date", measure.due_date + datetime.timedelta(days=9), "Later"
        )
    other = publish_plan(SYSTEM, import_plan(SYSTEM, make_draft(tasks=8, title="Second (2024-2026)")).plan)
    add_measures(other, people.commerce, workplan.contacts["commerce"], 6)
    taskbook_for(other, people.commerce)
    assert answer(client, "/api/measures/")["count"] == 26
    assert [queries(client, url) for url in urls] == small
