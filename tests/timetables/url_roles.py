"""Timetables and calendar feeds, as every role sees them (the Commerce unit in paths). Statuses in the
order: anonymous, no role, unit staff (Commerce), unit admin (Commerce), leader, coordinator, then
unit staff and unit admin of the Port Office, a unit that holds no task of the plan. POST-only URLs
are posted to with no data."""

from django.urls import reverse

from taskbook.timetables.actions import create_feed

L = 302  # sent to sign in
A = 401  # the API answers a visitor without a session

EXPECTED = {
    "timetables:unit": ("GET", (L, 404, 200, 200, 200, 200, 404, 404)),
    "timetables:me": ("GET", (L, 200, 200, 200, 200, 200, 200, 200)),  # no role: an empty timetable
    "timetables:feeds": ("GET", (L, 200, 200, 200, 200, 200, 200, 200)),
    # The token is the key: no sign-in, the same answer for everyone.
    "timetables:feed": ("GET", (200, 200, 200, 200, 200, 200, 200, 200)),
    # An empty form names what is missing; someone with no unit has no deadlines to subscribe to.
    "timetables:feed_new": ("POST", (L, 403, 400, 400, 400, 400, 400, 400)),
    # Unit members and the coordinator revoke a unit's feed; others do not even see it.
    "timetables:feed_revoke": ("POST", (L, 404, 302, 302, 404, 302, 404, 404)),
    # One's own deadlines: someone with no unit has none (an empty list).
    "api:list_deadlines": ("GET", (A, 200, 200, 200, 200, 200, 200, 200)),
}


def paths(ctx) -> dict[str, str]:
    plan, unit = ctx.plan, ctx.people.commerce
    shown = create_feed(ctx.people.carl, unit=unit)
    revoked = create_feed(ctx.people.carl, unit=unit)  # a second feed, so revoking spares the first
    return {
        "timetables:unit": reverse("timetables:unit", args=[plan.pk, unit.pk]),
        "timetables:me": reverse("timetables:me"),
        "timetables:feeds": reverse("timetables:feeds"),
        "timetables:feed": reverse("timetables:feed", args=[shown.token]),
        "timetables:feed_new": reverse("timetables:feed_new"),
        "timetables:feed_revoke": reverse("timetables:feed_revoke", args=[revoked.pk]),
        "api:list_deadlines": reverse("api:list_deadlines") + "?from=2024-01-01&to=2024-12-31&limit=50",
    }
