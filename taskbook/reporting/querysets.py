"""Who may read the reporting loop's records, and the reporting rules every page, job and document
counts by. Each rule is a condition (`Q`) here and a predicate of the same name on the model
(models.py), side by side, so that a dashboard, a cycle page, a document and a job never disagree
on a figure."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, Self

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import TruncDate

from taskbook.orgs.actors import Viewer
from taskbook.orgs.roles import roles_of

# A module reference, not names: models.py imports these querysets.
from taskbook.reporting import models as reporting
from taskbook.visibility import VisibleWith

if TYPE_CHECKING:  # the models import these querysets: their names for the type checker only
    from taskbook.reporting.models import (  # noqa: F401
        Amendment,
        Assessment,
        Contribution,
        Evidence,
        ProgressReport,
        ReportingCalendar,
        ReportingCycle,
        ReportRevision,
    )


def _held_tasks(user: Viewer, task_path: str, unit_path: str | None) -> Q | None:
    """None: every record; else the records of tasks the user's units hold (and of their units)."""
    roles = roles_of(user)
    if roles.reads_everything:
        return None
    held = Q(**{f"{task_path}__task_units__unit__in": roles.units})
    return held | Q(**{f"{unit_path}__in": roles.units}) if unit_path else held


def _scoped(qs: models.QuerySet[Any], user: Viewer, task_path: str, unit_path: str | None) -> Any:
    """Coordinator: all; leaders: all but draft plans; units: what they hold, in published plans."""
    roles = roles_of(user)
    if roles.coordinator:
        return qs
    if not roles.is_member:
        return qs.none()
    qs = qs.exclude(**{f"{task_path}__plan__status": "draft"})
    scope = _held_tasks(user, task_path, unit_path)
    if scope is None:
        return qs
    return qs.filter(pk__in=qs.model._default_manager.filter(scope).values("pk"))


class ReportingCalendarQuerySet(VisibleWith["ReportingCalendar"]):
    parent_field, parent_model = "plan", "plans.Plan"


class ReportingCycleQuerySet(VisibleWith["ReportingCycle"]):
    parent_field, parent_model = "plan", "plans.Plan"

    def current(self, today: datetime.date) -> list[ReportingCycle]:
        """Each plan's current cycle, in the order of the plans' ids: its latest open cycle, else the
        one whose period holds today, else the latest begun, else its first."""
        by_plan: dict[int, list[ReportingCycle]] = {}
        for cycle in self.order_by("plan_id", "period_start"):
            by_plan.setdefault(cycle.plan_id, []).append(cycle)
        return [_current_of(cycles, today) for cycles in by_plan.values()]


def _current_of(cycles: list[ReportingCycle], today: datetime.date) -> ReportingCycle:
    """The current one of a plan's cycles, in the order of their periods (see `current`)."""
    opened = [c for c in cycles if c.status == reporting.CycleStatus.OPEN]
    if opened:
        return opened[-1]
    begun = [c for c in cycles if c.period_start <= today]
    if not begun:
        return cycles[0]
    holding = [c for c in begun if today <= c.period_end]
    return (holding or begun)[-1]


# -- the rules of a report ----------------------------------------------------------------------


def owed_q(prefix: str = "") -> Q:
    """The unit holds the report: not yet sent, or sent back to be fixed."""
    return Q(**{f"{prefix}status__in": reporting.OWED})


def reported_q(prefix: str = "") -> Q:
    """The report is with the coordinator or accepted: its figures and self-rating count."""
    return Q(**{f"{prefix}status__in": reporting.REPORTED})


def due_q(today: datetime.date, prefix: str = "") -> Q:
    """The cycle's due date has passed: the report counts in on-time rates."""
    return Q(**{f"{prefix}cycle__due_on__lt": today})


def overdue_q(today: datetime.date, prefix: str = "") -> Q:
    """Owed after its due date."""
    return owed_q(prefix) & due_q(today, prefix)


def due_soon_q(today: datetime.date, prefix: str = "") -> Q:
    """Owed, and due today or within DUE_SOON_DAYS: what a unit should be working on now."""
    soon = today + datetime.timedelta(days=reporting.DUE_SOON_DAYS)
    return owed_q(prefix) & Q(**{f"{prefix}cycle__due_on__gte": today, f"{prefix}cycle__due_on__lte": soon})


