"""The implementation progress report of a plan for one reporting cycle, gathered once into plain data
that the PDF, DOCX and XLSX renderers lay out.

Everything is read in a fixed number of queries (eleven, whatever the number of tasks, reports,
contributions, targets and measures) and turned into strings in the current language here, so the
renderers hold no queries and no translation logic of their own. The caller has checked that the
reader may have the document (coordinator and leaders, who see every report of a published plan).

The figures, as the document states them:
- a report is *received* once it has been submitted (even if it was returned since); *overdue*,
  *on time*, the on-time rate and overdue contributions and measures are the reporting rules of
  reporting/querysets.py and taskbooks/querysets.py (docs/reporting.md), the same as the dashboards';
- the overall percent is the mean percent complete of the reports now submitted or accepted;
- overdue items are counted in calendar days up to the date the document is generated.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from taskbook.charts.bars import Bar, vertical_bars
from taskbook.charts.colours import RAG_COLOURS
from taskbook.plans.models import Plan, Section, Task, TaskUnit, TaskUnitRole
from taskbook.reporting.models import (
    Amendment,
    Assessment,
    Contribution,
    ProgressReport,
    Rating,
    ReportingCycle,
    ReportStatus,
    ratings_diverge,
)
from taskbook.reporting.querysets import on_time_rate
from taskbook.targets.chart import target_chart_svg
from taskbook.targets.formatting import number, target_label, verdict, with_unit
from taskbook.targets.models import Target
from taskbook.targets.trajectory import facts
from taskbook.taskbooks.models import Measure


@dataclass(frozen=True)
class RatingCount:
    rating: str  # a Rating value, or "" for tasks not rated this cycle
    label: str
    count: int
    color: str


@dataclass(frozen=True)
class Figures:
    tasks: int
    reports: int  # owed this cycle: one per task with a lead unit
    received: int
    accepted: int
    overdue: int
    on_time: int
    on_time_rate: float | None  # percent, None while no report is due yet
    overall_percent: Decimal | None
    by_rating: list[RatingCount]

    @property
    def rated(self) -> int:
        return sum(r.count for r in self.by_rating if r.rating)

    @property
    def on_time_text(self) -> str:
        return percent(None if self.on_time_rate is None else round(self.on_time_rate))

    @property
    def overall_text(self) -> str:
        return percent(self.overall_percent)


@dataclass(frozen=True)
class AmendmentLine:
    on: datetime.date
    field: str
    change: str  # "40.0 → 45.0", or "" for a narrative, whose texts are too long to repeat
    reason: str


@dataclass(frozen=True)
class ContributionLine:
    unit: str
    narrative: str
    submitted_on: datetime.date | None


@dataclass(frozen=True)
class SeriesPoint:
    date: datetime.date
    value: Decimal


@dataclass(frozen=True)
class TargetLine:
    text: str
    goal: str  # "≥ 85 % by 2025"
    baseline: str
    unit_of_measure: str
    latest: Decimal | None
    latest_on: datetime.date | None
    latest_source: str
    latest_provisional: bool
    planned: Decimal | None  # the trajectory's value at the end of the cycle's period
    on_trajectory: bool | None  # the latest value against the value planned for its date
    verdict: str  # the forecast's verdict in words, "" when there is no forecast
    verdict_ok: bool | None  # True: on course to be met; False: forecast to miss; None: unknown
    chart: SafeString  # the target's chart as SVG markup
    trajectory: list[SeriesPoint] = field(default_factory=list)
    actuals: list[SeriesPoint] = field(default_factory=list)

    def _with_unit(self, value: Decimal | None) -> str:
        return "—" if value is None else with_unit(value, self.unit_of_measure, 2)

    @property
    def latest_text(self) -> str:
        return self._with_unit(self.latest)

    @property
    def planned_text(self) -> str:
        return self._with_unit(self.planned)


@dataclass(frozen=True)
class TaskLine:
    number: str
    title: str
    lead_unit: str
    participating_units: str
    has_report: bool
    status: str
    status_label: str
    percent: Decimal | None
    submitted_on: datetime.date | None
    on_time: bool | None
    self_rating: str
    self_rating_label: str
    self_rationale: str
    rating: str
    rating_label: str
    rationale: str
    narrative: str
    narrative_note: str  # why there is no accepted text, or that it awaits review
    amendments: list[AmendmentLine]
    contributions: list[ContributionLine]
    targets: list[TargetLine]

    @property
    def percent_text(self) -> str:
        return percent(self.percent)

    @property
    def ratings_differ(self) -> bool:
        """Self-rating and rating two levels or more apart: the task goes to the next review meeting."""
        return ratings_diverge(self.self_rating, self.rating)


@dataclass(frozen=True)
class SectionPart:
    number: str
    title: str
    tasks: list[TaskLine]

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}".strip()


@dataclass(frozen=True)
class OverdueItem:
    """An overdue report, contribution or measure: who owes it, since when."""

    kind: str  # "report", "contribution", "measure"
    task_number: str
    task_title: str
    title: str  # the measure's title; the task's for a report or a contribution
    unit: str
    due_on: datetime.date
    days_late: int
    detail: str  # the lead unit a contribution is owed to; a measure's status and progress


@dataclass
class ProgressDocument:
    plan_id: int
    plan_title: str
    plan_period: str
    cycle_id: int
    cycle_label: str
    period_start: datetime.date
    period_end: datetime.date
    contributions_due_on: datetime.date
    due_on: datetime.date
    generated_on: datetime.date
    language: str
    figures: Figures
    rating_chart: SafeString
    sections: list[SectionPart]
    overdue_reports: list[OverdueItem]
    overdue_contributions: list[OverdueItem]
    overdue_measures: list[OverdueItem]

    @property
    def is_chinese(self) -> bool:
        return self.language.startswith("zh")

    @property
    def numbers(self) -> tuple[str, ...]:
        """The numbers of the document's parts as the language prints them, with what follows them."""
        return ("一、", "二、", "三、", "四、") if self.is_chinese else ("1. ", "2. ", "3. ", "4. ")

    @property
    def kind(self) -> str:
        return _("Implementation progress report")

    @property
    def title(self) -> str:
        return _("Implementation progress report, %(plan)s, %(cycle)s") % {
            "plan": self.plan_title,
            "cycle": self.cycle_label,
        }

    @property
    def running_head(self) -> str:
        return f"{self.plan_title} · {self.cycle_label}"

    @property
    def period(self) -> str:
        return f"{self.period_start:%Y-%m-%d} – {self.period_end:%Y-%m-%d}"

    @property
    def tasks(self) -> list[TaskLine]:
        return [task for section in self.sections for task in section.tasks]

    @property
    def targets(self) -> list[tuple[TaskLine, TargetLine]]:
        return [(task, target) for task in self.tasks for target in task.targets]


