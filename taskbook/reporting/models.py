"""Reporting calendars and cycles, progress reports with their contributions, revisions, amendments
and evidence, and the coordinator's assessments of likelihood of delivery."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taskbook.orgs.models import Unit
from taskbook.plans.models import Plan, Task
from taskbook.reporting.querysets import (
    AmendmentQuerySet,
    AssessmentQuerySet,
    ContributionQuerySet,
    EvidenceQuerySet,
    ProgressReportQuerySet,
    ReportingCalendarQuerySet,
    ReportingCycleQuerySet,
    ReportRevisionQuerySet,
)


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")


class ReportingCalendar(models.Model):
    """How a plan reports: how often, and by which working day after each period."""

    plan = models.OneToOneField(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="reporting_calendar"
    )
    frequency = models.CharField(
        _("frequency"), max_length=16, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    due_working_days = models.PositiveSmallIntegerField(
        _("report due (working days after the period)"), default=10
    )
    contribution_working_days = models.PositiveSmallIntegerField(
        _("contributions due (working days before the report)"), default=3
    )
    reminder_working_days = models.PositiveSmallIntegerField(
        _("first reminder (working days before a due date)"), default=3
    )
    escalation_working_days = models.PositiveSmallIntegerField(
        _("escalate to the coordinator (working days overdue)"), default=3
    )
    active = models.BooleanField(_("active"), default=True)
    # 0 until first saved: a form showing no calendar yet sends 0, so of two coordinators setting
    # up the same plan's calendar at once the second is refused.
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)

    objects = ReportingCalendarQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting calendar")
        verbose_name_plural = _("reporting calendars")

    def __str__(self) -> str:
        return f"{self.plan} · {self.get_frequency_display()}"


class CycleStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class ReportingCycle(models.Model):
    """A reporting period of a plan, with the dates contributions and reports are due."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="cycles")
    label = models.CharField(_("period"), max_length=20)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    opens_on = models.DateField(_("opens on"))
    contributions_due_on = models.DateField(_("contributions due"))
    due_on = models.DateField(_("reports due"))
    status = models.CharField(
        _("status"), max_length=16, choices=CycleStatus.choices, default=CycleStatus.SCHEDULED
    )

    objects = ReportingCycleQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        ordering = ["plan", "period_start"]
        constraints = [models.UniqueConstraint(fields=["plan", "period_start"], name="one_cycle_per_period")]

    def __str__(self) -> str:
        return f"{self.label}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned")
    ACCEPTED = "accepted", _("accepted")


REPORT_TRANSITIONS: dict[str, set[str]] = {
    ReportStatus.DRAFT: {ReportStatus.SUBMITTED},
    ReportStatus.SUBMITTED: {ReportStatus.RETURNED, ReportStatus.ACCEPTED},
    ReportStatus.RETURNED: {ReportStatus.SUBMITTED},
    ReportStatus.ACCEPTED: set(),  # locked: corrections are amendments
}
# The unit holds an owed report; a reported one is with the coordinator or accepted
# (querysets.py: owed_q, reported_q).
OWED = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})
REPORTED = frozenset({ReportStatus.SUBMITTED, ReportStatus.ACCEPTED})
# An owed report due within this many days is due soon (querysets.py: due_soon_q): the span of a
# monthly cycle, so a unit's first list holds the whole of the next month's work.
DUE_SOON_DAYS = 30


class Rating(models.TextChoices):
    """Likelihood of delivery, from worst to best; the order matters for comparisons."""

    RED = "red", _("red")
    AMBER_RED = "amber_red", _("amber-red")
    AMBER_GREEN = "amber_green", _("amber-green")
    GREEN = "green", _("green")


RATING_ORDER = {value: index for index, value in enumerate(Rating.values)}
DIVERGENT_LEVELS = 2  # the unit's and the office's ratings this far apart go to the review meeting


def ratings_apart(self_rating: str, rating: str) -> int | None:
    """How many levels the unit's own rating and the coordinator's are apart; None without both."""
    if not (self_rating and rating):
        return None
    return abs(RATING_ORDER[self_rating] - RATING_ORDER[rating])


def ratings_diverge(self_rating: str, rating: str) -> bool:
    """The unit's reported self-rating and the coordinator's rating of the same cycle are two or more
    levels apart (pass the self-rating of a reported report only: `reported_self_rating`)."""
    return (ratings_apart(self_rating, rating) or 0) >= DIVERGENT_LEVELS


