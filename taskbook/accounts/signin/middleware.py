"""The sign-in rules that apply on every request: the session limits and the password's age."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import timezone

from taskbook.accounts import passwords
from taskbook.accounts.signin import sessions


class SessionLimitsMiddleware:
    """Signs out a session that has been idle or alive too long (after AuthenticationMiddleware and
    MessageMiddleware); the sign-out is audited with its reason and the person is told why."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            if request.session.get(sessions.SIGNED_IN_AT) is None:
                sessions.start(request)  # a session from before these rules: its clocks start now
            reason = sessions.expired_by(request, now)
            if reason is not None:
                setattr(request, sessions.SIGNOUT_EVENT, reason)
                logout(request)
                messages.info(request, sessions.explain(reason))
                return redirect_to_login(request.get_full_path())
            if now - request.session[sessions.LAST_SEEN] >= sessions.SEEN_RESOLUTION:
                request.session[sessions.LAST_SEEN] = now
        return self.get_response(request)


# Where a person whose password is too old may still go: the change page itself, signing out, the
# language switch and static files.
EXPIRY_EXEMPT_NAMES = ("accounts:password_change", "logout", "set_language")
# The session remembers until when the password was known to be young enough, so that the audit log
# is read once per sign-in, not on every request.
PASSWORD_FRESH_UNTIL = "taskbook_password_fresh_until"


class PasswordExpiryMiddleware:
    """With PASSWORD_MAX_AGE_DAYS on, a person whose password is older is sent to change it before
    any other page (after AuthenticationMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if settings.PASSWORD_MAX_AGE_DAYS and user.is_authenticated and not self.exempt(request):
            fresh_until = request.session.get(PASSWORD_FRESH_UNTIL)
            if fresh_until is None or time.time() > fresh_until:
                expires = passwords.expires_at(user)
                if expires is not None and timezone.now() > expires:
                    messages.warning(request, passwords.expiry_message())
                    return redirect("accounts:password_change")
                if expires is not None:
                    request.session[PASSWORD_FRESH_UNTIL] = expires.timestamp()
        return self.get_response(request)

    @staticmethod
    def exempt(request: HttpRequest) -> bool:
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name in EXPIRY_EXEMPT_NAMES
