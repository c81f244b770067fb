"""Every change to measures, milestones, contacts, task books, change requests and feeds."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from taskbook.audit.events import Event
from taskbook.audit.record import record, snapshot
from taskbook.errors import ActionError
from taskbook.notifications import workflow
from taskbook.orgs.actors import Actor, user_of
from taskbook.orgs.models import Unit
from taskbook.orgs.permissions import (
    is_coordinator,
    may_admin_unit,
    may_edit_task,
    may_edit_unit_work,
    require,
)
from taskbook.plans.models import Plan, Task
from taskbook.targets.models import Target
from taskbook.taskbooks import validators
from taskbook.taskbooks.models import (
    TASKBOOK_TRANSITIONS,
    CarryOver,
    ChangeRequest,
    ChangeStatus,
    Contact,
    Measure,
    MeasureStatus,
    Milestone,
    TaskBook,
    TaskBookRevision,
    TaskBookStatus,
)
from taskbook.taskbooks.validators import BASELINED_FIELDS
from taskbook.uploads import EVIDENCE_KINDS, check_upload
from taskbook.values import text_value, whole_number
from taskbook.versions import ConflictError, check_version

# -- contacts -----------------------------------------------------------------------------


@transaction.atomic
def save_contact(
    actor: Actor,
    unit: Unit,
    *,
    name: str,
    position: str = "",
    phone: str = "",
    email: str = "",
    contact: Contact | None = None,
) -> Contact:
    require(may_admin_unit(actor, unit.pk))
    name = text_value(name, "name", 100, _("The name"), required=_("A contact needs a name."))
    position = text_value(position, "position", 100, _("The position"))
    phone = text_value(phone, "phone", 40, _("The phone number"))
    before = snapshot(contact) if contact else None
    contact = contact or Contact(unit=unit)
    if contact.unit_id != unit.pk:
        raise ActionError(_("This person belongs to another unit."))
    contact.name, contact.position, contact.phone = name, position, phone
    contact.email = email.strip()
    try:
        contact.full_clean(exclude=["unit", "user"])
    except ValidationError as exc:
        raise ActionError(" ".join(m for msgs in exc.message_dict.values() for m in msgs)) from exc
    contact.save()
    record(
        actor,
        Event.CONTACT_UPDATE if before else Event.CONTACT_CREATE,
        contact,
        before=before,
        after=snapshot(contact),
    )
    return contact


# -- task books ---------------------------------------------------------------------------


def taskbook_for(plan: Plan, unit: Unit) -> TaskBook:
    """The unit's task book for the plan; created, as a draft, the first time it is needed."""
    taskbook, _created = TaskBook.objects.get_or_create(plan=plan, unit=unit)
    return taskbook


def _approved(task: Task, unit_id: int) -> bool:
    return TaskBook.objects.filter(plan_id=task.plan_id, unit_id=unit_id, version__gt=0).exists()


def _content(taskbook: TaskBook) -> dict[str, Any]:
    measures = (
        Measure.objects.filter(task__plan=taskbook.plan, unit=taskbook.unit)
        .select_related("task", "responsible", "deputy")
        .prefetch_related("milestones")
    )
    return {
        "measures": [
            {
                "id": m.pk,
                "task": m.task.number,
                "title": m.title,
                "year": m.year,
                "start": str(m.start_date),
                "due": str(m.due_date),
                "responsible": str(m.responsible),
                "deputy": str(m.deputy or ""),
                "deliverable": m.deliverable,
                "status": m.status,
                "milestones": [
                    {"date": str(ms.date), "description": ms.description} for ms in m.milestones.all()
                ],
            }
            for m in measures
        ]
    }


TASKBOOK_EVENTS: dict[str, Event] = {
    TaskBookStatus.SUBMITTED: Event.TASKBOOK_SUBMITTED,
    TaskBookStatus.RETURNED: Event.TASKBOOK_RETURNED,
    TaskBookStatus.APPROVED: Event.TASKBOOK_APPROVED,
}


def _move(actor: Actor, taskbook: TaskBook, status: str, comment: str = "") -> TaskBook:
    taskbook = TaskBook.objects.select_for_update().get(pk=taskbook.pk)
    if status not in TASKBOOK_TRANSITIONS[taskbook.status]:
        raise ActionError(
            _("A %(old)s task book cannot be %(new)s.")
            % {"old": taskbook.get_status_display(), "new": TaskBookStatus(status).label}
        )
    before = snapshot(taskbook, ["status", "version", "comment"])
    taskbook.status = status
    if status == TaskBookStatus.APPROVED:
        taskbook.version += 1
    if status in {TaskBookStatus.RETURNED, TaskBookStatus.APPROVED}:
        taskbook.comment = comment
    taskbook.save()
    revision = TaskBookRevision.objects.create(
        taskbook=taskbook,
        status=status,
        version=taskbook.version,
        comment=comment,
        content=_content(taskbook),
        actor=user_of(actor),
    )
    record(
        actor,
        TASKBOOK_EVENTS[status],
        taskbook,
        before=before,
        after=snapshot(taskbook, ["status", "version", "comment"]),
    )
    workflow.taskbook_moved(actor, taskbook, status, f"rev{revision.pk}", comment)
    return taskbook


