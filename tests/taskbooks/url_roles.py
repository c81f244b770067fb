"""Task books, measures, milestones, change requests and the audit log, as every role sees them. Statuses
in the order of ROLES (tests/web/test_urls_by_role.py): six roles, then people of a unit with no task
of the plan. POST-only URLs are posted to with no data."""

import datetime

from django.urls import reverse

from taskbook.orgs.actors import SYSTEM
from taskbook.taskbooks.actions import complete_milestone, request_measure_change

L = 302  # sent to sign in
A = 401  # the API answers a visitor without a session
SEEN = (A, 404, 200, 200, 200, 200, 200, 200)  # whoever sees the plan; another unit's lists are empty

EXPECTED = {
    "taskbooks:list": ("GET", (L, 200, 200, 200, 200, 200, 200, 200)),
    "taskbooks:taskbook": ("GET", (L, 404, 200, 200, 200, 200, 404, 404)),
    "taskbooks:submit": ("POST", (L, 404, 403, 302, 403, 302, 404, 404)),
    "taskbooks:approve": ("POST", (L, 404, 403, 403, 403, 302, 404, 404)),
    "taskbooks:return": ("POST", (L, 404, 403, 403, 403, 400, 404, 404)),
    "taskbooks:carry_over": ("POST", (L, 404, 403, 400, 403, 400, 404, 404)),
    "taskbooks:contact_add": ("POST", (L, 404, 403, 400, 403, 400, 404, 404)),
    "taskbooks:measure_new": ("GET", (L, 404, 200, 200, 403, 200, 404, 404)),
    "taskbooks:task_plan": ("GET", (L, 404, 200, 200, 200, 200, 200, 200)),
    "taskbooks:measure": ("GET", (L, 404, 200, 200, 200, 200, 404, 404)),
    "taskbooks:measure_edit": ("GET", (L, 404, 200, 200, 403, 200, 404, 404)),
    "taskbooks:measure_status": ("POST", (L, 404, 400, 400, 403, 400, 404, 404)),
    "taskbooks:milestone_add": ("POST", (L, 404, 400, 400, 403, 400, 404, 404)),
    "taskbooks:milestone_edit": ("GET", (L, 404, 200, 200, 403, 200, 404, 404)),
    "taskbooks:milestone_evidence": ("GET", (L, 404, 200, 200, 200, 200, 404, 404)),
    "taskbooks:milestone_done": ("POST", (L, 404, 400, 400, 403, 400, 404, 404)),
    "taskbooks:milestone_reopen": ("POST", (L, 404, 302, 302, 403, 302, 404, 404)),
    "taskbooks:milestone_delete": ("POST", (L, 404, 302, 302, 403, 400, 404, 404)),  # approved by then: kept
    "taskbooks:measure_delete": (
        "POST",
        (L, 404, 302, 302, 403, 400, 404, 404),
    ),  # approved: cancel, not delete
    "targets:change": ("POST", (L, 404, 400, 400, 403, 400, 403, 403)),
    "taskbooks:changes": ("GET", (L, 200, 200, 200, 200, 200, 200, 200)),
    "taskbooks:change_decide": ("POST", (L, 404, 403, 403, 403, 400, 404, 404)),
    "audit:list": ("GET", (L, 403, 403, 403, 200, 200, 403, 403)),
    "audit:csv": ("GET", (L, 403, 403, 403, 200, 200, 403, 403)),
    "audit:history": ("GET", (L, 404, 200, 200, 200, 200, 404, 404)),
    # Whoever may read the unit's task book may download it; the import form is for those who edit it.
    "bulk:export_xlsx": ("GET", (L, 404, 200, 200, 200, 200, 404, 404)),
    "bulk:export_csv": ("GET", (L, 404, 200, 200, 200, 200, 404, 404)),
    "bulk:import": ("GET", (L, 404, 200, 200, 403, 200, 404, 404)),
    "api:list_measures": ("GET", SEEN),
    "api:get_measure": ("GET", (A, 404, 200, 200, 200, 200, 404, 404)),  # Commerce's: not another unit's
    "api:list_taskbooks": ("GET", SEEN),
    "api:list_change_requests": ("GET", SEEN),
}


