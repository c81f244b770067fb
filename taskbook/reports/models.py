"""Reporting cycles, progress reports and their contributions, indicator values, trajectories,
assessments of likelihood of delivery, notifications and generated documents."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taskbook.orgs.models import Unit
from taskbook.plans.models import Plan, Target, Task
from taskbook.reports.querysets import ProgressReportQuerySet


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


class Rating(models.TextChoices):
    """Likelihood of delivery, from worst to best; the order matters for comparisons."""

    RED = "red", _("red")
    AMBER_RED = "amber_red", _("amber-red")
    AMBER_GREEN = "amber_green", _("amber-green")
    GREEN = "green", _("green")


RATING_ORDER = {value: index for index, value in enumerate(Rating.values)}


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

    @property
    def on_time(self) -> bool | None:
        """Whether it was first submitted by the due date; None while not submitted."""
        if self.first_submitted_at is None:
            return None
        from django.utils import timezone

        return timezone.localtime(self.first_submitted_at).date() <= self.cycle.due_on


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

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["report", "unit__name_en"]
        constraints = [models.UniqueConstraint(fields=["report", "unit"], name="one_contribution_per_unit")]

    def __str__(self) -> str:
        return f"{self.report} · {self.unit}"


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

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.name


class TrajectoryPoint(models.Model):
    """The planned value of a target at a date (end of a year or quarter)."""

    target = models.ForeignKey(
        Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="trajectory"
    )
    date = models.DateField(_("date"))
    value = models.DecimalField(_("planned value"), max_digits=18, decimal_places=4)

    class Meta:
        verbose_name = _("trajectory point")
        verbose_name_plural = _("trajectory points")
        ordering = ["target", "date"]
        constraints = [models.UniqueConstraint(fields=["target", "date"], name="one_planned_value_per_date")]

    def __str__(self) -> str:
        return f"{self.date}: {self.value}"


class IndicatorValue(models.Model):
    """An actual value of a target, with where it comes from and whether it is final."""

    target = models.ForeignKey(
        Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="actuals"
    )
    date = models.DateField(_("as of"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    source = models.CharField(_("source"), max_length=300)
    provisional = models.BooleanField(_("provisional"), default=False)
    revised = models.BooleanField(_("revised"), default=False)
    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicator_values",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["target", "date", "recorded_at"]

    def __str__(self) -> str:
        return f"{self.target_id} {self.date}: {self.value}"


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

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=["task", "cycle"], name="one_assessment_per_task_and_cycle")
        ]

    def __str__(self) -> str:
        return f"{self.task.number} {self.cycle}: {self.rating}"


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    WEBHOOK = "webhook", _("webhook")


class Webhook(models.Model):
    """An office chat group's robot (WeCom, DingTalk) or any endpoint that takes a JSON post."""

    class Kind(models.TextChoices):
        WECOM = "wecom", _("WeCom robot")
        DINGTALK = "dingtalk", _("DingTalk robot")
        GENERIC = "generic", _("generic JSON")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.GENERIC)
    url = models.URLField(_("address"), max_length=500)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webhooks",
        help_text=_("empty: the coordinator's group"),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.name


class Notification(models.Model):
    """A reminder or escalation as sent. The key makes a job that runs twice send nothing twice."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    kind = models.CharField(_("kind"), max_length=40)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    webhook = models.ForeignKey(
        Webhook,
        verbose_name=_("webhook"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    address = models.CharField(_("sent to"), max_length=300, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("being generated")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


class GeneratedDocument(models.Model):
    """An implementation progress report file, built in the background."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"
        XLSX = "xlsx", "Excel"

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="documents")
    cycle = models.ForeignKey(
        ReportingCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="documents"
    )
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    language = models.CharField(_("language"), max_length=8, default="en")
    status = models.CharField(
        _("status"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    file = models.FileField(_("file"), upload_to="documents/", blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.plan} {self.cycle} {self.format}"
