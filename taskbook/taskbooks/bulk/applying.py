"""Applying the checked changes through the actions of taskbooks.actions, in one transaction: all of
them, or none. A row an action refuses is reported in the column its field stands for, like the faults
that checking finds."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from taskbook.errors import ActionError
from taskbook.orgs.actors import Actor
from taskbook.orgs.models import Unit
from taskbook.taskbooks import actions
from taskbook.taskbooks.bulk.changes import MeasureChange, MilestoneChange, Summary
from taskbook.taskbooks.bulk.columns import (
    MEASURE_FIELD_COLUMNS,
    MILESTONE_FIELD_COLUMNS,
    STATUS_FIELD_COLUMNS,
    column_of,
)
from taskbook.taskbooks.bulk.faults import ImportFailed, RowError, fault
from taskbook.taskbooks.models import Measure


class _RollBack(Exception):
    pass


def _in_column(exc: ActionError, columns: Mapping[str, str]) -> ActionError:
    """The action's fault, with its field named as the file's column."""
    return ActionError(exc.message, field=column_of(exc, columns))


def apply(actor: Actor, unit: Unit, changes: list[MeasureChange], letters: dict[str, str]) -> Summary:
    """Make the changes through the actions, in one transaction; ImportFailed rolls back all of them.

    Each action runs in a savepoint of its own, so after a fault the next rows are still tried and
    their faults reported too; any fault then rolls the whole file back."""
    summary = Summary()
    errors: list[RowError] = []

    def fail(row: int, exc: ActionError) -> None:
        errors.append(fault(row, exc, {}, letters))

    try:
        with transaction.atomic():
            for change in changes:
                try:
                    measure = _apply_measure(actor, unit, change, summary)
                except ActionError as exc:
                    fail(change.row, exc)
                    continue  # its milestones cannot be applied without it
                for ms in change.milestones:
                    try:
                        _apply_milestone(actor, measure, ms, summary)
                    except ActionError as exc:
                        fail(ms.row, exc)
            if errors:
                raise _RollBack
    except _RollBack:
        raise ImportFailed(errors) from None
    return summary


def _apply_measure(actor: Actor, unit: Unit, change: MeasureChange, summary: Summary) -> Measure:
    measure = change.measure
    updated = False
    try:
        if measure is None:
            assert change.task is not None
            measure = actions.create_measure(actor, change.task, unit, **change.fields)
            summary.measures_created += 1
        elif change.fields:
            version = measure.version
            measure, requests = actions.update_measure(
                actor, measure, version=version, reason=change.change_reason, **change.fields
            )
            summary.change_requests += requests
            updated = measure.version != version
    except ActionError as exc:
        raise _in_column(exc, MEASURE_FIELD_COLUMNS) from exc
    if change.status:
        try:
            measure = actions.set_measure_status(actor, measure, change.status, change.cancel_reason)
        except ActionError as exc:
            raise _in_column(exc, STATUS_FIELD_COLUMNS) from exc
        updated = updated or change.measure is not None
    summary.measures_updated += int(updated)
    return measure


def _apply_milestone(actor: Actor, measure: Measure, change: MilestoneChange, summary: Summary) -> None:
    milestone = change.milestone
    try:
        if milestone is None:
            milestone = actions.add_milestone(
                actor, measure, date=change.date, description=change.description or ""
            )
            summary.milestones_created += 1
        elif change.date is not None or change.description is not None:
            milestone = actions.update_milestone(
                actor,
                milestone,
                version=milestone.version,
                date=change.date or milestone.date,
                description=change.description if change.description is not None else milestone.description,
            )
    except ActionError as exc:
        raise _in_column(exc, MILESTONE_FIELD_COLUMNS) from exc
    if change.set_done:
        try:
            if change.done_on is None:
                actions.reopen_milestone(actor, milestone)
            else:
                actions.complete_milestone(actor, milestone, done_on=change.done_on)
        except ActionError as exc:
            raise _in_column(exc, MILESTONE_FIELD_COLUMNS) from exc
    if change.milestone is not None and (change.changes_fields or change.set_done):
        summary.milestones_updated += 1
