"""The dashboards: the coordinator's, the league table of units, the leader's one-page summary, and
the lists of records behind each of their numbers.

Thin views: the figures come from `figures.py`, the charts from `charts.py`, the addresses of the
records from `links.py`; every view runs a fixed number of queries whatever the data size
(tests/dashboards/test_pages.py checks it).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from taskbook.dashboards.access import require_dashboard_reader, require_league_reader
from taskbook.dashboards.charts import (
    UNIT_BARS,
    history_chart,
    on_time_chart,
    rating_chart,
    rating_label,
    rating_legend,
    trend_sparkline,
)
from taskbook.dashboards.figures import (
    DEFAULT_SORT,
    NO_DATA,
    NOT_RATED,
    OFF,
    ON,
    SORTS,
    Scope,
    TaskState,
    current_cycle,
    default_plan,
    overall_percent,
    plan_choices,
    plan_cycles,
    rating_counts,
    since_of,
    sort_units,
    target_states,
    task_states,
    today,
    unit_figures,
)
from taskbook.dashboards.links import ALL, figure_links, plan_key, unit_links, url
from taskbook.errors import ActionError
from taskbook.orgs.actors import Viewer
from taskbook.orgs.models import Unit
from taskbook.orgs.permissions import may_read_dashboards
from taskbook.orgs.roles import Roles, roles_of
from taskbook.plans.access import plan_for
from taskbook.plans.models import Plan
from taskbook.reporting.models import ProgressReport, Rating
from taskbook.taskbooks.models import Measure
from taskbook.web.http import AuthenticatedHttpRequest
from taskbook.web.pagination import paginate

OVERDUE_SHOWN = 15  # overdue reports listed on the dashboard; the rest are one click away
CHANGES_SHOWN = 20
SUMMARY_TASKS = 6  # red and amber-red tasks, and divergences, on the one-page summary


# -- access and parameters ----------------------------------------------------------------------


def _readers(user: Viewer) -> Roles:
    """The coordinator's dashboard, the summary and the task and target lists."""
    require_dashboard_reader(user)
    return roles_of(user)


def _members(user: Viewer) -> Roles:
    """The league table and the records behind it."""
    require_league_reader(user)
    return roles_of(user)


