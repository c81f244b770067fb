"""Sending notifications: e-mail through Django's mail API, chat-group robots (WeCom, DingTalk) and
any other endpoint through a JSON post (`outbound.py`, to checked addresses only).

Jobs and actions decide what to send and record it first (a Notification with a unique key, in
their transaction); `deliver` sends the recorded notifications that are due after the commit and
writes down each attempt: `sent_at`, or the `error` and, when another try may succeed, the time of
the next attempt (`retry_delay`). A failure never stops the others.

Nothing is sent twice: each attempt first takes the notification (a compare-and-set on its count of
attempts, so of two workers only one gets it) and writes its result in the same commit that takes
the next one. A notification taken and never written down (the worker was killed while sending it)
may have arrived, so it is not tried again: it is shown as failed, "interrupted".
"""

from __future__ import annotations

import datetime
import logging
import smtplib
import urllib.parse
from collections.abc import Iterable
from typing import Any, NamedTuple

from django.conf import settings
from django.core.mail import send_mail
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# A module reference: the actions send test messages through this module.
from taskbook.accounts.models import language_of
from taskbook.notifications import actions
from taskbook.notifications.models import Channel, Kind, Notification, Webhook
from taskbook.notifications.outbound import Failure, post
from taskbook.reporting.models import Contribution, ProgressReport
from taskbook.taskbooks.models import ChangeRequest, TaskBook

log = logging.getLogger(__name__)


DEFAULT_SITE_URL = "http://127.0.0.1:8000"


ERROR_MAX = 300


ROBOT_KEYWORD = "[taskbook]"


# A notification taken for an attempt and not written down after this long was interrupted: far
# longer than an attempt can take (outbound.DEADLINE, an SMTP server's timeouts).
LEASE = datetime.timedelta(minutes=10)
DELAY_MAX = datetime.timedelta(days=1)


# -- links and languages ------------------------------------------------------------------


def site_url() -> str:
    """The address people open taskbook at, for links in messages (setting SITE_URL)."""
    return (getattr(settings, "SITE_URL", "") or DEFAULT_SITE_URL).rstrip("/")


def report_path(report: ProgressReport) -> str:
    """The page of a report; the task's page until the report pages exist. Reversed in the active
    language, so a link in a Chinese message opens the Chinese page."""
    try:
        return reverse("reporting:report", args=[report.pk])
    except NoReverseMatch:
        return reverse("plans:task", args=[report.task.plan_id, report.task_id])


def notification_path(
    report: ProgressReport | None, taskbook: TaskBook | None = None, change: ChangeRequest | None = None
) -> str:
    """The page a notification is about: its report, task book, or the measure a change request
    concerns (the list of change requests for a target's)."""
    if report is not None:
        return report_path(report)
    if taskbook is not None:
        return reverse("taskbooks:taskbook", args=[taskbook.plan_id, taskbook.unit_id])
    if change is not None:
        if change.measure_id is not None:
            return reverse("taskbooks:measure", args=[change.measure_id])
        return reverse("taskbooks:changes")
    return "/"


def link_of(notification: Notification, language: str) -> str:
    with translation.override(language):
        return site_url() + notification_path(
            notification.report, notification.taskbook, notification.change_request
        )


def language_for_user(user: Any) -> str:
    """The language the person chose on their account page (accounts' profile), else the site's."""
    return language_of(user)


def language_for_webhook(webhook: Webhook) -> str:
    """WeCom and DingTalk groups are Chinese offices' chat groups: they read Chinese."""
    if webhook.kind in (Webhook.Kind.WECOM, Webhook.Kind.DINGTALK):
        return "zh-hans"
    return settings.LANGUAGE_CODE


def mask_url(url: str) -> str:
    """The scheme and host only: a robot's address carries its secret key in the path or query."""
    parts = urllib.parse.urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return "…"
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return f"{parts.scheme}://{host}/…"


# -- texts --------------------------------------------------------------------------------