@transaction.atomic
def submit_taskbook(actor: Actor, taskbook: TaskBook) -> TaskBook:
    require(may_admin_unit(actor, taskbook.unit_id), _("Only the unit admin submits the unit's task book."))
    if not Measure.objects.filter(task__plan=taskbook.plan_id, unit=taskbook.unit_id).exists():
        raise ActionError(_("The task book has no measures yet: add at least one before submitting."))
    return _move(actor, taskbook, TaskBookStatus.SUBMITTED)


TASKBOOK_MOVES = ("submit", "approve", "return")


@transaction.atomic
def move_taskbook(actor: Actor, plan: Plan, unit: Unit, move: str, comment: str = "") -> TaskBook:
    """Submit, approve or return the unit's task book for the plan. A task book not made yet is made,
    as a draft, in the same transaction, so a refused move leaves no draft behind."""
    book = taskbook_for(plan, unit)
    if move == "submit":
        return submit_taskbook(actor, book)
    if move == "approve":
        return approve_taskbook(actor, book, comment)
    if move == "return":
        return return_taskbook(actor, book, comment)
    raise ActionError(_("Unknown move: %(move)s") % {"move": move})


@transaction.atomic
def return_taskbook(actor: Actor, taskbook: TaskBook, comment: str) -> TaskBook:
    require(is_coordinator(actor), _("Only the coordinator returns task books."))
    if not comment.strip():
        raise ActionError(_("Say what must be fixed: a returned task book needs a comment."), field="comment")
    return _move(actor, taskbook, TaskBookStatus.RETURNED, comment.strip())


@transaction.atomic
def approve_taskbook(actor: Actor, taskbook: TaskBook, comment: str = "") -> TaskBook:
    """Approve the task book; its dates become the baseline that later changes are measured against."""
    require(is_coordinator(actor), _("Only the coordinator approves task books."))
    taskbook = _move(actor, taskbook, TaskBookStatus.APPROVED, comment.strip())
    measures = Measure.objects.filter(task__plan=taskbook.plan_id, unit=taskbook.unit_id)
    for measure in measures.filter(baseline_due__isnull=True):
        measure.baseline_start, measure.baseline_due = measure.start_date, measure.due_date
        measure.save(update_fields=["baseline_start", "baseline_due"])
    Milestone.objects.filter(measure__in=measures, baseline_date__isnull=True).update(baseline_date=F("date"))
    return taskbook


# -- measures -----------------------------------------------------------------------------


@transaction.atomic
def create_measure(actor: Actor, task: Task, unit: Unit, **fields: Any) -> Measure:
    require(may_edit_unit_work(actor, unit.pk))
    if task.plan.status == "closed":
        raise ActionError(_("The plan is closed."))
    validators.unit_holds_task(task, unit)
    for name in ("title", "start_date", "due_date", "responsible"):
        fields.setdefault(name, None)
    clean = validators.measure_fields(task.plan, unit, fields)
    clean.setdefault("year", clean["start_date"].year)
    order = (Measure.objects.filter(task=task).aggregate(m=Max("order"))["m"] or 0) + 1
    measure = Measure(task=task, unit=unit, order=order, **clean)
    validators.measure_dates(measure.start_date, measure.due_date)
    measure.save()
    taskbook_for(task.plan, unit)
    record(actor, Event.MEASURE_CREATE, measure, after=snapshot(measure))
    return measure


