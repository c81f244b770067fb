"""Notifications in the HTTP API, read only: the coordinator reads the whole log, everyone else the
messages sent to them (`Notification.objects.visible_to`).

A webhook is named, never addressed: its address holds the robot's key, so only the masked address the
log keeps is given, and not the delivery error either (a failed post can quote the address).
"""

import datetime
from typing import Any, Literal

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from taskbook.api.filters import narrow
from taskbook.notifications.models import Channel, Kind, Notification
from taskbook.notifications.querysets import DELIVERY_STATES

router = Router(tags=["notifications"])


class WebhookRef(Schema):
    id: int
    name: str


class NotificationOut(Schema):
    id: int
    kind: str  # see Kind: "reminder", "due", "escalation_unit"...
    kind_label: str
    channel: Channel
    recipient: str | None  # the user's name, for an e-mail
    webhook: WebhookRef | None  # the chat group, for a webhook message
    address: str  # the e-mail address, or the scheme and host of the webhook only
    subject: str
    body: str
    report_id: int | None
    status: str  # "sent", "failed", "retrying" (failed, to be tried again) or "pending"
    attempts: int
    created_at: datetime.datetime
    sent_at: datetime.datetime | None

    @staticmethod
    def resolve_kind_label(obj: Notification) -> str:
        return str(dict(Kind.choices).get(obj.kind, obj.kind))

    @staticmethod
    def resolve_recipient(obj: Notification) -> str | None:
        return obj.recipient.get_username() if obj.recipient else None

    @staticmethod
    def resolve_status(obj: Notification) -> str:
        return obj.delivery_state


class NotificationFilters(Schema):
    kind: Kind | None = None
    channel: Channel | None = None
    status: Literal["sent", "failed", "retrying", "pending"] | None = None


@router.get("/notifications/", response=list[NotificationOut])
@paginate
def list_notifications(request, filters: Query[NotificationFilters]) -> Any:
    """The notifications the reader may see, newest first."""
    notifications = narrow(
        Notification.objects.visible_to(request.user).select_related("recipient", "webhook"),
        request.user,
        filters,
        {"kind": "kind", "channel": "channel"},
    )
    if filters.status is not None:
        notifications = notifications.filter(DELIVERY_STATES[filters.status])
    return notifications.order_by("-created_at", "-pk")
