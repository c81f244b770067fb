"""Every change in the reporting loop: calendars, cycles, reports, contributions, amendments,
evidence, indicator values, trajectories and assessments."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taskbook.audit.events import Event
from taskbook.audit.record import record, snapshot
from taskbook.errors import ActionError
from taskbook.notifications import workflow
from taskbook.orgs.actors import Actor, user_of
from taskbook.orgs.permissions import (
    is_coordinator,
    may_admin_unit,
    may_edit_unit_work,
    may_give_own_times,
    require,
)
from taskbook.plans.models import Plan, PlanStatus, Task, TaskUnitRole
from taskbook.reporting.models import (
    REPORT_TRANSITIONS,
    Amendment,
    Assessment,
    Contribution,
    CycleStatus,
    Evidence,
    Frequency,
    ProgressReport,
    Rating,
    ReportingCalendar,
    ReportingCycle,
    ReportRevision,
    ReportStatus,
)
from taskbook.reporting.progress import rollup
from taskbook.taskbooks.models import Measure
from taskbook.uploads import EVIDENCE_KINDS, check_upload
from taskbook.values import decimal_value
from taskbook.versions import check_version
from taskbook.workdays import add_working_days

# -- calendars and cycles -----------------------------------------------------------------


CALENDAR_SETTINGS = (
    "frequency",
    "due_working_days",
    "contribution_working_days",
    "reminder_working_days",
    "escalation_working_days",
    "active",
)


@transaction.atomic
def set_calendar(actor: Actor, plan: Plan, *, version: int | None = None, **fields: Any) -> ReportingCalendar:
    """Set how a plan reports, and schedule its cycles (cycles already open keep their dates).
    `version` is the calendar's version the form showed (0: none yet)."""
    require(is_coordinator(actor), _("Only the coordinator sets the reporting calendar."))
    if not (plan.period_start and plan.period_end):
        raise ActionError(_("The plan needs a period before it can have a reporting calendar."))
    calendar, _created = ReportingCalendar.objects.get_or_create(plan=plan)
    calendar = ReportingCalendar.objects.select_for_update().get(pk=calendar.pk)
    check_version(calendar, version, yours=fields)
    before = snapshot(calendar)
    for name, value in fields.items():
        if name not in CALENDAR_SETTINGS:
            raise ActionError(_("Unknown setting: %(name)s") % {"name": name})
        if name == "frequency":
            if value not in Frequency.values:
                raise ActionError(_("The frequency is monthly or quarterly."), field="frequency")
        elif name != "active":
            try:
                value = int(value)
            except (TypeError, ValueError) as exc:
                raise ActionError(_("Working days are a whole number."), field=name) from exc
            if not 0 <= value <= 60:
                raise ActionError(_("Working days are between 0 and 60."), field=name)
        setattr(calendar, name, value)
    if calendar.contribution_working_days >= calendar.due_working_days + 20:
        raise ActionError(
            _("Contributions would be due before the period ends."), field="contribution_working_days"
        )
    calendar.version += 1
    calendar.save()
    record(actor, Event.CALENDAR_UPDATE, calendar, before=before, after=snapshot(calendar))
    schedule_cycles(actor, calendar)
    return calendar


def periods(calendar: ReportingCalendar) -> list[tuple[str, datetime.date, datetime.date]]:
    """(label, start, end) of each reporting period within the plan's period."""
    plan = calendar.plan
    assert plan.period_start and plan.period_end
    step = 3 if calendar.frequency == Frequency.QUARTERLY else 1
    out = []
    year, month = plan.period_start.year, plan.period_start.month
    month -= (month - 1) % step
    while datetime.date(year, month, 1) <= plan.period_end:
        start = datetime.date(year, month, 1)
        end_month, end_year = month + step, year
        if end_month > 12:
            end_month, end_year = end_month - 12, year + 1
        end = datetime.date(end_year, end_month, 1) - datetime.timedelta(days=1)
        label = f"{year}-Q{(month - 1) // 3 + 1}" if step == 3 else f"{year}-{month:02d}"
        out.append((label, start, end))
        year, month = end_year, end_month
    return out


def cycle_dates(calendar: ReportingCalendar, period_end: datetime.date) -> dict[str, datetime.date]:
    due = add_working_days(period_end, calendar.due_working_days)
    return {
        "opens_on": add_working_days(period_end + datetime.timedelta(days=1), 0),
        "due_on": due,
        "contributions_due_on": max(
            add_working_days(due, -calendar.contribution_working_days),
            add_working_days(period_end + datetime.timedelta(days=1), 0),
        ),
    }


