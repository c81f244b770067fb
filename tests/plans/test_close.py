"""Closing a plan: only when its work is over, saying what remains otherwise; its open cycles close
with it."""

import pytest
from django.core.exceptions import PermissionDenied

from taskbook.audit.models import AuditEvent
from taskbook.errors import ActionError
from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import close_plan
from taskbook.plans.models import PlanStatus
from taskbook.reporting.actions import accept_report, open_cycle, save_report, submit_report
from taskbook.reporting.models import CycleStatus, ReportingCycle
from taskbook.taskbooks.actions import set_measure_status
from taskbook.taskbooks.models import MeasureStatus


def test_a_plan_with_work_outstanding_is_not_closed_and_the_refusal_says_what_remains(
    people, plan, workplan, reporting
):
    with pytest.raises(ActionError) as refused:
        close_plan(people.alice, plan)
    message = str(refused.value)
    assert f"{len(reporting.reports)} progress reports are not accepted yet" in message
    assert f"{len(workplan.measures)} measures are neither done nor cancelled" in message
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    assert not AuditEvent.objects.filter(action="plan.closed").exists()
    assert ReportingCycle.objects.get(pk=reporting.cycle.pk).status == CycleStatus.OPEN


def test_a_finished_plan_closes_with_its_open_cycles(people, plan, workplan, reporting):
    for report in reporting.reports.values():
        report = save_report(SYSTEM, report, version=report.version, narrative="Done.")
        accept_report(SYSTEM, submit_report(SYSTEM, report))
    first, *rest = workplan.measures
    set_measure_status(SYSTEM, first, MeasureStatus.CANCELLED, "Overtaken by a national rule.")
    with pytest.raises(ActionError, match=r"^The plan cannot be closed yet: 4 measures are neither"):
        close_plan(people.alice, plan)
    for measure in rest:
        set_measure_status(SYSTEM, measure, MeasureStatus.DONE)
    for user in (people.lena, people.carl, people.sam):
        with pytest.raises(PermissionDenied):
            close_plan(user, plan)
    plan = close_plan(people.alice, plan)
    assert plan.status == PlanStatus.CLOSED
    assert ReportingCycle.objects.get(pk=reporting.cycle.pk).status == CycleStatus.CLOSED
    # The cycles not yet opened stay as they were, and none of them opens: not by the daily job
    # (reporting/jobs.py), not by hand.
    scheduled = ReportingCycle.objects.filter(plan=plan, status=CycleStatus.SCHEDULED).order_by(
        "period_start"
    )
    assert scheduled.count() == 11
    with pytest.raises(ActionError, match="The plan is closed"):
        open_cycle(people.alice, scheduled.first())
    events = AuditEvent.objects.filter(action__in=["cycle.close", "plan.closed"]).order_by("pk")
    assert [(e.action, e.actor) for e in events] == [
        ("cycle.close", people.alice),
        ("plan.closed", people.alice),
    ]
