"""Late work re-planned past the plan's end: a change request marked "beyond the plan period", which
only the coordinator decides; before the task book is approved the date is refused with the way to ask."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from taskbook.audit.models import AuditEvent
from taskbook.errors import ActionError
from taskbook.orgs.actors import SYSTEM
from taskbook.targets.actions import request_target_change
from taskbook.taskbooks.actions import (
    approve_taskbook,
    decide_change,
    submit_taskbook,
    taskbook_for,
    update_measure,
)
from taskbook.taskbooks.models import ChangeRequest, Measure

D = datetime.date
PAST_END = D(2026, 3, 31)  # the test plan runs 2023-2025


def _approve(plan, unit):
    submit_taskbook(SYSTEM, taskbook_for(plan, unit))
    approve_taskbook(SYSTEM, taskbook_for(plan, unit))


def _late_measure(workplan) -> Measure:
    return Measure.objects.get(pk=workplan.measures[0].pk)


def test_before_the_baseline_a_date_past_the_end_is_refused_with_the_way_to_ask(people, workplan):
    measure = _late_measure(workplan)
    with pytest.raises(ActionError) as refused:
        update_measure(people.sam, measure, version=measure.version, due_date=PAST_END, reason="Late")
    assert refused.value.field == "due_date"
    assert "change request beyond the plan period" in refused.value.message
    assert not ChangeRequest.objects.exists()
    measure.refresh_from_db()
    assert measure.due_date != PAST_END


@pytest.mark.parametrize("who", ["sam", "carl", "alice"])
def test_after_the_baseline_a_date_past_the_end_is_a_marked_change_request(people, plan, workplan, who):
    _approve(plan, people.commerce)
    measure = _late_measure(workplan)
    original = measure.due_date
    actor = getattr(people, who)
    with pytest.raises(ActionError, match="give a reason"):
        update_measure(actor, measure, version=measure.version, due_date=PAST_END)
    measure, [change] = update_measure(
        actor, measure, version=measure.version, due_date=PAST_END, reason="The law passes in 2026"
    )
    # Not applied, even for the coordinator: the decision is a record of its own.
    assert measure.due_date == original
    assert change.beyond_plan_period and change.field == "due_date" and change.new_value == "2026-03-31"
    assert change.plan_end == D(2025, 12, 31)
    created = AuditEvent.objects.get(action="change_request.create", object_id=str(change.pk))
    assert created.after["beyond_plan_period"] is True


def test_a_change_within_the_period_is_not_marked(people, plan, workplan):
    _approve(plan, people.commerce)
    measure = _late_measure(workplan)
    _measure, [change] = update_measure(
        people.sam, measure, version=measure.version, due_date=D(2025, 12, 31), reason="Later"
    )
    assert not change.beyond_plan_period


def test_only_the_coordinator_decides_it_and_the_decision_applies_the_date(people, plan, workplan):
    _approve(plan, people.commerce)
    measure = _late_measure(workplan)
    _measure, [change] = update_measure(
        people.sam, measure, version=measure.version, due_date=PAST_END, reason="The law passes in 2026"
    )
    for refused in (people.carl, people.sam, people.lena, people.paula):
        with pytest.raises(PermissionDenied):
            decide_change(refused, change, approve=True)
    decide_change(people.alice, change, approve=True)
    measure.refresh_from_db()
    assert measure.due_date == PAST_END and measure.baseline_due is not None
    assert AuditEvent.objects.filter(action="change_request.approved", object_id=str(change.pk)).exists()


def test_a_target_year_past_the_end_is_marked(people, plan):
    target = plan.tasks.get(number="3").targets.get()
    change = request_target_change(people.sam, target, value=80, year=2026, reason="Needs a year more")
    assert change.beyond_plan_period
    change = request_target_change(people.sam, target, value=80, year=2025, reason="Revised")
    assert not change.beyond_plan_period


def test_pages_mark_the_request_the_measure_and_filter_the_list(client, people, plan, workplan):
    _approve(plan, people.commerce)
    measure = _late_measure(workplan)
    other = Measure.objects.get(pk=workplan.measures[1].pk)
    client.force_login(people.sam)
    edit = {
        "title": measure.title,
        "responsible": measure.responsible_id,
        "start_date": str(measure.start_date),
        "due_date": "2026-03-31",
        "weight": "1",
        "version": str(measure.version),
        "reason": "The law passes in 2026",
    }
    response = client.post(reverse("taskbooks:measure_edit", args=[measure.pk]), edit, follow=True)
    page = response.content.decode()
    assert "marked beyond the plan period, and only the coordinator decides it" in page
    assert "Beyond the plan period (ends 2025-12-31)" in page  # the request on the measure's page
    update_measure(people.sam, other, version=other.version, due_date=D(2025, 11, 30), reason="Later")

    client.force_login(people.alice)
    changes = reverse("taskbooks:changes")
    page = client.get(changes).content.decode()
    assert page.count("Beyond the plan period (ends 2025-12-31)") == 1
    assert measure.title in page and other.title in page
    page = client.get(changes + "?beyond=1").content.decode()
    assert measure.title in page and other.title not in page
    assert "1 beyond the plan period" in page

    change = ChangeRequest.objects.get(measure=measure)
    client.post(reverse("taskbooks:change_decide", args=[change.pk]), {"decision": "approve"})
    page = client.get(reverse("taskbooks:measure", args=[measure.pk])).content.decode()
    assert "2026-03-31" in page and page.count("Beyond the plan period (ends 2025-12-31)") == 2


def test_the_api_gives_and_filters_the_mark(client, people, plan, workplan):
    _approve(plan, people.commerce)
    first, second = (Measure.objects.get(pk=m.pk) for m in workplan.measures[:2])
    update_measure(people.sam, first, version=first.version, due_date=PAST_END, reason="2026")
    update_measure(people.sam, second, version=second.version, due_date=D(2025, 6, 30), reason="Later")
    client.force_login(people.alice)
    rows = client.get("/api/change-requests/?beyond_plan_period=true").json()["items"]
    assert [(r["measure_id"], r["beyond_plan_period"]) for r in rows] == [(first.pk, True)]
    assert len(client.get("/api/change-requests/").json()["items"]) == 2


def test_milestones_of_work_let_run_past_the_end_run_with_it(people, plan, workplan):
    from unittest import mock

    from taskbook.taskbooks.actions import add_milestone, complete_milestone

    measure = _late_measure(workplan)
    with pytest.raises(ActionError, match="outside the plan's period"):
        add_milestone(people.sam, measure, date=D(2026, 2, 1), description="Rules adopted")
    _approve(plan, people.commerce)
    measure = _late_measure(workplan)
    _measure, [change] = update_measure(
        people.sam, measure, version=measure.version, due_date=PAST_END, reason="The law passes in 2026"
    )
    decide_change(people.alice, change, approve=True)
    measure.refresh_from_db()
    milestone = add_milestone(people.sam, measure, date=D(2026, 2, 1), description="Rules adopted")
    with pytest.raises(ActionError, match=r"after the measure's due date \(2026-03-31\)"):
        add_milestone(people.sam, measure, date=D(2026, 4, 1), description="Too late")
    with mock.patch("django.utils.timezone.localdate", return_value=D(2026, 3, 1)):
        done = complete_milestone(people.sam, milestone, done_on=D(2026, 2, 20))
    assert done.done_on == D(2026, 2, 20)
