"""The people pages, one's account and the password pages, as every role sees them. The person is
Nina, staff of Commerce; the role taken away is Omar's (staff of Commerce too). Statuses in the order
of ROLES (tests/web/test_urls_by_role.py). POST-only URLs are posted to with no data; the
coordinator's sign-in actions are then refused with their reason (400): nothing is locked, and the
person named is signed in nowhere."""

from django.urls import reverse

from taskbook.accounts.actions import create_user
from taskbook.orgs.actors import SYSTEM
from taskbook.orgs.models import Role

L = 302  # sent to sign in
A = 401  # the API answers a visitor without a session
MANAGERS = (L, 403, 403, 200, 403, 200, 403, 200)  # the coordinator and unit admins
EVERYONE = (200,) * 8

EXPECTED = {
    "accounts:people": ("GET", MANAGERS),
    "accounts:person_new": ("GET", MANAGERS),
    "accounts:people_bulk": ("GET", MANAGERS),
    # Nina is seen by the people of Commerce and the office; managed by Commerce's admin and the office.
    "accounts:person": ("GET", (L, 404, 403, 200, 403, 200, 404, 404)),
    "accounts:person_edit": ("POST", (L, 404, 403, 400, 403, 400, 404, 404)),
    "accounts:person_invite": ("POST", (L, 404, 403, 302, 403, 302, 404, 404)),
    "accounts:person_deactivate": ("POST", (L, 404, 403, 302, 403, 302, 404, 404)),
    "accounts:person_reactivate": ("POST", (L, 404, 403, 302, 403, 302, 404, 404)),
    "accounts:person_grant": ("POST", (L, 404, 403, 400, 403, 400, 404, 404)),
    "accounts:person_revoke": ("POST", (L, 404, 403, 302, 403, 302, 404, 404)),
    "accounts:unit_people": ("GET", (L, 403, 200, 200, 200, 200, 403, 403)),
    "accounts:me": ("GET", (L, 200, 200, 200, 200, 200, 200, 200)),
    "accounts:password_change": ("GET", (L, 200, 200, 200, 200, 200, 200, 200)),
    "accounts:reset": ("GET", EVERYONE),
    "accounts:reset_sent": ("GET", EVERYONE),
    # A link that is not valid shows the page that says so.
    "accounts:reset_confirm": ("GET", EVERYONE),
    "accounts:accept": ("GET", EVERYONE),
    "api:list_people": ("GET", (A, 200, 200, 200, 200, 200, 200, 200)),
    "api:get_person": ("GET", (A, 404, 200, 200, 200, 200, 404, 404)),
    "signin:security": ("GET", (L, 403, 403, 403, 403, 200, 403, 403)),
    "signin:unlock_account": ("POST", (L, 403, 403, 403, 403, 400, 403, 403)),
    "signin:unlock_address": ("POST", (L, 403, 403, 403, 403, 400, 403, 403)),
    "signin:end_sessions": ("POST", (L, 403, 403, 403, 403, 400, 403, 403)),
}


def paths(ctx) -> dict[str, str]:
    commerce = ctx.people.commerce
    nina = create_user(SYSTEM, name="Nina", email="nina@example.gov.cn", unit=commerce, role=Role.UNIT_STAFF)
    omar = create_user(SYSTEM, name="Omar", email="omar@example.gov.cn", unit=commerce, role=Role.UNIT_STAFF)
    by_nina = {"user_id": nina.pk}
    return {
        "accounts:people": reverse("accounts:people"),
        "accounts:person_new": reverse("accounts:person_new"),
        "accounts:people_bulk": reverse("accounts:people_bulk"),
        "accounts:person": reverse("accounts:person", kwargs=by_nina),
        "accounts:person_edit": reverse("accounts:person_edit", kwargs=by_nina),
        "accounts:person_invite": reverse("accounts:person_invite", kwargs=by_nina),
        "accounts:person_deactivate": reverse("accounts:person_deactivate", kwargs=by_nina),
        "accounts:person_reactivate": reverse("accounts:person_reactivate", kwargs=by_nina),
        "accounts:person_grant": reverse("accounts:person_grant", kwargs=by_nina),
        "accounts:person_revoke": reverse(
            "accounts:person_revoke",
            kwargs={"user_id": omar.pk, "membership_id": omar.memberships.get().pk},
        ),
        "accounts:unit_people": reverse("accounts:unit_people", kwargs={"unit_id": commerce.pk}),
        "accounts:me": reverse("accounts:me"),
        "accounts:password_change": reverse("accounts:password_change"),
        "accounts:reset": reverse("accounts:reset"),
        "accounts:reset_sent": reverse("accounts:reset_sent"),
        "accounts:reset_confirm": reverse("accounts:reset_confirm", kwargs={"uidb64": "MQ", "token": "x-y"}),
        "accounts:accept": reverse("accounts:accept", kwargs={"uidb64": "MQ", "token": "x-y"}),
        "api:list_people": reverse("api:list_people"),
        "api:get_person": reverse("api:get_person", kwargs={"user_id": nina.pk}),
        "signin:security": reverse("signin:security"),
        "signin:unlock_account": reverse("signin:unlock_account"),
        "signin:unlock_address": reverse("signin:unlock_address"),
        "signin:end_sessions": reverse("signin:end_sessions", args=[ctx.people.olga.pk]),
    }
