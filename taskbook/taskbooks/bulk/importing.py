"""The whole import of a file: read, parse, check, apply; either everything is saved or nothing."""

from __future__ import annotations

from django.utils.translation import gettext as _

from taskbook.orgs.actors import Actor
from taskbook.orgs.models import Unit
from taskbook.orgs.permissions import may_edit_unit_work, require
from taskbook.plans.models import Plan
from taskbook.taskbooks.bulk import reading
from taskbook.taskbooks.bulk.applying import apply
from taskbook.taskbooks.bulk.changes import Summary
from taskbook.taskbooks.bulk.checking import check
from taskbook.taskbooks.bulk.faults import ImportFailed, in_order
from taskbook.taskbooks.bulk.parsing import parse


def import_file(actor: Actor, plan: Plan, unit: Unit, data: bytes, filename: str) -> Summary:
    """Read, check and apply a file. ActionError: the file as a whole is refused; ImportFailed: the
    rows' faults. Either way nothing is saved."""
    require(
        may_edit_unit_work(actor, unit.pk),
        _("Only the unit's staff and the coordinator import its measures."),
    )
    kind, data = reading.check_file(data, filename)
    table = reading.read_table(data, kind)
    rows, errors, letters = parse(table)
    if errors:
        raise ImportFailed(errors)  # the header or kinds are wrong: checking rows would mislead
    changes, errors = check(actor, plan, unit, rows, letters)
    if errors:
        raise ImportFailed(in_order(errors))
    summary = apply(actor, unit, changes, letters)
    summary.rows = len(rows)
    return summary
