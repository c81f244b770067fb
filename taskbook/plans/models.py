from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from taskbook.orgs.models import Unit
from taskbook.plans.numbers import numbered
from taskbook.plans.querysets import (
    PlanImportQuerySet,
    PlanQuerySet,
    SectionQuerySet,
    TaskQuerySet,
    TaskUnitQuerySet,
)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    CLOSED = "closed", _("closed")


# The plan workflow: from each status, the statuses it may move to.


PLAN_TRANSITIONS: dict[str, set[str]] = {
    PlanStatus.DRAFT: {PlanStatus.PUBLISHED},
    PlanStatus.PUBLISHED: {PlanStatus.CLOSED, PlanStatus.DRAFT},
    PlanStatus.CLOSED: {PlanStatus.PUBLISHED},
}


class Language(models.TextChoices):
    EN = "en", "English"
    ZH = "zh", "中文"


class Plan(models.Model):
    title = models.CharField(_("title"), max_length=300)
    title_zh = models.CharField(_("Chinese title"), max_length=300, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=200, blank=True)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.EN)
    source_name = models.CharField(_("source document"), max_length=255, blank=True)
    source_sha256 = models.CharField(_("SHA-256 of the source"), max_length=64, blank=True, db_index=True)
    source_file = models.FileField(_("source file"), upload_to="plans/sources/", blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-period_start", "title"]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if (get_language() or "en").startswith("zh"):
            return self.title_zh or self.title
        return self.title or self.title_zh

    @property
    def period(self) -> str:
        if self.period_start and self.period_end:
            return f"{self.period_start.year}–{self.period_end.year}"
        return ""


class Section(models.Model):
    """A numbered area grouping tasks; a part without tasks (safeguards) keeps its text."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="sections")
    number = models.CharField(_("number"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("text"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class Task(models.Model):
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    number = models.CharField(_("number"), max_length=20, help_text=_("as printed"))
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("text"), blank=True)
    summary = models.TextField(_("implementation summary"), blank=True, help_text=_("kept by the lead unit"))
    # Only the summary is edited on a page; imports that revise the task's text do not count here.
    summary_version = models.PositiveIntegerField(_("version of the summary"), default=1, editable=False)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return f"{numbered(self.number)} {self.title}"

    def role_of(self, unit_id: int) -> str | None:
        """The unit's responsibility for the task: lead, participating, or None (reads the prefetched
        `task_units`)."""
        roles = {tu.role for tu in self.task_units.all() if tu.unit_id == unit_id}
        if TaskUnitRole.LEAD in roles:
            return TaskUnitRole.LEAD
        return TaskUnitRole.PARTICIPATING if roles else None


class TaskUnitRole(models.TextChoices):
    LEAD = "lead", _("lead unit")
    PARTICIPATING = "participating", _("participating unit")


class TaskUnit(models.Model):
    """A unit's responsibility for a task, with the name as the document printed it."""

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="task_units"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="task_units"
    )
    role = models.CharField(_("role"), max_length=16, choices=TaskUnitRole.choices)
    printed_name = models.CharField(_("name as printed"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = TaskUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("task unit")
        verbose_name_plural = _("task units")
        ordering = ["task", "role", "order"]
        constraints = [
            models.UniqueConstraint(fields=["task", "unit", "role"], name="unit_once_per_task_role")
        ]

    def __str__(self) -> str:
        return f"{self.task.number} · {self.unit} · {self.get_role_display()}"


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("awaiting review")
    SAVED = "saved", _("saved as plan")
    DISCARDED = "discarded", _("discarded")


class PlanImport(models.Model):
    """An uploaded document and its extraction, held for the coordinator's review."""

    source_file = models.FileField(_("source file"), upload_to="plans/imports/")
    source_name = models.CharField(_("file name"), max_length=255)
    source_sha256 = models.CharField(_("SHA-256"), max_length=64)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    draft = models.JSONField(_("extraction"))
    source_text = models.TextField(_("extracted text"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), null=True, blank=True, on_delete=models.SET_NULL, related_name="imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)

    objects = PlanImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan import")
        verbose_name_plural = _("plan imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.source_name