class ProgressReport(models.Model):
    """The lead unit's report on a task for a cycle, consolidating its participants' contributions."""

    cycle = models.ForeignKey(
        ReportingCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="reports"
    )
    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(
        Unit, verbose_name=_("reporting unit"), on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    percent = models.DecimalField(_("percent complete"), max_digits=5, decimal_places=1, default=0)
    narrative = models.TextField(_("narrative"), blank=True)
    self_rating = models.CharField(_("self-assessment"), max_length=16, choices=Rating.choices, blank=True)
    self_rationale = models.TextField(_("reason for the self-assessment"), blank=True)
    first_submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    times_returned = models.PositiveSmallIntegerField(_("times returned"), default=0)
    review_comment = models.TextField(_("coordinator's comment"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["cycle", "task__order"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "task"], name="one_report_per_task_and_cycle")
        ]

    def __str__(self) -> str:
        return f"{self.cycle} · {self.task.number}"

    # The rules, each the model's side of the condition of the same name in querysets.py.

    @property
    def is_owed(self) -> bool:
        return self.status in OWED

    @property
    def is_reported(self) -> bool:
        return self.status in REPORTED

    def is_due(self, today: datetime.date) -> bool:
        return self.cycle.due_on < today

    def is_overdue(self, today: datetime.date) -> bool:
        return self.is_owed and self.is_due(today)

    def is_due_soon(self, today: datetime.date) -> bool:
        return self.is_owed and today <= self.cycle.due_on <= today + datetime.timedelta(days=DUE_SOON_DAYS)

    def is_owed_now(self, today: datetime.date) -> bool:
        is_open = self.cycle.status == CycleStatus.OPEN
        return is_open and (self.is_overdue(today) or self.is_due_soon(today))

    def owed_state(self, today: datetime.date) -> str:
        """Where the report stands for the unit that owes it, as the list of reports due shows it:
        done once reported, closed (its cycle closed without it), overdue, due soon, or later."""
        if self.is_reported:
            return "done"
        if self.cycle.status == CycleStatus.CLOSED:
            return "closed"
        if self.is_overdue(today):
            return "overdue"
        return "soon" if self.is_due_soon(today) else "later"

    @property
    def on_time(self) -> bool | None:
        """Whether it was first submitted by the due date; None while not submitted."""
        if self.first_submitted_at is None:
            return None
        return timezone.localtime(self.first_submitted_at).date() <= self.cycle.due_on

    @property
    def reported_self_rating(self) -> str:
        """The unit's own rating once the report is with the coordinator; a draft's is work in hand."""
        return self.self_rating if self.is_reported else ""

    def deadline_state(self, today: datetime.date) -> str:
        """As a timetable shows it: done once reported, overdue, or open."""
        if self.is_reported:
            return "done"
        return "overdue" if self.is_overdue(today) else "open"


class Contribution(models.Model):
    """A participating unit's input to the lead unit's report."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="contributions"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="contributions"
    )
    narrative = models.TextField(_("narrative"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["report", "unit__name_en"]
        constraints = [models.UniqueConstraint(fields=["report", "unit"], name="one_contribution_per_unit")]

    def __str__(self) -> str:
        return f"{self.report} · {self.unit}"

    @property
    def is_owed(self) -> bool:
        """Not yet sent, to a report the lead unit still holds."""
        return self.submitted_at is None and self.report.is_owed

    def is_overdue(self, today: datetime.date) -> bool:
        return self.is_owed and self.report.cycle.contributions_due_on < today

    def is_owed_now(self, today: datetime.date) -> bool:
        cycle = self.report.cycle
        soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
        return self.is_owed and cycle.status == CycleStatus.OPEN and cycle.contributions_due_on <= soon


class ReportRevision(models.Model):
    """Every submission, return, acceptance and amendment of a report, with its content then."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="revisions"
    )
    status = models.CharField(_("status"), max_length=16, choices=ReportStatus.choices)
    comment = models.TextField(_("comment"), blank=True)
    content = models.JSONField(_("content"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    objects = ReportRevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("report revision")
        verbose_name_plural = _("report revisions")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.report} {self.status}"


class Amendment(models.Model):
    """A recorded correction of an accepted report: what changed, why, by whom."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="amendments"
    )
    field = models.CharField(_("field"), max_length=40)
    old_value = models.TextField(_("old value"), blank=True)
    new_value = models.TextField(_("new value"), blank=True)
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    objects = AmendmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.report} {self.field}"


class Evidence(models.Model):
    """A file that backs a report; stored outside the web root, served to those who may see the report."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to="reports/%Y/%m/")
    name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.name


class Assessment(models.Model):
    """The coordinator's rating of a task's likelihood of delivery in a cycle, with the rationale."""

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="assessments"
    )
    cycle = models.ForeignKey(
        ReportingCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="assessments"
    )
    rating = models.CharField(_("rating"), max_length=16, choices=Rating.choices)
    rationale = models.TextField(_("rationale"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assessed_at = models.DateTimeField(_("assessed"), auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=["task", "cycle"], name="one_assessment_per_task_and_cycle")
        ]

    def __str__(self) -> str:
        return f"{self.task.number} {self.cycle}: {self.rating}"
