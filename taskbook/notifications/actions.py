"""Who sees which chat-group webhooks, and every change to them: add, change, deactivate, activate,
send a test message. The coordinator manages all of them (a webhook with no unit is the coordinator's
own group); a unit admin manages the webhooks of their units. Every change names the version it was
made from, so a page that showed an older version cannot overwrite a newer one (`ConflictError`).

Also the log of what is sent: each notification, and each attempt to send it; the inbox (read, all
read); and what the office or a unit tells at once: the coordinator's urgent reminder (催办) about a
late report or task book, a unit member's "the draft is ready" to the unit's admins."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taskbook.audit.events import Event
from taskbook.audit.record import record, snapshot
from taskbook.errors import ActionError
from taskbook.notifications import addresses, delivery, workflow
from taskbook.notifications.models import Channel, Kind, Notification, Webhook
from taskbook.orgs.actors import Actor, user_of
from taskbook.orgs.models import Unit
from taskbook.orgs.permissions import may_manage_chat_group_of, may_remind_now, may_tell_draft_ready, require
from taskbook.plans.models import Plan
from taskbook.reporting.models import ProgressReport
from taskbook.taskbooks import actions as taskbook_actions  # a module: it imports this app too
from taskbook.taskbooks.models import TaskBook
from taskbook.versions import ConflictError


def _require_manager(actor: Actor, unit_id: int | None) -> None:
    require(
        may_manage_chat_group_of(actor, unit_id),
        _("Only the coordinator manages the coordinator's chat groups.")
        if unit_id is None
        else _("Only the unit's admin manages the unit's chat groups."),
    )


def _audit_view(webhook: Webhook) -> dict[str, Any]:
    """What the audit log keeps: the address masked, since leaders read the log too."""
    values = snapshot(webhook)
    values["url"] = delivery.mask_url(webhook.url)
    return values


def _check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ActionError(_("Give the webhook a name, e.g. the chat group's."), field="name")
    if len(name) > 100:
        raise ActionError(_("The name is longer than 100 characters."), field="name")
    return name


def _check_kind(kind: str) -> str:
    if kind not in Webhook.Kind.values:
        raise ActionError(_("Choose WeCom, DingTalk or generic JSON."), field="kind")
    return kind


def _locked(webhook: Webhook, version: int) -> Webhook:
    """The webhook as it is now, locked for the change; refused if it changed since `version`."""
    current = Webhook.objects.select_for_update().get(pk=webhook.pk)
    if current.version != version:
        raise ConflictError(snapshot(current))
    return current


@transaction.atomic
def create_webhook(actor: Actor, *, name: str, kind: str, url: str, unit: Unit | None) -> Webhook:
    _require_manager(actor, unit.pk if unit else None)
    webhook = Webhook.objects.create(
        name=_check_name(name), kind=_check_kind(kind), url=addresses.check_url(url), unit=unit
    )
    record(actor, Event.WEBHOOK_CREATE, webhook, after=_audit_view(webhook))
    return webhook


@transaction.atomic
def update_webhook(
    actor: Actor, webhook: Webhook, *, version: int, name: str, kind: str, url: str = ""
) -> Webhook:
    """Rename a webhook, change its kind or its address (an empty `url` keeps the address: unit
    admins never see it whole)."""
    _require_manager(actor, webhook.unit_id)
    webhook = _locked(webhook, version)
    before = _audit_view(webhook)
    webhook.name, webhook.kind = _check_name(name), _check_kind(kind)
    if url.strip():
        webhook.url = addresses.check_url(url)
    webhook.version += 1
    webhook.save(update_fields=["name", "kind", "url", "version"])
    record(actor, Event.WEBHOOK_UPDATE, webhook, before=before, after=_audit_view(webhook))
    return webhook


@transaction.atomic
def set_webhook_active(actor: Actor, webhook: Webhook, active: bool, *, version: int) -> Webhook:
    _require_manager(actor, webhook.unit_id)
    webhook = _locked(webhook, version)
    if webhook.active == active:
        return webhook
    webhook.active = active
    webhook.version += 1
    webhook.save(update_fields=["active", "version"])
    record(
        actor,
        Event.WEBHOOK_ACTIVATE if active else Event.WEBHOOK_DEACTIVATE,
        webhook,
        before={"active": not active},
        after={"active": active},
    )
    return webhook


@transaction.atomic
def send_test_message(actor: Actor, webhook: Webhook) -> Notification:
    """Record a test message to the webhook and send it once this transaction commits; the caller
    reads the result from the notification (sent_at or error)."""
    _require_manager(actor, webhook.unit_id)
    subject, body = delivery.compose_test(webhook, delivery.language_for_webhook(webhook))
    notification = Notification.objects.create(
        key=f"test:{webhook.pk}:{uuid.uuid4().hex}",
        channel=Channel.WEBHOOK,
        kind=Kind.TEST,
        webhook=webhook,
        address=delivery.mask_url(webhook.url),
        subject=subject,
        body=body,
        next_attempt_at=timezone.now(),
    )
    record(actor, Event.WEBHOOK_TEST, webhook)
    transaction.on_commit(lambda: delivery.deliver([notification.pk]))
    return notification


# -- the log of what is sent ------------------------------------------------------------------
# A notification is itself the record of a message: recording it leaves no audit event besides.


def record_notification(key: str, fields: dict[str, Any]) -> Notification | None:
    """Record a notification under its key, or nothing when the key is taken: a second worker running
    the same job at the same moment finds it taken (the unique constraint) and sends nothing twice.
    One recorded with an error (nobody to send it to) is failed at once; any other is due now."""
    fields = {"next_attempt_at": None if fields.get("error") else timezone.now(), **fields}
    notification, created = Notification.objects.get_or_create(key=key, defaults=fields)
    return notification if created else None


def record_attempt(
    done: Notification | None, take: Notification | None, *, lease: datetime.timedelta | None = None
) -> bool:
    """Write down the result of the attempt on `done` (as delivery set it), and take `take` for its
    next attempt, in one transaction: one commit per message sent. Taking counts the attempt and
    moves its next attempt `lease` ahead (delivery.LEASE: when it will count as interrupted), and
    succeeds only if
    nobody took the notification since it was read, so two workers never both send it. True when
    `take` is ours."""
    with transaction.atomic():
        if done is not None:
            Notification.objects.filter(pk=done.pk, attempts=done.attempts, sent_at__isnull=True).update(
                sent_at=done.sent_at, error=done.error, next_attempt_at=done.next_attempt_at
            )
        if take is None:
            return False
        now = timezone.now()
        taken = (
            Notification.objects.due(now)
            .filter(pk=take.pk, attempts=take.attempts)
            .update(
                attempts=take.attempts + 1,
                last_attempt_at=now,
                next_attempt_at=now + (delivery.LEASE if lease is None else lease),
                error="",
            )
        )
    if taken:
        take.attempts += 1
        take.last_attempt_at, take.error = now, ""
    return bool(taken)


# -- the inbox ------------------------------------------------------------------------------
# Reading is the notification's own record (`read_at`), as its attempts are: no audit event besides.


def mark_read(user: User, notification: Notification) -> Notification:
    """The person opened a notification of their inbox."""
    if notification.recipient_id != user.pk or notification.channel != Channel.IN_APP:
        raise ActionError(_("This notification is not in your inbox."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def mark_all_read(user: User) -> int:
    """Every unread notification of the person's inbox, read: how many."""
    return Notification.objects.inbox_of(user).unread().update(read_at=timezone.now())