def schedule_cycles(actor: Actor, calendar: ReportingCalendar) -> list[ReportingCycle]:
    """Create the plan's cycles that do not exist yet; reschedule those not yet open."""
    existing = {c.period_start: c for c in ReportingCycle.objects.filter(plan=calendar.plan)}
    made = []
    for label, start, end in periods(calendar):
        dates = cycle_dates(calendar, end)
        cycle = existing.get(start)
        if cycle is None:
            cycle = ReportingCycle.objects.create(
                plan=calendar.plan, label=label, period_start=start, period_end=end, **dates
            )
            made.append(cycle)
        elif cycle.status == CycleStatus.SCHEDULED and any(getattr(cycle, k) != v for k, v in dates.items()):
            for k, v in dates.items():
                setattr(cycle, k, v)
            cycle.save()
    if made:
        record(actor, Event.CYCLES_SCHEDULE, calendar.plan, after={"cycles": [c.label for c in made]})
    return made


@transaction.atomic
def open_cycle(actor: Actor, cycle: ReportingCycle) -> list[ProgressReport]:
    """Open a cycle: each task's lead unit owes a report, each participating unit a contribution."""
    require(is_coordinator(actor), _("Only the coordinator opens reporting cycles."))
    cycle = ReportingCycle.objects.select_for_update().select_related("plan").get(pk=cycle.pk)
    if cycle.status == CycleStatus.CLOSED:
        raise ActionError(_("This cycle is closed."))
    if cycle.plan.status == PlanStatus.CLOSED:
        raise ActionError(_("The plan is closed."))
    made = []
    tasks = Task.objects.filter(plan=cycle.plan).prefetch_related("task_units")
    have = set(ProgressReport.objects.filter(cycle=cycle).values_list("task_id", flat=True))
    for task in tasks:
        if task.pk in have:
            continue
        units = sorted(task.task_units.all(), key=lambda tu: (tu.role != TaskUnitRole.LEAD, tu.order))
        if not units or units[0].role != TaskUnitRole.LEAD:
            continue
        report = ProgressReport.objects.create(cycle=cycle, task=task, unit_id=units[0].unit_id)
        Contribution.objects.bulk_create(
            Contribution(report=report, unit_id=tu.unit_id)
            for tu in units
            if tu.role == TaskUnitRole.PARTICIPATING and tu.unit_id != report.unit_id
        )
        made.append(report)
    if cycle.status != CycleStatus.OPEN:
        cycle.status = CycleStatus.OPEN
        cycle.save(update_fields=["status"])
        record(actor, Event.CYCLE_OPEN, cycle, after={"reports": len(made)})
    return made


@transaction.atomic
def close_cycle(actor: Actor, cycle: ReportingCycle) -> ReportingCycle:
    require(is_coordinator(actor), _("Only the coordinator closes reporting cycles."))
    if cycle.status != CycleStatus.OPEN:
        raise ActionError(_("Only an open cycle can be closed."))
    cycle.status = CycleStatus.CLOSED
    cycle.save(update_fields=["status"])
    record(actor, Event.CYCLE_CLOSE, cycle)
    return cycle


# -- reports ------------------------------------------------------------------------------


def task_percent(task: Task) -> Decimal:
    return rollup(list(Measure.objects.filter(task=task)))


def _content(report: ProgressReport) -> dict[str, Any]:
    return {
        "percent": str(report.percent),
        "narrative": report.narrative,
        "self_rating": report.self_rating,
        "self_rationale": report.self_rationale,
        "contributions": [{"unit": c.unit_id, "narrative": c.narrative} for c in report.contributions.all()],
    }


def _locked(report: ProgressReport) -> None:
    if report.status == ReportStatus.ACCEPTED:
        raise ActionError(_("The report is accepted and locked: record a correction as an amendment."))
    if report.status == ReportStatus.SUBMITTED:
        raise ActionError(_("The report is with the coordinator: wait for it to be returned or accepted."))


