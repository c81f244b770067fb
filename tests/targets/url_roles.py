"""Targets and trajectories, as every role sees them. The target is the `plan` fixture's one target, on
task 3, whose lead unit is Commerce (so sam and carl may write, as the coordinator may). Statuses in
the order of ROLES (tests/web/test_urls_by_role.py): six roles, then people of a unit with no task of
the plan. POST-only URLs are posted to with no data: those who may write get 400 (the empty form is
refused with its reason), the leader 403, someone who may not see the plan 404."""

from django.urls import reverse

from taskbook.targets.models import Target

L = 302  # sent to sign in
A = 401  # the API answers a visitor without a session

EXPECTED = {
    "targets:plan": ("GET", (L, 404, 200, 200, 200, 200, 200, 200)),
    "targets:detail": ("GET", (L, 404, 200, 200, 200, 200, 200, 200)),
    "targets:trajectory": ("POST", (L, 404, 400, 400, 403, 400, 403, 403)),
    "targets:record": ("POST", (L, 404, 400, 400, 403, 400, 403, 403)),
    "api:list_targets": ("GET", (A, 404, 200, 200, 200, 200, 200, 200)),
    "api:get_target": ("GET", (A, 404, 200, 200, 200, 200, 200, 200)),  # a plan's targets are no secret
}


def paths(ctx) -> dict[str, str]:
    target = Target.objects.get(task__plan=ctx.plan)
    return {
        "targets:plan": reverse("targets:plan", args=[ctx.plan.pk]),
        "targets:detail": reverse("targets:detail", args=[target.pk]),
        "targets:trajectory": reverse("targets:trajectory", args=[target.pk]),
        "targets:record": reverse("targets:record", args=[target.pk]),
        "api:list_targets": reverse("api:list_targets") + f"?plan={ctx.plan.pk}",
        "api:get_target": reverse("api:get_target", kwargs={"target_id": target.pk}),
    }