# -- telling a unit at once -----------------------------------------------------------------


def _reminded_today(prefix: str) -> bool:
    return Notification.objects.filter(kind=Kind.REMIND_NOW, key__startswith=prefix).exists()


@transaction.atomic
def remind_report_now(
    actor: Actor, report: ProgressReport, message: str, *, today: datetime.date | None = None
) -> list[int]:
    """The coordinator's urgent reminder (催办) about an overdue report, to the unit's admins (inbox,
    e-mail) and chat groups, at once; once a day per report. The ids of the notifications made."""
    require(may_remind_now(actor), _("Only the coordinator sends urgent reminders."))
    today = today or timezone.localdate()
    report = ProgressReport.objects.select_related("cycle__plan", "task", "unit").get(pk=report.pk)
    if not report.is_overdue(today):
        raise ActionError(_("This report is not late: a reminder goes only to a report past its due date."))
    return _remind(actor, f"report{report.pk}", message, today, report=report)


@transaction.atomic
def remind_taskbook_now(
    actor: Actor, plan: Plan, unit: Unit, message: str, *, today: datetime.date | None = None
) -> list[int]:
    """The same reminder about a unit's late task book for the plan: not submitted since the plan's
    period began (not even started: its draft is made, in this transaction), or returned and not
    submitted again."""
    require(may_remind_now(actor), _("Only the coordinator sends urgent reminders."))
    today = today or timezone.localdate()
    taskbook = TaskBook.objects.select_related("plan", "unit").get(
        pk=taskbook_actions.taskbook_for(plan, unit).pk
    )
    if not taskbook.is_late(today):
        raise ActionError(
            _(
                "This task book is not late: a reminder goes only to one not submitted once the plan "
                "has begun."
            )
        )
    return _remind(actor, f"taskbook{taskbook.pk}", message, today, taskbook=taskbook)


def _remind(
    actor: Actor,
    item: str,
    message: str,
    today: datetime.date,
    *,
    report: ProgressReport | None = None,
    taskbook: TaskBook | None = None,
) -> list[int]:
    message = message.strip()
    if len(message) > 1000:
        raise ActionError(_("The message is longer than 1,000 characters."), field="message")
    event = f"{item}:{today.isoformat()}"
    if _reminded_today(f"{Kind.REMIND_NOW}:{event}:"):
        raise ActionError(_("The unit was already reminded of this today: one reminder a day is enough."))
    made = workflow.remind_now(actor, event, message, report=report, taskbook=taskbook)
    if not made:
        raise ActionError(_("The unit has no admin and no chat group to remind: give it an admin first."))
    subject = report if report is not None else taskbook
    record(actor, Event.REMIND_NOW, subject, after={"message": message, "notifications": len(made)})
    return made


@transaction.atomic
def tell_draft_ready(actor: Actor, report: ProgressReport) -> list[int]:
    """A unit member tells the unit's admins that the report's draft is ready to submit; once per
    version of the draft."""
    report = ProgressReport.objects.select_related("cycle__plan", "task", "unit").get(pk=report.pk)
    require(may_tell_draft_ready(actor, report.unit_id), _("Only the unit's own people tell its admins."))
    if not report.is_owed:
        raise ActionError(_("This report is not a draft any more."))
    if not report.narrative.strip():
        raise ActionError(_("Write and save the narrative first: the draft is empty."))
    admins = workflow.unit_admins(report.unit_id)
    user = user_of(actor)
    if not [admin for admin in admins if user is None or admin.pk != user.pk]:
        raise ActionError(_("The unit has no other admin to tell: ask the coordinator to give it one."))
    event = f"report{report.pk}:v{report.version}"
    made = workflow.draft_ready(actor, report, event, admins)
    if not made:
        raise ActionError(_("The admins were already told about this version of the draft."))
    record(actor, Event.DRAFT_READY, report, after={"version": report.version, "notifications": len(made)})
    return made
