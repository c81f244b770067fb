"""The notification log and the chat-group webhooks, as every role sees them (a webhook of Commerce).
Statuses in the order of ROLES (tests/web/test_urls_by_role.py): six roles, then people of a unit with
no task of the plan. POST-only URLs are posted to with no data."""

from django.urls import reverse

from taskbook.notifications.actions import create_webhook
from taskbook.orgs.actors import SYSTEM

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
    return {
        "notifications:list": reverse("notifications:list"),
        "notifications:webhooks": reverse("notifications:webhooks"),
        "notifications:webhook_add": reverse("notifications:webhook_add"),
        "notifications:webhook_test": reverse("notifications:webhook_test", args=[hook.pk]),
        "notifications:webhook_edit": reverse("notifications:webhook_edit", args=[hook.pk]),
        "notifications:webhook_deactivate": reverse("notifications:webhook_deactivate", args=[hook.pk]),
        "notifications:webhook_activate": reverse("notifications:webhook_activate", args=[hook.pk]),
        "api:list_notifications": reverse("api:list_notifications"),
    }