@transaction.atomic
def update_measure(
    actor: Actor, measure: Measure, *, version: int, reason: str = "", **fields: Any
) -> tuple[Measure, list[ChangeRequest]]:
    """Apply an edit. Once the unit's task book is approved, a change to a baselined field becomes
    a change request for the coordinator (with `reason`), and the rest applies at once."""
    measure = Measure.objects.select_for_update().select_related("task__plan", "unit").get(pk=measure.pk)
    require(may_edit_unit_work(actor, measure.unit_id))
    check_version(measure, version, yours=fields)
    plan = measure.task.plan
    approved = _approved(measure.task, measure.unit_id)
    # A date past the plan's end is never applied at once, not even the coordinator's: it becomes a
    # change request beyond the plan period, so the decision is on record (before the task book is
    # approved the validator refuses it and says how to ask).
    clean = validators.measure_fields(plan, measure.unit, fields, past_end=approved)
    changed = {k: v for k, v in clean.items() if getattr(measure, k) != v}
    if not changed:
        return measure, []
    requests: list[ChangeRequest] = []
    if approved:
        late = validators.past_plan_end(plan, changed)
        asked = {
            k: v
            for k, v in changed.items()
            if k in BASELINED_FIELDS and (k in late or not is_coordinator(actor))
        }
        validators.change_reason(asked, reason)
        validators.measure_dates(
            clean.get("start_date", measure.start_date), clean.get("due_date", measure.due_date)
        )
        for name, value in asked.items():
            requests.append(
                open_change_request(actor, name, getattr(measure, name), value, reason, measure=measure)
            )
            del changed[name]
    before = snapshot(measure)
    for name, value in changed.items():
        setattr(measure, name, value)
    validators.measure_dates(measure.start_date, measure.due_date)
    if changed:
        measure.version += 1
        measure.save()
        record(actor, Event.MEASURE_UPDATE, measure, before=before, after=snapshot(measure))
    return measure, requests


def _json(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Contact):
        return {"id": value.pk, "name": str(value)}
    if isinstance(value, Decimal):
        return str(value)
    return value


def open_change_request(
    actor: Actor,
    field: str,
    old: Any,
    new: Any,
    reason: str,
    *,
    measure: Measure | None = None,
    target: Target | None = None,
) -> ChangeRequest:
    cr = ChangeRequest.objects.create(
        measure=measure,
        target=target,
        field=field,
        old_value=_json(old),
        new_value=_json(new),
        reason=reason.strip(),
        beyond_plan_period=_beyond_plan_period(field, new, measure, target),
        requested_by=user_of(actor),
    )
    record(actor, Event.CHANGE_REQUEST_CREATE, cr, after=snapshot(cr))
    return cr


def _beyond_plan_period(field: str, new: Any, measure: Measure | None, target: Target | None) -> bool:
    """Whether the change asks for a date (or a target year) after the end of its plan's period."""
    task = measure.task if measure is not None else target.task if target is not None else None
    end = task.plan.period_end if task is not None else None
    if end is None:
        return False
    if field == "target":
        year = (new or {}).get("year")
        return year is not None and int(year) > end.year
    return isinstance(new, datetime.date) and new > end


@transaction.atomic
def request_measure_change(
    actor: Actor, measure: Measure, field: str, value: Any, reason: str
) -> ChangeRequest:
    """Ask the coordinator to change a baselined field of a measure."""
    require(may_edit_unit_work(actor, measure.unit_id))
    if field not in BASELINED_FIELDS:
        raise ActionError(_("Only dates and responsible persons go through change requests."))
    if not reason.strip():
        raise ActionError(_("Give the reason for the change."), field="reason")
    clean = validators.measure_fields(measure.task.plan, measure.unit, {field: value}, past_end=True)
    return open_change_request(actor, field, getattr(measure, field), clean[field], reason, measure=measure)


@transaction.atomic
def set_measure_status(actor: Actor, measure: Measure, status: str, reason: str = "") -> Measure:
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    require(may_edit_unit_work(actor, measure.unit_id))
    cancel_reason = validators.status_change(measure.status, status, reason)
    before = snapshot(measure, ["status", "cancel_reason"])
    measure.status = status
    measure.cancel_reason = cancel_reason
    measure.version += 1
    measure.save()
    record(
        actor,
        Event.MEASURE_STATUS,
        measure,
        before=before,
        after=snapshot(measure, ["status", "cancel_reason"]),
    )
    return measure


@transaction.atomic
def reorder_measures(
    actor: Actor, task: Task, measure_ids: list[int], *, seen: list[int] | None = None
) -> None:
    """Put the task's measures in the order given; `seen` is the order the page showed, refused
    when someone has reordered, added or removed a measure since."""
    require(may_edit_task(actor, task), _("Only the lead unit orders the task's measures."))
    Task.objects.select_for_update().get(pk=task.pk)  # one reorder of a task at a time
    titles = dict(Measure.objects.filter(task=task).order_by("order", "pk").values_list("pk", "title"))
    current = list(titles)
    if seen is not None and seen != current:
        raise ConflictError(
            {"order": list(titles.values())},
            yours={"order": [titles.get(pk, "—") for pk in measure_ids]},
            labels={"order": _("Order of the measures")},
        )
    if sorted(current) != sorted(measure_ids):
        raise ActionError(_("The new order must list each of the task's measures once."))
    before = {"order": current}
    for position, pk in enumerate(measure_ids, start=1):
        Measure.objects.filter(pk=pk).update(order=position)
    record(actor, Event.TASK_REORDER_MEASURES, task, before=before, after={"order": measure_ids})


