"""Workflow events told at once to the people who must act next: a report submitted (to the
coordinators), returned, accepted or amended (to the unit's admins and the staff who wrote it); a task
book submitted (to the coordinators), returned or approved (to the unit's admins); a change request
decided (to whoever asked and the unit's admins); the coordinator's reminder (催办) and a draft ready
to submit (to the unit's admins).

Each person told gets one notification in their inbox and, unless they turned that kind off on
their account page, one e-mail; the chat groups of the unit (or of the office) get one message each.
The actor is not told about their own act, and nobody twice about one event: the recipients are
gathered by person first, and every notification's key names the event, so an event recorded again
records nothing. The actions call these inside their transaction; what is to be sent goes out after
the commit, through the daily job's delivery (jobs.deliver_and_follow_up). jobs and actions are
imported as modules, not names: they import this module in turn, and the scheduler imports jobs first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from taskbook.accounts.models import wants_email
from taskbook.audit.events import Event
from taskbook.audit.models import AuditEvent
from taskbook.notifications import actions, delivery, jobs
from taskbook.notifications.models import Channel, Kind, Webhook
from taskbook.orgs.actors import Actor, user_of
from taskbook.orgs.models import Membership, Role
from taskbook.plans.models import TaskUnit, TaskUnitRole
from taskbook.reporting.models import ProgressReport
from taskbook.taskbooks.models import ChangeRequest, ChangeStatus, TaskBook

# -- who --------------------------------------------------------------------------------------


def _people(memberships: Any) -> list[User]:
    rows = memberships.filter(user__is_active=True).select_related("user__profile").order_by("user_id")
    return list({row.user_id: row.user for row in rows}.values())


def unit_admins(unit_id: int) -> list[User]:
    return _people(Membership.objects.filter(unit_id=unit_id, role=Role.UNIT_ADMIN))


def report_writers(report: ProgressReport) -> list[User]:
    """The unit's members who saved the report's draft (its audit events), still in the unit."""
    writers = AuditEvent.objects.filter(
        action=Event.REPORT_SAVE, object_type="reporting.progressreport", object_id=str(report.pk)
    ).values("actor_id")
    return _people(
        Membership.objects.filter(
            unit_id=report.unit_id, role__in=[Role.UNIT_ADMIN, Role.UNIT_STAFF], user_id__in=writers
        )
    )


def unit_webhooks(unit_id: int) -> list[Webhook]:
    return list(Webhook.objects.filter(active=True, unit_id=unit_id).order_by("pk"))


# -- what -------------------------------------------------------------------------------------


@dataclass
class Told:
    """One event: what it is about, its words, and everyone it goes to."""

    kind: str
    event: str  # unique to the event, for the keys: e.g. the revision the move recorded
    actor: Actor
    report: ProgressReport | None = None
    taskbook: TaskBook | None = None
    change: ChangeRequest | None = None
    comment: str = ""  # the coordinator's comment, a reason, a reminder's message
    people: list[User] = field(default_factory=list)
    webhooks: list[Webhook] = field(default_factory=list)


def actor_name(actor: Actor) -> str:
    user = user_of(actor)
    if user is None:
        return "taskbook"
    return user.get_full_name() or user.get_username()


def _change_unit_id(change: ChangeRequest) -> int | None:
    """The unit whose task book the change is to: the measure's unit, or a target's task's lead."""
    if change.measure is not None:
        return change.measure.unit_id
    if change.target is not None:
        lead = TaskUnit.objects.filter(task_id=change.target.task_id, role=TaskUnitRole.LEAD).order_by(
            "order"
        )
        return lead.values_list("unit_id", flat=True).first()
    return None


def compose(told: Told, language: str, *, link: bool = True) -> tuple[str, str]:
    """(subject, body) in `language`: what happened, by whom, and (for e-mail and chat groups; an
    inbox item is itself the link) the address to act on it."""
    with translation.override(language):
        values: dict[str, Any] = {"actor": actor_name(told.actor), "comment": told.comment}
        if told.report is not None:
            report = told.report
            values |= {
                "number": report.task.number,
                "cycle": report.cycle.label,
                "unit": report.unit.display_name,
                "due": formats.date_format(report.cycle.due_on, "DATE_FORMAT"),
                "plan": report.cycle.plan.display_title,
            }
        if told.taskbook is not None:
            values |= {"unit": told.taskbook.unit.display_name, "plan": told.taskbook.plan.display_title}
        if told.change is not None:
            change = told.change
            measure = change.measure
            values |= {"what": measure.title if measure else str(change.target), "field": change.field}
        subject, lead = _words(told, values)
        lines = [lead % values]
        if told.comment:
            lines += ["", _("Comment: %(comment)s") % values]
        if "plan" in values:
            lines += ["", _("Plan: %(plan)s") % values]
        if link:
            lines += [
                "",
                delivery.site_url() + delivery.notification_path(told.report, told.taskbook, told.change),
            ]
    return (subject % values)[:300], "\n".join(lines)


