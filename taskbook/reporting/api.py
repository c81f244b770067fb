"""The reporting loop in the HTTP API, read only: reporting cycles, progress reports (one with its
contributions, evidence, amendments and the coordinator's assessment) and assessments.

Every read goes through `visible_to` or reporting/access.py, so a unit sees the reports of the tasks it
holds and nothing of another unit's; "overdue" is the rule of reporting/querysets.py.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from taskbook.api.filters import narrow
from taskbook.api.schemas import CycleRef, TaskRef, UnitRef, attach
from taskbook.orgs.actors import Viewer
from taskbook.reporting.access import cycle_for, report_for
from taskbook.reporting.models import (
    Amendment,
    Assessment,
    Contribution,
    CycleStatus,
    Evidence,
    ProgressReport,
    Rating,
    ReportingCycle,
    ReportStatus,
    ratings_diverge,
)
from taskbook.reporting.querysets import overdue_q

router = Router(tags=["reporting"])


# -- cycles -------------------------------------------------------------------------------------


class ReportCounts(Schema):
    """The reports of a cycle that the reader may see, by status."""

    total: int
    draft: int
    submitted: int
    returned: int
    accepted: int
    overdue: int


class CycleOut(Schema):
    id: int
    plan_id: int
    label: str
    period_start: datetime.date
    period_end: datetime.date
    opens_on: datetime.date
    contributions_due_on: datetime.date
    due_on: datetime.date
    status: CycleStatus
    reports: ReportCounts

    @staticmethod
    def resolve_reports(obj: ReportingCycle) -> dict[str, int]:
        return {key: getattr(obj, f"reports_{key}") for key in ReportCounts.model_fields}


def _report_counts(user: Viewer, today: datetime.date, prefix: str) -> dict[str, Count]:
    """Counts of the reports the user may see, by status and overdue: `prefix` "reports__" annotates
    cycles, "" aggregates reports."""
    seen = Q(**{f"{prefix}pk__in": ProgressReport.objects.visible_to(user).values("pk")})
    conditions = {status: Q(**{f"{prefix}status": status}) for status in ReportStatus.values}
    return {
        "reports_total": Count(f"{prefix}pk", filter=seen),
        **{f"reports_{key}": Count(f"{prefix}pk", filter=seen & q) for key, q in conditions.items()},
        "reports_overdue": Count(f"{prefix}pk", filter=seen & overdue_q(today, prefix)),
    }


class CycleFilters(Schema):
    plan: int | None = None
    status: CycleStatus | None = None


@router.get("/cycles/", response=list[CycleOut])
@paginate
def list_cycles(request, filters: Query[CycleFilters]) -> Any:
    """Reporting cycles of the plans the reader sees, latest period first."""
    cycles = narrow(
        ReportingCycle.objects.visible_to(request.user),
        request.user,
        filters,
        {"plan": "plan", "status": "status"},
    )
    counts = _report_counts(request.user, timezone.localdate(), "reports__")
    return cycles.annotate(**counts).order_by("-period_start", "plan_id", "pk")


@router.get("/cycles/{cycle_id}", response=CycleOut)
def get_cycle(request, cycle_id: int) -> Any:
    cycle = cycle_for(request.user, cycle_id)
    counts = ProgressReport.objects.filter(cycle=cycle).aggregate(
        **_report_counts(request.user, timezone.localdate(), "")
    )
    return attach(cycle, **counts)


# -- reports ------------------------------------------------------------------------------------


class ReportOut(Schema):
    id: int
    cycle: CycleRef
    task: TaskRef
    unit: UnitRef  # the lead unit, which reports
    status: ReportStatus
    percent: Decimal
    self_rating: Rating | None  # the unit's own rating of the likelihood of delivery
    first_submitted_at: datetime.datetime | None
    submitted_at: datetime.datetime | None
    accepted_at: datetime.datetime | None
    times_returned: int
    overdue: bool
    on_time: bool | None  # first submitted by the due date; None until submitted

    @staticmethod
    def resolve_self_rating(obj: ProgressReport) -> str | None:
        return obj.self_rating or None

    @staticmethod
    def resolve_overdue(obj: ProgressReport) -> bool:
        return obj.is_overdue(timezone.localdate())


class ContributionOut(Schema):
    """A participating unit's input to the lead unit's report."""

    id: int
    unit: UnitRef
    narrative: str
    submitted_at: datetime.datetime | None
    overdue: bool

    @staticmethod
    def resolve_overdue(obj: Contribution) -> bool:
        return obj.is_overdue(timezone.localdate())


class EvidenceOut(Schema):
    id: int
    name: str
    uploaded_at: datetime.datetime
    download: str  # the address that serves the file to those who may see the report

    @staticmethod
    def resolve_download(obj: Evidence) -> str:
        return reverse("reporting:evidence_download", args=[obj.pk])


class AmendmentOut(Schema):
    """A recorded correction of an accepted report."""

    field: str
    old_value: str
    new_value: str
    reason: str
    at: datetime.datetime


class AssessmentOut(Schema):
    """The coordinator's rating of the task's likelihood of delivery in the cycle."""

    id: int
    rating: Rating
    rationale: str
    assessed_at: datetime.datetime


class ReportDetailOut(ReportOut):
    narrative: str
    self_rationale: str
    review_comment: str  # the coordinator's comment on returning or accepting
    version: int
    # Read from what get_report attached (through visible_to), not the report's related managers.
    contributions: list[ContributionOut] = Field(validation_alias="shown_contributions")
    evidence: list[EvidenceOut] = Field(validation_alias="shown_evidence")
    amendments: list[AmendmentOut] = Field(validation_alias="shown_amendments")
    assessment: AssessmentOut | None
    divergent: bool  # the reported self-rating and the coordinator's are two or more levels apart


class ReportFilters(Schema):
    plan: int | None = None
    cycle: int | None = None
    unit: int | None = None
    status: ReportStatus | None = None
    overdue: bool | None = None  # true: owed after the due date; false: every other report


@router.get("/reports/", response=list[ReportOut])
@paginate
def list_reports(request, filters: Query[ReportFilters]) -> Any:
    """Progress reports the reader sees, latest cycle first, in the order of the plan's tasks."""
    user = request.user
    reports = narrow(
        ProgressReport.objects.visible_to(user).select_related("cycle", "task", "unit"),
        user,
        filters,
        {"plan": "cycle__plan", "cycle": "cycle", "unit": "unit", "status": "status"},
    )
    if filters.overdue is not None:
        today = timezone.localdate()
        reports = reports.overdue(today) if filters.overdue else reports.exclude(overdue_q(today))
    return reports.order_by("-cycle__period_start", "task__order", "pk")


