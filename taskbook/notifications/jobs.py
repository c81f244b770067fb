"""The reporting loop's scheduled work: cycles open by themselves, reminders before and on a due
date, escalations when a report is overdue, failed notifications tried again (docs/jobs.md).

Each job is a plain function of `today`, so tests call it with a fixed date; a django.tasks task
wraps each one for the worker, and `run_daily` runs them in order. `taskbook schedule`
enqueues `run_daily_task` once a day. A delivery that leaves messages to be tried again enqueues
`retry_notifications_task` for the time of the earliest, so the worker comes back for them.

Running a job twice sends nothing twice: every notification has a unique key naming what it is
about, the due date, the step and the recipient. The job creates it with get_or_create in the same
transaction that decides to send it, and sends it only after that transaction commits.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from taskbook.notifications import actions, delivery
from taskbook.notifications.models import Channel, Kind, Notification, Webhook
from taskbook.orgs.models import Membership, Role
from taskbook.plans.models import PlanStatus
from taskbook.reporting.models import Contribution, CycleStatus, ProgressReport, ReportingCycle
from taskbook.workdays import add_working_days, is_working_day, working_days_between

log = logging.getLogger(__name__)

# -- recipients ---------------------------------------------------------------------------


@dataclass
class Recipients:
    """Who hears about a unit's reports: members by role, the unit's chat groups."""

    by_unit: dict[int, dict[str, list[Any]]] = field(default_factory=dict)
    webhooks: dict[int | None, list[Webhook]] = field(default_factory=dict)

    @classmethod
    def load(cls, unit_ids: set[int]) -> Recipients:
        by_unit: dict[int, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        rows = (
            Membership.objects.filter(
                unit_id__in=unit_ids, role__in=[Role.UNIT_ADMIN, Role.UNIT_STAFF], user__is_active=True
            )
            .select_related("user__profile")  # their language (accounts)
            .order_by("user_id")
        )
        for row in rows:
            by_unit[row.unit_id][row.role].append(row.user)
        webhooks: dict[int | None, list[Webhook]] = defaultdict(list)
        for hook in Webhook.objects.filter(active=True, unit_id__in=unit_ids).order_by("pk"):
            webhooks[hook.unit_id].append(hook)
        return cls(by_unit=by_unit, webhooks=webhooks)

    def members(self, unit_id: int) -> list[Any]:
        """Staff and admins, each once."""
        roles = self.by_unit.get(unit_id, {})
        seen: dict[int, Any] = {}
        for user in [*roles.get(Role.UNIT_ADMIN, []), *roles.get(Role.UNIT_STAFF, [])]:
            seen.setdefault(user.pk, user)
        return list(seen.values())

    def admins(self, unit_id: int) -> list[Any]:
        return list(self.by_unit.get(unit_id, {}).get(Role.UNIT_ADMIN, []))

    def unit_webhooks(self, unit_id: int) -> list[Webhook]:
        return list(self.webhooks.get(unit_id, []))


def coordinators() -> list[Any]:
    """The office's people (a coordinator membership), each once."""
    rows = (
        Membership.objects.filter(role=Role.COORDINATOR, user__is_active=True)
        .select_related("user__profile")  # their language (accounts)
        .order_by("user_id")
    )
    return list({row.user_id: row.user for row in rows}.values())


def coordinator_webhooks() -> list[Webhook]:
    return list(Webhook.objects.filter(active=True, unit__isnull=True).order_by("pk"))


# -- recording ----------------------------------------------------------------------------


