"""The dashboard figures, from data made through the actions: each number checked by hand."""

import datetime

import pytest

from taskbook.dashboards.figures import (
    NOT_RATED,
    Scope,
    overall_percent,
    rating_counts,
    sort_units,
    task_states,
    unit_figures,
)
from taskbook.orgs.actors import SYSTEM
from taskbook.reporting.actions import assess, save_report, submit_report
from taskbook.reporting.models import ProgressReport, Rating, ReportStatus
from taskbook.taskbooks.actions import (
    approve_taskbook,
    set_measure_status,
    submit_taskbook,
    taskbook_for,
    update_measure,
)
from tests.dashboards.helpers import report_cycles

TODAY = datetime.date(2026, 1, 15)


@pytest.fixture
def two_cycles(people, plan, workplan):
    """2024-Q1 closed-out and 2024-Q2 still open, tasks 1 and 3 led by Commerce, 2 and 4 by Technology."""
    return report_cycles(people.alice, plan, 2)


def by_unit(rows):
    return {r.unit.name_en: r for r in rows}


def test_on_time_and_first_time_rates(people, plan, two_cycles):
    rows = by_unit(unit_figures(Scope(plan, TODAY)))
    commerce, tech = rows[people.commerce.name_en], rows[people.tech.name_en]
    # Per cycle the reports in task order: j=0 (task 1, Commerce) on time, j=1 (task 2, Tech) late and
    # returned, j=2 (task 3, Commerce) on time, j=3 (task 4, Tech) late. In the second cycle task 1 is
    # still a draft: due but never submitted, so not on time.
    assert (commerce.due, commerce.on_time) == (4, 3)
    assert commerce.on_time_rate == pytest.approx(75.0)
    assert (tech.due, tech.on_time) == (4, 0)
    assert (tech.accepted, tech.first_time) == (4, 2)
    assert tech.first_time_rate == pytest.approx(50.0)
    assert (commerce.accepted, commerce.first_time) == (3, 3)
    assert commerce.overdue_reports == 1 and tech.overdue_reports == 0


def test_a_cycle_not_yet_due_counts_nothing(people, plan, two_cycles):
    before_due = two_cycles[1].due_on  # the due day itself has not passed
    rows = by_unit(unit_figures(Scope(plan, before_due)))
    assert rows[people.commerce.name_en].due == 2
    assert rows[people.commerce.name_en].overdue_reports == 0


def test_overdue_measures_and_slippage(people, plan, workplan):
    measures = [m for m in workplan.measures if m.unit_id == people.commerce.pk]
    book = taskbook_for(plan, people.commerce)
    submit_taskbook(SYSTEM, book)
    approve_taskbook(SYSTEM, book)  # the baseline
    first = measures[0]
    first.refresh_from_db()
    update_measure(
        SYSTEM, first, version=first.version, due_date=first.due_date + datetime.timedelta(days=30)
    )
    set_measure_status(SYSTEM, measures[1], "done")
    rows = by_unit(unit_figures(Scope(plan, TODAY)))
    commerce = rows[people.commerce.name_en]
    assert commerce.measures == 3
    assert commerce.overdue_measures == 2  # due in 2024, neither done nor cancelled
    assert commerce.baselined == 3
    assert commerce.slippage == pytest.approx(10.0)  # (30 + 0 + 0) / 3
    assert rows[people.tech.name_en].slippage is None  # no baseline


def test_ratings_divergence_and_changes(people, plan, two_cycles):
    states = {s.number: s for s in task_states(plan)}
    # Cycle i, report j is rated RATINGS[(j + i) % 4]; task 1 was not rated in the second cycle.
    assert states["1"].rating == Rating.RED and states["1"].rating_cycle == two_cycles[0].label
    assert states["2"].rating == Rating.AMBER_GREEN and states["2"].previous_rating == Rating.AMBER_RED
    assert states["2"].rating_change == 1
    counts = rating_counts(states.values())
    # Latest: task 1 red (cycle 1), 2 amber-green, 3 green, 4 red (cycle 2).
    assert counts[Rating.RED] == 2 and counts[Rating.GREEN] == 1 and counts[NOT_RATED] == 0
    # Self-ratings are RATINGS[(j + 3) % 4]: task 1 says green while rated red (3 levels apart).
    assert states["1"].self_rating == Rating.GREEN and states["1"].divergence == 3
    # Task 2: self red, coordinator amber-green: exactly two levels, so listed for the meeting.
    assert states["2"].divergence == 2 and states["2"].divergent


def test_one_level_apart_is_not_a_divergence(people, plan, two_cycles):
    report = ProgressReport.objects.get(cycle=two_cycles[1], task__number="2")
    assess(
        people.alice, report.task, two_cycles[1], rating=Rating.AMBER_RED, rationale="Nearer the unit's view."
    )
    state = next(s for s in task_states(plan) if s.number == "2")
    assert state.divergence == 1 and not state.divergent
    assert state.rating_change == 0  # amber-red before, amber-red now


def test_overall_percent_counts_tasks_equally(people, plan, two_cycles):
    states = task_states(plan)
    assert overall_percent(states) == pytest.approx(sum(s.accepted_percent or 0 for s in states) / 4)
    draft = ProgressReport.objects.get(cycle=two_cycles[1], task__number="1")
    assert draft.status == ReportStatus.DRAFT


def test_sorting_puts_rows_without_a_value_last(people, plan, two_cycles, workplan):
    rows = unit_figures(Scope(plan, TODAY))
    ranked = sort_units(rows, "on_time")
    rates = [r.on_time_rate for r in ranked]
    present = [r for r in rates if r is not None]
    assert present == sorted(present, reverse=True)
    assert rates[len(present) :] == [None] * (len(rates) - len(present))
    assert [r.on_time_rate for r in sort_units(rows, "-on_time")][: len(present)] == sorted(present)


def test_a_self_rating_counts_for_divergence_once_the_report_is_submitted(people, plan, two_cycles):
    cycle = two_cycles[1]
    report = ProgressReport.objects.get(cycle=cycle, task__number="1")
    report = save_report(SYSTEM, report, version=report.version, narrative="Draft.", self_rating=Rating.GREEN)
    assess(people.alice, report.task, cycle, rating=Rating.AMBER_RED, rationale="Late measures.")
    state = next(s for s in task_states(plan) if s.number == "1")
    # A draft's self-rating is work in hand: it does not count yet.
    assert (state.self_rating, state.rating, state.divergence, state.divergent) == (
        "",
        Rating.AMBER_RED,
        None,
        False,
    )
    submit_report(SYSTEM, report)
    state = next(s for s in task_states(plan) if s.number == "1")
    assert (state.self_rating, state.rating, state.divergence) == (Rating.GREEN, Rating.AMBER_RED, 2)
    assert state.divergent
