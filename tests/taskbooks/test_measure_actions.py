import datetime

import pytest
from django.core.exceptions import PermissionDenied

from taskbook.audit.models import AuditEvent
from taskbook.errors import ActionError
from taskbook.targets.actions import request_target_change
from taskbook.taskbooks.actions import (
    approve_taskbook,
    carry_over,
    complete_milestone,
    create_measure,
    decide_change,
    delete_measure,
    reorder_measures,
    return_taskbook,
    set_measure_status,
    submit_taskbook,
    taskbook_for,
    update_measure,
    update_task_summary,
)
from taskbook.taskbooks.models import CarryOver, ChangeRequest, Measure, TaskBookRevision
from taskbook.versions import ConflictError

D = datetime.date


def test_staff_add_measures_only_for_their_unit_and_tasks_it_holds(people, plan, workplan):
    task = plan.tasks.get(number="1")  # Commerce leads, Technology participates
    contact = workplan.contacts["commerce"]
    measure = create_measure(
        people.sam,
        task,
        people.commerce,
        title="Open a one-stop desk",
        start_date=D(2024, 3, 1),
        due_date=D(2024, 9, 30),
        responsible=contact,
    )
    assert measure.year == 2024 and measure.baseline_due is None
    assert AuditEvent.objects.filter(action="measure.create", object_id=str(measure.pk), actor=people.sam)
    with pytest.raises(PermissionDenied):  # Commerce staff cannot write for Technology
        create_measure(
            people.sam,
            task,
            people.tech,
            title="x",
            start_date=D(2024, 3, 1),
            due_date=D(2024, 4, 1),
            responsible=workplan.contacts["tech"],
        )
    with pytest.raises(PermissionDenied):  # leaders read only
        create_measure(
            people.lena,
            task,
            people.commerce,
            title="x",
            start_date=D(2024, 3, 1),
            due_date=D(2024, 4, 1),
            responsible=contact,
        )
    # A participating unit adds its own measure under the task it joins.
    joined = create_measure(
        people.tina,
        task,
        people.tech,
        title="Science matchmaking",
        start_date=D(2024, 1, 1),
        due_date=D(2024, 6, 1),
        responsible=workplan.contacts["tech"],
    )
    assert joined.unit == people.tech


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"start_date": D(2022, 12, 1)}, "outside the plan's period"),
        ({"due_date": D(2026, 1, 1)}, "outside the plan's period"),
        ({"start_date": D(2024, 6, 1), "due_date": D(2024, 5, 1)}, "before the start"),
        ({"start_date": "2024-13-01"}, "is not a date"),
        ({"title": "  "}, "needs a title"),
        ({"weight": 0}, "from 1 to 100"),
        ({"year": 2030}, "outside the plan's period"),
    ],
)
def test_bad_measures_are_refused_and_nothing_is_saved(people, plan, workplan, fields, message):
    before = Measure.objects.count()
    base = {
        "title": "A measure",
        "start_date": D(2024, 1, 1),
        "due_date": D(2024, 2, 1),
        "responsible": workplan.contacts["commerce"],
    }
    with pytest.raises(ActionError, match=message):
        create_measure(people.sam, plan.tasks.get(number="1"), people.commerce, **(base | fields))
    assert Measure.objects.count() == before


def test_the_responsible_person_must_be_of_the_unit(people, plan, workplan):
    with pytest.raises(ActionError, match="is not a person of"):
        create_measure(
            people.sam,
            plan.tasks.get(number="1"),
            people.commerce,
            title="x",
            start_date=D(2024, 1, 1),
            due_date=D(2024, 2, 1),
            responsible=workplan.contacts["tech"],
        )


def test_a_concurrent_edit_is_refused_with_the_other_version(people, workplan):
    measure = workplan.measures[0]
    update_measure(people.sam, measure, version=measure.version, title="Sam's title")
    with pytest.raises(ConflictError) as err:
        update_measure(people.carl, measure, version=measure.version, title="Carl's title")
    assert err.value.current["title"] == "Sam's title"
    measure.refresh_from_db()
    assert measure.title == "Sam's title"


def test_taskbook_workflow_baseline_and_change_requests(people, plan, workplan):
    taskbook = taskbook_for(plan, people.commerce)
    with pytest.raises(PermissionDenied):
        submit_taskbook(people.sam, taskbook)  # staff draft, the unit admin submits
    taskbook = submit_taskbook(people.carl, taskbook)
    with pytest.raises(ActionError, match="needs a comment"):
        return_taskbook(people.alice, taskbook, "")
    taskbook = return_taskbook(people.alice, taskbook, "Add a milestone to measure 2")
    assert taskbook.status == "returned" and taskbook.comment == "Add a milestone to measure 2"
    taskbook = submit_taskbook(people.carl, taskbook)
    with pytest.raises(PermissionDenied):
        approve_taskbook(people.carl, taskbook)
    taskbook = approve_taskbook(people.alice, taskbook)
    assert taskbook.status == "approved" and taskbook.version == 1
    assert [r.status for r in TaskBookRevision.objects.filter(taskbook=taskbook).order_by("at", "id")] == [
        "submitted",
        "returned",
        "submitted",
        "approved",
    ]

    measure = Measure.objects.get(pk=workplan.measures[0].pk)
    assert measure.baseline_due == measure.due_date
    original_due = measure.due_date
    # A baselined date now needs a reason and becomes a change request; the title changes at once.
    with pytest.raises(ActionError, match="give a reason"):
        update_measure(
            people.sam, measure, version=measure.version, due_date=original_due + datetime.timedelta(30)
        )
    measure, requests = update_measure(
        people.sam,
        measure,
        version=measure.version,
        title="Renamed",
        due_date=original_due + datetime.timedelta(30),
        reason="Late data",
    )
    assert measure.title == "Renamed" and measure.due_date == original_due
    [change] = requests
    assert change.status == "pending" and change.field == "due_date"
    with pytest.raises(PermissionDenied):
        decide_change(people.carl, change, approve=True)
    decide_change(people.alice, change, approve=True)
    measure.refresh_from_db()
    assert measure.due_date == original_due + datetime.timedelta(30)
    assert measure.baseline_due == original_due and measure.slippage_days == 30
    with pytest.raises(ActionError, match="already been decided"):
        decide_change(people.alice, change, approve=False, comment="no")


