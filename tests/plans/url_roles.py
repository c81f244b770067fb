"""The plan's responsibility system as every role sees it. Statuses in the order: anonymous, no role,
unit staff (Commerce), unit admin (Commerce), leader, coordinator."""

from django.urls import reverse

L = 302  # sent to sign in

EXPECTED = {
    "plans:responsibility": ("GET", (L, 404, 200, 200, 200, 200)),
}


def paths(ctx) -> dict[str, str]:
    return {"plans:responsibility": reverse("plans:responsibility", args=[ctx.plan.pk])}