@transaction.atomic
def save_report(
    actor: Actor,
    report: ProgressReport,
    *,
    version: int,
    narrative: str,
    self_rating: str = "",
    self_rationale: str = "",
) -> ProgressReport:
    """The lead unit drafts its report; the percent is recomputed from the task's measures."""
    report = ProgressReport.objects.select_for_update().select_related("task").get(pk=report.pk)
    require(may_edit_unit_work(actor, report.unit_id), _("Only the lead unit writes the task's report."))
    _locked(report)
    check_version(
        report,
        version,
        yours={"narrative": narrative, "self_rating": self_rating, "self_rationale": self_rationale},
    )
    if self_rating and self_rating not in Rating.values:
        raise ActionError(_("Unknown rating."), field="self_rating")
    before = snapshot(report)
    report.narrative = narrative.strip()
    report.self_rating = self_rating
    report.self_rationale = self_rationale.strip()
    report.percent = task_percent(report.task)
    report.version += 1
    report.save()
    record(actor, Event.REPORT_SAVE, report, before=before, after=snapshot(report))
    return report


@transaction.atomic
def save_contribution(
    actor: Actor,
    contribution: Contribution,
    *,
    narrative: str,
    submit: bool = False,
    at: datetime.datetime | None = None,
    version: int | None = None,
) -> Contribution:
    """A participating unit's part of the lead unit's report; `version` is the one its form showed."""
    contribution = Contribution.objects.select_for_update().select_related("report").get(pk=contribution.pk)
    require(
        may_edit_unit_work(actor, contribution.unit_id),
        _("Only the participating unit writes its contribution."),
    )
    _locked(contribution.report)
    check_version(contribution, version, yours={"narrative": narrative})
    if submit and not narrative.strip():
        raise ActionError(_("Write the contribution before sending it."), field="narrative")
    before = snapshot(contribution)
    contribution.narrative = narrative.strip()
    if submit:
        contribution.submitted_at = _when(actor, at)
    contribution.version += 1
    contribution.save()
    record(
        actor,
        Event.CONTRIBUTION_SUBMIT if submit else Event.CONTRIBUTION_SAVE,
        contribution,
        before=before,
        after=snapshot(contribution),
    )
    return contribution


def _when(actor: Actor, at: datetime.datetime | None) -> datetime.datetime:
    """Now; or, for the system alone (loading reports kept on paper), the time they really happened."""
    if at is not None and not may_give_own_times(actor):
        raise ActionError(_("Only an import of past records may give its own time."))
    return at or timezone.now()


STATUS_EVENTS: dict[str, Event] = {
    ReportStatus.SUBMITTED: Event.REPORT_SUBMITTED,
    ReportStatus.RETURNED: Event.REPORT_RETURNED,
    ReportStatus.ACCEPTED: Event.REPORT_ACCEPTED,
}


def _move(
    actor: Actor, report: ProgressReport, status: str, comment: str = "", at: datetime.datetime | None = None
) -> ProgressReport:
    if status not in REPORT_TRANSITIONS[report.status]:
        raise ActionError(
            _("A %(old)s report cannot be %(new)s.")
            % {"old": report.get_status_display(), "new": ReportStatus(status).label}
        )
    before = snapshot(report, ["status", "review_comment"])
    report.status = status
    now = _when(actor, at)
    if status == ReportStatus.SUBMITTED:
        report.submitted_at = now
        report.first_submitted_at = report.first_submitted_at or now
    elif status == ReportStatus.RETURNED:
        report.times_returned += 1
        report.review_comment = comment
    elif status == ReportStatus.ACCEPTED:
        report.accepted_at = now
        report.review_comment = comment
    report.version += 1
    report.save()
    revision = ReportRevision.objects.create(
        report=report, status=status, comment=comment, content=_content(report), actor=user_of(actor), at=now
    )
    record(
        actor,
        STATUS_EVENTS[status],
        report,
        before=before,
        after=snapshot(report, ["status", "review_comment"]),
    )
    if at is None:  # a record of the past (reports kept on paper) tells nobody now
        workflow.report_moved(actor, report, status, f"rev{revision.pk}", comment)
    return report


@transaction.atomic
def submit_report(
    actor: Actor, report: ProgressReport, *, at: datetime.datetime | None = None
) -> ProgressReport:
    """The lead unit's admin sends the consolidated report to the coordinator."""
    report = ProgressReport.objects.select_for_update().select_related("task").get(pk=report.pk)
    require(may_admin_unit(actor, report.unit_id), _("The unit admin submits the unit's reports."))
    if not report.narrative.strip():
        raise ActionError(_("Write the narrative before submitting."), field="narrative")
    report.percent = task_percent(report.task)
    return _move(actor, report, ReportStatus.SUBMITTED, at=at)