def compose(
    kind: str,
    report: ProgressReport,
    *,
    language: str,
    contribution: Contribution | None = None,
    working_days: int = 0,
    link: bool = True,
) -> tuple[str, str]:
    """(subject, body) of a reminder or escalation, in `language`. The body names the plan, the task,
    the cycle, the unit, the due date and ends with the link to the report (not in an inbox item,
    which is itself the link)."""
    with translation.override(language):
        cycle, task = report.cycle, report.task
        plan = cycle.plan
        due = formats.date_format(cycle.due_on, "DATE_FORMAT")
        contribution_due = formats.date_format(cycle.contributions_due_on, "DATE_FORMAT")
        values = {
            "number": task.number,
            "title": task.title,
            "cycle": cycle.label,
            "due": due,
            "contribution_due": contribution_due,
            "unit": report.unit.display_name,
            "participant": contribution.unit.display_name if contribution else "",
            "days": working_days,
        }
        days = working_days
        if kind == Kind.REMINDER:
            subject = _("Report on task %(number)s due %(due)s (%(cycle)s)") % values
            lead = ngettext(
                "%(unit)s's progress report on task %(number)s for %(cycle)s is due on %(due)s, "
                "in %(days)s working day.",
                "%(unit)s's progress report on task %(number)s for %(cycle)s is due on %(due)s, "
                "in %(days)s working days.",
                days,
            )
        elif kind == Kind.DUE:
            subject = _("Report on task %(number)s due today (%(cycle)s)") % values
            lead = _("%(unit)s's progress report on task %(number)s for %(cycle)s is due today, %(due)s.")
        elif kind == Kind.CONTRIBUTION_REMINDER:
            subject = _("Contribution to task %(number)s due %(contribution_due)s (%(cycle)s)") % values
            lead = ngettext(
                "%(participant)s's contribution to the report of %(unit)s on task %(number)s for "
                "%(cycle)s is due on %(contribution_due)s, in %(days)s working day.",
                "%(participant)s's contribution to the report of %(unit)s on task %(number)s for "
                "%(cycle)s is due on %(contribution_due)s, in %(days)s working days.",
                days,
            )
        elif kind == Kind.CONTRIBUTION_DUE:
            subject = _("Contribution to task %(number)s due today (%(cycle)s)") % values
            lead = _(
                "%(participant)s's contribution to the report of %(unit)s on task %(number)s for "
                "%(cycle)s is due today, %(contribution_due)s."
            )
        elif kind in (Kind.ESCALATION_UNIT, Kind.ESCALATION_COORDINATOR):
            subject = (
                ngettext(
                    "Overdue: report on task %(number)s (%(cycle)s), %(days)s working day late",
                    "Overdue: report on task %(number)s (%(cycle)s), %(days)s working days late",
                    days,
                )
                % values
            )
            lead = ngettext(
                "%(unit)s's progress report on task %(number)s for %(cycle)s was due on %(due)s and "
                "has not been submitted: %(days)s working day overdue.",
                "%(unit)s's progress report on task %(number)s for %(cycle)s was due on %(due)s and "
                "has not been submitted: %(days)s working days overdue.",
                days,
            )
        else:
            raise ValueError(f"no text for notification kind {kind!r}")
        body = "\n".join(
            [
                lead % values,
                "",
                _("Plan: %(plan)s") % {"plan": plan.display_title},
                _("Task %(number)s: %(title)s") % values,
                _("Cycle: %(cycle)s") % values,
                *(["", site_url() + report_path(report)] if link else []),
            ]
        )
    return subject[:300], body


def compose_test(webhook: Webhook, language: str) -> tuple[str, str]:
    with translation.override(language):
        subject = _("taskbook test message")
        body = _(
            "This chat group will receive taskbook's reminders and escalations (webhook “%(name)s”)."
        ) % {"name": webhook.name}
        return subject, body + "\n" + site_url() + "/"


# -- payloads ---------------------------------------------------------------------------


def webhook_payload(webhook: Webhook, subject: str, text: str, kind: str, url: str) -> dict[str, Any]:
    """The JSON a robot takes. WeCom and DingTalk group robots both read a text message of this
    shape; any other endpoint gets the parts separately."""
    if webhook.kind in (Webhook.Kind.WECOM, Webhook.Kind.DINGTALK):
        # "taskbook" first, so a DingTalk robot guarded by that keyword lets every message through;
        # both robots cap a text message (WeCom at 2048 bytes): keep well under it.
        return {"msgtype": "text", "text": {"content": f"{ROBOT_KEYWORD} {subject}\n{text}"[:1500]}}
    return {"subject": subject, "text": text, "kind": kind, "url": url}


# -- delivery and its attempts ------------------------------------------------------------


