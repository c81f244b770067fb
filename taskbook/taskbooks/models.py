"""A unit's annual work plan (measures and milestones) and its signed-off task book."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taskbook.orgs.models import Unit
from taskbook.plans.models import Plan, Task
from taskbook.taskbooks.querysets import (
    CarryOverQuerySet,
    ChangeRequestQuerySet,
    ContactQuerySet,
    MeasureQuerySet,
    MilestoneQuerySet,
    TaskBookQuerySet,
    TaskBookRevisionQuerySet,
)


class Contact(models.Model):
    """A person of a unit who can be responsible for measures; not necessarily a user."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=100)
    position = models.CharField(_("position"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["unit", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.position})" if self.position else self.name


class MeasureStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


# Work still to do: a measure neither done nor cancelled (querysets.py: open_measure_q).
OPEN_MEASURE = frozenset({MeasureStatus.NOT_STARTED, MeasureStatus.IN_PROGRESS})

MEASURE_TRANSITIONS: dict[str, set[str]] = {
    MeasureStatus.NOT_STARTED: {MeasureStatus.IN_PROGRESS, MeasureStatus.DONE, MeasureStatus.CANCELLED},
    MeasureStatus.IN_PROGRESS: {MeasureStatus.DONE, MeasureStatus.CANCELLED, MeasureStatus.NOT_STARTED},
    MeasureStatus.DONE: {MeasureStatus.IN_PROGRESS},
    MeasureStatus.CANCELLED: {MeasureStatus.NOT_STARTED},
}


class Measure(models.Model):
    """An implementation step of a task, owned by one unit, in one year's work plan."""

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.PROTECT, related_name="measures")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="measures")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    deliverable = models.CharField(_("deliverable"), max_length=300, blank=True)
    responsible = models.ForeignKey(
        Contact, verbose_name=_("responsible person"), on_delete=models.PROTECT, related_name="measures"
    )
    deputy = models.ForeignKey(
        Contact, verbose_name=_("deputy"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    start_date = models.DateField(_("start"))
    due_date = models.DateField(_("due"))
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    status = models.CharField(
        _("status"), max_length=16, choices=MeasureStatus.choices, default=MeasureStatus.NOT_STARTED
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    # The approved baseline: set when the unit's task book is approved, kept through changes.
    baseline_start = models.DateField(_("baseline start"), null=True, blank=True)
    baseline_due = models.DateField(_("baseline due"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["task__order", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_date__gte=models.F("start_date")), name="measure_due_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    # The rules, each the model's side of the condition of the same name in querysets.py.

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_MEASURE

    def is_overdue(self, today: datetime.date) -> bool:
        """Past its due date, neither done nor cancelled."""
        return self.is_open and self.due_date < today

    def deadline_state(self, today: datetime.date) -> str:
        """As a timetable and a road map show it: done, cancelled, overdue or open."""
        if not self.is_open:
            return str(self.status)
        return "overdue" if self.is_overdue(today) else "open"

    @property
    def slippage_days(self) -> int | None:
        if self.baseline_due is None:
            return None
        return (self.due_date - self.baseline_due).days


def measure_field_label(name: str) -> str:
    """The translated name of a measure's field, for messages about changes to it."""
    return str(getattr(Measure._meta.get_field(name), "verbose_name", name))


class Milestone(models.Model):
    """A dated checkpoint of a measure."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="milestones"
    )
    date = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=300)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    evidence = models.FileField(_("evidence"), upload_to="evidence/%Y/%m/", blank=True)
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.description}"

    # The rules, each the model's side of the condition of the same name in querysets.py.

    @property
    def is_open(self) -> bool:
        """Not reached yet, of a measure still to do (a cancelled measure's milestones are moot)."""
        return self.done_on is None and self.measure.status != MeasureStatus.CANCELLED

    def is_overdue(self, today: datetime.date) -> bool:
        return self.is_open and self.date < today

    def deadline_state(self, today: datetime.date) -> str:
        if self.done_on:
            return "done"
        if not self.is_open:
            return "cancelled"
        return "overdue" if self.is_overdue(today) else "open"


class TaskBookStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned")
    APPROVED = "approved", _("approved")


TASKBOOK_TRANSITIONS: dict[str, set[str]] = {
    TaskBookStatus.DRAFT: {TaskBookStatus.SUBMITTED},
    TaskBookStatus.RETURNED: {TaskBookStatus.SUBMITTED},
    TaskBookStatus.SUBMITTED: {TaskBookStatus.APPROVED, TaskBookStatus.RETURNED},
    TaskBookStatus.APPROVED: {TaskBookStatus.SUBMITTED},
}


class TaskBook(models.Model):
    """A unit's signed-off set of measures, milestones and responsible persons for a plan."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="taskbooks")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="taskbooks")
    status = models.CharField(
        _("status"), max_length=16, choices=TaskBookStatus.choices, default=TaskBookStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("approved version"), default=0)
    comment = models.TextField(_("coordinator's comment"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TaskBookQuerySet.as_manager()

    class Meta:
        verbose_name = _("task book")
        verbose_name_plural = _("task books")
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit"], name="one_taskbook_per_unit_and_plan")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.plan}"

    def is_late(self, today: datetime.date) -> bool:
        """querysets.taskbook_late_q for one task book (reads `plan`)."""
        plan = self.plan
        return (
            plan.status == "published"
            and plan.period_start is not None
            and plan.period_start <= today
            and self.status in (TaskBookStatus.DRAFT, TaskBookStatus.RETURNED)
        )


class TaskBookRevision(models.Model):
    """Each submission, return and approval, with the task book's content at that moment."""

    taskbook = models.ForeignKey(
        TaskBook, verbose_name=_("task book"), on_delete=models.CASCADE, related_name="revisions"
    )
    status = models.CharField(_("status"), max_length=16, choices=TaskBookStatus.choices)
    version = models.PositiveIntegerField(_("version"))
    comment = models.TextField(_("comment"), blank=True)
    content = models.JSONField(_("content"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    objects = TaskBookRevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("task book revision")
        verbose_name_plural = _("task book revisions")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.taskbook} v{self.version} {self.status}"


class ChangeStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class ChangeRequest(models.Model):
    """A change to a baselined date, target or responsible person, awaiting the coordinator."""

    measure = models.ForeignKey(
        Measure,
        verbose_name=_("measure"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="change_requests",
    )
    target = models.ForeignKey(
        "targets.Target",
        verbose_name=_("target"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="change_requests",
    )
    field = models.CharField(_("field"), max_length=40)
    old_value = models.JSONField(_("old value"), null=True)
    new_value = models.JSONField(_("new value"), null=True)
    reason = models.TextField(_("reason"))
    # Set by the action that opens the request: the new date (or target year) falls after the plan's
    # end, which only the coordinator may grant, so the request is marked wherever it is listed.
    beyond_plan_period = models.BooleanField(_("beyond the plan period"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=ChangeStatus.choices, default=ChangeStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_comment = models.TextField(_("decision comment"), blank=True)

    objects = ChangeRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.field}: {self.old_value} → {self.new_value}"

    @property
    def field_label(self) -> str:
        return str(_("target")) if self.field == "target" else measure_field_label(self.field)

    @property
    def plan_end(self) -> datetime.date | None:
        """The end of the period of the plan the change belongs to (its measure's or target's)."""
        owner = self.measure or self.target
        return owner.task.plan.period_end if owner is not None else None


class CarryOver(models.Model):
    """The record that an unfinished measure moved from one year's work plan to the next."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="carry_overs"
    )
    from_year = models.PositiveSmallIntegerField(_("from year"))
    to_year = models.PositiveSmallIntegerField(_("to year"))
    status_then = models.CharField(_("status then"), max_length=16, choices=MeasureStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    objects = CarryOverQuerySet.as_manager()

    class Meta:
        verbose_name = _("carry-over")
        verbose_name_plural = _("carry-overs")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.measure} {self.from_year}→{self.to_year}"
