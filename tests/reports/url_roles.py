"""The reporting pages as every role sees them: anonymous, no role, unit staff (Commerce), unit admin
(Commerce), leader, coordinator. POST-only URLs are posted to with no data."""

from django.urls import reverse

from taskbook.reports.actions import add_evidence, open_cycle, set_calendar

L = 302

EXPECTED = {
    "reports:owed": ("GET", (L, 200, 200, 200, 200, 200)),
    "reports:cycles": ("GET", (L, 404, 200, 200, 200, 200)),
    "reports:calendar": ("POST", (L, 404, 403, 403, 403, 302)),
    "reports:cycle": ("GET", (L, 404, 200, 200, 200, 200)),
    "reports:cycle_open": ("POST", (L, 404, 403, 403, 403, 302)),
    "reports:cycle_close": ("POST", (L, 404, 403, 403, 403, 302)),
    "reports:report": ("GET", (L, 404, 200, 200, 200, 200)),
    "reports:save": ("POST", (L, 404, 400, 400, 403, 400)),
    "reports:submit": ("POST", (L, 404, 403, 400, 403, 400)),
    "reports:return": ("POST", (L, 404, 403, 403, 403, 400)),
    "reports:accept": ("POST", (L, 404, 403, 403, 403, 400)),
    "reports:assess": ("POST", (L, 404, 403, 403, 403, 400)),
    "reports:amend": ("POST", (L, 404, 403, 400, 403, 400)),
    "reports:evidence": ("POST", (L, 404, 400, 400, 403, 400)),
    "reports:evidence_download": ("GET", (L, 404, 200, 200, 200, 200)),
    "reports:contribution": ("POST", (L, 404, 403, 403, 403, 302)),
    "reports:measure_progress": ("POST", (L, 404, 400, 400, 403, 400)),
}


def paths(ctx) -> dict[str, str]:
    plan = ctx.plan
    set_calendar(None, plan, frequency="quarterly")
    cycles = list(plan.cycles.order_by("period_start"))
    cycle, other = cycles[4], cycles[5]
    reports = {r.task.number: r for r in open_cycle(None, cycle)}
    report = reports["1"]  # led by Commerce; Technology and each district contribute
    add_evidence(None, report, data=b"%PDF-1.4\n%%EOF", name="minutes.pdf")
    contribution = report.contributions.get(unit=ctx.people.tech)
    return {
        "reports:owed": reverse("reports:owed"),
        "reports:cycles": reverse("reports:cycles", args=[plan.pk]),
        "reports:calendar": reverse("reports:calendar", args=[plan.pk]),
        "reports:cycle": reverse("reports:cycle", args=[cycle.pk]),
        "reports:cycle_open": reverse("reports:cycle_open", args=[other.pk]),
        "reports:cycle_close": reverse("reports:cycle_close", args=[other.pk]),
        "reports:report": reverse("reports:report", args=[report.pk]),
        "reports:save": reverse("reports:save", args=[report.pk]),
        "reports:submit": reverse("reports:submit", args=[report.pk]),
        "reports:return": reverse("reports:return", args=[report.pk]),
        "reports:accept": reverse("reports:accept", args=[report.pk]),
        "reports:assess": reverse("reports:assess", args=[report.pk]),
        "reports:amend": reverse("reports:amend", args=[report.pk]),
        "reports:evidence": reverse("reports:evidence", args=[report.pk]),
        "reports:evidence_download": reverse("reports:evidence_download", args=[report.evidence.get().pk]),
        "reports:contribution": reverse("reports:contribution", args=[contribution.pk]),
        "reports:measure_progress": reverse("reports:measure_progress", args=[ctx.workplan.measures[0].pk]),
    }
