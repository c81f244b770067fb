"""Who sees which chat-group webhooks, and every change to them: add, change, deactivate, activate,
send a test message. The coordinator manages all of them (a webhook with no unit is the coordinator's
own group); a unit admin manages the webhooks of their units. Every change names the version it was
made from, so a page that showed an older version cannot overwrite a newer one (`ConflictError`).

Also the log of what is sent: each notification, and each attempt to send it."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taskbook.audit.events import Event
from taskbook.audit.record import record, snapshot
from taskbook.errors import ActionError
from taskbook.notifications import addresses, delivery
from taskbook.notifications.models import Channel, Kind, Notification, Webhook
from taskbook.orgs.actors import Actor
from taskbook.orgs.models import Unit
from taskbook.orgs.permissions import may_manage_chat_group_of, require
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
