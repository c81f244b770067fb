"""Each reporting and task book rule is a queryset condition and a model predicate: they agree on
every state, on days before, on and after the due dates."""

import datetime
import itertools

import pytest

from taskbook.reporting.models import DUE_SOON_DAYS, Contribution, ProgressReport, ReportStatus
from taskbook.taskbooks.models import Measure, MeasureStatus, Milestone

D = datetime.date


@pytest.fixture
def every_report_state(reporting):
    """The open cycle's reports, one in each status (set directly: the states, not the workflow, are
    under test), one of them first submitted after its due date."""
    reports = list(ProgressReport.objects.filter(cycle=reporting.cycle).order_by("task__order"))
    due = reporting.cycle.due_on
    moment = datetime.datetime.combine(due, datetime.time(12), tzinfo=datetime.UTC)
    states = [
        (ReportStatus.DRAFT, None),
        (ReportStatus.SUBMITTED, moment - datetime.timedelta(days=3)),
        (ReportStatus.RETURNED, moment + datetime.timedelta(days=2)),
        (ReportStatus.ACCEPTED, moment),
    ]
    for report, (status, first) in zip(reports, states, strict=True):
        ProgressReport.objects.filter(pk=report.pk).update(status=status, first_submitted_at=first)
    return reporting.cycle


def _days_around(day: datetime.date) -> list[datetime.date]:
    return [day - datetime.timedelta(days=1), day, day + datetime.timedelta(days=1)]


def test_report_rules_agree(every_report_state):
    cycle = every_report_state
    reports = list(ProgressReport.objects.filter(cycle=cycle).select_related("cycle"))
    assert {r.status for r in reports} == set(ReportStatus.values)
    qs = ProgressReport.objects.filter(cycle=cycle)
    assert {r.pk for r in reports if r.is_owed} == set(qs.owed().values_list("pk", flat=True))
    assert {r.pk for r in reports if r.is_reported} == set(qs.reported().values_list("pk", flat=True))
    assert {r.pk for r in reports if r.on_time} == set(qs.on_time().values_list("pk", flat=True))
    for day in _days_around(cycle.due_on):
        assert {r.pk for r in reports if r.is_overdue(day)} == set(
            qs.overdue(day).values_list("pk", flat=True)
        )
        assert {r.pk for r in reports if r.is_due(day)} == set(qs.due(day).values_list("pk", flat=True))
    soon_edge = cycle.due_on - datetime.timedelta(days=DUE_SOON_DAYS)
    for day in [*_days_around(cycle.due_on), *_days_around(soon_edge)]:
        assert {r.pk for r in reports if r.is_due_soon(day)} == set(
            qs.due_soon(day).values_list("pk", flat=True)
        )
        assert {r.pk for r in reports if r.is_owed_now(day)} == set(
            qs.owed_now(day).values_list("pk", flat=True)
        )


def test_contribution_rules_agree(every_report_state):
    cycle = every_report_state
    sent = Contribution.objects.filter(report__cycle=cycle).order_by("pk").first()
    Contribution.objects.filter(pk=sent.pk).update(
        submitted_at=datetime.datetime(2024, 4, 1, tzinfo=datetime.UTC)
    )
    contributions = list(Contribution.objects.filter(report__cycle=cycle).select_related("report__cycle"))
    qs = Contribution.objects.filter(report__cycle=cycle)
    assert {c.pk for c in contributions if c.is_owed} == set(qs.owed().values_list("pk", flat=True))
    for day in _days_around(cycle.contributions_due_on):
        overdue = {c.pk for c in contributions if c.is_overdue(day)}
        assert overdue == set(qs.overdue(day).values_list("pk", flat=True))
    for day in _days_around(cycle.contributions_due_on - datetime.timedelta(days=DUE_SOON_DAYS)):
        owed_now = {c.pk for c in contributions if c.is_owed_now(day)}
        assert owed_now == set(qs.owed_now(day).values_list("pk", flat=True))


def test_measure_and_milestone_rules_agree(workplan):
    measures = workplan.measures
    for measure, status in zip(itertools.cycle(measures), MeasureStatus.values, strict=False):
        Measure.objects.filter(pk=measure.pk).update(status=status)
    Milestone.objects.filter(pk=workplan.milestones[0].pk).update(done_on=D(2024, 2, 1))
    measures = list(Measure.objects.filter(pk__in=[m.pk for m in measures]))
    milestones = list(Milestone.objects.filter(measure__in=measures).select_related("measure"))
    for day in sorted({m.due_date for m in measures} | {ms.date for ms in milestones}):
        for when in _days_around(day):
            late = {m.pk for m in measures if m.is_overdue(when)}
            assert late == set(
                Measure.objects.filter(pk__in=[m.pk for m in measures])
                .overdue(when)
                .values_list("pk", flat=True)
            )
            flagged = Measure.objects.filter(pk__in=[m.pk for m in measures]).with_overdue(when)
            assert {m.pk for m in flagged if m.overdue} == late
            late_ms = {ms.pk for ms in milestones if ms.is_overdue(when)}
            assert late_ms == set(
                Milestone.objects.filter(measure__in=measures).overdue(when).values_list("pk", flat=True)
            )