@transaction.atomic
def update_task_summary(actor: Actor, task: Task, summary: str, *, version: int | None = None) -> Task:
    """The lead unit's summary of how the task is carried out; `version` is the one its form showed."""
    require(may_edit_task(actor, task), _("Only the lead unit edits the task's own plan."))
    task = Task.objects.select_for_update().get(pk=task.pk)
    check_version(task, version, yours={"summary": summary}, field="summary_version")
    before = snapshot(task, ["summary"])
    task.summary = summary.strip()
    task.summary_version += 1
    task.save(update_fields=["summary", "summary_version"])
    record(actor, Event.TASK_SUMMARY, task, before=before, after=snapshot(task, ["summary"]))
    return task


@transaction.atomic
def delete_measure(actor: Actor, measure: Measure) -> None:
    """Only a measure that was never in an approved task book may be deleted; others are cancelled."""
    require(may_edit_unit_work(actor, measure.unit_id))
    if measure.baseline_due is not None:
        raise ActionError(_("This measure is in an approved task book: cancel it with a reason instead."))
    record(actor, Event.MEASURE_DELETE, measure, before=snapshot(measure))
    measure.delete()


@transaction.atomic
def carry_over(actor: Actor, plan: Plan, unit: Unit, from_year: int | str) -> list[CarryOver]:
    """Move a unit's unfinished measures of a year into the next year's work plan, with a record."""
    require(may_admin_unit(actor, unit.pk), _("Only the unit admin or the coordinator carries work over."))
    try:
        from_year = int(from_year)
    except (TypeError, ValueError) as exc:
        raise ActionError(_("Choose the year to close."), field="year") from exc
    to_year = from_year + 1
    if plan.period_end and to_year > plan.period_end.year:
        raise ActionError(
            _("%(y)s is the plan's last year: there is no next year to carry work into.") % {"y": from_year}
        )
    records = []
    unfinished = Measure.objects.select_for_update().filter(
        task__plan=plan,
        unit=unit,
        year=from_year,
        status__in=[MeasureStatus.NOT_STARTED, MeasureStatus.IN_PROGRESS],
    )
    for measure in unfinished:
        records.append(
            CarryOver.objects.create(
                measure=measure,
                from_year=from_year,
                to_year=to_year,
                status_then=measure.status,
                actor=user_of(actor),
            )
        )
        measure.year = to_year
        measure.version += 1
        measure.save(update_fields=["year", "version"])
        record(actor, Event.MEASURE_CARRY_OVER, measure, before={"year": from_year}, after={"year": to_year})
    return records


# -- milestones ---------------------------------------------------------------------------


@transaction.atomic
def add_milestone(actor: Actor, measure: Measure, *, date: Any, description: str) -> Milestone:
    require(may_edit_unit_work(actor, measure.unit_id))
    description = validators.milestone_description(description)
    milestone = Milestone.objects.create(
        measure=measure,
        date=validators.milestone_date(measure.task.plan, date, until=measure.due_date),
        description=description,
    )
    record(actor, Event.MILESTONE_CREATE, milestone, after=snapshot(milestone))
    return milestone


@transaction.atomic
def update_milestone(
    actor: Actor, milestone: Milestone, *, version: int, date: Any, description: str
) -> Milestone:
    milestone = (
        Milestone.objects.select_for_update().select_related("measure__task__plan").get(pk=milestone.pk)
    )
    require(may_edit_unit_work(actor, milestone.measure.unit_id))
    check_version(milestone, version, yours={"date": date, "description": description})
    before = snapshot(milestone)
    milestone.date = validators.milestone_date(
        milestone.measure.task.plan, date, until=milestone.measure.due_date
    )
    milestone.description = validators.milestone_description(description)
    milestone.version += 1
    milestone.save()
    record(actor, Event.MILESTONE_UPDATE, milestone, before=before, after=snapshot(milestone))
    return milestone


