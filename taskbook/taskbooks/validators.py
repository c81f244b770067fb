"""The rules for the input of measures and milestones, each in one place. The actions call them, and the
bulk import checks every row of a sheet with them (taskbooks.bulk.rows), so a bad value gets the same
words from a form and from a sheet.

Each function is pure: it may read (a contact by its number), never writes, and refuses a value with an
ActionError whose `field` is the action's name for it (the sheet maps it to its column).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from taskbook.errors import ActionError
from taskbook.orgs.models import Unit
from taskbook.plans.models import Plan, Task
from taskbook.taskbooks.models import (
    MEASURE_TRANSITIONS,
    Contact,
    MeasureStatus,
    measure_field_label,
)
from taskbook.values import date_value, decimal_value, text_value, whole_number, year_value

# The fields of a measure that create_measure and update_measure take, in the order they are checked
# (the model's, which is also the order of the bulk format's columns).
MEASURE_FIELDS = (
    "year",
    "title",
    "description",
    "deliverable",
    "responsible",
    "deputy",
    "start_date",
    "due_date",
    "weight",
)
# Fields that, once a task book is approved, change only through a change request.
BASELINED_FIELDS = {"start_date", "due_date", "responsible", "deputy"}
# A measure's dates: the fields that may be asked for past the plan's end.
DATE_FIELDS = ("start_date", "due_date")
TEXT_LIMIT = 300  # the longest title, deliverable or milestone description the models keep


# -- values -------------------------------------------------------------------------------


def text(value: Any, field: str, limit: int | None = None, required: str = "") -> str:
    """Text without the space around it, of at most `limit` characters; `required` is the message
    for an empty one, when it must not be empty."""
    return text_value(value, field, limit, required=required)


def plan_date(plan: Plan, value: Any, field: str, *, past_end: bool = False) -> datetime.date:
    """A date given as a date or as YYYY-MM-DD text, which must fall within the plan's period; with
    `past_end` (a change request the coordinator decides) it may also fall after the plan's end."""
    if value is None or str(value).strip() == "":
        raise ActionError(_("A date is needed here."), field=field)
    day = date_value(value, field)
    start, end = plan.period_start, plan.period_end
    if not (start and end) or start <= day <= end or (past_end and day > end):
        return day
    words = {"date": day, "start": start, "end": end}
    if day > end and field in DATE_FIELDS:
        raise ActionError(
            _(
                "%(date)s is outside the plan's period (%(start)s to %(end)s). Work can be planned past "
                "the plan's end only as a change request beyond the plan period, which the coordinator "
                "decides: once the unit's task book is approved, change the date on the measure's page, "
                "with a reason."
            )
            % words,
            field=field,
        )
    raise ActionError(_("%(date)s is outside the plan's period (%(start)s to %(end)s).") % words, field=field)


def past_plan_end(plan: Plan, fields: Mapping[str, Any]) -> set[str]:
    """Which of a measure's dates in `fields` fall after the plan's end."""
    end = plan.period_end
    return {
        name
        for name in DATE_FIELDS
        if end is not None and isinstance(fields.get(name), datetime.date) and fields[name] > end
    }


def not_of_unit(name: str, unit: Unit, field: str) -> ActionError:
    """The fault of a person who is not one of the unit's contacts (a sheet names people by name)."""
    return ActionError(
        _(
            "“%(name)s” is not a person of %(unit)s: add them to the unit's contacts first, "
            "or check the spelling."
        )
        % {"name": name, "unit": unit},
        field=field,
    )


def person_of_unit(value: Any, unit: Unit, field: str) -> Contact | None:
    """A contact, given as one or by its number, who must be a person of the unit; None for no one."""
    if value is None:
        return None
    contact = value
    if not isinstance(contact, Contact):
        try:
            contact = Contact.objects.get(pk=int(value))
        except (TypeError, ValueError, Contact.DoesNotExist) as exc:
            raise ActionError(_("Choose a person of the unit."), field=field) from exc
    if contact.unit_id != unit.pk:
        raise not_of_unit(contact.name, unit, field)
    return contact


# -- target changes -----------------------------------------------------------------------


def target_change(value: Any, year: Any) -> dict[str, Any]:
    """A target's new value and year as a change request keeps them, each checked as the target holds
    it; the decision checks them again, so a request kept before a bound existed cannot break it."""
    new_value = decimal_value(value, "value")
    new_year = year_value(year, "year") if str(year if year is not None else "").strip() else None
    return {"value": str(new_value), "year": new_year}


# -- measures -----------------------------------------------------------------------------


def measure_year(plan: Plan, value: Any) -> int:
    year = year_value(value, "year", _("The year is not a year."))
    if plan.period_start and plan.period_end and not plan.period_start.year <= year <= plan.period_end.year:
        raise ActionError(_("The year %(y)s is outside the plan's period.") % {"y": year}, field="year")
    return year


