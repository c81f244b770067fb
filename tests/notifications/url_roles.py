"""The notification log and the chat-group webhooks, as every role sees them (a webhook of Commerce).
Statuses in the order of ROLES (tests/web/test_urls_by_role.py): six roles, then people of a unit with
no task of the plan. POST-only URLs are posted to with no data."""

from django.urls import reverse
from django.utils import timezone

from taskbook.notifications.actions import create_webhook
from taskbook.notifications.models import Channel, Kind, Notification
from taskbook.orgs.actors import SYSTEM
from taskbook.reporting.actions import open_cycle, save_report, set_calendar

L = 302  # sent to sign in
A = 401  # the API answers a visitor without a session

EXPECTED = {
    "notifications:list": ("GET", (L, 403, 403, 403, 403, 200, 403, 403)),
    "notifications:webhooks": ("GET", (L, 403, 403, 200, 403, 200, 403, 200)),
    "notifications:webhook_add": ("POST", (L, 403, 403, 400, 403, 400, 403, 400)),
    # A unit's webhooks are seen by its admin and the coordinator only: their addresses hold keys.
    "notifications:webhook_test": ("POST", (L, 404, 404, 302, 404, 302, 404, 404)),
    "notifications:webhook_edit": ("GET", (L, 404, 404, 200, 404, 200, 404, 404)),
    # Posted with no version: refused as a stale page would be.
    "notifications:webhook_deactivate": ("POST", (L, 404, 404, 409, 404, 409, 404, 404)),
    "notifications:webhook_activate": ("POST", (L, 404, 404, 409, 404, 409, 404, 404)),
    # Everyone's own inbox; an item opens for its recipient only (the unit admin's here).
    "notifications:inbox": ("GET", (L, 200, 200, 200, 200, 200, 200, 200)),
    "notifications:inbox_open": ("GET", (L, 404, 404, 302, 404, 404, 404, 404)),
    "notifications:inbox_read_all": ("POST", (L, 302, 302, 302, 302, 302, 302, 302)),
    # Remind now: the coordinator's, of a late report or task book of Commerce.
    "notifications:remind_report": ("POST", (L, 404, 403, 403, 403, 302, 404, 404)),
    "notifications:remind_taskbook": ("POST", (L, 404, 403, 403, 403, 302, 404, 404)),
    # The draft is ready: Commerce's staff tell its admin (who has no other admin to tell).
    "notifications:draft_ready": ("POST", (L, 404, 302, 400, 403, 403, 404, 404)),
    # The coordinator's whole log, or the messages sent to oneself.
    "api:list_notifications": ("GET", (A, 200, 200, 200, 200, 200, 200, 200)),
}


def paths(ctx) -> dict[str, str]:
    # A test message is sent only after a real commit, which these requests never make.
    hook = create_webhook(
        SYSTEM,
        name="Commerce group",
        kind="wecom",
        url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
        unit=ctx.people.commerce,
    )
    # A report of a cycle of its own (2024-Q3, long overdue), drafted; the reporting area opens 2024-Q1.
    set_calendar(SYSTEM, ctx.plan, frequency="quarterly")
    cycle = list(ctx.plan.cycles.order_by("period_start"))[6]
    report = next(r for r in open_cycle(SYSTEM, cycle) if r.task.number == "1")
    report = save_report(SYSTEM, report, version=report.version, narrative="A draft.")
    # Test setup, not an action: an item of the unit admin's inbox.
    item = Notification.objects.create(
        key="test:inbox",
        channel=Channel.IN_APP,
        kind=Kind.REMIND_NOW,
        recipient=ctx.people.carl,
        subject="s",
        body="b",
        report=report,
        sent_at=timezone.now(),
    )
    return {
        "notifications:inbox": reverse("notifications:inbox"),
        "notifications:inbox_open": reverse("notifications:inbox_open", args=[item.pk]),
        "notifications:inbox_read_all": reverse("notifications:inbox_read_all"),
        "notifications:remind_report": reverse("notifications:remind_report", args=[report.pk]),
        "notifications:remind_taskbook": reverse(
            "notifications:remind_taskbook", args=[ctx.plan.pk, ctx.people.commerce.pk]
        ),
        "notifications:draft_ready": reverse("notifications:draft_ready", args=[report.pk]),
        "notifications:list": reverse("notifications:list"),
        "notifications:webhooks": reverse("notifications:webhooks"),
        "notifications:webhook_add": reverse("notifications:webhook_add"),
        "notifications:webhook_test": reverse("notifications:webhook_test", args=[hook.pk]),
        "notifications:webhook_edit": reverse("notifications:webhook_edit", args=[hook.pk]),
        "notifications:webhook_deactivate": reverse("notifications:webhook_deactivate", args=[hook.pk]),
        "notifications:webhook_activate": reverse("notifications:webhook_activate", args=[hook.pk]),
        "api:list_notifications": reverse("api:list_notifications"),
    }
