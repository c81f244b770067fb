"""Road maps as every role sees them (the Commerce unit in paths). Statuses in the order of ROLES
(tests/web/test_urls_by_role.py): six roles, then people of a unit with no task of the plan."""

from django.urls import reverse

L = 302  # sent to sign in

EXPECTED = {
    "roadmaps:plan": ("GET", (L, 404, 200, 200, 200, 200, 200, 200)),
    "roadmaps:task": ("GET", (L, 404, 200, 200, 200, 200, 200, 200)),
    "roadmaps:unit": ("GET", (L, 404, 200, 200, 200, 200, 404, 404)),
}


def paths(ctx) -> dict[str, str]:
    plan, unit = ctx.plan, ctx.people.commerce
    return {
        "roadmaps:plan": reverse("roadmaps:plan", args=[plan.pk]),
        "roadmaps:task": reverse("roadmaps:task", args=[ctx.task.pk]),
        "roadmaps:unit": reverse("roadmaps:unit", args=[plan.pk, unit.pk]),
    }
