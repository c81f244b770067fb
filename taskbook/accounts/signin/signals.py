"""Receivers of Django's and django-axes' sign-in signals: each one audits what happened (the sign-in
rules themselves are django-axes' and the middleware's). Connected from AccountsConfig.ready()."""

from typing import Any

from axes.models import AccessAttempt
from django.contrib import messages
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taskbook.accounts.signin import audit, lockout, sessions
from taskbook.audit.events import Event


def signed_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    previous = audit.last_signin(user)
    audit.record_signin(user)
    if request is None:
        return
    sessions.start(request)
    if previous is not None:
        text = _("Last sign-in: %(time)s from %(address)s.") % {
            "time": f"{timezone.localtime(previous.at):%Y-%m-%d %H:%M}",
            "address": previous.address or _("an unknown address"),
        }
        if previous.failures_since:
            text += " " + ngettext(
                "%(count)d failed sign-in to your account since then.",
                "%(count)d failed sign-ins to your account since then.",
                previous.failures_since,
            ) % {"count": previous.failures_since}
        messages.info(request, text, fail_silently=True)


def signed_out(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if user is None:
        return
    audit.record_signout(user, getattr(request, sessions.SIGNOUT_EVENT, Event.SIGNOUT))


def sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """A failed sign-in, and the lock it causes. django-axes' receiver (connected when the admin
    loads axes.admin) has counted it already and marked the request `axes_locked_out` when the
    account or the address is locked now: by this failure, or since earlier ones (then even the
    right password was refused)."""
    username = str(credentials.get("username") or "")
    locked = bool(getattr(request, "axes_locked_out", False))
    audit.record_failure(username, locked=locked)
    if not locked or request is None:
        return
    minutes = int(lockout.cool_off().total_seconds() // 60)
    if username and lockout.is_locked("username", username):
        subject = audit.account_subject(username)
        audit.record_lock(subject, lockout.failures("username", username), minutes)
    address = getattr(request, "axes_ip_address", None)
    if address and lockout.is_locked("ip_address", address):
        audit.record_lock(audit.address_subject(address), lockout.failures("ip_address", address), minutes)


def attempt_deleted(sender: Any, instance: AccessAttempt, **kwargs: Any) -> None:
    """django-axes deletes the attempts whose cool-off has passed (at the next sign-in activity): a
    lock that they held and that nothing else holds has ended by expiry. Attempts deleted before
    then were cleared: by an unlocking action, which audits it itself, or by django-axes' own
    axes_reset commands, audited here."""
    if instance.attempt_time < lockout.window_start():
        reason = "expired"
    elif lockout.clearing_by_action.get():
        return
    else:
        reason = "reset outside taskbook"
    if instance.username and not lockout.is_locked("username", instance.username):
        audit.record_unlock(audit.SIGNIN_RULES, audit.account_subject(instance.username), reason)
    if instance.ip_address and not lockout.is_locked("ip_address", instance.ip_address):
        audit.record_unlock(audit.SIGNIN_RULES, audit.address_subject(instance.ip_address), reason)


def connect() -> None:
    # django-axes' own receivers must come first (sign_in_failed reads what they found): importing
    # axes.signals connects them if the admin has not yet.
    import axes.signals  # noqa: F401

    user_logged_in.connect(signed_in, dispatch_uid="taskbook.signin.signed_in")
    user_logged_out.connect(signed_out, dispatch_uid="taskbook.signin.signed_out")
    user_login_failed.connect(sign_in_failed, dispatch_uid="taskbook.signin.failed")
    post_delete.connect(attempt_deleted, sender=AccessAttempt, dispatch_uid="taskbook.signin.attempt_deleted")
