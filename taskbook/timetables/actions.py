"""Every change to calendar feeds: made for a unit or a user, revoked."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from taskbook.audit.record import record
from taskbook.orgs.models import Unit
from taskbook.taskbooks.rules import can_edit_unit, is_coordinator, require
from taskbook.timetables.models import CalendarFeed


@transaction.atomic
def create_feed(actor, *, unit: Unit | None = None, user: Any = None) -> CalendarFeed:
    if unit is not None:
        require(can_edit_unit(actor, unit.pk))
    elif user is None or getattr(actor, "pk", None) != user.pk:
        require(False)
    feed = CalendarFeed.objects.create(unit=unit, user=None if unit else user, created_by=actor)
    record(
        actor,
        "feed.create",
        feed,
        after={"unit": unit.pk if unit else None, "user": getattr(user, "pk", None)},
    )
    return feed


@transaction.atomic
def revoke_feed(actor, feed: CalendarFeed) -> CalendarFeed:
    if feed.unit_id:
        require(can_edit_unit(actor, feed.unit_id))
    else:
        require(getattr(actor, "pk", None) == feed.user_id or is_coordinator(actor))
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
        record(actor, "feed.revoke", feed, after={"revoked_at": str(feed.revoked_at)})
    return feed
