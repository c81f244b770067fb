"""The timetable: dated deadlines gathered from their sources, and the month grid that shows them.

Deadlines come from *sources*: functions that read one kind of dated thing for a scope (which units,
which plan) and a window of dates, in one query each. Each app registers its own source from its
`ready()`: task books their milestones and measure due dates (taskbooks/deadlines.py), reporting its
report due dates (reporting/deadlines.py):

    from taskbook.timetables.calendar import Deadline, register_deadline_source

    def report_deadlines(scope, window):  # -> list[Deadline], one query, at most window.limit
        ...

    register_deadline_source(report_deadlines)

The pages, the month grid and the iCalendar feeds all read through `gather_deadlines`, so a new
source appears everywhere at once.
"""

from __future__ import annotations

import calendar as std_calendar
import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taskbook.errors import ActionError
from taskbook.orgs.roles import roles_of

KIND_LABELS = {
    "milestone": gettext_lazy("Milestone"),
    "measure_due": gettext_lazy("Measure due"),
    "report_due": gettext_lazy("Report due"),
}


@dataclass(frozen=True)
class Scope:
    """Whose deadlines: `unit_ids` None means every unit; `plan_id` None means every published plan."""

    unit_ids: frozenset[int] | None
    plan_id: int | None = None

    @property
    def empty(self) -> bool:
        return self.unit_ids is not None and not self.unit_ids


def scope_for_user(user) -> Scope:
    """A person's deadlines: their own units'; the coordinator's and leaders', every unit's."""
    roles = roles_of(user)
    if roles.coordinator or roles.leader:
        return Scope(unit_ids=None)
    return Scope(unit_ids=frozenset(roles.units))


@dataclass(frozen=True)
class Window:
    """Which deadlines of a scope: a date range (either end open), open ones only, how many at most."""

    start: datetime.date | None = None
    end: datetime.date | None = None
    open_only: bool = False
    limit: int | None = None

    def select[M: Model](self, qs: QuerySet[M], date_field: str, still_open: Q) -> QuerySet[M]:
        """The rows of a source that fall in the window, by date, at most `limit` of them; a source
        names the field that dates its rows and the condition that they are still to do."""
        if self.start:
            qs = qs.filter(**{f"{date_field}__gte": self.start})
        if self.end:
            qs = qs.filter(**{f"{date_field}__lte": self.end})
        if self.open_only:
            qs = qs.filter(still_open)
        qs = qs.order_by(date_field, "id")
        return qs[: self.limit] if self.limit is not None else qs


@dataclass(frozen=True)
class Deadline:
    """One dated event of a timetable, whatever its source."""

    uid: str  # stable across fetches, so calendar programs update an event rather than duplicate it
    kind: str  # a key of KIND_LABELS
    date: datetime.date
    title: str  # what is due: a milestone's description, a measure's title, a report's name
    state: str  # "open", "overdue", "done" or "cancelled"
    path: str = ""  # the page about it, site-relative
    task_number: str = ""
    task_title: str = ""
    unit_name: str = ""
    context: str = ""  # the measure a milestone belongs to, or another line of detail
    responsible: str = ""
    done_on: datetime.date | None = None
    order: int = 0  # ties on a date: milestones before due dates, then by id

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def state_label(self) -> str:
        return state_name(self.state)

    @property
    def summary(self) -> str:
        """One line for a calendar entry."""
        text = f"{self.kind_label}: {self.title}"
        if self.kind == "milestone" and self.context:
            text += f" ({self.context})"
        return ("✓ " + text) if self.state == "done" else text

    @property
    def description(self) -> str:
        lines = []
        if self.task_number:
            lines.append(_("Task %(n)s: %(title)s") % {"n": self.task_number, "title": self.task_title})
        if self.unit_name:
            lines.append(_("Unit: %(unit)s") % {"unit": self.unit_name})
        if self.context:
            lines.append(_("Measure: %(title)s") % {"title": self.context})
        if self.responsible:
            lines.append(_("Responsible: %(person)s") % {"person": self.responsible})
        lines.append(_("Status: %(state)s") % {"state": self.state_label})
        if self.done_on:
            lines.append(_("Done on %(date)s") % {"date": self.done_on.isoformat()})
        return "\n".join(lines)


def state_name(state: str) -> str:
    return {
        "open": _("open"),
        "overdue": _("overdue"),
        "done": _("done"),
        "cancelled": _("cancelled"),
    }.get(state, state)


DeadlineSource = Callable[[Scope, Window], list[Deadline]]
DEADLINE_SOURCES: list[DeadlineSource] = []


def register_deadline_source(source: DeadlineSource) -> DeadlineSource:
    """Add a source of deadlines (once); usable as a decorator."""
    if source not in DEADLINE_SOURCES:
        DEADLINE_SOURCES.append(source)
    return source


def gather_deadlines(scope: Scope, window: Window) -> list[Deadline]:
    """The deadlines of every source, by date; one query per source whatever their number."""
    if scope.empty:
        return []
    events: list[Deadline] = []
    for source in DEADLINE_SOURCES:
        events.extend(source(scope, window))
    events.sort(key=lambda e: (e.date, e.order, e.uid))
    return events[: window.limit] if window.limit is not None else events


# -- the month grid -----------------------------------------------------------------------------


def parse_month(value: str | None, today: datetime.date) -> datetime.date:
    """`?month=2024-05` as the first day of that month; the current month when absent."""
    if not value:
        return today.replace(day=1)
    try:
        year, month = (int(part) for part in value.strip().split("-"))
        return datetime.date(year, month, 1)
    except (TypeError, ValueError) as exc:
        raise ActionError(
            _("“%(v)s” is not a month: use the form YYYY-MM, for example 2024-05.") % {"v": value[:20]},
            field="month",
        ) from exc


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    events: list[Deadline]

    @property
    def shown(self) -> list[Deadline]:
        return self.events[:MAX_PER_DAY]

    @property
    def hidden(self) -> list[Deadline]:
        return self.events[MAX_PER_DAY:]


MAX_PER_DAY = 4  # the rest of a busy day folds under "n more"


@dataclass
class MonthGrid:
    month: datetime.date  # its first day
    weeks: list[list[Day]]

    @property
    def first(self) -> datetime.date:
        return self.weeks[0][0].date

    @property
    def last(self) -> datetime.date:
        return self.weeks[-1][-1].date

    @property
    def previous(self) -> datetime.date:
        return (self.month - datetime.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> datetime.date:
        return (self.month + datetime.timedelta(days=32)).replace(day=1)


def month_grid(month: datetime.date, today: datetime.date, events: list[Deadline] | None = None) -> MonthGrid:
    """The weeks (Monday first, as in China and ISO 8601) that cover `month`, with their events."""
    by_day: dict[datetime.date, list[Deadline]] = {}
    for event in events or []:
        by_day.setdefault(event.date, []).append(event)
    weeks = [
        [Day(d, d.month == month.month, d == today, by_day.get(d, [])) for d in week]
        for week in std_calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    ]
    return MonthGrid(month=month, weeks=weeks)
