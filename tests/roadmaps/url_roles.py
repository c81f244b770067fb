"""Road maps, timetables and calendar feeds, as every role sees them (the Commerce unit in paths).
Statuses in the order: anonymous, no role, unit staff (Commerce), unit admin (Commerce), leader, coordinator.
POST-only URLs are posted to with no data."""

from django.urls import reverse

from taskbook.taskbooks.actions import create_feed

L = 302  # sent to sign in

EXPECTED = {
    "roadmaps:plan": ("GET", (L, 404, 200, 200, 200, 200)),
    "roadmaps:task": ("GET", (L, 404, 200, 200, 200, 200)),
    "roadmaps:unit": ("GET", (L, 404, 200, 200, 200, 200)),
    "roadmaps:timetable_unit": ("GET", (L, 404, 200, 200, 200, 200)),
    "roadmaps:timetable_me": ("GET", (L, 200, 200, 200, 200, 200)),  # no role: an empty timetable
    "roadmaps:feeds": ("GET", (L, 200, 200, 200, 200, 200)),
    # The token is the key: no sign-in, the same answer for everyone.
    "roadmaps:feed": ("GET", (200, 200, 200, 200, 200, 200)),
    # An empty form names what is missing; someone with no unit has no deadlines to subscribe to.
    "roadmaps:feed_new": ("POST", (L, 403, 400, 400, 400, 400)),
    # Unit members and the coordinator revoke a unit's feed; others do not even see it.
    "roadmaps:feed_revoke": ("POST", (L, 404, 302, 302, 404, 302)),
}


def paths(ctx) -> dict[str, str]:
    plan, unit = ctx.plan, ctx.people.commerce
    shown = create_feed(ctx.people.carl, unit=unit)
    revoked = create_feed(ctx.people.carl, unit=unit)  # a second feed, so revoking spares the first
    return {
        "roadmaps:plan": reverse("roadmaps:plan", args=[plan.pk]),
        "roadmaps:task": reverse("roadmaps:task", args=[ctx.task.pk]),
        "roadmaps:unit": reverse("roadmaps:unit", args=[plan.pk, unit.pk]),
        "roadmaps:timetable_unit": reverse("roadmaps:timetable_unit", args=[plan.pk, unit.pk]),
        "roadmaps:timetable_me": reverse("roadmaps:timetable_me"),
        "roadmaps:feeds": reverse("roadmaps:feeds"),
        "roadmaps:feed": reverse("roadmaps:feed", args=[shown.token]),
        "roadmaps:feed_new": reverse("roadmaps:feed_new"),
        "roadmaps:feed_revoke": reverse("roadmaps:feed_revoke", args=[revoked.pk]),
    }
