"""Which accounts and addresses are locked now, read from django-axes' attempts.

django-axes counts the failed sign-ins of the last AXES_COOLOFF_TIME per account and per address
(AXES_LOCKOUT_PARAMETERS) and refuses a sign-in once either count reaches AXES_FAILURE_LIMIT. This
module reads the same rows with the same rule, for the coordinator's page and the audit of the
locks; it never decides a sign-in itself.
"""

import datetime
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Max, Min, Sum
from django.utils import timezone

type Kind = Literal["username", "ip_address"]

# True while an unlocking action of taskbook clears attempts: it audits the unlock itself, so the
# deletion receiver (signals.py) must not. Any other clearing (django-axes' axes_reset commands) is
# audited by the receiver.
clearing_by_action: ContextVar[bool] = ContextVar("clearing_by_action", default=False)


def cool_off() -> datetime.timedelta:
    value: datetime.timedelta = settings.AXES_COOLOFF_TIME
    return value


def failure_limit() -> int:
    value: int = settings.AXES_FAILURE_LIMIT
    return value


def window_start(now: datetime.datetime | None = None) -> datetime.datetime:
    """Failures before this moment no longer count (axes' cool-off threshold)."""
    return (now or timezone.now()) - cool_off()


@dataclass(frozen=True)
class Lock:
    kind: Kind
    key: str  # the username or the address
    failures: int
    first_failure: datetime.datetime
    last_failure: datetime.datetime
    others: int  # how many addresses tried the account, or accounts were tried from the address

    @property
    def until(self) -> datetime.datetime:
        return self.last_failure + cool_off()


def failures(kind: Kind, key: str, now: datetime.datetime | None = None) -> int:
    counted = AccessAttempt.objects.filter(**{kind: key}, attempt_time__gte=window_start(now))
    total: int | None = counted.aggregate(total=Sum("failures_since_start"))["total"]
    return total or 0


def counted(kind: Kind) -> bool:
    """Whether the installation locks by this kind (LOCKOUT_PER_ADDRESS may turn addresses off)."""
    return kind in settings.AXES_LOCKOUT_PARAMETERS


def is_locked(kind: Kind, key: str, now: datetime.datetime | None = None) -> bool:
    return counted(kind) and failures(kind, key, now) >= failure_limit()


def locks(kind: Kind, now: datetime.datetime | None = None) -> list[Lock]:
    """Every account (kind "username") or address ("ip_address") locked now, latest first."""
    if not counted(kind):
        return []
    other = "ip_address" if kind == "username" else "username"
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=window_start(now))
        .exclude(**{f"{kind}__isnull": True})
        .values(kind)
        .annotate(
            total=Sum("failures_since_start"),
            first=Min("attempt_time"),
            last=Max("attempt_time"),
            others=Count(other, distinct=True),
        )
        .filter(total__gte=failure_limit())
        .order_by("-last")
    )
    return [
        Lock(
            kind=kind,
            key=str(row[kind]),
            failures=row["total"],
            first_failure=row["first"],
            last_failure=row["last"],
            others=row["others"],
        )
        for row in rows
    ]
