"""One rule, one message: each bad value is refused by the action (as a form or the API gives it) and by
a bulk sheet in the same words, and the sheet names the column, and its letter, that the value is in."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from taskbook.errors import ActionError
from taskbook.taskbooks import bulk
from taskbook.taskbooks.actions import (
    add_milestone,
    approve_taskbook,
    complete_milestone,
    create_measure,
    save_contact,
    set_measure_status,
    submit_taskbook,
    taskbook_for,
    update_measure,
)
from taskbook.taskbooks.models import Contact
from tests.taskbooks.bulk_helpers import NEW_MEASURE, csv_file, post_file, state

LONG = "x" * 301


@dataclass
class Ctx:
    people: Any
    plan: Any
    workplan: Any
    monkeypatch: Any

    @property
    def measure(self) -> Any:
        return self.workplan.measures[0]  # Commerce's, with two milestones

    @property
    def milestone(self) -> Any:
        return self.measure.milestones.order_by("date").first()

    def create(self, **change: Any) -> Any:
        """create_measure as the measure form calls it, with NEW_MEASURE's values and `change`."""
        fields = {
            "title": NEW_MEASURE["title"],
            "start_date": NEW_MEASURE["start_date"],
            "due_date": NEW_MEASURE["due_date"],
            "responsible": self.workplan.contacts["commerce"],
        }
        return create_measure(
            self.people.sam, self.plan.tasks.get(number="1"), self.people.commerce, **fields | change
        )

    def exported(self, **change: Any) -> list[dict[str, Any]]:
        """The export's rows of the measure (its row, then its milestones'), the measure row changed."""
        rows = [dict(zip(bulk.KEYS, r, strict=True)) for r in bulk.export_rows([self.measure])]
        rows[0] |= change
        return rows

    def exported_milestone(self, **change: Any) -> list[dict[str, Any]]:
        """The same, the first milestone's row changed."""
        rows = self.exported()
        rows[1] |= change
        return rows


def _nothing(ctx: Ctx) -> None:
    pass


@dataclass
class Rule:
    column: str
    letter: str
    form: Callable[[Ctx], Any]  # the action's call with the bad value
    sheet: Callable[[Ctx], list[dict[str, Any]]]  # the sheet's rows with the same value
    prepare: Callable[[Ctx], None] = _nothing
    user: str = "sam"
    unit: str = "commerce"
    words: list[str] = field(default_factory=list)  # some of the words the message must have


def _approve(ctx: Ctx) -> None:
    book = taskbook_for(ctx.plan, ctx.people.commerce)
    approve_taskbook(ctx.people.alice, submit_taskbook(ctx.people.carl, book))


def _cancel(ctx: Ctx) -> None:
    set_measure_status(None, ctx.measure, "cancelled", "Merged into another measure")


def _office_contact(ctx: Ctx) -> None:
    save_contact(None, ctx.people.office, name="Zhao Min")


def _june_2024(ctx: Ctx) -> None:
    ctx.monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: datetime.date(2024, 6, 1))


def _new(**change: Any) -> Callable[[Ctx], list[dict[str, Any]]]:
    return lambda ctx: [NEW_MEASURE | change]


def _new_milestone(**change: Any) -> Callable[[Ctx], list[dict[str, Any]]]:
    row = {"kind": "milestone", "milestone_date": "2024-05-01", "milestone_description": "Consulted"}
    return lambda ctx: [{**row, "measure_id": ctx.measure.pk, **change}]


def _add_milestone(**change: Any) -> Callable[[Ctx], Any]:
    values = {"date": "2024-05-01", "description": "Consulted"} | change
    return lambda ctx: add_milestone(ctx.people.sam, ctx.measure, **values)