def _words(told: Told, values: dict[str, Any]) -> tuple[str, str]:
    """The subject and the first line of an event, with %(...)s placeholders from `values`."""
    kind = told.kind
    if kind == Kind.REPORT_SUBMITTED:
        return _("Report submitted: task %(number)s (%(cycle)s)"), _(
            "%(actor)s submitted %(unit)s's progress report on task %(number)s for %(cycle)s: it waits "
            "for your review."
        )
    if kind == Kind.REPORT_RETURNED:
        return _("Report returned: task %(number)s (%(cycle)s)"), _(
            "%(actor)s returned %(unit)s's progress report on task %(number)s for %(cycle)s: correct it "
            "and submit it again."
        )
    if kind == Kind.REPORT_ACCEPTED:
        return _("Report accepted: task %(number)s (%(cycle)s)"), _(
            "%(actor)s accepted %(unit)s's progress report on task %(number)s for %(cycle)s."
        )
    if kind == Kind.REPORT_AMENDED:
        return _("Report amended: task %(number)s (%(cycle)s)"), _(
            "%(actor)s corrected %(unit)s's accepted progress report on task %(number)s for %(cycle)s."
        )
    if kind == Kind.TASKBOOK_SUBMITTED:
        return _("Task book submitted: %(unit)s"), _(
            "%(actor)s submitted the task book of %(unit)s: it waits for your approval."
        )
    if kind == Kind.TASKBOOK_RETURNED:
        return _("Task book returned: %(unit)s"), _(
            "%(actor)s returned the task book of %(unit)s: correct it and submit it again."
        )
    if kind == Kind.TASKBOOK_APPROVED:
        return _("Task book approved: %(unit)s"), _("%(actor)s approved the task book of %(unit)s.")
    if kind == Kind.CHANGE_DECIDED:
        assert told.change is not None
        if told.change.status == ChangeStatus.APPROVED:
            return _("Change approved: %(what)s"), _(
                "%(actor)s approved the change of %(field)s of “%(what)s”."
            )
        return _("Change rejected: %(what)s"), _("%(actor)s rejected the change of %(field)s of “%(what)s”.")
    if kind == Kind.REMIND_NOW and told.report is not None:
        return _("Reminder: report on task %(number)s (%(cycle)s) is overdue"), _(
            "%(actor)s asks %(unit)s to submit its progress report on task %(number)s for %(cycle)s "
            "now: it was due on %(due)s."
        )
    if kind == Kind.REMIND_NOW:
        return _("Reminder: the task book of %(unit)s is late"), _(
            "%(actor)s asks %(unit)s to complete and submit its task book now."
        )
    if kind == Kind.DRAFT_READY:
        return _("Draft ready: report on task %(number)s (%(cycle)s)"), _(
            "%(actor)s says the draft of %(unit)s's progress report on task %(number)s for %(cycle)s "
            "is ready: check it and submit it to the coordinator."
        )
    raise ValueError(f"no text for notification kind {kind!r}")


# -- recording ------------------------------------------------------------------------------


