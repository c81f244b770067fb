"""Every change to calendar feeds: made for a unit or a user, revoked."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from taskbook.audit.events import Event
from taskbook.audit.record import record
from taskbook.orgs.actors import Actor, user_of
from taskbook.orgs.models import Unit
from taskbook.orgs.permissions import is_coordinator, may_edit_unit_work, require
from taskbook.timetables.models import CalendarFeed


@transaction.atomic
def create_feed(actor: Actor, *, unit: Unit | None = None, user: User | None = None) -> CalendarFeed:
    """A feed of a unit's deadlines, for the unit's members; or of a user's own, for that user."""
    if unit is not None:
        require(may_edit_unit_work(actor, unit.pk))
    else:
        require(user is not None and user_of(actor) == user)
    feed = CalendarFeed.objects.create(unit=unit, user=None if unit else user, created_by=user_of(actor))
    record(
        actor,
        Event.FEED_CREATE,
        feed,
        after={"unit": unit.pk if unit else None, "user": getattr(user, "pk", None)},
    )
    return feed


@transaction.atomic
def revoke_feed(actor: Actor, feed: CalendarFeed) -> CalendarFeed:
    if feed.unit_id:
        require(may_edit_unit_work(actor, feed.unit_id))
    else:
        require(actor.pk == feed.user_id or is_coordinator(actor))
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
        record(actor, Event.FEED_REVOKE, feed, after={"revoked_at": str(feed.revoked_at)})
    return feed