RULES = {
    "title-empty": Rule("title", "E", lambda c: c.create(title=""), _new(title=""), words=["needs a title"]),
    "title-long": Rule("title", "E", lambda c: c.create(title=LONG), _new(title=LONG), words=["at most 300"]),
    "deliverable-long": Rule(
        "deliverable", "G", lambda c: c.create(deliverable=LONG), _new(deliverable=LONG), words=["301"]
    ),
    "start-outside-period": Rule(
        "start_date",
        "M",
        lambda c: c.create(start_date="2022-12-01"),
        _new(start_date="2022-12-01"),
        words=["outside the plan's period"],
    ),
    "due-outside-period": Rule(
        "due_date", "N", lambda c: c.create(due_date="2026-01-01"), _new(due_date="2026-01-01")
    ),
    "due-before-start": Rule(
        "due_date",
        "N",
        lambda c: c.create(start_date="2024-06-01", due_date="2024-05-01"),
        _new(start_date="2024-06-01", due_date="2024-05-01"),
        words=["before the start"],
    ),
    "start-not-a-date": Rule(
        "start_date",
        "M",
        lambda c: c.create(start_date="next week"),
        _new(start_date="next week"),
        words=["is not a date"],
    ),
    "start-missing": Rule(
        "start_date", "M", lambda c: c.create(start_date=""), _new(start_date=""), words=["date is needed"]
    ),
    "responsible-of-another-unit": Rule(
        "responsible",
        "H",
        lambda c: c.create(responsible=c.workplan.contacts["tech"]),
        _new(responsible="Chen Jing"),
        words=["“Chen Jing” is not a person of Municipal Bureau of Commerce"],
    ),
    "responsible-missing": Rule(
        "responsible", "H", lambda c: c.create(responsible=None), _new(responsible=""), words=["responsible"]
    ),
    "deputy-of-another-unit": Rule(
        "deputy", "L", lambda c: c.create(deputy=c.workplan.contacts["tech"]), _new(deputy="Chen Jing")
    ),
    "weight-zero": Rule("weight", "O", lambda c: c.create(weight="0"), _new(weight="0"), words=["1 to 100"]),
    "weight-not-a-number": Rule("weight", "O", lambda c: c.create(weight="heavy"), _new(weight="heavy")),
    "year-outside-period": Rule(
        "year", "D", lambda c: c.create(year="2030"), _new(year="2030"), words=["2030", "plan's period"]
    ),
    "year-not-a-year": Rule("year", "D", lambda c: c.create(year="soon"), _new(year="soon")),
    "task-not-of-the-unit": Rule(
        "task",
        "C",
        lambda c: create_measure(
            c.people.alice,
            c.plan.tasks.get(number="1"),
            c.people.office,
            title="x",
            start_date="2024-03-01",
            due_date="2024-09-30",
            responsible=Contact.objects.get(name="Zhao Min"),
        ),
        _new(responsible="Zhao Min", deputy=""),
        prepare=_office_contact,
        user="alice",
        unit="office",
        words=["neither the lead nor a participating unit of task 1"],
    ),
    "status-not-allowed": Rule(
        "status",
        "P",
        lambda c: set_measure_status(c.people.sam, c.measure, "done"),
        lambda c: c.exported(status="done"),
        prepare=_cancel,
        words=["cancelled cannot become done"],
    ),
    "cancel-without-reason": Rule(
        "cancel_reason",
        "Q",
        lambda c: set_measure_status(c.people.sam, c.measure, "cancelled", ""),
        lambda c: c.exported(status="cancelled", cancel_reason=""),
        words=["reason for cancelling"],
    ),
    "approved-date-without-reason": Rule(
        "change_reason",
        "R",
        lambda c: update_measure(c.people.sam, c.measure, version=c.measure.version, due_date="2024-07-31"),
        lambda c: c.exported(due_date="2024-07-31"),
        prepare=_approve,
        words=["The task book is approved", "due"],
    ),
    "milestone-outside-period": Rule(
        "milestone_date", "T", _add_milestone(date="2026-02-01"), _new_milestone(milestone_date="2026-02-01")
    ),
    "milestone-not-a-date": Rule(
        "milestone_date",
        "T",
        _add_milestone(date="31/12/2024"),
        _new_milestone(milestone_date="31/12/2024"),
        words=["is not a date"],
    ),
    "milestone-without-description": Rule(
        "milestone_description",
        "U",
        _add_milestone(description=""),
        _new_milestone(milestone_description=""),
        words=["Describe the milestone"],
    ),
    "milestone-description-long": Rule(
        "milestone_description",
        "U",
        _add_milestone(description=LONG),
        _new_milestone(milestone_description=LONG),
    ),
    "done-in-the-future": Rule(
        "done_on",
        "V",
        lambda c: complete_milestone(c.people.sam, c.milestone, done_on="2024-07-01"),
        lambda c: c.exported_milestone(done_on="2024-07-01"),
        prepare=_june_2024,
        words=["in the future"],
    ),
    "done-outside-period": Rule(
        "done_on",
        "V",
        lambda c: complete_milestone(c.people.sam, c.milestone, done_on="2026-01-05"),
        lambda c: c.exported_milestone(done_on="2026-01-05"),
        words=["outside the plan's period"],
    ),
}


@pytest.mark.parametrize("rule", RULES.values(), ids=RULES.keys())
def test_the_action_and_the_sheet_refuse_a_bad_value_in_the_same_words(
    client, people, plan, workplan, monkeypatch, rule
):
    ctx = Ctx(people, plan, workplan, monkeypatch)
    rule.prepare(ctx)
    before = state()
    with pytest.raises(ActionError) as refused:
        rule.form(ctx)
    client.force_login(getattr(people, rule.user))
    response = post_file(client, plan, getattr(people, rule.unit), csv_file(rule.sheet(ctx)), "rule.csv")
    assert response.status_code == 400, response.context.get("error")
    [error] = response.context["errors"]
    assert (error.column, error.letter, error.message) == (rule.column, rule.letter, refused.value.message)
    assert all(w in error.message for w in rule.words), error.message
    assert state() == before
