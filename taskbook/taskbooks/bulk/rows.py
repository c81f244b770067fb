"""Checking one measure row or milestone row against the plan, the unit and its records.

The values are checked by the validators that the actions use (taskbooks.validators), so a bad value
gets the same words from the sheet as from a form; their field becomes the sheet's column. What only a
sheet can get wrong (a name that is not a contact, an unknown record number, a column on the wrong
kind of row) is checked here. Every fault is collected, not only the first.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any, ParamSpec, TypeVar

from django.utils.translation import gettext as _

from taskbook.errors import ActionError
from taskbook.orgs.models import Unit
from taskbook.orgs.permissions import is_coordinator
from taskbook.plans.models import Plan, Task
from taskbook.taskbooks import validators
from taskbook.taskbooks.bulk.changes import MeasureChange, MilestoneChange
from taskbook.taskbooks.bulk.columns import (
    INFORMATIONAL,
    KEYS,
    MEASURE_COLUMNS,
    MEASURE_FIELD_COLUMNS,
    MILESTONE_COLUMNS,
    MILESTONE_FIELD_COLUMNS,
    STATUS_FIELD_COLUMNS,
)
from taskbook.taskbooks.bulk.faults import RowError, fault
from taskbook.taskbooks.bulk.parsing import (
    Row,
    name_key,
    record_id,
    same_text,
    sheet_date,
    status_words,
    task_key,
)
from taskbook.taskbooks.models import ChangeRequest, ChangeStatus, Contact, Measure, MeasureStatus, TaskBook

P = ParamSpec("P")
T = TypeVar("T")

# The columns a new measure cannot do without, even when the file leaves them out.
NEW_MEASURE_NEEDS = {"title", "responsible", "start_date", "due_date"}
TEXTS = {"title", "description", "deliverable"}
_NOTHING = object()


class RowChecker:
    """Checks rows one at a time; what they are checked against is read once, in a fixed number of
    queries. `errors` collects every fault."""

    def __init__(self, actor, plan: Plan, unit: Unit, letters: dict[str, str]) -> None:
        self.plan, self.unit, self.letters = plan, unit, letters
        self.errors: list[RowError] = []
        tasks = Task.objects.filter(plan=plan).prefetch_related("task_units")
        self.tasks = {task_key(t.number): t for t in tasks}
        self.contacts: dict[str, list[Contact]] = {}
        for contact in Contact.objects.filter(unit=unit):
            self.contacts.setdefault(name_key(contact.name), []).append(contact)
        measures = (
            Measure.objects.filter(task__plan=plan, unit=unit)
            .select_related("task", "responsible", "deputy")
            .prefetch_related("milestones")
        )
        self.measures = {m.pk: m for m in measures}
        approved = TaskBook.objects.filter(plan=plan, unit=unit, version__gt=0).exists()
        # Whether a changed date or person waits for the coordinator (update_measure decides the same).
        self.needs_request = approved and not is_coordinator(actor)
        # Changes already awaiting the coordinator: importing the same file again must not ask twice.
        self.pending: dict[tuple[int | None, str], Any] = {}
        if self.needs_request:
            for change in ChangeRequest.objects.filter(
                measure__in=list(self.measures), status=ChangeStatus.PENDING
            ).order_by("requested_at", "id"):
                self.pending[(change.measure_id, change.field)] = change.new_value

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, message, self.letters.get(column, "")))

    def attempt(
        self, row: int, columns: Mapping[str, str], check: Callable[P, T], *args: P.args, **kwargs: P.kwargs
    ) -> T | None:
        """What `check` returns, or None after its fault is recorded in the column its field stands for."""
        try:
            return check(*args, **kwargs)
        except ActionError as exc:
            self.errors.append(fault(row, exc, columns, self.letters))
            return None

    # ---- values that only a sheet has

    def person(self, row: Row, key: str) -> Contact | None:
        """The contact named in the column, None for an empty cell; ActionError for anyone else."""
        name = str(row.values.get(key, ""))
        if not name:
            return None
        found = self.contacts.get(name_key(name), [])
        if len(found) > 1 and key == "responsible":
            # Two people of one name: the row's contact details tell them apart.
            details = {k: str(row.values.get(k, "")).casefold() for k in INFORMATIONAL if row.values.get(k)}
            found = [
                c for c in found if all(str(getattr(c, k)).casefold() == v for k, v in details.items())
            ] or found
        if not found:
            raise validators.not_of_unit(name, self.unit, key)
        if len(found) > 1:
            raise ActionError(
                _("%(unit)s has %(n)d people called “%(name)s”: give their position, phone or e-mail too.")
                % {"unit": self.unit, "n": len(found), "name": name},
                field=key,
            )
        return found[0]

    def measure_value(self, row: Row, key: str) -> Any:
        """The measure's field as the validators clean it from the cell; people by their names."""
        value = row.values.get(key, "")
        if key in ("responsible", "deputy"):
            value = self.person(row, key)
        elif key in ("start_date", "due_date"):
            value = sheet_date(value)
        return validators.measure_field(self.plan, self.unit, key, value)

    def status(self, row: Row) -> str | None:
        value = str(row.values.get("status", "")).strip()
        if not value:
            return None
        status = status_words().get(value.casefold())
        if status is None:
            self.error(
                row.number,
                "status",
                _("Unknown status “%(v)s”: use not_started, in_progress, done or cancelled.") % {"v": value},
            )
        return status

    def leftovers(self, row: Row, keys: set[str], where: str) -> None:
        for key in sorted(keys, key=KEYS.index):
            if row.values.get(key, "") != "":
                if where == "milestone":
                    message = _("This column belongs on a measure row; leave it empty on a milestone row.")
                else:
                    message = _("This column belongs on a milestone row; leave it empty on a measure row.")
                self.error(row.number, key, message)

    # ---- rows

    def measure_row(self, row: Row) -> MeasureChange | None:
        n = row.number
        before = len(self.errors)
        self.leftovers(row, MILESTONE_COLUMNS, "measure")
        measure: Measure | None = None
        raw_id = str(row.values.get("measure_id", ""))
        if raw_id:
            measure = self.measures.get(record_id(raw_id) or 0)
            if measure is None:
                self.error(
                    n,
                    "measure_id",
                    _(
                        "There is no measure %(id)s of %(unit)s in this plan: leave the column empty for "
                        "a new measure."
                    )
                    % {"id": raw_id, "unit": self.unit},
                )
                return None
        new = measure is None
        task = self.task(row, measure)
        proposed: dict[str, Any] = {}
        for key in validators.MEASURE_FIELDS:
            if key not in row.values and not (new and key in NEW_MEASURE_NEEDS):
                continue  # a column left out of the file: the value stays as it is
            if key in ("year", "weight") and row.values.get(key, "") == "":
                continue  # empty: the start date's year or 1 for a new measure, else unchanged
            proposed[key] = self.attempt(n, MEASURE_FIELD_COLUMNS, self.measure_value, row, key)
        start = proposed.get("start_date") or (measure.start_date if measure else None)
        due = proposed.get("due_date") or (measure.due_date if measure else None)
        if start and due:
            self.attempt(n, MEASURE_FIELD_COLUMNS, validators.measure_dates, start, due)
        status = self.status(row)
        cancel_reason = str(row.values.get("cancel_reason", ""))
        change_reason = str(row.values.get("change_reason", ""))
        if len(self.errors) > before:
            return None

        change = MeasureChange(
            row=n, measure=measure, task=task, cancel_reason=cancel_reason, change_reason=change_reason
        )
        current_status = measure.status if measure else MeasureStatus.NOT_STARTED
        if measure is None:
            change.fields = proposed
        else:
            change.fields = {
                k: v
                for k, v in proposed.items()
                if not (
                    same_text(v or "", getattr(measure, k) or "") if k in TEXTS else getattr(measure, k) == v
                )
            }
            if self.needs_request:
                for key in set(change.fields) & validators.BASELINED_FIELDS:
                    if _is_pending(self.pending.get((measure.pk, key), _NOTHING), change.fields[key]):
                        del change.fields[key]  # asked for already, with a pending change request
                self.attempt(n, MEASURE_FIELD_COLUMNS, validators.change_reason, change.fields, change_reason)
        if status and status != current_status:
            self.attempt(
                n, STATUS_FIELD_COLUMNS, validators.status_change, current_status, status, cancel_reason
            )
            change.status = status
        return change if len(self.errors) == before else None

    def task(self, row: Row, measure: Measure | None) -> Task | None:
        value = str(row.values.get("task", ""))
        if measure is not None:
            if value and task_key(value) != task_key(measure.task.number):
                self.error(
                    row.number,
                    "task",
                    _("Measure %(id)s belongs to task %(old)s; it cannot move to task %(new)s here.")
                    % {"id": measure.pk, "old": measure.task.number, "new": value},
                )
            return measure.task
        if not value:
            self.error(row.number, "task", _("Give the task's number as printed in the plan."))
            return None
        task = self.tasks.get(task_key(value))
        if task is None:
            self.error(row.number, "task", _("The plan has no task numbered “%(n)s”.") % {"n": value})
            return None
        before = len(self.errors)
        self.attempt(row.number, MEASURE_FIELD_COLUMNS, validators.unit_holds_task, task, self.unit)
        return task if len(self.errors) == before else None

    def milestone_row(
        self, row: Row, parent: Measure | None, parent_known: bool = True
    ) -> MilestoneChange | None:
        """The milestone's change; `parent` is None for a new measure, and `parent_known` False when
        the measure row above has faults (the row's own values are still checked)."""
        n = row.number
        before = len(self.errors)
        self.leftovers(row, MEASURE_COLUMNS, "milestone")
        present = set(row.values)
        milestone = None
        raw_id = str(row.values.get("milestone_id", ""))
        if raw_id and parent_known:
            if parent is None:
                self.error(
                    n, "milestone_id", _("A new measure has no milestones yet: leave milestone_id empty.")
                )
                return None
            milestone = next((m for m in parent.milestones.all() if m.pk == record_id(raw_id)), None)
            if milestone is None:
                self.error(
                    n,
                    "milestone_id",
                    _("Measure %(m)s has no milestone %(id)s: leave the column empty for a new milestone.")
                    % {"m": parent.pk, "id": raw_id},
                )
                return None
        new = milestone is None
        columns = MILESTONE_FIELD_COLUMNS
        day = description = done_on = None
        if new or "milestone_date" in present:
            value = sheet_date(row.values.get("milestone_date", ""))
            day = self.attempt(n, columns, validators.milestone_date, self.plan, value)
        if new or "milestone_description" in present:
            value = row.values.get("milestone_description", "")
            description = self.attempt(n, columns, validators.milestone_description, value)
        if row.values.get("done_on", "") != "":  # empty: not reached (yet)
            value = sheet_date(row.values["done_on"])
            done_on = self.attempt(n, columns, validators.milestone_done_on, self.plan, value)
        if len(self.errors) > before:
            return None
        change = MilestoneChange(row=n, milestone=milestone)
        if milestone is None:
            change.date, change.description = day, description
        else:
            if day is not None and day != milestone.date:
                change.date = day
            if description and not same_text(description, milestone.description):
                change.description = description
        if "done_on" in present:
            current = milestone.done_on if milestone else None
            if done_on != current:
                change.set_done, change.done_on = True, done_on
        return change


def _is_pending(requested: Any, value: Any) -> bool:
    """Whether a pending change request (its new value as stored) asks for `value` already."""
    if requested is _NOTHING:
        return False
    if isinstance(value, Contact):
        return isinstance(requested, dict) and requested.get("id") == value.pk
    if isinstance(value, datetime.date):
        return requested == value.isoformat()
    return requested == value