@transaction.atomic
def complete_milestone(
    actor: Actor,
    milestone: Milestone,
    *,
    done_on: Any,
    evidence: bytes | None = None,
    evidence_name: str = "",
) -> Milestone:
    """Mark a milestone done, with an evidence file checked by its content and size."""
    milestone = (
        Milestone.objects.select_for_update().select_related("measure__task__plan").get(pk=milestone.pk)
    )
    require(may_edit_unit_work(actor, milestone.measure.unit_id))
    done = validators.milestone_done_on(
        milestone.measure.task.plan, done_on, until=milestone.measure.due_date
    )
    if evidence is not None:
        check_upload(evidence, evidence_name, EVIDENCE_KINDS)
    before = snapshot(milestone)
    milestone.done_on = done
    if evidence is not None:
        suffix = evidence_name[evidence_name.rfind(".") :].lower()
        milestone.evidence.save(f"milestone-{milestone.pk}{suffix}", ContentFile(evidence), save=False)
        milestone.evidence_name = evidence_name
    milestone.version += 1
    milestone.save()
    record(actor, Event.MILESTONE_DONE, milestone, before=before, after=snapshot(milestone))
    return milestone


@transaction.atomic
def reopen_milestone(actor: Actor, milestone: Milestone) -> Milestone:
    require(may_edit_unit_work(actor, milestone.measure.unit_id))
    before = snapshot(milestone)
    milestone.done_on = None
    milestone.version += 1
    milestone.save()
    record(actor, Event.MILESTONE_REOPEN, milestone, before=before, after=snapshot(milestone))
    return milestone


@transaction.atomic
def delete_milestone(actor: Actor, milestone: Milestone) -> None:
    require(may_edit_unit_work(actor, milestone.measure.unit_id))
    if milestone.baseline_date is not None:
        raise ActionError(_("This milestone is in an approved task book and cannot be deleted."))
    record(actor, Event.MILESTONE_DELETE, milestone, before=snapshot(milestone))
    milestone.delete()


# -- change requests ----------------------------------------------------------------------


@transaction.atomic
def decide_change(actor: Actor, change: ChangeRequest, *, approve: bool, comment: str = "") -> ChangeRequest:
    require(is_coordinator(actor), _("Only the coordinator decides on changes to an approved task book."))
    change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    if change.status != ChangeStatus.PENDING:
        raise ActionError(_("This change request has already been decided."))
    if not approve and not comment.strip():
        raise ActionError(_("Say why the change is rejected."), field="comment")
    if approve:
        _apply(actor, change)
    before = snapshot(change, ["status"])
    change.status = ChangeStatus.APPROVED if approve else ChangeStatus.REJECTED
    change.decided_by = user_of(actor)
    change.decided_at = timezone.now()
    change.decision_comment = comment.strip()
    change.save()
    event = Event.CHANGE_REQUEST_APPROVED if approve else Event.CHANGE_REQUEST_REJECTED
    record(actor, event, change, before=before, after=snapshot(change))
    workflow.change_decided(actor, change)
    return change


def _apply(actor: Actor, change: ChangeRequest) -> None:
    if change.target_id:
        target = Target.objects.select_for_update().get(pk=change.target_id)
        before = snapshot(target, ["value", "year"])
        new = change.new_value or {}
        checked = validators.target_change(new.get("value"), new.get("year"))
        target.value = Decimal(checked["value"])
        target.year = checked["year"]
        target.save(update_fields=["value", "year"])
        record(actor, Event.TARGET_UPDATE, target, before=before, after=snapshot(target, ["value", "year"]))
        return
    assert change.measure_id is not None  # a change request is of a target or of a measure
    measure = (
        Measure.objects.select_for_update().select_related("task__plan", "unit").get(pk=change.measure_id)
    )
    value = change.new_value
    if change.field in {"responsible", "deputy"}:
        value = Contact.objects.filter(pk=value["id"], unit=measure.unit).first() if value else None
        if change.field == "responsible" and value is None:
            raise ActionError(_("That person is no longer a person of the unit."))
    else:
        value = validators.measure_field(
            measure.task.plan, measure.unit, change.field, value, past_end=change.beyond_plan_period
        )
    before = snapshot(measure)
    setattr(measure, change.field, value)
    validators.measure_dates(measure.start_date, measure.due_date)
    measure.version += 1
    measure.save()
    record(actor, Event.MEASURE_UPDATE, measure, before=before, after=snapshot(measure))


@transaction.atomic
def set_measure_progress(actor: Actor, measure: Measure, progress: Any) -> Measure:
    """A unit reports how far one of its measures has come (0-100)."""
    require(may_edit_unit_work(actor, measure.unit_id))
    value = whole_number(progress, "progress", _("Progress is a whole percent from 0 to 100."), 0, 100)
    before = snapshot(measure, ["progress"])
    measure.progress = value
    measure.version += 1
    measure.save(update_fields=["progress", "version", "updated_at"])
    record(actor, Event.MEASURE_PROGRESS, measure, before=before, after=snapshot(measure, ["progress"]))
    return measure
