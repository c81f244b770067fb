"""The dashboards as every role sees them. Statuses in the order of ROLES
(tests/web/test_urls_by_role.py): six roles, then people of a unit with no task of the plan.

The coordinator's dashboard, the leader's summary and the task and target lists are for the
coordinator and leaders; the league table and the report and measure lists behind its figures are read
by every unit's members too (filtered by what they may see); someone with no role gets 403."""

from django.urls import reverse

L = 302  # sent to sign in
READERS = (L, 403, 403, 403, 200, 200, 403, 403)
MEMBERS = (L, 403, 200, 200, 200, 200, 200, 200)
A = 401  # the API answers a visitor without a session

EXPECTED = {
    "dashboards:coordinator": ("GET", READERS),
    "dashboards:league": ("GET", MEMBERS),
    "dashboards:summary": ("GET", READERS),
    "dashboards:reports": ("GET", MEMBERS),
    "dashboards:measures": ("GET", MEMBERS),
    "dashboards:tasks": ("GET", READERS),
    "dashboards:targets": ("GET", READERS),
    "api:league_table": ("GET", (A, 403, 200, 200, 200, 200, 200, 200)),
}


def paths(ctx) -> dict[str, str]:
    plan = ctx.plan.pk
    return {
        "dashboards:coordinator": reverse("dashboards:coordinator") + f"?plan={plan}",
        "dashboards:league": reverse("dashboards:league") + f"?plan={plan}&sort=-slippage",
        "dashboards:summary": reverse("dashboards:summary", args=[plan]),
        "dashboards:reports": reverse("dashboards:reports") + f"?plan={plan}&which=due",
        "dashboards:measures": reverse("dashboards:measures") + "?plan=all&which=overdue",
        "dashboards:tasks": reverse("dashboards:tasks") + f"?plan={plan}&rating=red",
        "dashboards:targets": reverse("dashboards:targets") + f"?plan={plan}&verdict=off",
        "api:league_table": reverse("api:league_table") + f"?plan={plan}&sort=-overdue_reports",
    }