@transaction.atomic
def return_report(
    actor: Actor, report: ProgressReport, comment: str, *, at: datetime.datetime | None = None
) -> ProgressReport:
    require(is_coordinator(actor), _("Only the coordinator reviews reports."))
    if not comment.strip():
        raise ActionError(_("Say what must be fixed: a returned report needs a comment."), field="comment")
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    return _move(actor, report, ReportStatus.RETURNED, comment.strip(), at=at)


@transaction.atomic
def accept_report(
    actor: Actor, report: ProgressReport, comment: str = "", *, at: datetime.datetime | None = None
) -> ProgressReport:
    require(is_coordinator(actor), _("Only the coordinator reviews reports."))
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    return _move(actor, report, ReportStatus.ACCEPTED, comment.strip(), at=at)


AMENDABLE = {"narrative", "percent", "self_rating", "self_rationale"}


@transaction.atomic
def amend_report(actor: Actor, report: ProgressReport, *, field: str, value: str, reason: str) -> Amendment:
    """Correct an accepted report: the change and its reason are recorded, the old value kept."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    require(is_coordinator(actor) or may_admin_unit(actor, report.unit_id))
    if report.status != ReportStatus.ACCEPTED:
        raise ActionError(_("Only an accepted report is amended; edit a draft directly."))
    if field not in AMENDABLE:
        raise ActionError(_("This part of a report cannot be amended."), field="field")
    if not reason.strip():
        raise ActionError(_("Give the reason for the correction."), field="reason")
    old = getattr(report, field)
    new: Any = value.strip()
    if field == "percent":
        new = decimal_value(value, "percent")
        if not 0 <= new <= 100:
            raise ActionError(_("A percent is between 0 and 100."), field="value")
    if field == "self_rating" and new not in Rating.values:
        raise ActionError(_("Unknown rating."), field="value")
    setattr(report, field, new)
    report.version += 1
    report.save()
    amendment = Amendment.objects.create(
        report=report,
        field=field,
        old_value=str(old),
        new_value=str(new),
        reason=reason.strip(),
        actor=user_of(actor),
    )
    ReportRevision.objects.create(
        report=report,
        status=report.status,
        comment=reason.strip(),
        content=_content(report),
        actor=user_of(actor),
    )
    record(
        actor, Event.REPORT_AMEND, report, before={field: str(old)}, after={field: str(new), "reason": reason}
    )
    workflow.report_amended(actor, report, f"am{amendment.pk}", reason.strip())
    return amendment


@transaction.atomic
def add_evidence(actor: Actor, report: ProgressReport, *, data: bytes, name: str) -> Evidence:
    require(may_edit_unit_work(actor, report.unit_id), _("Only the lead unit adds evidence to its report."))
    _locked(report)
    check_upload(data, name, EVIDENCE_KINDS)
    evidence = Evidence(report=report, name=name, uploaded_by=user_of(actor))
    evidence.file.save(f"report-{report.pk}{name[name.rfind('.') :].lower()}", ContentFile(data), save=False)
    evidence.save()
    record(actor, Event.REPORT_EVIDENCE, report, after={"file": name})
    return evidence


# -- likelihood of delivery ---------------------------------------------------------------


@transaction.atomic
def assess(actor: Actor, task: Task, cycle: ReportingCycle, *, rating: str, rationale: str) -> Assessment:
    """The coordinator's rating of a task for a cycle, with a written rationale."""
    require(is_coordinator(actor), _("Only the coordinator rates the likelihood of delivery."))
    if rating not in Rating.values:
        raise ActionError(_("Choose red, amber-red, amber-green or green."), field="rating")
    if not rationale.strip():
        raise ActionError(_("Write the rationale for the rating."), field="rationale")
    if task.plan_id != cycle.plan_id:
        raise ActionError(_("The task and the cycle belong to different plans."))
    assessment = Assessment.objects.filter(task=task, cycle=cycle).first()
    before = snapshot(assessment) if assessment else None
    assessment = assessment or Assessment(task=task, cycle=cycle)
    assessment.rating, assessment.rationale, assessment.assessed_by = (
        rating,
        rationale.strip(),
        user_of(actor),
    )
    assessment.save()
    record(
        actor,
        Event.ASSESSMENT_UPDATE if before else Event.ASSESSMENT_CREATE,
        assessment,
        before=before,
        after=snapshot(assessment),
    )
    return assessment
