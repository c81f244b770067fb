"""Checking a whole sheet: each row checked (rows.py), each milestone row matched to its measure (the
one its measure_id names, or the measure row above), and each measure and milestone in one row only.
The result is the list of changes to make, or every fault found."""

from __future__ import annotations

from django.utils.translation import gettext as _

from taskbook.orgs.actors import Actor
from taskbook.orgs.models import Unit
from taskbook.plans.models import Plan
from taskbook.taskbooks.bulk.changes import MeasureChange
from taskbook.taskbooks.bulk.faults import RowError
from taskbook.taskbooks.bulk.parsing import Row, record_id
from taskbook.taskbooks.bulk.rows import RowChecker


def check(
    actor: Actor, plan: Plan, unit: Unit, rows: list[Row], letters: dict[str, str]
) -> tuple[list[MeasureChange], list[RowError]]:
    """Every row checked; the changes to make, and every fault found."""
    checker = RowChecker(actor, plan, unit, letters)
    changes: list[MeasureChange] = []
    by_measure: dict[int, MeasureChange] = {}
    seen_measures: dict[int, int] = {}
    seen_milestones: dict[int, int] = {}
    current: MeasureChange | None = None  # the measure row above, for the milestone rows below it
    current_ok = True
    for row in rows:
        if not row.kind:
            current, current_ok = None, False
            continue
        if row.kind == "measure":
            change = checker.measure_row(row)
            current, current_ok = change, change is not None
            if change is None:
                continue
            if change.measure is not None:
                pk = change.measure.pk
                twice = _("Measure %(id)s already has a row (row %(row)d).")
                if not _first_row(checker, seen_measures, pk, row, "measure_id", twice):
                    current, current_ok = None, False
                    continue
                by_measure[pk] = change
            changes.append(change)
            continue
        # A milestone row: of the measure its measure_id names, or of the measure row above.
        raw_id = str(row.values.get("measure_id", ""))
        owner: MeasureChange | None = None
        if raw_id:
            measure = checker.measures.get(record_id(raw_id) or 0)
            if measure is None:
                checker.error(
                    row.number,
                    "measure_id",
                    _("There is no measure %(id)s of %(unit)s in this plan.") % {"id": raw_id, "unit": unit},
                )
                continue
            owner = by_measure.get(measure.pk)
            if owner is None:
                owner = MeasureChange(row=row.number, measure=measure)
                by_measure[measure.pk] = owner
                changes.append(owner)
        elif current is not None:
            owner = current
        elif current_ok:
            checker.error(
                row.number,
                "measure_id",
                _("A milestone row needs a measure row above it, or the measure's number in measure_id."),
            )
            continue
        else:
            # The measure row above has faults of its own; still check this row's values.
            checker.milestone_row(row, None, parent_known=False)
            continue
        milestone = checker.milestone_row(row, owner.measure)
        if milestone is None:
            continue
        if milestone.milestone is not None:
            twice = _("Milestone %(id)s already has a row (row %(row)d).")
            if not _first_row(checker, seen_milestones, milestone.milestone.pk, row, "milestone_id", twice):
                continue
        owner.milestones.append(milestone)
    return changes, checker.errors


def _first_row(checker: RowChecker, seen: dict[int, int], pk: int, row: Row, column: str, twice: str) -> bool:
    """Whether the row is the record's first; a second row of one record is a fault (`twice` says so)."""
    if pk in seen:
        checker.error(row.number, column, twice % {"id": pk, "row": seen[pk]})
        return False
    seen[pk] = row.number
    return True
