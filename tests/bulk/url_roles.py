"""Bulk import and export of a unit's measures, as every role sees them (the Commerce unit).
Statuses in the order: anonymous, no role, unit staff (Commerce), unit admin (Commerce), leader, coordinator."""

from django.urls import reverse

L = 302  # sent to sign in

EXPECTED = {
    # Whoever may read the unit's task book may download it; the import form is for those who edit it.
    "bulk:export_xlsx": ("GET", (L, 404, 200, 200, 200, 200)),
    "bulk:export_csv": ("GET", (L, 404, 200, 200, 200, 200)),
    "bulk:import": ("GET", (L, 404, 200, 200, 403, 200)),
}


def paths(ctx) -> dict[str, str]:
    args = [ctx.plan.pk, ctx.people.commerce.pk]
    return {name: reverse(name, args=args) for name in EXPECTED}