def tell(told: Told) -> list[int]:
    """Record the event's notifications (the ids of those made), and send them after the commit."""
    actor_id = getattr(user_of(told.actor), "pk", None)
    people: dict[int, User] = {}
    for person in told.people:
        if person.pk != actor_id:
            people.setdefault(person.pk, person)
    now = timezone.now()
    made: list[int] = []
    outgoing: list[int] = []
    base = f"{told.kind}:{told.event}"
    links = {"report": told.report, "taskbook": told.taskbook, "change_request": told.change}
    for person in people.values():
        language = delivery.language_for_user(person)
        subject, body = compose(told, language)
        texts = {"kind": told.kind, "subject": subject, "body": body, "recipient": person, **links}
        inbox = actions.record_notification(
            f"{base}:in_app:u{person.pk}",
            texts
            | {
                "body": compose(told, language, link=False)[1],
                "channel": Channel.IN_APP,
                "sent_at": now,
                "next_attempt_at": None,
            },
        )
        if inbox is not None:
            made.append(inbox.pk)
        if not (person.email and wants_email(person, told.kind)):
            continue  # the inbox is enough: nothing to record as failed
        mail = actions.record_notification(
            f"{base}:email:u{person.pk}", texts | {"channel": Channel.EMAIL, "address": person.email}
        )
        if mail is not None:
            made.append(mail.pk)
            outgoing.append(mail.pk)
    for hook in {hook.pk: hook for hook in told.webhooks}.values():
        subject, body = compose(told, delivery.language_for_webhook(hook))
        message = actions.record_notification(
            f"{base}:webhook:w{hook.pk}",
            {
                "kind": told.kind,
                "subject": subject,
                "body": body,
                "webhook": hook,
                "channel": Channel.WEBHOOK,
                "address": delivery.mask_url(hook.url),
                **links,
            },
        )
        if message is not None:
            made.append(message.pk)
            outgoing.append(message.pk)
    if outgoing:
        transaction.on_commit(partial(jobs.deliver_and_follow_up, outgoing))
    return made


# -- the events -------------------------------------------------------------------------------

REPORT_KINDS = {
    "submitted": Kind.REPORT_SUBMITTED,
    "returned": Kind.REPORT_RETURNED,
    "accepted": Kind.REPORT_ACCEPTED,
}


def report_moved(
    actor: Actor, report: ProgressReport, status: str, event: str, comment: str = ""
) -> list[int]:
    """A report submitted goes to the office; returned or accepted, back to the unit."""
    kind = REPORT_KINDS[status]
    told = Told(kind, event, actor, report=report, comment=comment)
    if kind == Kind.REPORT_SUBMITTED:
        told.people, told.webhooks = jobs.coordinators(), jobs.coordinator_webhooks()
    else:
        told.people = [*unit_admins(report.unit_id), *report_writers(report)]
        told.webhooks = unit_webhooks(report.unit_id)
    return tell(told)


def report_amended(actor: Actor, report: ProgressReport, event: str, reason: str) -> list[int]:
    told = Told(Kind.REPORT_AMENDED, event, actor, report=report, comment=reason)
    told.people = [*unit_admins(report.unit_id), *report_writers(report)]
    told.webhooks = unit_webhooks(report.unit_id)
    return tell(told)


TASKBOOK_KINDS = {
    "submitted": Kind.TASKBOOK_SUBMITTED,
    "returned": Kind.TASKBOOK_RETURNED,
    "approved": Kind.TASKBOOK_APPROVED,
}


def taskbook_moved(actor: Actor, taskbook: TaskBook, status: str, event: str, comment: str = "") -> list[int]:
    kind = TASKBOOK_KINDS[status]
    told = Told(kind, event, actor, taskbook=taskbook, comment=comment)
    if kind == Kind.TASKBOOK_SUBMITTED:
        told.people, told.webhooks = jobs.coordinators(), jobs.coordinator_webhooks()
    else:
        told.people, told.webhooks = unit_admins(taskbook.unit_id), unit_webhooks(taskbook.unit_id)
    return tell(told)


def change_decided(actor: Actor, change: ChangeRequest) -> list[int]:
    told = Told(Kind.CHANGE_DECIDED, f"cr{change.pk}", actor, change=change, comment=change.decision_comment)
    asker = change.requested_by
    unit_id = _change_unit_id(change)
    told.people = [*([asker] if asker is not None and asker.is_active else []), *unit_admins(unit_id or 0)]
    return tell(told)


def remind_now(
    actor: Actor,
    event: str,
    message: str,
    *,
    report: ProgressReport | None = None,
    taskbook: TaskBook | None = None,
) -> list[int]:
    """The coordinator's reminder to the unit's admins and chat groups."""
    item = report if report is not None else taskbook
    assert item is not None
    told = Told(Kind.REMIND_NOW, event, actor, report=report, taskbook=taskbook, comment=message)
    told.people, told.webhooks = unit_admins(item.unit_id), unit_webhooks(item.unit_id)
    return tell(told)


def draft_ready(actor: Actor, report: ProgressReport, event: str, people: Iterable[User]) -> list[int]:
    told = Told(Kind.DRAFT_READY, event, actor, report=report, people=list(people))
    return tell(told)
