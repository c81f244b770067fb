"""One rule, one message: each bad value is refused by the action (as a form or the API gives it) and by
a bulk sheet in the same words, and the sheet names the column, and its letter, that the value is in."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from taskbook.errors import ActionError
from taskbook.orgs.actors import SYSTEM
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
    set_measure_status(SYSTEM, ctx.measure, "cancelled", "Merged into another measure")


def _office_contact(ctx: Ctx) -> None:
    save_contact(SYSTEM, ctx.people.office, name="Zhao Min")


def _june_2024(ctx: Ctx) -> None:
    ctx.monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: datetime.date(2024, 6, 1))


def _new(**change: Any) -> Callable[[Ctx], list[dict[str, Any]]]:
    return lambda ctx: [NEW_MEASURE | change]


def _measure(
    column: str, letter: str, value: Any, *words: str, form: Callable[[Ctx], Any] | None = None
) -> Rule:
    """A new measure with `value` in one field: in the action's call (`form` when a form gives it
    otherwise, e.g. a person as a contact) and in the sheet's column of the same key."""
    given = form or (lambda ctx: value)
    return Rule(
        column, letter, lambda c: c.create(**{column: given(c)}), _new(**{column: value}), words=[*words]
    )


def _milestone(name: str, value: str, *words: str) -> Rule:
    """A new milestone of the measure with `value` in `name` (date or description) of add_milestone."""
    column, letter = {"date": ("milestone_date", "T"), "description": ("milestone_description", "U")}[name]
    values = {"date": "2024-05-01", "description": "Consulted"}
    row = {"kind": "milestone", "milestone_date": "2024-05-01", "milestone_description": "Consulted"}
    return Rule(
        column,
        letter,
        lambda c: add_milestone(c.people.sam, c.measure, **values | {name: value}),
        lambda c: [row | {"measure_id": c.measure.pk, column: value}],
        words=[*words],
    )


def _done_on(value: str, *words: str, prepare: Callable[[Ctx], None] = _nothing) -> Rule:
    """The measure's first milestone marked done on `value`."""
    return Rule(
        "done_on",
        "V",
        lambda c: complete_milestone(c.people.sam, c.milestone, done_on=value),
        lambda c: c.exported_milestone(done_on=value),
        prepare=prepare,
        words=[*words],
    )


RULES = {
    "title-empty": _measure("title", "E", "", "needs a title"),
    "title-long": _measure("title", "E", LONG, "at most 300"),
    "deliverable-long": _measure("deliverable", "G", LONG, "301 characters"),
    "start-outside-period": _measure("start_date", "M", "2022-12-01", "outside the plan's period"),
    "due-outside-period": _measure("due_date", "N", "2026-01-01", "outside the plan's period"),
    "start-not-a-date": _measure("start_date", "M", "next week", "is not a date"),
    "start-missing": _measure("start_date", "M", "", "date is needed"),
    "responsible-of-another-unit": _measure(
        "responsible",
        "H",
        "Chen Jing",
        "“Chen Jing” is not a person of Municipal Bureau of Commerce",
        form=lambda c: c.workplan.contacts["tech"],
    ),
    "responsible-missing": _measure("responsible", "H", "", "responsible person", form=lambda c: None),
    "deputy-of-another-unit": _measure(
        "deputy", "L", "Chen Jing", "is not a person of", form=lambda c: c.workplan.contacts["tech"]
    ),
    "weight-zero": _measure("weight", "O", "0", "1 to 100"),
    "weight-not-a-number": _measure("weight", "O", "heavy", "1 to 100"),
    "year-outside-period": _measure("year", "D", "2030", "2030", "plan's period"),
    "year-not-a-year": _measure("year", "D", "soon", "not a year"),
    "due-before-start": Rule(
        "due_date",
        "N",
        lambda c: c.create(start_date="2024-06-01", due_date="2024-05-01"),
        _new(start_date="2024-06-01", due_date="2024-05-01"),
        words=["before the start"],
    ),
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
    "milestone-outside-period": _milestone("date", "2026-02-01", "outside the plan's period"),
    "milestone-not-a-date": _milestone("date", "31/12/2024", "is not a date"),
    "milestone-without-description": _milestone("description", "", "Describe the milestone"),
    "milestone-description-long": _milestone("description", LONG, "at most 300"),
    "done-in-the-future": _done_on("2024-07-01", "in the future", prepare=_june_2024),
    "done-outside-period": _done_on("2026-01-05", "outside the plan's period"),
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