def _int(request: AuthenticatedHttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise ActionError(_("“%(v)s” is not a valid %(name)s.") % {"v": value[:20], "name": name}) from exc


def _choice(request: AuthenticatedHttpRequest, name: str, allowed: list[str], default: str) -> str:
    value = request.GET.get(name, default).strip() or default
    if value not in allowed:
        raise ActionError(_("“%(v)s” is not a valid %(name)s.") % {"v": value[:20], "name": name})
    return value


def _chosen_plan(
    request: AuthenticatedHttpRequest, plans: list[Plan], *, allow_all: bool = False
) -> Plan | None:
    """The plan of `?plan=`, else the newest published plan; None for `?plan=all` where allowed, and
    when there is no plan at all."""
    if allow_all and request.GET.get("plan", "").strip() == ALL:
        return None
    plan_id = _int(request, "plan")
    if plan_id is None:
        return default_plan(plans)
    return next((p for p in plans if p.pk == plan_id), None) or plan_for(request.user, plan_id)


def _unit(request: AuthenticatedHttpRequest) -> Unit | None:
    unit_id = _int(request, "unit")
    if unit_id is None:
        return None
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise ActionError(_("There is no such unit."), field="unit")
    return unit


# -- the coordinator's dashboard ----------------------------------------------------------------


@login_required
@require_GET
def coordinator(request: AuthenticatedHttpRequest) -> HttpResponse:
    roles = _readers(request.user)
    plans = plan_choices(request.user)
    plan = _chosen_plan(request, plans)
    context: dict[str, Any] = {"plans": plans, "plan": plan, "roles": roles}
    if plan is None:
        return render(request, "dashboards/coordinator.html", context)
    scope = Scope(plan, today())
    cycles = plan_cycles(plan)
    current = current_cycle(cycles)
    states = task_states(plan, since=since_of(current))
    units = unit_figures(scope, trend=False)
    targets, targets_truncated = target_states(plan, scope.today)
    overdue = list(
        ProgressReport.objects.filter(cycle__plan=plan)
        .filter(scope.overdue())
        .select_related("cycle", "task", "unit")
        .order_by("cycle__due_on", "task__order", "pk")[:OVERDUE_SHOWN]
    )
    overdue_total = sum(u.overdue_reports for u in units)
    due = sum(u.due for u in units)
    on_time = sum(u.on_time for u in units)
    accepted = sum(u.accepted for u in units)
    first_time = sum(u.first_time for u in units)
    changes = sorted((s for s in states if s.changed), key=TaskState.change_key)
    context.update(
        {
            "scope": scope,
            "cycles": cycles,
            "current": current,
            "tasks": len(states),
            "counts": rating_counts(states),
            "rating_chart": rating_chart(plan, states),
            "history_chart": history_chart(plan, cycles, len(states)),
            "legend": rating_legend(),
            "units_chart": on_time_chart(plan, units),
            "units_count": len(units),
            "units_hidden": max(len([u for u in units if u.due]) - UNIT_BARS, 0),
            "overdue": overdue,
            "overdue_total": overdue_total,
            "due": due,
            "on_time": on_time,
            "on_time_rate": 100 * on_time / due if due else None,
            "accepted": accepted,
            "first_time": first_time,
            "first_time_rate": 100 * first_time / accepted if accepted else None,
            "targets": targets,
            "targets_truncated": targets_truncated,
            "verdicts": _verdict_counts(targets),
            "divergent": [s for s in states if s.divergent],
            "changes": changes[:CHANGES_SHOWN],
            "changes_total": len(changes),
            "links": figure_links(plan),
        }
    )
    return render(request, "dashboards/coordinator.html", context)


def _verdict_counts(targets: list) -> dict[str, int]:
    counts = {ON: 0, OFF: 0, NO_DATA: 0}
    for state in targets:
        counts[state.verdict] += 1
    return counts


# -- the league table ---------------------------------------------------------------------------


@login_required
@require_GET
def league(request: AuthenticatedHttpRequest) -> HttpResponse:
    roles = _members(request.user)
    plans = [p for p in plan_choices(request.user) if p.status != "draft"]
    plan = _chosen_plan(request, plans, allow_all=True)
    sort = _choice(request, "sort", [*SORTS, *(f"-{k}" for k in SORTS)], DEFAULT_SORT)
    rows = sort_units(unit_figures(Scope(plan, today())), sort)
    key = plan_key(plan)
    # A unit's members follow their own unit's figures to the records; the other rows are a ranking.
    linked = roles.coordinator or roles.leader
    value = SORTS[sort.lstrip("-")][0]
    table = [
        {
            # Rows without a value in the ranked column (no report due yet...) get no rank.
            "rank": i + 1 if value(row) is not None and sort.lstrip("-") != "unit" else None,
            "row": row,
            "links": unit_links(key, row.unit.pk) if linked or row.unit.pk in roles.units else None,
            "spark": trend_sparkline(row.trend),
            "own": row.unit.pk in roles.units,
        }
        for i, row in enumerate(rows)
    ]
    columns = [
        ("unit", _("Unit")),
        ("on_time", _("On-time rate")),
        ("first_time", _("Accepted first time")),
        ("overdue_reports", _("Overdue reports")),
        ("overdue_measures", _("Overdue measures")),
        ("slippage", _("Average slippage")),
    ]
    headers = []
    for k, label in columns:
        # Rates rank highest first by default, counts, days and names lowest first.
        high_first = SORTS[k][1]
        aria = ""
        if sort.lstrip("-") == k:
            aria = "descending" if high_first != sort.startswith("-") else "ascending"
        headers.append(
            {
                "key": k,
                "label": label,
                "href": url("dashboards:league", plan=key, sort=f"-{k}" if sort == k else k),
                "aria": aria,
                "numeric": k != "unit",
                "wide_only": k in ("first_time", "overdue_reports", "slippage"),
            }
        )
    return render(
        request,
        "dashboards/league.html",
        {
            "plans": plans,
            "plan": plan,
            "all": plan is None,
            "sort": sort,
            "table": table,
            "headers": headers,
            "roles": roles,
            "linked_all": linked,
        },
    )


# -- the leader's summary -----------------------------------------------------------------------


@login_required
@require_GET
def summary(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    _readers(request.user)
    plan = plan_for(request.user, plan_id)
    scope = Scope(plan, today())
    cycles = plan_cycles(plan)
    current = current_cycle(cycles)
    states = task_states(plan)
    units = unit_figures(scope, trend=False)
    targets, targets_truncated = target_states(plan, scope.today)
    worrying = [s for s in states if s.rating in (Rating.RED, Rating.AMBER_RED)]
    worrying.sort(key=lambda s: (s.rating != Rating.RED, s.order))
    overdue_by_unit = sorted((u for u in units if u.overdue_reports), key=lambda u: -u.overdue_reports)
    return render(
        request,
        "dashboards/summary.html",
        {
            "plan": plan,
            "current": current,
            "scope": scope,
            "tasks": len(states),
            "percent": overall_percent(states),
            "accepted_tasks": sum(1 for s in states if s.accepted_report_id),
            "counts": rating_counts(states),
            "rating_chart": rating_chart(plan, states),
            "legend": rating_legend(),
            "worrying": worrying[:SUMMARY_TASKS],
            "worrying_total": len(worrying),
            "targets": targets,
            "targets_truncated": targets_truncated,
            "verdicts": _verdict_counts(targets),
            "overdue_total": sum(u.overdue_reports for u in units),
            "overdue_by_unit": overdue_by_unit[:8],
            "overdue_units": len(overdue_by_unit),
            "divergent": [s for s in states if s.divergent][:SUMMARY_TASKS],
            "divergent_total": sum(1 for s in states if s.divergent),
            "links": figure_links(plan),
            "worrying_link": url("dashboards:tasks", plan=plan.pk, rating="red,amber_red"),
        },
    )


# -- the records behind the numbers -------------------------------------------------------------

REPORT_LISTS = {
    "due": lambda s: s.due(),
    "on_time": lambda s: s.due() & Scope.on_time(),
    "late": lambda s: s.due() & ~Scope.on_time(),
    "accepted": lambda s: Scope.accepted(),
    "first_time": lambda s: Scope.first_time(),
    "returned": lambda s: Scope.accepted() & ~Scope.first_time(),
    "overdue": lambda s: s.overdue(),
}


def _report_titles() -> dict[str, str]:
    return {
        "due": _("Reports due"),
        "on_time": _("Reports first submitted on time"),
        "late": _("Reports due that were not submitted on time"),
        "accepted": _("Accepted reports"),
        "first_time": _("Reports accepted the first time"),
        "returned": _("Accepted reports that had been returned"),
        "overdue": _("Overdue reports"),
    }


@login_required
@require_GET
def reports(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Reports behind a figure: due, on time, late, accepted, accepted first time, overdue; for a
    plan or all plans, for a unit or all. A unit's members see the reports `visible_to` allows."""
    _members(request.user)
    plan = _chosen_plan(request, plan_choices(request.user), allow_all=True)
    which = _choice(request, "which", list(REPORT_LISTS), "due")
    unit = _unit(request)
    scope = Scope(plan, today())
    qs = scope.reports(ProgressReport.objects.visible_to(request.user)).with_first_day()
    qs = qs.filter(REPORT_LISTS[which](scope))
    if unit is not None:
        qs = qs.filter(unit=unit)
    qs = qs.select_related("cycle__plan", "task", "unit").order_by("-cycle__due_on", "task__order", "pk")
    return _records(
        request, "reports", _report_titles()[which], plan, paginate(request, qs), which=which, unit=unit
    )


@login_required
@require_GET
def measures(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Measures behind a figure: overdue, or with a baseline (the average slippage's measures)."""
    _members(request.user)
    plan = _chosen_plan(request, plan_choices(request.user), allow_all=True)
    which = _choice(request, "which", ["overdue", "baselined"], "overdue")
    unit = _unit(request)
    scope = Scope(plan, today())
    qs = scope.measures(Measure.objects.visible_to(request.user))
    qs = qs.filter(scope.measure_overdue() if which == "overdue" else Scope.baselined())
    if unit is not None:
        qs = qs.filter(unit=unit)
    qs = (
        qs.with_overdue(scope.today)
        .select_related("task__plan", "unit")
        .order_by("due_date", "task__order", "pk")
    )
    titles = {"overdue": _("Overdue measures"), "baselined": _("Measures with a baseline (slippage)")}
    return _records(request, "measures", titles[which], plan, paginate(request, qs), which=which, unit=unit)


@login_required
@require_GET
def tasks(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Tasks behind a figure: by latest rating (or a cycle's), for the next review meeting, changed."""
    _readers(request.user)
    plans = plan_choices(request.user)
    plan = _chosen_plan(request, plans)
    if plan is None:
        raise ActionError(_("There is no plan yet."))
    which = _choice(request, "which", ["all", "divergent", "changed"], "all")
    ratings = [r.strip() for r in request.GET.get("rating", "").split(",") if r.strip()]
    allowed = {*Rating.values, "none"}
    if any(r not in allowed for r in ratings):
        raise ActionError(_("Unknown rating."), field="rating")
    cycle = None
    cycle_id = _int(request, "cycle")
    cycles = plan_cycles(plan)
    if cycle_id is not None:
        cycle = next((c for c in cycles if c.pk == cycle_id), None)
        if cycle is None:
            raise ActionError(_("That cycle is not one of this plan's."), field="cycle")
    states = task_states(plan, since=since_of(current_cycle(cycles)), cycle=cycle)
    if ratings:
        wanted = {NOT_RATED if r == "none" else r for r in ratings}
        states = [s for s in states if s.rating in wanted]
    if which == "divergent":
        states = [s for s in states if s.divergent]
    elif which == "changed":
        states = sorted((s for s in states if s.changed), key=TaskState.change_key)
    if which == "divergent":
        title = _("Tasks for the next review meeting")
    elif which == "changed":
        title = _("What changed since the last cycle")
    elif ratings:
        title = _("Tasks rated %(ratings)s") % {
            "ratings": ", ".join(rating_label("" if r == "none" else r) for r in ratings)
        }
    else:
        title = _("Tasks and their latest ratings")
    if cycle is not None:
        title = f"{title} · {cycle.label}"
    page = Paginator(states, 50).get_page(request.GET.get("page"))
    return _records(request, "tasks", title, plan, page, which=which)


@login_required
@require_GET
def targets(request: AuthenticatedHttpRequest) -> HttpResponse:
    _readers(request.user)
    plans = plan_choices(request.user)
    plan = _chosen_plan(request, plans)
    if plan is None:
        raise ActionError(_("There is no plan yet."))
    verdict = _choice(request, "verdict", ["all", ON, OFF, NO_DATA], "all")
    states, truncated = target_states(plan, today())
    if verdict != "all":
        states = [s for s in states if s.verdict == verdict]
    titles = {
        "all": _("Targets"),
        ON: _("Targets on trajectory"),
        OFF: _("Targets off trajectory"),
        NO_DATA: _("Targets with no actual value yet"),
    }
    page = Paginator(states, 50).get_page(request.GET.get("page"))
    return _records(request, "targets", titles[verdict], plan, page, truncated=truncated)


def _records(
    request: AuthenticatedHttpRequest, kind: str, title: str, plan: Plan | None, page: Any, **context: Any
) -> HttpResponse:
    """A list of the records behind a figure, with the way back to the dashboard."""
    return render(
        request,
        "dashboards/records.html",
        {
            "kind": kind,
            "title": title,
            "plan": plan,
            "page": page,
            **_back(request.user, plan),
            "query": _query(request),
            "today": today(),
            **context,
        },
    )


def _query(request: AuthenticatedHttpRequest) -> str:
    """The list's parameters without the page, for the pager's links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _back(user: Viewer, plan: Plan | None) -> dict[str, str]:
    """The way back to the page whose figure led here: the dashboard for those who read it, else the
    league table (a unit's members reach the records of their own unit's figures from there)."""
    if may_read_dashboards(user):
        return {
            "back": url("dashboards:coordinator", plan=plan.pk if plan else None),
            "back_label": _("Dashboard"),
        }
    return {"back": url("dashboards:league", plan=plan_key(plan)), "back_label": _("League table of units")}
