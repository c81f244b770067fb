"""The unread count of the reader's inbox, for the top bar of every page."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from taskbook.notifications.models import Notification


def inbox(request: HttpRequest) -> dict[str, Any]:
    """`inbox_unread`: counted at most once per request (one indexed query), and only when a page
    shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        cached = getattr(request, "_inbox_unread", None)
        if cached is None:
            cached = Notification.objects.inbox_of(user).unread().count()
            request._inbox_unread = cached  # type: ignore[attr-defined]
        return cached

    return {"inbox_unread": SimpleLazyObject(count)}
