"""The audit log through the API, as every role sees it (the audit pages are in tests/taskbooks/url_roles.py).
Statuses in the order of ROLES (tests/web/test_urls_by_role.py): six roles, then people of a unit with
no task of the plan."""

from django.urls import reverse

A = 401  # the API answers a visitor without a session

EXPECTED = {
    "api:list_audit_events": ("GET", (A, 403, 403, 403, 200, 200, 403, 403)),
    # A Commerce measure's history: for whoever may see the measure.
    "api:object_history": ("GET", (A, 404, 200, 200, 200, 200, 404, 404)),
}


def paths(ctx) -> dict[str, str]:
    measure = ctx.workplan.measures[0]
    return {
        "api:list_audit_events": reverse("api:list_audit_events") + "?action=measure.&since=2024-01-01",
        "api:object_history": reverse(
            "api:object_history", kwargs={"object_type": "taskbooks.measure", "object_id": str(measure.pk)}
        ),
    }