def paths(ctx) -> dict[str, str]:
    plan, commerce = ctx.plan, ctx.people.commerce
    kept, deleted, other = ctx.workplan.measures[0], ctx.workplan.measures[1], ctx.workplan.measures[2]
    milestone = kept.milestones.first()
    complete_milestone(
        SYSTEM,
        milestone,
        done_on=datetime.date(2024, 2, 1),
        evidence=b"%PDF-1.4\n%%EOF",
        evidence_name="minutes.pdf",
    )
    change = request_measure_change(
        SYSTEM, other, "due_date", other.due_date + datetime.timedelta(days=10), "Waiting for data"
    )
    target = plan.tasks.get(number="3").targets.get()
    unit_args = [plan.pk, commerce.pk]
    return {
        "taskbooks:list": reverse("taskbooks:list"),
        "taskbooks:taskbook": reverse("taskbooks:taskbook", args=unit_args),
        "taskbooks:submit": reverse("taskbooks:submit", args=unit_args),
        "taskbooks:approve": reverse("taskbooks:approve", args=unit_args),
        "taskbooks:return": reverse("taskbooks:return", args=unit_args),
        "taskbooks:carry_over": reverse("taskbooks:carry_over", args=unit_args),
        "taskbooks:contact_add": reverse("taskbooks:contact_add", args=unit_args),
        "taskbooks:measure_new": reverse("taskbooks:measure_new", args=[ctx.task.pk, commerce.pk]),
        "taskbooks:task_plan": reverse("taskbooks:task_plan", args=[ctx.task.pk]),
        "taskbooks:measure": reverse("taskbooks:measure", args=[kept.pk]),
        "taskbooks:measure_edit": reverse("taskbooks:measure_edit", args=[kept.pk]),
        "taskbooks:measure_status": reverse("taskbooks:measure_status", args=[kept.pk]),
        "taskbooks:milestone_add": reverse("taskbooks:milestone_add", args=[kept.pk]),
        "taskbooks:milestone_edit": reverse("taskbooks:milestone_edit", args=[milestone.pk]),
        "taskbooks:milestone_evidence": reverse("taskbooks:milestone_evidence", args=[milestone.pk]),
        "taskbooks:milestone_done": reverse("taskbooks:milestone_done", args=[milestone.pk]),
        "taskbooks:milestone_reopen": reverse("taskbooks:milestone_reopen", args=[milestone.pk]),
        "taskbooks:milestone_delete": reverse(
            "taskbooks:milestone_delete", args=[other.milestones.first().pk]
        ),
        "taskbooks:measure_delete": reverse("taskbooks:measure_delete", args=[deleted.pk]),
        "targets:change": reverse("targets:change", args=[target.pk]),
        "taskbooks:changes": reverse("taskbooks:changes"),
        "taskbooks:change_decide": reverse("taskbooks:change_decide", args=[change.pk]),
        "audit:list": reverse("audit:list"),
        "audit:csv": reverse("audit:csv"),
        "audit:history": reverse("audit:history", args=["taskbooks.measure", kept.pk]),
        "bulk:export_xlsx": reverse("bulk:export_xlsx", args=unit_args),
        "bulk:export_csv": reverse("bulk:export_csv", args=unit_args),
        "bulk:import": reverse("bulk:import", args=unit_args),
        "api:list_measures": reverse("api:list_measures") + f"?plan={plan.pk}&unit={commerce.pk}",
        "api:get_measure": reverse("api:get_measure", kwargs={"measure_id": kept.pk}),
        "api:list_taskbooks": reverse("api:list_taskbooks") + f"?plan={plan.pk}",
        "api:list_change_requests": reverse("api:list_change_requests") + f"?plan={plan.pk}&status=pending",
    }
