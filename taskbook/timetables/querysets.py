"""Who may see calendar feeds (their addresses are secrets)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Q

from taskbook.orgs.actors import Viewer
from taskbook.orgs.roles import roles_of

if TYPE_CHECKING:  # the models import these querysets: their names for the type checker only
    from taskbook.timetables.models import CalendarFeed  # noqa: F401


class CalendarFeedQuerySet(models.QuerySet["CalendarFeed"]):
    def visible_to(self, user: Viewer) -> Self:
        """One's own feeds, and the feeds of one's units; the coordinator sees every unit's."""
        if not user.is_authenticated and not roles_of(user).coordinator:
            return self.none()
        return self.filter(Q(user_id=user.pk) | self.unit_feeds_of(user))

    @staticmethod
    def unit_feeds_of(user: Viewer) -> Q:
        """The unit feeds a user may see and revoke: their units'; every unit's for the coordinator."""
        roles = roles_of(user)
        return Q(unit__isnull=False) if roles.coordinator else Q(unit__in=roles.units)
