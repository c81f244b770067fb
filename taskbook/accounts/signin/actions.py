"""The coordinator's sign-in actions: unlocking an account or an address before its lock expires,
and ending a user's sessions. Each leaves an audit event."""

import ipaddress

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils.translation import gettext as _

from taskbook.accounts.signin import audit, lockout, sessions
from taskbook.audit.events import Event
from taskbook.audit.record import record
from taskbook.errors import ActionError
from taskbook.orgs import permissions
from taskbook.orgs.actors import Actor
from taskbook.orgs.permissions import require

KINDS: tuple[lockout.Kind, ...] = ("username", "ip_address")


@transaction.atomic
def unlock_account(actor: Actor, username: str) -> int:
    """Lets the account sign in again now; returns how many attempt records were cleared."""
    require(permissions.may_manage_sign_in(actor), _("Only the coordinating office unlocks sign-ins."))
    if not lockout.is_locked("username", username):
        raise ActionError(_("This account is not locked."), field="username")
    return _reset(actor, username=username)


@transaction.atomic
def unlock_address(actor: Actor, address: str) -> int:
    """Lets sign-ins from the address go on now; returns how many attempt records were cleared."""
    require(permissions.may_manage_sign_in(actor), _("Only the coordinating office unlocks sign-ins."))
    try:
        address = str(ipaddress.ip_address(address.strip()))
    except ValueError as exc:
        raise ActionError(_("This is not an address."), field="address") from exc
    if not lockout.is_locked("ip_address", address):
        raise ActionError(_("This address is not locked."), field="address")
    return _reset(actor, ip_address=address)


def _reset(actor: Actor, **which: str) -> int:
    """Clears the failed attempts of an account or an address. Those attempts may be all that locked
    something else too (the address the guesses came from, the account they tried): each lock that
    the reset ends is recorded."""
    before = {(lock.kind, lock.key) for kind in KINDS for lock in lockout.locks(kind)}
    token = lockout.clearing_by_action.set(True)
    try:
        cleared: int = AxesProxyHandler.reset_attempts(**which)
    finally:
        lockout.clearing_by_action.reset(token)
    after = {(lock.kind, lock.key) for kind in KINDS for lock in lockout.locks(kind)}
    for kind, key in sorted(before - after):
        subject = audit.account_subject(key) if kind == "username" else audit.address_subject(key)
        record(actor, Event.SIGNIN_UNLOCKED, subject, after={"reason": "reset"})
    return cleared


@transaction.atomic
def end_sessions(actor: Actor, user: User) -> int:
    """Signs the user out everywhere (a lost laptop, a person who left); returns how many sessions
    ended."""
    require(permissions.may_manage_sign_in(actor), _("Only the coordinating office ends sessions."))
    keys = sessions.sessions_of(user)
    if not keys:
        raise ActionError(_("%(name)s is not signed in anywhere.") % {"name": user.get_username()})
    ended, _counts = Session.objects.filter(session_key__in=keys).delete()
    record(actor, Event.SESSIONS_ENDED, user, after={"sessions": ended})
    return ended
