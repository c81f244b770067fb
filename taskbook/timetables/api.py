"""The reader's timetable in the HTTP API: the deadlines of their units (every unit's for the office and
leaders), gathered from every source as the timetable pages and the calendar feeds gather them.

Deadlines come from several sources merged by date, so they are read as a window (`from`, `to`,
`limit`) rather than by offset: a client reads on from the last date it has. Feed tokens never appear.
"""

import datetime
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from taskbook.api.filters import plan_named
from taskbook.errors import ActionError
from taskbook.timetables.calendar import Deadline, Scope, Window, gather_deadlines, scope_for_user

router = Router(tags=["timetables"])

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


class DeadlineOut(Schema):
    uid: str  # stable across reads: milestone-12@taskbook, measure-3@taskbook, report-7@taskbook
    kind: str  # "milestone", "measure_due" or "report_due"
    kind_label: str
    date: datetime.date
    title: str
    state: str  # "open", "overdue", "done" or "cancelled"
    state_label: str
    path: str  # the page about it
    task_number: str
    task_title: str
    unit_name: str
    context: str  # the measure a milestone belongs to
    responsible: str
    done_on: datetime.date | None


class DeadlinesOut(Schema):
    items: list[DeadlineOut]
    truncated: bool  # more deadlines fall in the window than `limit`: read on from the last date


class DeadlineFilters(Schema):
    start: datetime.date | None = Field(None, alias="from", description="The first day, inclusive.")
    end: datetime.date | None = Field(None, alias="to", description="The last day, inclusive.")
    plan: int | None = None
    open: bool = Field(False, description="Only deadlines still to meet.")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


@router.get("/deadlines/", response=DeadlinesOut)
def list_deadlines(request, filters: Query[DeadlineFilters]) -> Any:
    """The reader's deadlines by date: milestones, measure due dates and report due dates."""
    if filters.start and filters.end and filters.start > filters.end:
        raise ActionError(_("“from” is after “to”: give the earlier day first."), field="from")
    scope = scope_for_user(request.user)
    if filters.plan is not None:
        scope = Scope(unit_ids=scope.unit_ids, plan_id=plan_named(request.user, filters.plan).pk)
    window = Window(start=filters.start, end=filters.end, open_only=filters.open, limit=filters.limit + 1)
    deadlines: list[Deadline] = gather_deadlines(scope, window)
    return {"items": deadlines[: filters.limit], "truncated": len(deadlines) > filters.limit}