class Batch:
    """The notifications one transaction decides to send. Keys already taken are skipped; the new
    ones are delivered after the commit."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        self.created: list[int] = []

    def add(
        self,
        key: str,
        kind: str,
        report: ProgressReport,
        *,
        user: Any = None,
        webhook: Webhook | None = None,
        contribution: Contribution | None = None,
        working_days: int = 0,
    ) -> None:
        if key in self.taken:
            return
        self.taken.add(key)
        language = delivery.language_for_webhook(webhook) if webhook else delivery.language_for_user(user)
        subject, body = delivery.compose(
            kind, report, language=language, contribution=contribution, working_days=working_days
        )
        defaults: dict[str, Any] = {
            "kind": kind,
            "subject": subject,
            "body": body,
            "report": report,
            "recipient": user,
            "webhook": webhook,
        }
        if webhook is not None:
            defaults |= {"channel": Channel.WEBHOOK, "address": delivery.mask_url(webhook.url)}
        else:
            defaults |= {"channel": Channel.EMAIL, "address": user.email}
            if not user.email:
                # Recorded, so the coordinator sees who cannot be reached; nothing to send.
                defaults["error"] = _("%(user)s has no e-mail address.") % {"user": user.get_username()}
        notification = actions.record_notification(key, defaults)
        if notification is not None and not notification.error:
            self.created.append(notification.pk)
        if user is not None:  # a person also finds it in their inbox, e-mail address or not
            text = delivery.compose(
                kind,
                report,
                language=language,
                contribution=contribution,
                working_days=working_days,
                link=False,
            )[1]
            inbox: dict[str, Any] = {"channel": Channel.IN_APP, "address": "", "body": text, "error": ""}
            inbox |= {"sent_at": timezone.now(), "next_attempt_at": None}
            actions.record_notification(f"{key}:in_app", defaults | inbox)

    def send_after_commit(self) -> None:
        if self.created:
            transaction.on_commit(partial(deliver_and_follow_up, list(self.created)))


def _target(user: Any = None, webhook: Webhook | None = None) -> str:
    return f"w{webhook.pk}" if webhook is not None else f"u{user.pk}"


def _taken(cycle: ReportingCycle, kinds: Sequence[str]) -> set[str]:
    return set(Notification.objects.filter(report__cycle=cycle, kind__in=kinds).values_list("key", flat=True))


def _open_cycles() -> QuerySet[ReportingCycle]:
    return (
        ReportingCycle.objects.filter(
            status=CycleStatus.OPEN,
            plan__status=PlanStatus.PUBLISHED,
            plan__reporting_calendar__active=True,
        )
        .select_related("plan__reporting_calendar")
        .order_by("due_on", "pk")
    )


def _owed_reports(cycle: ReportingCycle) -> list[ProgressReport]:
    """The reports of the cycle that the units still hold (the reporting rule `owed`)."""
    return _reports(ProgressReport.objects.filter(cycle=cycle).owed())


def _overdue_reports(cycle: ReportingCycle, today: datetime.date) -> list[ProgressReport]:
    """The reports of the cycle owed after its due date (the reporting rule `overdue`)."""
    return _reports(ProgressReport.objects.filter(cycle=cycle).overdue(today))


def _reports(qs: QuerySet[ProgressReport]) -> list[ProgressReport]:
    return list(qs.select_related("task", "unit", "cycle__plan").order_by("task__order", "pk"))


# -- reminders ----------------------------------------------------------------------------


def reminder_step(today: datetime.date, due: datetime.date, days: int) -> str | None:
    """ "before" from `days` working days before `due` until the day before it, "due" on the day,
    else None. A window rather than one day, so a day the worker missed is caught up."""
    if today == due:
        return "due"
    if days > 0 and add_working_days(due, -days) <= today < due:
        return "before"
    return None


REMINDER_KINDS = [Kind.REMINDER, Kind.DUE, Kind.CONTRIBUTION_REMINDER, Kind.CONTRIBUTION_DUE]


def _remind_unit(
    batch: Batch,
    people: Recipients,
    unit_id: int,
    prefix: str,
    kind: str,
    report: ProgressReport,
    contribution: Contribution | None,
    today: datetime.date,
    due: datetime.date,
) -> None:
    """One reminder to each of the unit's staff and admins, and one to each of its chat groups."""
    left = working_days_between(today, due)
    for user in people.members(unit_id):
        batch.add(
            f"{prefix}:{_target(user)}", kind, report, user=user, contribution=contribution, working_days=left
        )
    for hook in people.unit_webhooks(unit_id):
        batch.add(
            f"{prefix}:{_target(webhook=hook)}",
            kind,
            report,
            webhook=hook,
            contribution=contribution,
            working_days=left,
        )


