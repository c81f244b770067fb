"""The measure and milestone rules by themselves: what each accepts, what it refuses, and the field it
names (the form shows the message there; a sheet maps it to its column)."""

import datetime

import pytest

from taskbook.errors import ActionError
from taskbook.orgs.models import Unit
from taskbook.plans.models import Plan
from taskbook.taskbooks import validators
from taskbook.taskbooks.models import Contact

D = datetime.date
PLAN = Plan(period_start=D(2023, 1, 1), period_end=D(2025, 12, 31))
OPEN_ENDED = Plan(period_start=None, period_end=None)
UNIT = Unit(pk=7, name_en="Municipal Bureau of Commerce")


def _refused(check, *args, **kwargs) -> ActionError:
    with pytest.raises(ActionError) as refused:
        check(*args, **kwargs)
    return refused.value


@pytest.mark.parametrize(
    "value,limit,required,expected",
    [
        ("  A title  ", 300, "", "A title"),
        (None, None, "", ""),
        ("x" * 300, 300, "", "x" * 300),
        ("", None, "", ""),
    ],
)
def test_text_is_kept_without_the_space_around_it(value, limit, required, expected):
    assert validators.text(value, "title", limit, required) == expected


def test_text_too_long_or_missing_is_refused_on_its_field():
    too_long = _refused(validators.text, "x" * 301, "deliverable", 300)
    assert (too_long.field, too_long.message) == ("deliverable", "301 characters: at most 300.")
    missing = _refused(validators.text, "   ", "title", 300, "A measure needs a title.")
    assert (missing.field, missing.message) == ("title", "A measure needs a title.")


@pytest.mark.parametrize("value", [D(2024, 3, 1), "2024-03-01", " 2024-03-01 "])
def test_a_plan_date_is_a_date_or_iso_text(value):
    assert validators.plan_date(PLAN, value, "start_date") == D(2024, 3, 1)


@pytest.mark.parametrize(
    "value,message",
    [
        (None, "A date is needed here."),
        ("  ", "A date is needed here."),
        ("1 March", "“1 March” is not a date (use YYYY-MM-DD)."),
        (
            D(2026, 1, 1),
            "2026-01-01 is outside the plan's period (2023-01-01 to 2025-12-31). Work can be planned "
            "past the plan's end only as a change request beyond the plan period, which the "
            "coordinator decides: once the unit's task book is approved, change the date on the "
            "measure's page, with a reason.",
        ),
        (D(2022, 12, 31), "2022-12-31 is outside the plan's period (2023-01-01 to 2025-12-31)."),
    ],
)
def test_a_plan_date_is_refused_on_its_field(value, message):
    refused = _refused(validators.plan_date, PLAN, value, "due_date")
    assert (refused.field, refused.message) == ("due_date", message)


def test_a_date_past_the_plan_end_is_taken_only_for_a_change_request():
    assert validators.plan_date(PLAN, "2026-03-31", "due_date", past_end=True) == D(2026, 3, 31)
    # Never before the plan's start, and a milestone's date never past its end.
    assert "outside" in _refused(validators.plan_date, PLAN, "2022-12-31", "due_date", past_end=True).message
    refused = _refused(validators.milestone_date, PLAN, "2026-01-01")
    assert refused.message == "2026-01-01 is outside the plan's period (2023-01-01 to 2025-12-31)."


def test_the_dates_past_the_plan_end_are_named():
    fields = {"start_date": D(2025, 6, 1), "due_date": D(2026, 2, 1), "title": "x"}
    assert validators.past_plan_end(PLAN, fields) == {"due_date"}
    assert validators.past_plan_end(OPEN_ENDED, fields) == set()


def test_a_plan_without_a_period_takes_any_date():
    assert validators.plan_date(OPEN_ENDED, "1999-01-01", "start_date") == D(1999, 1, 1)
    assert validators.measure_year(OPEN_ENDED, "1999") == 1999


@pytest.mark.parametrize(
    "value,message",
    [("2026", "The year 2026 is outside the plan's period."), ("soon", "The year is not a year.")],
)
def test_a_measure_year_is_a_year_of_the_plan(value, message):
    assert validators.measure_year(PLAN, "2024") == 2024
    refused = _refused(validators.measure_year, PLAN, value)
    assert (refused.field, refused.message) == ("year", message)


@pytest.mark.django_db
def test_a_person_is_given_as_a_contact_or_its_number_and_must_be_of_the_unit(people, workplan):
    wang, chen = workplan.contacts["commerce"], workplan.contacts["tech"]
    assert validators.person_of_unit(wang, people.commerce, "responsible") == wang
    assert validators.person_of_unit(str(wang.pk), people.commerce, "deputy") == wang
    assert validators.person_of_unit(None, people.commerce, "deputy") is None
    for value in (chen, chen.pk):
        refused = _refused(validators.person_of_unit, value, people.commerce, "deputy")
        assert refused.field == "deputy" and refused.message.startswith(
            "“Chen Jing” is not a person of Municipal Bureau of Commerce"
        )
    for value in ("", "Wang Fang", 999999):
        refused = _refused(validators.person_of_unit, value, people.commerce, "responsible")
        assert (refused.field, refused.message) == ("responsible", "Choose a person of the unit.")


