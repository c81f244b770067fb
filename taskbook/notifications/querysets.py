"""Who may see chat-group webhooks (an address holds the robot's secret key) and notifications."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Q

from taskbook.orgs.actors import Viewer
from taskbook.orgs.roles import roles_of

if TYPE_CHECKING:  # the models import these querysets: their names for the type checker only
    from taskbook.notifications.models import Notification, Webhook  # noqa: F401


class WebhookQuerySet(models.QuerySet["Webhook"]):
    def visible_to(self, user: Viewer) -> Self:
        """All for the coordinator, their units' for a unit admin, none for anyone else."""
        roles = roles_of(user)
        if roles.coordinator:
            return self
        return self.filter(unit_id__in=roles.admin_of)


# Where a notification stands: sent; failed for good (the last error is kept); failed and to be tried
# again (`next_attempt_at`); or waiting to be sent (new, or being sent). Each a condition here and
# `Notification.delivery_state` on the model.
DELIVERY_STATES: dict[str, Q] = {
    "sent": Q(sent_at__isnull=False),
    "failed": Q(sent_at__isnull=True, next_attempt_at__isnull=True) & ~Q(error=""),
    "retrying": Q(sent_at__isnull=True, next_attempt_at__isnull=False) & ~Q(error=""),
    "pending": Q(sent_at__isnull=True, error=""),
}


class NotificationQuerySet(models.QuerySet["Notification"]):
    def due(self, now: datetime.datetime) -> Self:
        """Not sent, and its (next) attempt has come: what a delivery run takes."""
        return self.filter(sent_at__isnull=True, next_attempt_at__lte=now)

    def inbox_of(self, user: Viewer) -> Self:
        """The person's own inbox: what was told to them in taskbook (index notification_inbox)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient_id=user.pk, channel="in_app")

    def unread(self) -> Self:
        return self.filter(read_at__isnull=True)

    def visible_to(self, user: Viewer) -> Self:
        """The coordinator sees the whole log; everyone else the messages sent to them."""
        if roles_of(user).coordinator:
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient_id=user.pk)
