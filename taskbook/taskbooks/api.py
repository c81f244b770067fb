"""Task books in the HTTP API, read only: measures (one with its milestones), units' task books, and
change requests to approved dates and targets.

Every read goes through `visible_to` or taskbooks/access.py; "overdue" is the rule of
taskbooks/querysets.py. A responsible person is named with their position: their phone and e-mail stay
on the pages and in the task book document.
"""

import datetime
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from taskbook.api.filters import narrow, plan_named
from taskbook.api.schemas import TaskRef, UnitRef, attach
from taskbook.taskbooks.access import measure_for
from taskbook.taskbooks.models import (
    ChangeRequest,
    ChangeStatus,
    Measure,
    MeasureStatus,
    Milestone,
    TaskBook,
    TaskBookStatus,
)
from taskbook.taskbooks.querysets import measure_overdue_q
from taskbook.values import FIRST_YEAR, LAST_YEAR

router = Router(tags=["task books"])


# -- measures -----------------------------------------------------------------------------------


class PersonOut(Schema):
    id: int
    name: str
    position: str


class MeasureOut(Schema):
    id: int
    task: TaskRef
    unit: UnitRef  # the unit that owns the measure
    year: int  # of the annual work plan it belongs to
    title: str
    deliverable: str
    responsible: PersonOut
    deputy: PersonOut | None
    start_date: datetime.date
    due_date: datetime.date
    baseline_start: datetime.date | None  # as approved in the task book
    baseline_due: datetime.date | None
    slippage_days: int | None  # the due date's move since approval
    weight: int
    progress: int  # percent
    status: MeasureStatus
    overdue: bool
    milestones_total: int
    milestones_done: int
    version: int

    @staticmethod
    def resolve_overdue(obj: Measure) -> bool:
        return obj.is_overdue(timezone.localdate())


class MilestoneOut(Schema):
    id: int
    date: datetime.date
    description: str
    done_on: datetime.date | None
    baseline_date: datetime.date | None
    overdue: bool
    evidence: str | None  # the address of the evidence file, for those who may see the measure

    @staticmethod
    def resolve_overdue(obj: Milestone) -> bool:
        return obj.is_overdue(timezone.localdate())

    @staticmethod
    def resolve_evidence(obj: Milestone) -> str | None:
        return reverse("taskbooks:milestone_evidence", args=[obj.pk]) if obj.evidence else None


class MeasureDetailOut(MeasureOut):
    description: str
    cancel_reason: str
    # Read from what get_measure attached (through visible_to), not the measure's related manager.
    milestones: list[MilestoneOut] = Field(validation_alias="shown_milestones")


class MeasureFilters(Schema):
    plan: int | None = None
    unit: int | None = None
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    status: MeasureStatus | None = None
    overdue: bool | None = None  # true: past its due date, neither done nor cancelled


@router.get("/measures/", response=list[MeasureOut])
@paginate
def list_measures(request, filters: Query[MeasureFilters]) -> Any:
    """Measures the reader sees, in the order of their plan's tasks."""
    user = request.user
    measures = narrow(
        Measure.objects.visible_to(user).select_related("task", "unit", "responsible", "deputy"),
        user,
        filters,
        {"plan": "task__plan", "unit": "unit", "year": "year", "status": "status"},
    )
    if filters.overdue is not None:
        today = timezone.localdate()
        measures = measures.overdue(today) if filters.overdue else measures.exclude(measure_overdue_q(today))
    return measures.annotate(
        milestones_total=Count("milestones"),
        milestones_done=Count("milestones", filter=Q(milestones__done_on__isnull=False)),
    ).order_by("task__plan_id", "task__order", "order", "pk")


@router.get("/measures/{measure_id}", response=MeasureDetailOut)
def get_measure(request, measure_id: int) -> Any:
    measure = measure_for(request.user, measure_id)
    milestones = list(
        Milestone.objects.visible_to(request.user).filter(measure=measure).order_by("date", "pk")
    )
    for milestone in milestones:
        milestone.measure = measure  # its rules read the measure's status: no query per milestone
    return attach(
        measure,
        shown_milestones=milestones,
        milestones_total=len(milestones),
        milestones_done=sum(1 for m in milestones if m.done_on),
    )


# -- task books ---------------------------------------------------------------------------------


class TaskBookOut(Schema):
    id: int
    plan_id: int
    unit: UnitRef
    status: TaskBookStatus
    version: int  # the approved version; 0 until the first approval
    comment: str  # the coordinator's, on returning or approving
    updated_at: datetime.datetime


class TaskBookFilters(Schema):
    plan: int | None = None
    unit: int | None = None
    status: TaskBookStatus | None = None
    version: int | None = None


@router.get("/taskbooks/", response=list[TaskBookOut])
@paginate
def list_taskbooks(request, filters: Query[TaskBookFilters]) -> Any:
    """The units' task books the reader sees: every unit's for the office and leaders, one's own units'."""
    user = request.user
    books = narrow(
        TaskBook.objects.visible_to(user).select_related("unit"),
        user,
        filters,
        {"plan": "plan", "unit": "unit", "status": "status", "version": "version"},
    )
    return books.order_by("plan_id", "unit__name_en", "pk")


# -- change requests ----------------------------------------------------------------------------


class ChangeOut(Schema):
    """A change to an approved date, target or responsible person, for the coordinator to decide."""

    id: int
    measure_id: int | None
    target_id: int | None
    field: str
    field_label: str
    old_value: Any
    new_value: Any
    reason: str
    beyond_plan_period: bool
    status: ChangeStatus
    requested_at: datetime.datetime
    decided_at: datetime.datetime | None
    decision_comment: str

    @staticmethod
    def resolve_field_label(obj: ChangeRequest) -> str:
        return obj.field_label


class ChangeFilters(Schema):
    plan: int | None = None
    status: ChangeStatus | None = None
    beyond_plan_period: bool | None = None


@router.get("/change-requests/", response=list[ChangeOut])
@paginate
def list_change_requests(request, filters: Query[ChangeFilters]) -> Any:
    """Change requests the reader sees, newest first."""
    user = request.user
    changes = narrow(
        ChangeRequest.objects.visible_to(user),
        user,
        filters,
        {"status": "status", "beyond_plan_period": "beyond_plan_period"},
    )
    if filters.plan is not None:  # a change to a measure or to a target, of the plan's tasks
        plan = plan_named(user, filters.plan)
        changes = changes.filter(Q(measure__task__plan=plan) | Q(target__task__plan=plan))
    return changes.order_by("-requested_at", "-pk")
