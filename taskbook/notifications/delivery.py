"""Sending notifications: e-mail through Django's mail API, chat-group robots (WeCom, DingTalk) and
any other endpoint through a JSON post.

Jobs and actions decide what to send and record it first (a Notification with a unique key, in
their transaction); `deliver` sends recorded notifications after the commit and writes down
`sent_at` or the `error` of each one. A failure never stops the others, and nothing here decides
twice: a notification is delivered once, when it is created.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# A module reference: the actions send test messages through this module.
from taskbook.notifications import actions
from taskbook.notifications.models import Channel, Kind, Notification, Webhook
from taskbook.reporting.models import Contribution, ProgressReport

log = logging.getLogger(__name__)


WEBHOOK_TIMEOUT = 5  # seconds: a chat robot that does not answer must not hold up the others


DEFAULT_SITE_URL = "http://127.0.0.1:8000"


ERROR_MAX = 1000


ROBOT_KEYWORD = "[taskbook]"


class WebhookError(Exception):
    """The endpoint refused the message or answered with an error code."""


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


def report_link(report: ProgressReport, language: str) -> str:
    with translation.override(language):
        return site_url() + report_path(report)


def language_for_user(user: Any) -> str:
    """Users keep no language preference yet, so e-mail goes out in the site's language."""
    return getattr(user, "language", None) or settings.LANGUAGE_CODE


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
) -> tuple[str, str]:
    """(subject, body) of a reminder or escalation, in `language`. The body names the plan, the task,
    the cycle, the unit, the due date and ends with the link to the report."""
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
                "",
                site_url() + report_path(report),
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


# -- delivery -----------------------------------------------------------------------------


def webhook_payload(webhook: Webhook, subject: str, text: str, kind: str, url: str) -> dict[str, Any]:
    """The JSON a robot takes. WeCom and DingTalk group robots both read a text message of this
    shape; any other endpoint gets the parts separately."""
    if webhook.kind in (Webhook.Kind.WECOM, Webhook.Kind.DINGTALK):
        # "taskbook" first, so a DingTalk robot guarded by that keyword lets every message through;
        # both robots cap a text message (WeCom at 2048 bytes): keep well under it.
        return {"msgtype": "text", "text": {"content": f"{ROBOT_KEYWORD} {subject}\n{text}"[:1500]}}
    return {"subject": subject, "text": text, "kind": kind, "url": url}


def post_json(url: str, payload: dict[str, Any], *, check_errcode: bool = False) -> None:
    """POST `payload` as JSON. Raises on a refused connection, a timeout, an HTTP error, or (for
    WeCom and DingTalk, which answer 200 with an error code) a non-zero errcode."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise WebhookError(_("A webhook address starts with http:// or https://."))
    request = urllib.request.Request(
        url,
        data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": "taskbook"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:
        answer = response.read(65536)
    if check_errcode:
        try:
            data = json.loads(answer or b"{}")
        except ValueError:
            return
        if isinstance(data, dict) and data.get("errcode") not in (None, 0):
            raise WebhookError(f"errcode {data.get('errcode')}: {data.get('errmsg', '')}")


def _describe(exc: BaseException) -> str:
    if isinstance(exc, WebhookError):
        return str(exc)[:ERROR_MAX]
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        return f"{type(exc).__name__}: {exc.reason}"
    return f"{type(exc).__name__}: {exc}"[:ERROR_MAX]


def _send(notification: Notification) -> None:
    if notification.channel == Channel.EMAIL:
        send_mail(notification.subject, notification.body, None, [notification.address])
        return
    webhook = notification.webhook
    if webhook is None:
        raise WebhookError(_("The webhook was deleted."))
    language = language_for_webhook(webhook)
    link = report_link(notification.report, language) if notification.report else site_url() + "/"
    payload = webhook_payload(webhook, notification.subject, notification.body, notification.kind, link)
    post_json(webhook.url, payload, check_errcode=webhook.kind != Webhook.Kind.GENERIC)


RECORD_EVERY = 100  # results written per transaction: one commit per message is slow on SQLite


def deliver(ids: Iterable[int]) -> tuple[int, int]:
    """Send the recorded notifications `ids` that are not sent yet, and write down each one's
    `sent_at` or `error`; (sent, failed)."""
    sent = failed = 0
    pending = list(
        Notification.objects.filter(pk__in=list(ids), sent_at__isnull=True, error="")
        .select_related("webhook", "report__task")
        .order_by("pk")
    )
    done: list[Notification] = []
    for notification in pending:
        try:
            _send(notification)
        except Exception as exc:  # any failure is recorded, and the next message still goes out
            log.warning("notification %s failed: %s", notification.key, exc)
            notification.error = _describe(exc) or "error"
            failed += 1
        else:
            notification.sent_at = timezone.now()
            sent += 1
        done.append(notification)
        if len(done) >= RECORD_EVERY:
            actions.record_results(done)
            done = []
    actions.record_results(done)
    return sent, failed
