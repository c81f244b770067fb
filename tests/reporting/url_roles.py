"""The reporting pages as every role sees them: anonymous, no role, unit staff (Commerce), unit admin
(Commerce), leader, coordinator, then unit staff and unit admin of the Port Office, a unit that holds
no task of the plan. POST-only URLs are posted to with no data."""

from django.urls import reverse

from taskbook.orgs.actors import SYSTEM
from taskbook.reporting.actions import add_evidence, open_cycle, set_calendar

L = 302
A = 401  # the API answers a visitor without a session
SEEN = (A, 404, 200, 200, 200, 200, 200, 200)  # whoever sees the plan; another unit's lists are empty

EXPECTED = {
    # The leader and the coordinator owe nothing: sent on to the current cycle of the one plan.
    "reporting:owed": ("GET", (L, 200, 200, 200, 302, 302, 200, 200)),
    "reporting:cycles": ("GET", (L, 404, 200, 200, 200, 200, 200, 200)),
    "reporting:calendar": ("POST", (L, 404, 403, 403, 403, 400, 403, 403)),  # no version: refused
    "reporting:cycle": ("GET", (L, 404, 200, 200, 200, 200, 200, 200)),
    "reporting:cycle_open": ("POST", (L, 404, 403, 403, 403, 302, 403, 403)),
    "reporting:cycle_close": ("POST", (L, 404, 403, 403, 403, 302, 403, 403)),
    "reporting:report": ("GET", (L, 404, 200, 200, 200, 200, 404, 404)),
    "reporting:save": ("POST", (L, 404, 400, 400, 403, 400, 404, 404)),
    "reporting:submit": ("POST", (L, 404, 403, 400, 403, 400, 404, 404)),
    "reporting:return": ("POST", (L, 404, 403, 403, 403, 400, 404, 404)),
    "reporting:accept": ("POST", (L, 404, 403, 403, 403, 400, 404, 404)),
    "reporting:assess": ("POST", (L, 404, 403, 403, 403, 400, 404, 404)),
    "reporting:amend": ("POST", (L, 404, 403, 400, 403, 400, 404, 404)),
    "reporting:evidence": ("POST", (L, 404, 400, 400, 403, 400, 404, 404)),
    "reporting:evidence_download": ("GET", (L, 404, 200, 200, 200, 200, 404, 404)),
    "reporting:contribution": ("POST", (L, 404, 403, 403, 403, 400, 404, 404)),  # no version: refused
    "reporting:measure_progress": ("POST", (L, 404, 400, 400, 403, 400, 404, 404)),
    "api:list_cycles": ("GET", SEEN),
    "api:get_cycle": ("GET", SEEN),
    "api:list_reports": ("GET", SEEN),
    "api:get_report": ("GET", (A, 404, 200, 200, 200, 200, 404, 404)),  # Commerce's: not another unit's
    "api:list_assessments": ("GET", SEEN),
}


def paths(ctx) -> dict[str, str]:
    plan = ctx.plan
    set_calendar(SYSTEM, plan, frequency="quarterly")
    cycles = list(plan.cycles.order_by("period_start"))
    cycle, other = cycles[4], cycles[5]
    reports = {r.task.number: r for r in open_cycle(SYSTEM, cycle)}
    report = reports["1"]  # led by Commerce; Technology and each district contribute
    add_evidence(SYSTEM, report, data=b"%PDF-1.4\n%%EOF", name="minutes.pdf")
    contribution = report.contributions.get(unit=ctx.people.tech)
    return {
        "reporting:owed": reverse("reporting:owed"),
        "reporting:cycles": reverse("reporting:cycles", args=[plan.pk]),
        "reporting:calendar": reverse("reporting:calendar", args=[plan.pk]),
        "reporting:cycle": reverse("reporting:cycle", args=[cycle.pk]),
        "reporting:cycle_open": reverse("reporting:cycle_open", args=[other.pk]),
        "reporting:cycle_close": reverse("reporting:cycle_close", args=[other.pk]),
        "reporting:report": reverse("reporting:report", args=[report.pk]),
        "reporting:save": reverse("reporting:save", args=[report.pk]),
        "reporting:submit": reverse("reporting:submit", args=[report.pk]),
        "reporting:return": reverse("reporting:return", args=[report.pk]),
        "reporting:accept": reverse("reporting:accept", args=[report.pk]),
        "reporting:assess": reverse("reporting:assess", args=[report.pk]),
        "reporting:amend": reverse("reporting:amend", args=[report.pk]),
        "reporting:evidence": reverse("reporting:evidence", args=[report.pk]),
        "reporting:evidence_download": reverse(
            "reporting:evidence_download", args=[report.evidence.get().pk]
        ),
        "reporting:contribution": reverse("reporting:contribution", args=[contribution.pk]),
        "reporting:measure_progress": reverse(
            "reporting:measure_progress", args=[ctx.workplan.measures[0].pk]
        ),
        "api:list_cycles": reverse("api:list_cycles") + f"?plan={plan.pk}",
        "api:get_cycle": reverse("api:get_cycle", kwargs={"cycle_id": cycle.pk}),
        "api:list_reports": reverse("api:list_reports") + f"?plan={plan.pk}&overdue=true",
        "api:get_report": reverse("api:get_report", kwargs={"report_id": report.pk}),
        "api:list_assessments": reverse("api:list_assessments") + f"?plan={plan.pk}",
    }
