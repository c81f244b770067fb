"""Cycles open by themselves on their opening day (docs/jobs.md)."""

import datetime

from taskbook.orgs.actors import SYSTEM
from taskbook.plans.models import PlanStatus
from taskbook.reporting.actions import open_cycle
from taskbook.reporting.models import CycleStatus, ReportingCycle


def open_due_cycles(today: datetime.date) -> list[int]:
    """Open every scheduled cycle whose opening date has come, of published plans whose reporting
    calendar is active; the ids of the cycles opened. `open_cycle` creates each report once."""
    cycles = ReportingCycle.objects.filter(
        status=CycleStatus.SCHEDULED,
        opens_on__lte=today,
        plan__status=PlanStatus.PUBLISHED,
        plan__reporting_calendar__active=True,
    ).order_by("opens_on", "pk")
    opened = []
    for cycle in cycles:
        open_cycle(SYSTEM, cycle)
        opened.append(cycle.pk)
    return opened
