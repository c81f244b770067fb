"""The coordinator's sign-in page and its actions, as every role sees them. Statuses in the order of
ROLES (tests/web/test_urls_by_role.py). Posted with no data, the coordinator's are refused with their
reason (400): nothing is locked, and the person named is signed in nowhere."""

from django.urls import reverse

L = 302  # a visitor is sent to the sign-in page

EXPECTED = {
    "signin:security": ("GET", (L, 403, 403, 403, 403, 200, 403, 403)),
    "signin:unlock_account": ("POST", (L, 403, 403, 403, 403, 400, 403, 403)),
    "signin:unlock_address": ("POST", (L, 403, 403, 403, 403, 400, 403, 403)),
    "signin:end_sessions": ("POST", (L, 403, 403, 403, 403, 400, 403, 403)),
}


def paths(ctx) -> dict[str, str]:
    return {
        "signin:security": reverse("signin:security"),
        "signin:unlock_account": reverse("signin:unlock_account"),
        "signin:unlock_address": reverse("signin:unlock_address"),
        "signin:end_sessions": reverse("signin:end_sessions", args=[ctx.people.olga.pk]),
    }