def owed_now_q(today: datetime.date, prefix: str = "") -> Q:
    """Owed in an open cycle, and overdue or due soon: the first list a unit sees."""
    is_open = Q(**{f"{prefix}cycle__status": reporting.CycleStatus.OPEN})
    return is_open & (overdue_q(today, prefix) | due_soon_q(today, prefix))


def on_time_q() -> Q:
    """First submitted on or before the due date, the day in the server's time zone; needs
    `with_first_day()`."""
    return Q(first_day__lte=F("cycle__due_on"))


def accepted_q() -> Q:
    return Q(status=reporting.ReportStatus.ACCEPTED)


def accepted_first_time_q() -> Q:
    """Accepted without ever being returned."""
    return Q(status=reporting.ReportStatus.ACCEPTED, times_returned=0)


def on_time_rate(on_time: int, due: int) -> float | None:
    """Percent of the reports due that were first submitted on time; None while none is due."""
    return 100.0 * on_time / due if due else None


class ProgressReportQuerySet(models.QuerySet["ProgressReport"]):
    def visible_to(self, user: Viewer) -> Self:
        """The coordinator sees every report; leaders every report of published and closed plans; a
        unit the reports of the tasks it leads or joins."""
        result: Self = _scoped(self, user, "task", "unit")
        return result

    def owed(self) -> Self:
        return self.filter(owed_q())

    def reported(self) -> Self:
        return self.filter(reported_q())

    def due(self, today: datetime.date) -> Self:
        return self.filter(due_q(today))

    def overdue(self, today: datetime.date) -> Self:
        return self.filter(overdue_q(today))

    def due_soon(self, today: datetime.date) -> Self:
        return self.filter(due_soon_q(today))

    def owed_now(self, today: datetime.date) -> Self:
        return self.filter(owed_now_q(today))

    def with_first_day(self) -> Self:
        """The local day of the first submission, for comparing with the cycle's due date."""
        return self.annotate(first_day=TruncDate("first_submitted_at"))

    def on_time(self) -> Self:
        return self.with_first_day().filter(on_time_q())


def contribution_owed_q(prefix: str = "") -> Q:
    """Not yet sent, to a report the lead unit still holds (once the report is with the coordinator a
    contribution can no longer be sent)."""
    return Q(**{f"{prefix}submitted_at__isnull": True}) & owed_q(f"{prefix}report__")


def contribution_overdue_q(today: datetime.date, prefix: str = "") -> Q:
    return contribution_owed_q(prefix) & Q(**{f"{prefix}report__cycle__contributions_due_on__lt": today})


def contribution_owed_now_q(today: datetime.date, prefix: str = "") -> Q:
    """Owed in an open cycle, and overdue or due within DUE_SOON_DAYS."""
    soon = today + datetime.timedelta(days=reporting.DUE_SOON_DAYS)
    return (
        contribution_owed_q(prefix)
        & Q(**{f"{prefix}report__cycle__status": reporting.CycleStatus.OPEN})
        & Q(**{f"{prefix}report__cycle__contributions_due_on__lte": soon})
    )


class ContributionQuerySet(VisibleWith["Contribution"]):
    parent_field, parent_model = "report", "reporting.ProgressReport"

    def owed(self) -> Self:
        return self.filter(contribution_owed_q())

    def overdue(self, today: datetime.date) -> Self:
        return self.filter(contribution_overdue_q(today))

    def owed_now(self, today: datetime.date) -> Self:
        return self.filter(contribution_owed_now_q(today))


class ReportRevisionQuerySet(VisibleWith["ReportRevision"]):
    parent_field, parent_model = "report", "reporting.ProgressReport"


class AmendmentQuerySet(VisibleWith["Amendment"]):
    parent_field, parent_model = "report", "reporting.ProgressReport"


class EvidenceQuerySet(VisibleWith["Evidence"]):
    parent_field, parent_model = "report", "reporting.ProgressReport"


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def visible_to(self, user: Viewer) -> Self:
        """The coordinator's ratings, for whoever follows the task's reports."""
        result: Self = _scoped(self, user, "task", None)
        return result