def test_a_measure_needs_a_responsible_person_but_not_a_deputy():
    assert validators.measure_field(PLAN, UNIT, "deputy", None) is None
    refused = _refused(validators.measure_field, PLAN, UNIT, "responsible", None)
    assert (refused.field, refused.message) == ("responsible", "A measure needs a responsible person.")


def test_measure_fields_are_cleaned_and_unknown_ones_refused():
    person = Contact(unit_id=UNIT.pk, name="Wang Fang")
    fields = {"title": " Open a desk ", "weight": "3", "responsible": person, "description": " Plan. "}
    assert validators.measure_fields(PLAN, UNIT, fields) == {
        "title": "Open a desk",
        "description": "Plan.",
        "responsible": person,
        "weight": 3,
    }
    assert _refused(
        validators.measure_fields, PLAN, UNIT, {"title": "x", "owner": 1, "colour": 2}
    ).message == ("Unknown fields: colour, owner")
    assert (
        _refused(validators.measure_field, PLAN, UNIT, "status", "done").message == "Unknown fields: status"
    )


def test_the_first_fault_of_a_measure_is_the_first_field_in_the_models_order():
    refused = _refused(validators.measure_fields, PLAN, UNIT, {"weight": 0, "due_date": "x", "title": ""})
    assert refused.field == "title"


def test_the_due_date_is_not_before_the_start():
    validators.measure_dates(D(2024, 3, 1), D(2024, 3, 1))
    refused = _refused(validators.measure_dates, D(2024, 3, 2), D(2024, 3, 1))
    assert (refused.field, refused.message) == (
        "due_date",
        "The due date 2024-03-01 is before the start 2024-03-02.",
    )


@pytest.mark.django_db
def test_a_unit_adds_measures_only_to_tasks_it_holds(people, plan):
    task = plan.tasks.get(number="1")
    validators.unit_holds_task(task, people.commerce)
    validators.unit_holds_task(task, people.tech)
    refused = _refused(validators.unit_holds_task, task, people.office)
    assert (refused.field, refused.message) == (
        "task",
        "Office of the Leading Group is neither the lead nor a participating unit of task 1.",
    )


def test_a_change_to_an_approved_date_or_person_needs_a_reason():
    validators.change_reason(["title", "weight"], "")  # not baselined: applies at once
    validators.change_reason(["due_date"], "The venue opens later.")
    refused = _refused(validators.change_reason, ["deputy", "title", "due_date"], "  ")
    assert refused.field == "reason"
    assert refused.message.endswith("the change to deputy, due.")  # the model's labels, in its order


@pytest.mark.parametrize(
    "current,new,reason,kept",
    [
        ("not_started", "in_progress", "ignored", ""),
        ("in_progress", "cancelled", "  Merged into measure 2 ", "Merged into measure 2"),
        ("done", "in_progress", "", ""),
        ("cancelled", "not_started", "", ""),
    ],
)
def test_allowed_status_changes_keep_a_cancel_reason_only_when_cancelled(current, new, reason, kept):
    assert validators.status_change(current, new, reason) == kept


@pytest.mark.parametrize(
    "current,new,reason,field,message",
    [
        ("done", "cancelled", "x", "status", "A measure that is done cannot become cancelled."),
        (
            "in_progress",
            "in_progress",
            "",
            "status",
            "A measure that is in progress cannot become in progress.",
        ),
        ("not_started", "finished", "", "status", "A measure that is not started cannot become finished."),
        ("not_started", "cancelled", " ", "reason", "Give the reason for cancelling the measure."),
    ],
)
def test_other_status_changes_are_refused(current, new, reason, field, message):
    refused = _refused(validators.status_change, current, new, reason)
    assert (refused.field, refused.message) == (field, message)


def test_a_milestone_has_a_date_in_the_plan_and_a_description():
    assert validators.milestone_date(PLAN, "2024-05-31") == D(2024, 5, 31)
    assert validators.milestone_description(" Survey done ") == "Survey done"
    assert _refused(validators.milestone_date, PLAN, "2026-01-01").field == "date"
    refused = _refused(validators.milestone_description, "")
    assert (refused.field, refused.message) == ("description", "Describe the milestone.")
    assert _refused(validators.milestone_description, "x" * 301).message == "301 characters: at most 300."


def test_a_milestone_is_done_within_the_plan_and_not_in_the_future(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: D(2024, 6, 1))
    assert validators.milestone_done_on(PLAN, "2024-06-01") == D(2024, 6, 1)
    future = _refused(validators.milestone_done_on, PLAN, "2024-06-02")
    assert (future.field, future.message) == ("done_on", "A milestone cannot be done in the future.")
    assert _refused(validators.milestone_done_on, PLAN, "2022-01-01").field == "done_on"
    assert _refused(validators.milestone_done_on, PLAN, "").message == "A date is needed here."
