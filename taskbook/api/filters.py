"""A list's filters (`?plan=3&status=draft`) applied the one way every list applies them.

A filter that names a record by its id (plan, cycle, task, unit) fetches it through its app's access
helper first: a record the reader may not see reads as one that does not exist, a 404 that names the
filter, rather than an empty list that would say nothing of the mistake.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError

from taskbook.orgs.access import unit_for
from taskbook.orgs.actors import Viewer
from taskbook.orgs.models import Unit
from taskbook.plans.access import plan_for
from taskbook.plans.models import Plan, Task
from taskbook.reporting.access import cycle_for
from taskbook.reporting.models import ReportingCycle


def named[T](fetch: Callable[[], T], message: str) -> T:
    """What `fetch` finds, else a 404 that says which filter named nothing."""
    try:
        return fetch()
    except Http404:
        raise HttpError(404, message) from None


def plan_named(user: Viewer, plan_id: int) -> Plan:
    return named(lambda: plan_for(user, plan_id), _("There is no plan %(id)s.") % {"id": plan_id})


def unit_named(user: Viewer, unit_id: int) -> Unit:
    return named(lambda: unit_for(user, unit_id), _("There is no unit %(id)s.") % {"id": unit_id})


def task_named(user: Viewer, task_id: int) -> Task:
    return named(
        lambda: get_object_or_404(Task.objects.visible_to(user), pk=task_id),
        _("There is no task %(id)s.") % {"id": task_id},
    )


def cycle_named(user: Viewer, cycle_id: int) -> ReportingCycle:
    return named(
        lambda: cycle_for(user, cycle_id), _("There is no reporting cycle %(id)s.") % {"id": cycle_id}
    )


NAMED: dict[str, Callable[[Viewer, int], Any]] = {
    "plan": plan_named,
    "cycle": cycle_named,
    "task": task_named,
    "unit": unit_named,
}


def narrow[Rows: QuerySet[Any]](
    rows: Rows, user: Viewer, filters: Schema, lookups: Mapping[str, str]
) -> Rows:
    """`rows` narrowed by each filter that was given: `lookups` maps a filter's name to the field it
    compares ({"plan": "cycle__plan", "status": "status"}); a filter in NAMED compares the record."""
    for name, lookup in lookups.items():
        value = getattr(filters, name)
        if value is None:
            continue
        fetch = NAMED.get(name)
        rows = rows.filter(**{lookup: fetch(user, value) if fetch else value})
    return rows
