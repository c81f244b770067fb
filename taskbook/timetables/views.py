"""Timetables (month calendars of deadlines) and their iCalendar feeds."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST, require_safe

from taskbook.errors import ActionError
from taskbook.orgs.models import Unit
from taskbook.orgs.permissions import is_member, reads_everything, require
from taskbook.taskbooks.access import plan_and_unit_for
from taskbook.timetables import actions, ical
from taskbook.timetables.access import feed_for
from taskbook.timetables.calendar import (
    Scope,
    Window,
    gather_deadlines,
    month_grid,
    parse_month,
    scope_for_user,
)
from taskbook.timetables.models import CalendarFeed
from taskbook.web.http import AuthenticatedHttpRequest
from taskbook.web.pagination import paginate

MONTH_EVENTS = 1000  # deadlines drawn in one month's grid at most
LIST_EVENTS = 25  # the lists of next and overdue deadlines under the grid
FEED_EVENTS = 5000  # events in one iCalendar feed at most


# -- timetables ---------------------------------------------------------------------------------


def _timetable(request: AuthenticatedHttpRequest, scope: Scope, context: dict[str, Any]) -> HttpResponse:
    today = timezone.localdate()
    month = parse_month(request.GET.get("month"), today)
    grid = month_grid(month, today)
    events = gather_deadlines(scope, Window(start=grid.first, end=grid.last, limit=MONTH_EVENTS))
    grid = month_grid(month, today, events)
    upcoming = gather_deadlines(scope, Window(start=today, open_only=True, limit=LIST_EVENTS))
    overdue = gather_deadlines(
        scope,
        Window(end=today - datetime.timedelta(days=1), open_only=True, limit=LIST_EVENTS + 1),
    )
    return render(
        request,
        "timetables/timetable.html",
        {
            "grid": grid,
            "month_events": len(events),
            "month_truncated": len(events) >= MONTH_EVENTS,
            "upcoming": upcoming,
            "overdue": overdue[:LIST_EVENTS],
            "overdue_more": len(overdue) > LIST_EVENTS,
            "today": today,
            "weekdays": [WEEKDAYS[i] for i in range(7)],
            "scope_empty": scope.empty,
            **context,
        },
    )


@login_required
@require_GET
def timetable_unit(request: AuthenticatedHttpRequest, plan_id: int, unit_id: int) -> HttpResponse:
    plan, unit = plan_and_unit_for(request.user, plan_id, unit_id)
    return _timetable(
        request,
        Scope(unit_ids=frozenset({unit.pk}), plan_id=plan.pk),
        {"plan": plan, "unit": unit, "heading": _("Timetable of %(unit)s") % {"unit": unit.display_name}},
    )


@login_required
@require_GET
def timetable_me(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's deadlines: their units' in published plans; the coordinator's and leaders', all."""
    return _timetable(
        request,
        scope_for_user(request.user),
        {"heading": _("My timetable"), "everyone": reads_everything(request.user)},
    )


# -- iCalendar feeds ----------------------------------------------------------------------------


def _feed_url(request: AuthenticatedHttpRequest, feed: CalendarFeed) -> str:
    return request.build_absolute_uri(reverse("timetables:feed", args=[feed.token]))


def _feed_row(request: AuthenticatedHttpRequest, feed: CalendarFeed) -> tuple[CalendarFeed, str, str]:
    """A feed, its address to copy, and the webcal:// form that opens the device's calendar."""
    url = _feed_url(request, feed)
    return feed, url, "webcal://" + url.split("://", 1)[1]


@login_required
@require_GET
def feed_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    own = CalendarFeed.objects.filter(user=request.user).order_by(
        F("revoked_at").desc(nulls_first=True), "-created_at", "-id"
    )
    unit_feeds = (
        CalendarFeed.objects.filter(CalendarFeed.objects.unit_feeds_of(request.user))
        .select_related("unit", "created_by")
        .order_by("unit__name_en", F("revoked_at").desc(nulls_first=True), "-created_at", "-id")
    )
    page = paginate(request, unit_feeds)
    return render(
        request,
        "timetables/feeds.html",
        {
            "member": is_member(request.user),
            "own": [_feed_row(request, f) for f in own[:50]],
            "page": page,
            "unit_feeds": [_feed_row(request, f) for f in page.object_list],
            "units": list(Unit.objects.editable_by(request.user).order_by("name_en", "name_zh")),
        },
    )


@login_required
@require_POST
def feed_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Make a feed of the user's own deadlines (for=me) or of a unit's (unit=<id>)."""
    require(
        is_member(request.user), _("Only members of a unit or of the coordinating office have timetables.")
    )
    if request.POST.get("for") == "me":
        actions.create_feed(request.user, user=request.user)
    else:
        raw = request.POST.get("unit", "").strip()
        if not raw:
            raise ActionError(_("Choose a unit, or make a feed of your own deadlines."), field="unit")
        try:
            unit = Unit.objects.get(pk=int(raw))
        except (ValueError, Unit.DoesNotExist) as exc:
            raise ActionError(_("There is no such unit."), field="unit") from exc
        actions.create_feed(request.user, unit=unit)
    messages.success(
        request,
        _("The feed is ready: copy its address into your calendar program. Anyone with the address sees it."),
    )
    return redirect("timetables:feeds")


@login_required
@require_POST
def feed_revoke(request: AuthenticatedHttpRequest, feed_id: int) -> HttpResponse:
    feed = feed_for(request.user, feed_id)
    actions.revoke_feed(request.user, feed)
    messages.success(request, _("The feed is revoked: its address no longer works."))
    return redirect("timetables:feeds")


@require_safe  # calendar programs may ask with HEAD first
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar text of a feed. No sign-in: calendar programs cannot; the token is the secret."""
    found = (
        CalendarFeed.objects.select_related("unit", "user")
        .filter(token=token[:64], revoked_at__isnull=True)
        .filter(Q(unit__isnull=False) | Q(user__is_active=True))
        .first()
    )
    if found is None:
        raise Http404
    if found.unit is not None:
        scope = Scope(unit_ids=frozenset({found.unit.pk}))
        name = _("%(unit)s: deadlines") % {"unit": found.unit.display_name}
    elif found.user is not None:  # a feed is of a unit or of a user: the table's constraint says so
        scope = scope_for_user(found.user)
        who = found.user.get_full_name() or found.user.get_username()
        name = _("%(name)s: deadlines") % {"name": who}
    else:
        raise Http404
    # The whole plan period: a plan reviewed after its end still needs its dates in the calendar.
    events = gather_deadlines(scope, Window(limit=FEED_EVENTS))
    # Cancelled work is no deadline: it would only clutter someone's calendar.
    events = [e for e in events if e.state != "cancelled"]
    body = ical.calendar(
        f"taskbook · {name}",
        events,
        now=timezone.now(),
        url_for=lambda e: request.build_absolute_uri(e.path) if e.path else "",
        description=_("Milestones and due dates from taskbook"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="taskbook.ics"'
    # A revoked feed must stop at once: nothing may keep a copy.
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex"
    return response
