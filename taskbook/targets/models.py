"""Targets: quantitative commitments of tasks, their planned trajectories and actual values."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taskbook.plans.models import Task
from taskbook.reporting.models import ProgressReport
from taskbook.targets.querysets import IndicatorValueQuerySet, TargetQuerySet, TrajectoryPointQuerySet


class Comparator(models.TextChoices):
    AT_LEAST = ">=", _("at least")
    AT_MOST = "<=", _("at most")
    EQUAL = "=", _("equal to")

    @property
    def sign(self) -> str:
        """The sign printed before a target's value: ≥, ≤ or =."""
        return {">=": "≥", "<=": "≤", "=": "="}[self.value]


class Target(models.Model):
    """A quantitative commitment of a task."""

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="targets")
    text = models.TextField(_("text as printed"))
    metric = models.CharField(_("metric"), max_length=300, blank=True)
    comparator = models.CharField(_("comparator"), max_length=2, choices=Comparator.choices)
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=40, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=18, decimal_places=4, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    # The trajectory is kept in rows of its own; this counts its saves, for the page's form to send.
    trajectory_version = models.PositiveIntegerField(
        _("version of the trajectory"), default=1, editable=False
    )

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["task", "order"]

    def __str__(self) -> str:
        return f"{self.sign} {self.value.normalize():f} {self.unit_of_measure}".strip()

    @property
    def sign(self) -> str:
        return Comparator(self.comparator).sign


class TrajectoryPoint(models.Model):
    """The planned value of a target at a date (end of a year or quarter)."""

    target = models.ForeignKey(
        Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="trajectory"
    )
    date = models.DateField(_("date"))
    value = models.DecimalField(_("planned value"), max_digits=18, decimal_places=4)

    objects = TrajectoryPointQuerySet.as_manager()

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

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["target", "date", "recorded_at"]

    def __str__(self) -> str:
        return f"{self.target_id} {self.date}: {self.value}"
