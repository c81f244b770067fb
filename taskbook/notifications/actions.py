"""Who sees which chat-group webhooks, and every change to them: add, deactivate, activate, send a
test message. The coordinator manages all of them (a webhook with no unit is the coordinator's own
group); a unit admin manages the webhooks of their units."""

from __future__ import annotations

import urllib.parse
import uuid
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from taskbook.audit.events import Event
from taskbook.audit.record import record, snapshot
from taskbook.errors import ActionError
from taskbook.notifications import delivery
from taskbook.notifications.models import Channel, Kind, Notification, Webhook
from taskbook.orgs.actors import Actor
from taskbook.orgs.models import Unit
from taskbook.orgs.permissions import may_manage_chat_group_of, require


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


def check_url(url: str) -> str:
    url = url.strip()
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ActionError(
            _("A webhook address starts with http:// or https:// and names a host."), field="url"
        )
    if len(url) > 500:
        raise ActionError(_("The address is longer than 500 characters."), field="url")
    if any(c.isspace() for c in url):
        raise ActionError(_("The address has spaces in it."), field="url")
    return url


@transaction.atomic
def create_webhook(actor: Actor, *, name: str, kind: str, url: str, unit: Unit | None) -> Webhook:
    _require_manager(actor, unit.pk if unit else None)
    name = name.strip()
    if not name:
        raise ActionError(_("Give the webhook a name, e.g. the chat group's."), field="name")
    if len(name) > 100:
        raise ActionError(_("The name is longer than 100 characters."), field="name")
    if kind not in Webhook.Kind.values:
        raise ActionError(_("Choose WeCom, DingTalk or generic JSON."), field="kind")
    webhook = Webhook.objects.create(name=name, kind=kind, url=check_url(url), unit=unit)
    record(actor, Event.WEBHOOK_CREATE, webhook, after=_audit_view(webhook))
    return webhook


@transaction.atomic
def set_webhook_active(actor: Actor, webhook: Webhook, active: bool) -> Webhook:
    webhook = Webhook.objects.select_for_update().get(pk=webhook.pk)
    _require_manager(actor, webhook.unit_id)
    if webhook.active == active:
        return webhook
    webhook.active = active
    webhook.save(update_fields=["active"])
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
    )
    record(actor, Event.WEBHOOK_TEST, webhook)
    transaction.on_commit(lambda: delivery.deliver([notification.pk]))
    return notification


# -- the log of what is sent ------------------------------------------------------------------
# A notification is itself the record of a message: recording it leaves no audit event besides.


def record_notification(key: str, fields: dict[str, Any]) -> Notification | None:
    """Record a notification under its key, or nothing when the key is taken: a second worker running
    the same job at the same moment finds it taken (the unique constraint) and sends nothing twice."""
    notification, created = Notification.objects.get_or_create(key=key, defaults=fields)
    return notification if created else None


def record_results(done: list[Notification]) -> None:
    """Each notification's `sent_at` or `error`, as delivery left them."""
    if done:
        with transaction.atomic():
            Notification.objects.bulk_update(done, ["sent_at", "error"])
