"""What the implementation progress report says, gathered in a fixed number of queries."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from taskbook.documents.progress_report.content import build_progress_document
from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan, publish_plan
from taskbook.reporting.actions import (
    accept_report,
    assess,
    open_cycle,
    save_contribution,
    save_report,
    set_calendar,
    submit_report,
)
from taskbook.reporting.models import ReportingCycle
from taskbook.targets.actions import record_indicator_value
from tests.conftest import add_measures, make_draft
from tests.documents.conftest import TODAY

D = __import__("datetime").date


def test_the_figures_of_the_cycle(filled):
    doc = build_progress_document(filled.plan, filled.cycle, today=TODAY)
    f = doc.figures
    # Overdue: the draft of task 3 and the report of task 2, returned to its unit after the due date.
    assert (f.tasks, f.reports, f.received, f.accepted, f.overdue, f.on_time) == (4, 4, 3, 1, 2, 1)
    assert f.on_time_rate == 25  # one of the four reports due came by the due date
    assert f.overall_percent == Decimal("27.5")  # 55 (amended) and 0: the reports submitted or accepted
    by_rating = {c.rating: c.count for c in f.by_rating}
    assert by_rating == {"green": 1, "amber_green": 0, "amber_red": 1, "red": 0, "": 2}
    assert doc.title == f"Implementation progress report, {filled.plan.title}, 2024-Q1"
    assert "<svg" in doc.rating_chart and "not rated" in doc.rating_chart


def test_each_task_in_plan_order_with_its_report_ratings_and_contributions(filled, people):
    doc = build_progress_document(filled.plan, filled.cycle, today=TODAY)
    assert [s.heading for s in doc.sections] == ["1 Area 1", "2 Area 2"]
    assert [t.number for t in doc.tasks] == ["1", "2", "3", "4"]
    t1, t2, t3, t4 = doc.tasks
    assert (t1.status, t1.percent, t1.percent_text, t1.on_time) == ("accepted", Decimal("55.0"), "55%", True)
    assert t1.lead_unit == people.commerce.name_en
    assert (t1.self_rating, t1.rating, t1.ratings_differ) == ("green", "amber_red", True)
    assert t1.rationale == "The desk depends on a late budget."
    assert t1.narrative == "Service desk opened.\nIt served 120 enterprises." and not t1.narrative_note
    assert [(a.field, a.change, a.reason) for a in t1.amendments] == [
        ("percent complete", "20.0 → 55", "Measures recounted")
    ]
    sent = {c.unit: c.narrative for c in t1.contributions if c.submitted_on}
    assert sent == {people.tech.name_en: "Two matchmaking events held."}
    # A returned or unsent report: no text, no figures of the unit's own, a note saying why.
    assert (t2.status, t2.narrative, t2.percent, t2.on_time) == ("returned", "", None, False)
    assert "Returned" in t2.narrative_note
    assert (t3.status, t3.narrative_note, t3.self_rating) == ("draft", "Not yet submitted.", "")
    assert t4.narrative == "Platform 任务四 launched." and "awaiting" in t4.narrative_note
    assert (t4.rating_label, t4.ratings_differ) == ("green", False)


def test_targets_as_known_at_the_end_of_the_period(filled):
    doc = build_progress_document(filled.plan, filled.cycle, today=TODAY)
    [(task, target)] = doc.targets
    assert task.number == "3"
    assert (target.latest, target.latest_on, target.latest_provisional) == (
        Decimal("70.9"),
        D(2024, 3, 31),
        True,
    )
    assert target.latest_source == "Quarterly survey"  # the value of 2024-09-30 is after the period
    assert Decimal("70.4") < target.planned < Decimal("70.6")  # a quarter of the way from 70 to 72
    assert target.goal == "≥ 73% by 2025" and target.on_trajectory is True
    assert target.verdict and target.verdict_ok is not None
    assert "<svg" in target.chart and "Quarterly survey" in target.chart


def test_overdue_items_with_units_and_days_late(filled, people):
    doc = build_progress_document(filled.plan, filled.cycle, today=TODAY)
    due = filled.cycle.due_on
    # Owed after the due date: task 3's draft and task 2's report, returned to its unit.
    assert [(i.task_number, i.unit, i.days_late) for i in doc.overdue_reports] == [
        ("2", people.tech.name_en, (TODAY - due).days),
        ("3", people.commerce.name_en, (TODAY - due).days),
    ]
    # Contributions are owed while the lead unit's report is not with the coordinator: tasks 2 and 3.
    assert sorted((i.task_number, i.unit) for i in doc.overdue_contributions) == [
        ("2", people.commerce.name_en),
        ("2", "each district"),
        ("3", people.tech.name_en),
        ("3", "each district"),
    ]
    assert {i.days_late for i in doc.overdue_contributions} == {
        (TODAY - filled.cycle.contributions_due_on).days
    }
    # Measures past due and neither done nor cancelled, soonest first.
    assert [(i.title, i.days_late) for i in doc.overdue_measures] == [
        (f"{people.commerce.name_en} measure 1", 2),
        (f"{people.tech.name_en} measure 1", 2),
    ]


def test_nothing_is_overdue_before_the_due_dates(filled):
    doc = build_progress_document(filled.plan, filled.cycle, today=filled.cycle.contributions_due_on)
    assert doc.overdue_reports == doc.overdue_contributions == []
    # Before the due date no report is due yet: no on-time rate (the dashboards' rule too).
    assert (doc.figures.received, doc.figures.on_time_rate) == (3, None)


def _plan_of(size: int, people) -> tuple:
    """A published plan of `size` tasks (a target every third task) with a cycle full of reports."""
    plan = publish_plan(
        SYSTEM, import_plan(SYSTEM, make_draft(tasks=size, sections=2, title=f"Plan of {size}")).plan
    )
    add_measures(plan, people.commerce, people.commerce.contacts.first() or _contact(people), size)
    set_calendar(SYSTEM, plan, frequency="quarterly")
    cycle = ReportingCycle.objects.filter(plan=plan).order_by("period_start")[4]
    for report in open_cycle(SYSTEM, cycle):
        for contribution in report.contributions.all():
            save_contribution(SYSTEM, contribution, narrative="Our part.", submit=True)
        report = save_report(SYSTEM, report, version=report.version, narrative="Done.", self_rating="green")
        report = accept_report(SYSTEM, submit_report(SYSTEM, report))
        assess(SYSTEM, report.task, cycle, rating="amber_green", rationale="Fine.")
    for target in [t for task in plan.tasks.all() for t in task.targets.all()]:
        record_indicator_value(SYSTEM, target, date="2024-03-31", value="70", source="Survey")
    return plan, cycle


def _contact(people):
    from taskbook.taskbooks.actions import save_contact

    return save_contact(SYSTEM, people.commerce, name="Wang Fang")


def test_gathering_takes_the_same_queries_at_any_size(people):
    counts = []
    for size in (3, 12):
        plan, cycle = _plan_of(size, people)
        with CaptureQueriesContext(connection) as ctx:
            doc = build_progress_document(plan, cycle, today=TODAY)
        assert len(doc.tasks) == size and len(doc.targets) == size // 3
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