@router.get("/reports/{report_id}", response=ReportDetailOut)
def get_report(request, report_id: int) -> Any:
    user = request.user
    report = report_for(user, report_id)
    assessment = (
        Assessment.objects.visible_to(user).filter(task_id=report.task_id, cycle_id=report.cycle_id).first()
    )
    return attach(
        report,
        shown_contributions=Contribution.objects.visible_to(user)
        .filter(report=report)
        .select_related("unit", "report__cycle"),
        shown_evidence=Evidence.objects.visible_to(user).filter(report=report),
        shown_amendments=Amendment.objects.visible_to(user).filter(report=report),
        assessment=assessment,
        divergent=bool(assessment and ratings_diverge(report.reported_self_rating, assessment.rating)),
    )


# -- assessments --------------------------------------------------------------------------------


class AssessmentListOut(AssessmentOut):
    task: TaskRef
    cycle: CycleRef


class AssessmentFilters(Schema):
    plan: int | None = None
    cycle: int | None = None
    task: int | None = None
    rating: Rating | None = None


@router.get("/assessments/", response=list[AssessmentListOut])
@paginate
def list_assessments(request, filters: Query[AssessmentFilters]) -> Any:
    """The coordinator's ratings of the tasks the reader follows, latest cycle first."""
    user = request.user
    assessments = narrow(
        Assessment.objects.visible_to(user).select_related("task", "cycle"),
        user,
        filters,
        {"plan": "cycle__plan", "cycle": "cycle", "task": "task", "rating": "rating"},
    )
    return assessments.order_by("-cycle__period_start", "task__order", "pk")
