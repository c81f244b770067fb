"""Exports of the task book and the responsibility system, as every role sees them (Commerce's task
book). Statuses in the order: anonymous, no role, unit staff (Commerce), unit admin (Commerce), leader,
coordinator."""

from django.urls import reverse

L = 302  # sent to sign in

EXPECTED = {
    "exports:taskbook_pdf": ("GET", (L, 404, 200, 200, 200, 200)),
    "exports:taskbook_docx": ("GET", (L, 404, 200, 200, 200, 200)),
    "exports:responsibility": ("GET", (L, 404, 200, 200, 200, 200)),
    "exports:responsibility_xlsx": ("GET", (L, 404, 200, 200, 200, 200)),
}


def paths(ctx) -> dict[str, str]:
    plan, commerce = ctx.plan, ctx.people.commerce
    return {
        "exports:taskbook_pdf": reverse("exports:taskbook_pdf", args=[plan.pk, commerce.pk]),
        "exports:taskbook_docx": reverse("exports:taskbook_docx", args=[plan.pk, commerce.pk]),
        "exports:responsibility": reverse("exports:responsibility", args=[plan.pk]),
        "exports:responsibility_xlsx": reverse("exports:responsibility_xlsx", args=[plan.pk]),
    }