def percent(value: Decimal | int | None) -> str:
    """A percent as the documents print it: one decimal at most, "—" for none."""
    return "—" if value is None else f"{number(Decimal(value), 1)}%"


# -- charts -------------------------------------------------------------------------------------


def rating_chart(counts: list[RatingCount]) -> SafeString:
    """Tasks by the coordinator's rating as columns, in SVG that a page and a PDF both show."""
    return vertical_bars(
        [Bar(label=c.label, value=c.count, colour=c.color, text=str(c.count)) for c in counts],
        label=_("Tasks by the coordinator's rating"),
        height=190,
        bar_width=64,
    )


# -- gathering ----------------------------------------------------------------------------------


def _target_line(target: Target, cycle: ReportingCycle) -> TargetLine:
    """The target as it stood at the end of the cycle's period: values recorded for later dates are left
    out, so the report of a past cycle says what was known of that period."""
    as_of = cycle.period_end
    recorded = sorted(
        (v for v in target.actuals.all() if v.date <= as_of), key=lambda v: (v.date, v.recorded_at, v.pk)
    )
    known = facts(target, list(target.trajectory.all()), recorded, as_of)
    latest = known.points[-1] if known.points else None
    unit = target.unit_of_measure
    goal = target_label(target)
    if target.year:
        goal = _("%(goal)s by %(year)s") % {"goal": goal, "year": target.year}
    baseline = ""
    if target.baseline is not None:
        baseline = with_unit(target.baseline, unit)
        if target.baseline_year:
            baseline += f" ({target.baseline_year})"
    return TargetLine(
        text=target.text.strip() or str(target),
        goal=goal,
        baseline=baseline,
        unit_of_measure=unit,
        latest=latest.value if latest else None,
        latest_on=latest.date if latest else None,
        latest_source=latest.source if latest else "",
        latest_provisional=bool(latest and latest.provisional),
        planned=known.planned_today,
        on_trajectory=known.status.on_track if known.status else None,
        verdict=verdict(known.forecast, unit)
        if known.forecast
        else _("The target has no date: no forecast."),
        verdict_ok=known.forecast.met if known.forecast else None,
        chart=target_chart_svg(target, known.trajectory, known.points, known.forecast, width=620, height=250),
        trajectory=[SeriesPoint(d, v) for d, v in known.trajectory],
        actuals=[SeriesPoint(p.date, p.value) for p in known.points],
    )