def max_attempts(notification: Notification) -> int:
    """A test message is tried once, since its sender waits for the answer; any other message up to
    NOTIFICATION_ATTEMPTS times."""
    return 1 if notification.kind == Kind.TEST else max(1, settings.NOTIFICATION_ATTEMPTS)


def retry_delay(attempt: int) -> datetime.timedelta:
    """The wait after the `attempt`-th failure: NOTIFICATION_RETRY_SECONDS, doubled after each
    failure, at most a day."""
    seconds = max(1, settings.NOTIFICATION_RETRY_SECONDS) * 2 ** min(attempt - 1, 20)
    return min(datetime.timedelta(seconds=seconds), DELAY_MAX)


def _mail_failure(exc: Exception) -> Failure:
    """What the mail server said, in a few words: a permanent refusal (5xx, refused recipients) is
    final; an unreachable server or a temporary refusal may pass."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return Failure(_("refused by the mail server: the recipient"), final=True)
    if isinstance(exc, smtplib.SMTPResponseException):
        code = exc.smtp_code
        return Failure(_("refused by the mail server: %(code)s") % {"code": code}, final=500 <= code < 600)
    if isinstance(exc, OSError):
        return Failure(_("could not reach the mail server"), final=False)
    return Failure(f"{type(exc).__name__}: {exc}"[:ERROR_MAX], final=False)


def _send(notification: Notification) -> None:
    """Send once, or raise Failure."""
    if notification.channel == Channel.EMAIL:
        try:
            send_mail(notification.subject, notification.body, None, [notification.address])
        except Exception as exc:  # every mail backend raises its own errors
            raise _mail_failure(exc) from exc
        return
    webhook = notification.webhook
    if webhook is None:
        raise Failure(_("the webhook was deleted"), final=True)
    if not webhook.active and notification.kind != Kind.TEST:
        raise Failure(_("the webhook was switched off"), final=True)
    language = language_for_webhook(webhook)
    link = link_of(notification, language)
    payload = webhook_payload(webhook, notification.subject, notification.body, notification.kind, link)
    post(webhook.url, payload, check_errcode=webhook.kind != Webhook.Kind.GENERIC)


def _attempt(notification: Notification) -> None:
    """Send the taken notification and set its result on it (written down by the caller)."""
    try:
        _send(notification)
    except Exception as exc:  # any failure is recorded, and the next message still goes out
        failure = exc if isinstance(exc, Failure) else Failure(type(exc).__name__, final=False)
        log.warning("notification %s failed (attempt %s): %s", notification.key, notification.attempts, exc)
        notification.error = str(failure)[:ERROR_MAX] or "error"
        last = failure.final or notification.attempts >= max_attempts(notification)
        notification.next_attempt_at = None if last else timezone.now() + retry_delay(notification.attempts)
    else:
        notification.sent_at = timezone.now()
        notification.next_attempt_at = None


def _give_up(notification: Notification) -> bool:
    """Settle, without sending, a due notification that must not be tried (again): True if so."""
    if notification.attempts and not notification.error:
        notification.error = _("interrupted while being sent: it may have arrived, so it is not sent again")
    elif notification.attempts < max_attempts(notification):
        return False
    notification.next_attempt_at = None
    return True


class Delivered(NamedTuple):
    sent: int
    failed: int  # failed attempts, of messages to be tried again or not
    retry_at: datetime.datetime | None  # the earliest next attempt this run left


def deliver(ids: Iterable[int] | None = None) -> Delivered:
    """Attempt the notifications `ids` (all of them, when None) that are due: not sent, and their
    next attempt has come."""
    due = Notification.objects.due(timezone.now())
    if ids is not None:
        due = due.filter(pk__in=list(ids))
    pending = list(due.select_related("webhook", "report__task", "taskbook").order_by("pk"))
    sent = failed = 0
    retry_at: datetime.datetime | None = None
    done: Notification | None = None
    for notification in pending:
        if _give_up(notification):
            actions.record_attempt(done, None)
            done = notification
            continue
        taken = actions.record_attempt(done, notification)
        done = None
        if not taken:  # another worker has it
            continue
        _attempt(notification)
        done = notification
        if notification.sent_at:
            sent += 1
        else:
            failed += 1
            if notification.next_attempt_at and (retry_at is None or notification.next_attempt_at < retry_at):
                retry_at = notification.next_attempt_at
    actions.record_attempt(done, None)
    return Delivered(sent, failed, retry_at)
