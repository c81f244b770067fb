"""Fetch a calendar feed the user may see and revoke: their own, or one of their units' (404
otherwise: a feed's address is a secret)."""

from django.shortcuts import get_object_or_404

from taskbook.orgs.actors import Viewer
from taskbook.timetables.models import CalendarFeed


def feed_for(user: Viewer, feed_id: int) -> CalendarFeed:
    return get_object_or_404(CalendarFeed.objects.visible_to(user), pk=feed_id)