def _amendment(amendment: Amendment, report: ProgressReport) -> AmendmentLine:
    label = str(getattr(report._meta.get_field(amendment.field), "verbose_name", amendment.field))
    if amendment.field == "narrative" or amendment.field == "self_rationale":
        change = ""
    elif amendment.field == "self_rating":
        labels = dict(Rating.choices)
        change = f"{labels.get(amendment.old_value, '—')} → {labels.get(amendment.new_value, '—')}"
    else:
        change = f"{amendment.old_value} → {amendment.new_value}"
    return AmendmentLine(
        on=timezone.localdate(amendment.at), field=label, change=change, reason=amendment.reason
    )


def _narrative(report: ProgressReport | None) -> tuple[str, str]:
    """The text the document prints for a report, and a note on it."""
    if report is None:
        return "", _("No report is owed for this task: it has no lead unit.")
    if report.status == ReportStatus.ACCEPTED:
        return report.narrative, ""
    if report.status == ReportStatus.SUBMITTED:
        return report.narrative, _("Submitted, awaiting the coordinator's review; not yet accepted.")
    if report.status == ReportStatus.RETURNED:
        return "", _("Returned to the unit for changes; not yet resubmitted.")
    return "", _("Not yet submitted.")


def _local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def _join(names: list[str]) -> str:
    return ("、" if (get_language() or "").startswith("zh") else "; ").join(names)


def _task_line(
    task: Task, report: ProgressReport | None, assessment: Assessment | None, cycle: ReportingCycle
) -> TaskLine:
    ratings = dict(Rating.choices)
    units = list(task.task_units.all())
    leads = [tu.unit.display_name for tu in units if tu.role == TaskUnitRole.LEAD]
    joins = [tu.unit.display_name for tu in units if tu.role == TaskUnitRole.PARTICIPATING]
    narrative, note = _narrative(report)
    line: dict[str, Any] = {
        "number": task.number,
        "title": task.title,
        "lead_unit": report.unit.display_name if report else (_join(leads) or "—"),
        "participating_units": _join(joins),
        "rating": assessment.rating if assessment else "",
        "rating_label": str(ratings.get(assessment.rating, "")) if assessment else "",
        "rationale": assessment.rationale if assessment else "",
        "narrative": narrative,
        "narrative_note": note,
        "targets": [_target_line(t, cycle) for t in task.targets.all()],
    }
    if report is None:
        return TaskLine(
            **line,
            has_report=False,
            status="",
            status_label=_("no report owed"),
            percent=None,
            submitted_on=None,
            on_time=None,
            self_rating="",
            self_rating_label="",
            self_rationale="",
            amendments=[],
            contributions=[],
        )
    # The unit's own figures count once the report is with the coordinator; a draft's are work in hand.
    reported = report.is_reported
    return TaskLine(
        **line,
        has_report=True,
        status=report.status,
        status_label=str(report.get_status_display()),
        percent=report.percent if reported else None,
        submitted_on=_local_date(report.first_submitted_at),
        on_time=report.on_time,
        self_rating=report.self_rating if reported else "",
        self_rating_label=str(ratings.get(report.self_rating, "")) if reported else "",
        self_rationale=report.self_rationale if reported else "",
        amendments=[_amendment(a, report) for a in report.amendments.all()],
        contributions=[
            ContributionLine(c.unit.display_name, c.narrative, _local_date(c.submitted_at))
            for c in sorted(report.contributions.all(), key=lambda c: c.unit.display_name)
        ],
    )