def measure_field(plan: Plan, unit: Unit, name: str, value: Any, *, past_end: bool = False) -> Any:
    """One field of a measure of `unit` in `plan`, as it is saved; `past_end` lets a date fall after
    the plan's end (a change request beyond the plan period)."""
    if name == "year":
        return measure_year(plan, value)
    if name == "title":
        return text(value, name, TEXT_LIMIT, required=_("A measure needs a title."))
    if name == "description":
        return text(value, name)
    if name == "deliverable":
        return text(value, name, TEXT_LIMIT)
    if name in ("responsible", "deputy"):
        person = person_of_unit(value, unit, name)
        if person is None and name == "responsible":
            raise ActionError(_("A measure needs a responsible person."), field=name)
        return person
    if name in ("start_date", "due_date"):
        return plan_date(plan, value, name, past_end=past_end)
    if name == "weight":
        return whole_number(value, name, _("The weight is a whole number from 1 to 100."), 1, 100)
    raise ActionError(_("Unknown fields: %(f)s") % {"f": name})


def measure_fields(
    plan: Plan, unit: Unit, fields: Mapping[str, Any], *, past_end: bool = False
) -> dict[str, Any]:
    """A measure's fields checked against the plan's period and its unit; the first fault raises."""
    unknown = set(fields).difference(MEASURE_FIELDS)
    if unknown:
        raise ActionError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    return {
        name: measure_field(plan, unit, name, fields[name], past_end=past_end)
        for name in MEASURE_FIELDS
        if name in fields
    }


def measure_dates(start: datetime.date, due: datetime.date) -> None:
    if due < start:
        raise ActionError(
            _("The due date %(due)s is before the start %(start)s.") % {"due": due, "start": start},
            field="due_date",
        )


def unit_holds_task(task: Task, unit: Unit) -> None:
    """A unit's measures belong to tasks it leads or takes part in."""
    if task.role_of(unit.pk) is None:
        raise ActionError(
            _("%(unit)s is neither the lead nor a participating unit of task %(n)s.")
            % {"unit": unit, "n": task.number},
            field="task",
        )


def change_reason(fields: Iterable[str], reason: str) -> None:
    """Once the task book is approved, a change to a baselined field waits for the coordinator's
    decision, and needs a reason; `fields` are the fields that change."""
    baselined = [name for name in MEASURE_FIELDS if name in BASELINED_FIELDS and name in set(fields)]
    if baselined and not reason.strip():
        raise ActionError(
            _(
                "The task book is approved: give a reason, and the coordinator will decide on "
                "the change to %(f)s."
            )
            % {"f": ", ".join(measure_field_label(name) for name in baselined)},
            field="reason",
        )


def _status_label(status: str) -> str:
    return str(MeasureStatus(status).label) if status in MeasureStatus.values else status


def status_change(current: str, new: str, reason: str) -> str:
    """Whether a measure may move from status `current` to `new`; the cancel reason to keep (empty
    unless it is cancelled, when a reason is needed)."""
    if new not in MEASURE_TRANSITIONS.get(current, set()):
        raise ActionError(
            _("A measure that is %(old)s cannot become %(new)s.")
            % {"old": _status_label(current), "new": _status_label(new)},
            field="status",
        )
    if new != MeasureStatus.CANCELLED:
        return ""
    if not reason.strip():
        raise ActionError(_("Give the reason for cancelling the measure."), field="reason")
    return reason.strip()


# -- milestones ---------------------------------------------------------------------------


def _past_end_until(plan: Plan, value: Any, field: str, until: datetime.date | None) -> datetime.date:
    """A date of the plan's period, or after its end up to `until`: the due date of a measure that
    the coordinator let run past the plan's end (its milestones run with it)."""
    end = plan.period_end
    if until is None or end is None or until <= end:
        return plan_date(plan, value, field)
    day = plan_date(plan, value, field, past_end=True)
    if day > until:
        raise ActionError(
            _("%(date)s is after the measure's due date (%(due)s).") % {"date": day, "due": until},
            field=field,
        )
    return day


def milestone_date(plan: Plan, value: Any, *, until: datetime.date | None = None) -> datetime.date:
    """A milestone's date: in the plan's period, or up to `until`, the due date of its measure when
    that runs past the plan's end."""
    return _past_end_until(plan, value, "date", until)


def milestone_description(value: Any) -> str:
    return text(value, "description", TEXT_LIMIT, required=_("Describe the milestone."))


def milestone_done_on(plan: Plan, value: Any, *, until: datetime.date | None = None) -> datetime.date:
    """The day a milestone was reached: within the plan's period (or up to `until`, as for its
    date), and not after today."""
    day = _past_end_until(plan, value, "done_on", until)
    if day > timezone.localdate():
        raise ActionError(_("A milestone cannot be done in the future."), field="done_on")
    return day