def test_target_changes_go_to_the_coordinator(people, plan):
    target = plan.tasks.get(number="3").targets.get()  # task 3 is led by Commerce
    with pytest.raises(PermissionDenied):
        request_target_change(people.tina, target, value=80, year=2025, reason="x")
    change = request_target_change(people.sam, target, value=80, year=2025, reason="New baseline data")
    decide_change(people.alice, change, approve=False, comment="Keep the published figure")
    target.refresh_from_db()
    assert target.value == 73
    change = request_target_change(people.sam, target, value=80, year=2025, reason="Revised by the council")
    decide_change(people.alice, change, approve=True)
    target.refresh_from_db()
    assert target.value == 80
    assert ChangeRequest.objects.filter(target=target).count() == 2


def test_status_cancel_needs_a_reason_and_follows_transitions(people, workplan):
    measure = workplan.measures[0]
    with pytest.raises(ActionError, match="reason"):
        set_measure_status(people.sam, measure, "cancelled")
    measure = set_measure_status(people.sam, measure, "cancelled", "Merged into measure 2")
    assert measure.cancel_reason == "Merged into measure 2"
    with pytest.raises(ActionError):
        set_measure_status(people.sam, measure, "done")


def test_carry_over_moves_unfinished_work_with_a_record(people, plan, workplan):
    done = workplan.measures[1]
    set_measure_status(people.sam, done, "done")
    moved = carry_over(people.carl, plan, people.commerce, 2024)
    assert {c.measure_id for c in moved} == {workplan.measures[0].pk, workplan.measures[2].pk}
    assert set(Measure.objects.filter(unit=people.commerce).values_list("year", flat=True)) == {2024, 2025}
    assert CarryOver.objects.count() == 2
    with pytest.raises(ActionError, match="last year"):
        carry_over(people.carl, plan, people.commerce, 2025)
    with pytest.raises(PermissionDenied):
        carry_over(people.sam, plan, people.commerce, 2024)


def test_lead_unit_edits_the_task_plan(people, plan, workplan):
    task = plan.tasks.get(number="1")
    update_task_summary(people.sam, task, "Commerce leads with monthly checks.")
    with pytest.raises(PermissionDenied):
        update_task_summary(people.tina, task, "Technology is not the lead")
    ids = list(task.measures.values_list("pk", flat=True))
    reorder_measures(people.sam, task, list(reversed(ids)))
    assert list(task.measures.order_by("order").values_list("pk", flat=True)) == list(reversed(ids))
    with pytest.raises(ActionError):
        reorder_measures(people.sam, task, ids[:1])


def test_milestone_evidence_is_checked_by_content(people, workplan, settings):
    settings.UPLOAD_MAX_BYTES = 2 * 1024 * 1024  # the setting is the limit of every upload
    milestone = workplan.milestones[0]
    with pytest.raises(ActionError, match="not an accepted kind"):
        complete_milestone(
            people.sam,
            milestone,
            done_on=D(2024, 2, 1),
            evidence=b"MZ\x90\x00" + bytes(100),
            evidence_name="report.pdf",
        )
    with pytest.raises(ActionError, match="content is PDF"):
        complete_milestone(
            people.sam,
            milestone,
            done_on=D(2024, 2, 1),
            evidence=b"%PDF-1.4\n%%EOF",
            evidence_name="report.exe",
        )
    with pytest.raises(ActionError, match="the limit is 2 MB"):
        complete_milestone(
            people.sam,
            milestone,
            done_on=D(2024, 2, 1),
            evidence=b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024),
            evidence_name="big.pdf",
        )
    milestone.refresh_from_db()
    assert milestone.done_on is None and not milestone.evidence
    milestone = complete_milestone(
        people.sam, milestone, done_on=D(2024, 2, 1), evidence=b"%PDF-1.4\n%%EOF", evidence_name="minutes.pdf"
    )
    assert milestone.done_on == D(2024, 2, 1) and milestone.evidence_name == "minutes.pdf"


def test_approved_measures_are_cancelled_not_deleted(people, plan, workplan):
    taskbook = submit_taskbook(people.carl, taskbook_for(plan, people.commerce))
    approve_taskbook(people.alice, taskbook)
    with pytest.raises(ActionError, match="cancel it"):
        delete_measure(people.sam, Measure.objects.get(pk=workplan.measures[0].pk))
    delete_measure(people.tina, workplan.measures[3])  # Technology's task book was never approved