def build_progress_document(
    plan: Plan, cycle: ReportingCycle, *, today: datetime.date | None = None
) -> ProgressDocument:
    """Gather the report of `plan` for `cycle` in the current language."""
    today = today or timezone.localdate()
    sections = list(Section.objects.filter(plan=plan).order_by("order", "id"))
    tasks = list(
        Task.objects.filter(plan=plan)
        .prefetch_related(
            Prefetch("task_units", queryset=TaskUnit.objects.select_related("unit").order_by("role", "order"))
        )
        .prefetch_related(
            Prefetch(
                "targets",
                queryset=Target.objects.order_by("order", "id").prefetch_related("trajectory", "actuals"),
            )
        )
        .order_by("order", "id")
    )
    reports = {
        r.task_id: r
        for r in ProgressReport.objects.filter(cycle=cycle)
        .select_related("unit")
        .prefetch_related(Prefetch("contributions", queryset=Contribution.objects.select_related("unit")))
        .prefetch_related(Prefetch("amendments", queryset=Amendment.objects.order_by("at", "id")))
    }
    for owed_report in reports.values():
        owed_report.cycle = cycle  # for on_time, without a query per report
    assessments = {a.task_id: a for a in Assessment.objects.filter(cycle=cycle)}
    late_measures = list(
        Measure.objects.filter(task__plan=plan)
        .overdue(today)
        .select_related("unit", "task")
        .order_by("due_date", "task__order", "id")
    )

    lines_by_section: dict[int | None, list[TaskLine]] = {}
    overdue_reports: list[OverdueItem] = []
    overdue_contributions: list[OverdueItem] = []
    for task in tasks:
        task.plan = plan  # the target facts read the plan's period: no query per target
        report = reports.get(task.pk)
        lines_by_section.setdefault(task.section_id, []).append(
            _task_line(task, report, assessments.get(task.pk), cycle)
        )
        if report is None:
            continue
        if report.is_overdue(today):
            overdue_reports.append(
                OverdueItem(
                    kind="report",
                    task_number=task.number,
                    task_title=task.title,
                    title=task.title,
                    unit=report.unit.display_name,
                    due_on=cycle.due_on,
                    days_late=(today - cycle.due_on).days,
                    detail=str(report.get_status_display()),
                )
            )
        for c in report.contributions.all():
            c.report = report  # the rule reads the report and its cycle: no query per contribution
            if c.is_overdue(today):
                overdue_contributions.append(
                    OverdueItem(
                        kind="contribution",
                        task_number=task.number,
                        task_title=task.title,
                        title=task.title,
                        unit=c.unit.display_name,
                        due_on=cycle.contributions_due_on,
                        days_late=(today - cycle.contributions_due_on).days,
                        detail=_("to %(unit)s") % {"unit": report.unit.display_name},
                    )
                )

    parts = [
        SectionPart(s.number, s.title, lines_by_section[s.pk]) for s in sections if s.pk in lines_by_section
    ]
    if None in lines_by_section:
        parts.append(SectionPart("", _("Other tasks"), lines_by_section[None]))

    overdue_measures = [
        OverdueItem(
            kind="measure",
            task_number=m.task.number,
            task_title=m.task.title,
            title=m.title,
            unit=m.unit.display_name,
            due_on=m.due_date,
            days_late=(today - m.due_date).days,
            detail=f"{m.get_status_display()}, {m.progress}%",
        )
        for m in late_measures
    ]

    owed = list(reports.values())
    received = [r for r in owed if r.first_submitted_at is not None]
    due = [r for r in owed if r.is_due(today)]
    on_time = [r for r in due if r.on_time]
    now_reported = [r.percent for r in owed if r.is_reported]
    rating_counts = [
        RatingCount(
            value, str(label), sum(1 for a in assessments.values() if a.rating == value), RAG_COLOURS[value]
        )
        for value, label in reversed(Rating.choices)  # green first: the chart reads best to worst
    ]
    unrated = len(tasks) - sum(1 for t in tasks if t.pk in assessments)
    rating_counts.append(RatingCount("", _("not rated"), unrated, RAG_COLOURS[""]))
    figures = Figures(
        tasks=len(tasks),
        reports=len(owed),
        received=len(received),
        accepted=sum(1 for r in owed if r.status == ReportStatus.ACCEPTED),
        overdue=len(overdue_reports),
        on_time=len(on_time),
        on_time_rate=on_time_rate(len(on_time), len(due)),
        overall_percent=(sum(now_reported, Decimal(0)) / len(now_reported)).quantize(Decimal("0.1"))
        if now_reported
        else None,
        by_rating=rating_counts,
    )
    return ProgressDocument(
        plan_id=plan.pk,
        plan_title=plan.display_title,
        plan_period=plan.period,
        cycle_id=cycle.pk,
        cycle_label=cycle.label,
        period_start=cycle.period_start,
        period_end=cycle.period_end,
        contributions_due_on=cycle.contributions_due_on,
        due_on=cycle.due_on,
        generated_on=today,
        language=get_language() or "en",
        figures=figures,
        rating_chart=rating_chart(rating_counts),
        sections=parts,
        overdue_reports=overdue_reports,
        overdue_contributions=overdue_contributions,
        overdue_measures=overdue_measures,
    )
