"""What the sign-in rules write into the audit log, and what they read back from it.

The audit log is the one home of sign-in history: the last sign-in a user is shown, the failures
since, whether a lock is still open and when a password was last set are all read from its events,
so no table of our own can disagree with the log an inspector reads.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import OuterRef, Q, QuerySet, Subquery

from taskbook.audit.events import Event
from taskbook.audit.models import AuditEvent
from taskbook.audit.record import Subject, record
from taskbook.orgs.actors import System

# The sign-in rules act on their own when they lock, unlock by expiry or sign someone out: the log
# names them as the actor of those events.
SIGNIN_RULES = System("sign-in")
ADDRESS = "signin.address"
ACCOUNT = "auth.user"
# A name typed at the sign-in page that no account has: guessing at names leaves events too. Its id is
# a digest of the name (anything may be typed; an id must fit in an address of the audit history).
UNKNOWN_ACCOUNT = "signin.account"


def account_subject(username: str) -> User | Subject:
    """The account a username names, or the name itself when nobody has it."""
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    digest = hashlib.sha256(username.encode("utf-8", "replace")).hexdigest()[:16]
    return Subject(UNKNOWN_ACCOUNT, digest, username[:150])


def address_subject(address: str) -> Subject:
    return Subject(ADDRESS, address, address)


def record_signin(user: User) -> None:
    record(user, Event.SIGNIN, user)


def record_signout(user: User, event: Event = Event.SIGNOUT) -> None:
    record(SIGNIN_RULES if event != Event.SIGNOUT else user, event, user)


def record_failure(username: str, locked: bool) -> None:
    record(SIGNIN_RULES, Event.SIGNIN_FAILED, account_subject(username), after={"locked": locked})


def record_password_set(user: User) -> None:
    record(SIGNIN_RULES, Event.PASSWORD_SET, user)


def last_password_set(user: User) -> datetime.datetime | None:
    event = (
        AuditEvent.objects.filter(action=Event.PASSWORD_SET, object_type=ACCOUNT, object_id=str(user.pk))
        .order_by("-at", "-id")
        .first()
    )
    return event.at if event is not None else None


@dataclass(frozen=True)
class LastSignin:
    at: datetime.datetime
    address: str | None
    failures_since: int


def last_signin(user: User) -> LastSignin | None:
    """The user's latest sign-in before now, and how many sign-ins to the account failed since."""
    event = AuditEvent.objects.filter(action=Event.SIGNIN, actor=user).order_by("-at", "-id").first()
    if event is None:
        return None
    failures = AuditEvent.objects.filter(
        action=Event.SIGNIN_FAILED, object_type=ACCOUNT, object_id=str(user.pk), at__gte=event.at
    ).count()
    return LastSignin(at=event.at, address=event.address, failures_since=failures)


def _lock_events(subject: User | Subject) -> Q:
    if isinstance(subject, Subject):
        where = Q(object_type=subject.object_type, object_id=subject.object_id)
    else:
        where = Q(object_type=ACCOUNT, object_id=str(subject.pk))
    return where & Q(action__in=[Event.SIGNIN_LOCKED, Event.SIGNIN_UNLOCKED])


def lock_is_open(subject: User | Subject) -> bool:
    """The log says this account or address is locked: its latest lock event is a lock, not an
    unlock."""
    latest = AuditEvent.objects.filter(_lock_events(subject)).order_by("-at", "-id").first()
    return latest is not None and latest.action == Event.SIGNIN_LOCKED


def record_lock(subject: User | Subject, failures: int, minutes: int) -> None:
    if not lock_is_open(subject):
        record(SIGNIN_RULES, Event.SIGNIN_LOCKED, subject, after={"failures": failures, "minutes": minutes})


def record_unlock(actor: User | System, subject: User | Subject, reason: str) -> None:
    if lock_is_open(subject):
        record(actor, Event.SIGNIN_UNLOCKED, subject, after={"reason": reason})


def with_last_signin(users: QuerySet[User]) -> QuerySet[User]:
    """Each user with the time and address of their latest sign-in (`last_signin_at`,
    `last_signin_address`), in the one query that lists them."""
    latest = AuditEvent.objects.filter(action=Event.SIGNIN, actor=OuterRef("pk")).order_by("-at", "-id")
    return users.annotate(
        last_signin_at=Subquery(latest.values("at")[:1]),
        last_signin_address=Subquery(latest.values("address")[:1]),
    )
