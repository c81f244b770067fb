"""How long a signed-in session lasts: SESSION_IDLE_SECONDS without a request, or SESSION_COOKIE_AGE
since the sign-in, whichever comes first; and ending a user's sessions.

Django alone renews a database session's expiry each time the session is saved, so its
SESSION_COOKIE_AGE is not an absolute age; the session remembers when the person signed in and when
they were last seen, and the middleware signs them out when either limit has passed.
"""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from taskbook.audit.events import Event

SIGNED_IN_AT = "taskbook_signed_in_at"
LAST_SEEN = "taskbook_last_seen"
# The last-seen time is written at most this often, so that reading pages does not write the session
# row on every request; the idle limit is therefore kept to within this many seconds.
SEEN_RESOLUTION = 30
# Set on the request before `logout` so that the sign-out's audit event says why it happened.
SIGNOUT_EVENT = "taskbook_signout_event"


def start(request: HttpRequest) -> None:
    """A new sign-in: both clocks start now."""
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now


def expired_by(request: HttpRequest, now: float) -> Event | None:
    """Which limit this session has passed, if any."""
    signed_in = request.session.get(SIGNED_IN_AT)
    last_seen = request.session.get(LAST_SEEN)
    if signed_in is None or last_seen is None:
        return None
    if now - last_seen > settings.SESSION_IDLE_SECONDS:
        return Event.SIGNOUT_IDLE
    if now - signed_in > settings.SESSION_COOKIE_AGE:
        return Event.SIGNOUT_AGE
    return None


def explain(reason: Event) -> str:
    """Why the person was signed out, in their words."""
    if reason == Event.SIGNOUT_IDLE:
        minutes = max(1, settings.SESSION_IDLE_SECONDS // 60)
        return _("You were signed out after %(minutes)d minutes without activity. Sign in again.") % {
            "minutes": minutes
        }
    hours = max(1, settings.SESSION_COOKIE_AGE // 3600)
    return _("You were signed out because you signed in more than %(hours)d hours ago. Sign in again.") % {
        "hours": hours
    }


def session_keys_of(users: set[int] | None = None) -> dict[int, list[str]]:
    """The live sessions of each signed-in user (of `users`, or of everyone), from the database
    session table: one query, whose rows are decoded here since the user is inside the data."""
    found: dict[int, list[str]] = {}
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        raw = session.get_decoded().get(SESSION_KEY)
        if raw is None:
            continue
        try:
            user_id = int(raw)
        except (TypeError, ValueError):
            continue
        if users is None or user_id in users:
            found.setdefault(user_id, []).append(session.session_key)
    return found


def sessions_of(user: User) -> list[str]:
    return session_keys_of({user.pk}).get(user.pk, [])