def send_reminders(today: datetime.date) -> int:
    """Remind units of what they owe in each open cycle: their report, and their contributions to
    another unit's report, `reminder_working_days` before the due date and on it. Recipients: the
    unit's staff and admins by e-mail, and the unit's chat groups. Nothing on a day off."""
    if not is_working_day(today):
        return 0
    made = 0
    for cycle in _open_cycles():
        days = cycle.plan.reporting_calendar.reminder_working_days
        report_step = reminder_step(today, cycle.due_on, days)
        contribution_step = reminder_step(today, cycle.contributions_due_on, days)
        if not (report_step or contribution_step):
            continue
        with transaction.atomic():
            reports = _owed_reports(cycle) if report_step else []
            contributions = (
                list(
                    Contribution.objects.filter(report__cycle=cycle)
                    .owed()
                    .select_related("unit", "report__task", "report__unit", "report__cycle__plan")
                    .order_by("report__task__order", "unit_id")
                )
                if contribution_step
                else []
            )
            units = {r.unit_id for r in reports} | {c.unit_id for c in contributions}
            if not units:
                continue
            people = Recipients.load(units)
            batch = Batch(_taken(cycle, REMINDER_KINDS))
            for report in reports:
                due = cycle.due_on
                if report_step == "before":
                    kind, prefix = Kind.REMINDER, f"reminder:report:{report.pk}:{due}:{days}"
                else:
                    kind, prefix = Kind.DUE, f"due:report:{report.pk}:{due}"
                _remind_unit(batch, people, report.unit_id, prefix, kind, report, None, today, due)
            for contribution in contributions:
                due = cycle.contributions_due_on
                if contribution_step == "before":
                    kind = Kind.CONTRIBUTION_REMINDER
                    prefix = f"reminder:contribution:{contribution.pk}:{due}:{days}"
                else:
                    kind, prefix = Kind.CONTRIBUTION_DUE, f"due:contribution:{contribution.pk}:{due}"
                report = contribution.report
                unit_id = contribution.unit_id
                _remind_unit(batch, people, unit_id, prefix, kind, report, contribution, today, due)
            batch.send_after_commit()
            made += len(batch.created)
    return made


# -- escalation ---------------------------------------------------------------------------


def escalate_overdue(today: datetime.date) -> int:
    """Escalate reports still owed after their due date: to the unit's admins from the first working
    day after it, and to the coordinators and the coordinator's chat group once the report is
    `escalation_working_days` working days overdue. Nothing on a day off."""
    if not is_working_day(today):
        return 0
    made = 0
    office: tuple[list[Any], list[Webhook]] | None = None
    for cycle in _open_cycles().filter(due_on__lt=today):
        late = working_days_between(cycle.due_on, today)
        if late < 1:
            continue
        to_coordinator = late >= max(cycle.plan.reporting_calendar.escalation_working_days, 1)
        with transaction.atomic():
            reports = _overdue_reports(cycle, today)
            if not reports:
                continue
            people = Recipients.load({r.unit_id for r in reports})
            if to_coordinator and office is None:
                office = (coordinators(), coordinator_webhooks())
            batch = Batch(_taken(cycle, [Kind.ESCALATION_UNIT, Kind.ESCALATION_COORDINATOR]))
            for report in reports:
                due = cycle.due_on
                prefix = f"escalation:unit:{report.pk}:{due}"
                for user in people.admins(report.unit_id):
                    key = f"{prefix}:{_target(user)}"
                    batch.add(key, Kind.ESCALATION_UNIT, report, user=user, working_days=late)
                if to_coordinator and office is not None:
                    prefix = f"escalation:coordinator:{report.pk}:{due}"
                    kind = Kind.ESCALATION_COORDINATOR
                    for user in office[0]:
                        batch.add(f"{prefix}:{_target(user)}", kind, report, user=user, working_days=late)
                    for hook in office[1]:
                        batch.add(
                            f"{prefix}:{_target(webhook=hook)}", kind, report, webhook=hook, working_days=late
                        )
            batch.send_after_commit()
            made += len(batch.created)
    return made


# -- attempts again -----------------------------------------------------------------------


def deliver_and_follow_up(ids: list[int] | None = None) -> delivery.Delivered:
    """Deliver what is due (of `ids`, or all) and, if some failed and are to be tried again, have the
    worker come back at the earliest of their next attempts."""
    result = delivery.deliver(ids)
    if result.retry_at is not None:
        backend = retry_notifications_task.get_backend()
        if backend.supports_defer:
            try:
                retry_notifications_task.using(run_after=result.retry_at).enqueue()
            except Exception:  # the queue is down: the daily run still tries them again
                log.exception("could not enqueue the retry of notifications")
    return result


def retry_notifications() -> int:
    """Attempt every notification whose (next) attempt has come: failures that may pass, and any
    message recorded but never sent (its worker stopped first). The number of attempts made."""
    result = deliver_and_follow_up()
    return result.sent + result.failed


@task
def retry_notifications_task() -> int:
    return retry_notifications()
