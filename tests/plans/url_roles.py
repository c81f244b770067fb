"""The plan's responsibility system as every role sees it. Statuses in the order of ROLES
(tests/web/test_urls_by_role.py): six roles, then people of a unit with no task of the plan."""

from django.urls import reverse

L = 302  # sent to sign in

EXPECTED = {
    "plans:responsibility": ("GET", (L, 404, 200, 200, 200, 200, 200, 200)),
}


def paths(ctx) -> dict[str, str]:
    return {"plans:responsibility": reverse("plans:responsibility", args=[ctx.plan.pk])}
