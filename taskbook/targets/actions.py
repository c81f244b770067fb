"""Every change to a target's figures: its baseline, its trajectory and its actual values."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taskbook.audit.events import Event
from taskbook.audit.record import record, snapshot
from taskbook.errors import ActionError
from taskbook.orgs.actors import Actor, user_of
from taskbook.orgs.permissions import may_edit_task, require
from taskbook.reporting.models import (
    ProgressReport,
)
from taskbook.targets.models import IndicatorValue, Target, TrajectoryPoint
from taskbook.targets.trajectory import check_actual_date, default_trajectory
from taskbook.taskbooks.actions import open_change_request
from taskbook.taskbooks.models import ChangeRequest
from taskbook.taskbooks.validators import target_change
from taskbook.values import date_value, decimal_value, text_value, year_value
from taskbook.versions import check_version, shown

SOURCE_LIMIT = 300  # IndicatorValue.source


def _require_target_writer(actor: Actor, target: Target) -> None:
    require(
        may_edit_task(actor, target.task),
        _("Only the task's lead unit and the coordinator record its figures."),
    )


@transaction.atomic
def record_indicator_value(
    actor: Actor,
    target: Target,
    *,
    date: Any,
    value: Any,
    source: str,
    provisional: bool = False,
    report: ProgressReport | None = None,
) -> IndicatorValue:
    """An actual value of a target. A value for a date that already has one is a revision."""
    _require_target_writer(actor, target)
    source = text_value(
        source, "source", SOURCE_LIMIT, _("The source"), required=_("Say where the figure comes from.")
    )
    when = date_value(date, "date")
    check_actual_date(target, when, timezone.localdate())
    revised = IndicatorValue.objects.filter(target=target, date=when).exists()
    actual = IndicatorValue.objects.create(
        target=target,
        date=when,
        value=decimal_value(value, "value"),
        source=source,
        provisional=provisional,
        revised=revised,
        report=report,
        recorded_by=user_of(actor),
    )
    record(actor, Event.INDICATOR_RECORD, actual, after=snapshot(actual))
    return actual


@transaction.atomic
def set_target_baseline(actor: Actor, target: Target, *, value: Any, year: Any) -> Target:
    """The value a target starts from, and the year it was measured."""
    _require_target_writer(actor, target)
    baseline_year = year_value(year, "year")
    if target.year and baseline_year > target.year:
        raise ActionError(_("The baseline is measured before the target year."), field="year")
    before = snapshot(target, ["baseline", "baseline_year"])
    target.baseline, target.baseline_year = decimal_value(value, "value"), baseline_year
    target.save(update_fields=["baseline", "baseline_year"])
    record(
        actor,
        Event.TARGET_BASELINE,
        target,
        before=before,
        after=snapshot(target, ["baseline", "baseline_year"]),
    )
    return target


def _points(points: list[tuple[Any, Any]]) -> list[str]:
    return [f"{shown(date)}: {shown(value)}" for date, value in points]


@transaction.atomic
def set_trajectory(
    actor: Actor, target: Target, points: list[tuple[Any, Any]], *, version: int | None = None
) -> list[TrajectoryPoint]:
    """Replace a target's planned values: one per date, in the plan's period. `version` is the
    trajectory's version the form showed."""
    _require_target_writer(actor, target)
    target = Target.objects.select_for_update().select_related("task__plan").get(pk=target.pk)
    check_version(
        target,
        version,
        yours={"trajectory": _points(points)},
        field="trajectory_version",
        current=lambda: {"trajectory": _points([(p.date, p.value) for p in target.trajectory.all()])},
        labels={"trajectory": _("Trajectory")},
    )
    plan = target.task.plan
    cleaned: dict[datetime.date, Decimal] = {}
    for date, value in points:
        when = date_value(date, "date")
        if plan.period_start and plan.period_end and not (plan.period_start <= when <= plan.period_end):
            raise ActionError(_("%(date)s is outside the plan's period.") % {"date": when}, field="date")
        if when in cleaned:
            raise ActionError(_("%(date)s appears twice.") % {"date": when}, field="date")
        cleaned[when] = decimal_value(value, "value")
    before = [(str(p.date), str(p.value)) for p in target.trajectory.all()]
    target.trajectory.all().delete()
    made = TrajectoryPoint.objects.bulk_create(
        TrajectoryPoint(target=target, date=d, value=v) for d, v in sorted(cleaned.items())
    )
    target.trajectory_version += 1
    target.save(update_fields=["trajectory_version"])
    record(
        actor,
        Event.TRAJECTORY_SET,
        target,
        before={"points": before},
        after={"points": [(str(p.date), str(p.value)) for p in made]},
    )
    return made


@transaction.atomic
def fill_linearly(actor: Actor, target: Target, *, version: int | None = None) -> list[TrajectoryPoint]:
    """Replace the target's trajectory with the default straight line, drawn from the target as it
    is saved now."""
    _require_target_writer(actor, target)
    target = Target.objects.select_for_update().select_related("task__plan").get(pk=target.pk)
    points = default_trajectory(target)
    if not points:
        raise ActionError(
            _(
                "A straight line needs a start: the target has no baseline and no actual value yet. "
                "Record a value, or type the planned values."
            )
        )
    return set_trajectory(actor, target, points, version=version)


@transaction.atomic
def request_target_change(
    actor: Actor, target: Target, *, value: Any, year: Any, reason: str
) -> ChangeRequest:
    """A lead unit asks to change a target's value or year; the coordinator decides."""
    require(may_edit_task(actor, target.task), _("Only the task's lead unit asks to change its targets."))
    if not reason.strip():
        raise ActionError(_("Give the reason for the change."), field="reason")
    new = target_change(value, year)
    old = {"value": str(target.value.normalize()), "year": target.year}
    if new == old:
        raise ActionError(_("Nothing would change."))
    return open_change_request(actor, "target", old, new, reason, target=target)
