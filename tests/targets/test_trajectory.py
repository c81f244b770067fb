"""The default trajectory, filling it through the action, and the facts gathered about a target."""

import datetime
from decimal import Decimal

import pytest

from taskbook.errors import ActionError
from taskbook.targets.actions import fill_linearly, record_indicator_value, set_trajectory
from taskbook.targets.models import Target
from taskbook.targets.trajectory import (
    baseline_point,
    check_actual_date,
    default_trajectory,
    facts,
    planned_line,
    target_date,
)

D = datetime.date


def with_baseline(target: Target, baseline: str, year: int | None, **fields) -> Target:
    """An unsaved copy with a baseline: no action sets one yet, and the functions read only attributes."""
    copy = Target(
        task=target.task,
        text=target.text,
        comparator=fields.get("comparator", target.comparator),
        value=Decimal(fields.get("value", target.value)),
        unit_of_measure=target.unit_of_measure,
        year=fields.get("year", target.year),
        baseline=Decimal(baseline),
        baseline_year=year,
    )
    return copy


def test_target_date_is_the_end_of_its_year_or_of_the_plan(target):
    assert target_date(target) == D(2025, 12, 31)
    target.year = None
    assert target_date(target) == target.task.plan.period_end == D(2025, 12, 31)


def test_straight_line_from_the_baseline(target):
    # Baseline 70 at the end of 2022, target 73 at the end of 2025: one a year, the baseline itself outside
    # the plan's period (2023-2025) so not among the planned values.
    line = default_trajectory(with_baseline(target, "70", 2022), actuals=[])
    assert line == [
        (D(2023, 12, 31), Decimal("71.00")),
        (D(2024, 12, 31), Decimal("72.00")),
        (D(2025, 12, 31), Decimal("73")),
    ]


def test_a_baseline_inside_the_plan_is_its_first_point(target):
    line = default_trajectory(with_baseline(target, "64.5", 2023, value="73.5"), actuals=[])
    assert line == [
        (D(2023, 12, 31), Decimal("64.50")),
        (D(2024, 12, 31), Decimal("69.00")),
        (D(2025, 12, 31), Decimal("73.5")),
    ]


def test_a_baseline_without_a_year_is_the_year_before_the_plan(target):
    copy = with_baseline(target, "67", None)
    assert baseline_point(copy) == (D(2022, 12, 31), Decimal(67))
    assert [v for _d, v in default_trajectory(copy, actuals=[])] == [Decimal(69), Decimal(71), Decimal(73)]


def test_thirds_are_rounded_to_two_decimals_and_a_falling_target_falls(target):
    copy = with_baseline(target, "20", 2022, comparator="<=", value="15")
    assert [v for _d, v in default_trajectory(copy, actuals=[])] == [
        Decimal("18.33"),
        Decimal("16.67"),
        Decimal("15"),
    ]


def test_without_a_baseline_the_line_starts_at_the_first_actual(people, target):
    assert default_trajectory(target) == []
    assert not target.trajectory.exists()
    record_indicator_value(people.sam, target, date="2023-12-31", value="69", source="Yearbook")
    record_indicator_value(people.sam, target, date="2023-12-31", value="71", source="Yearbook, revised")
    # The revised value of the first date is the start: 71 at the end of 2023, 73 at the end of 2025.
    assert default_trajectory(target) == [
        (D(2023, 12, 31), Decimal("71.00")),
        (D(2024, 12, 31), Decimal("72.00")),
        (D(2025, 12, 31), Decimal("73")),
    ]


def test_only_the_lead_unit_and_the_coordinator_fill_it(people, target):
    from django.core.exceptions import PermissionDenied

    record_indicator_value(people.sam, target, date="2022-12-31", value="70", source="Yearbook")
    with pytest.raises(PermissionDenied):
        fill_linearly(people.tina, target)
    with pytest.raises(PermissionDenied):
        fill_linearly(people.lena, target)
    assert len(fill_linearly(people.alice, target)) == 3


def test_fill_linearly_without_a_start_says_what_is_missing(people, target):
    with pytest.raises(ActionError, match="no baseline and no actual value"):
        fill_linearly(people.sam, target)


def test_the_planned_line_starts_at_the_baseline(people, target):
    set_trajectory(people.sam, target, [("2023-12-31", "71"), ("2025-12-31", "73")])
    points = list(target.trajectory.all())
    assert planned_line(target, points) == [(D(2023, 12, 31), Decimal(71)), (D(2025, 12, 31), Decimal(73))]
    assert planned_line(with_baseline(target, "70", 2022), points)[0] == (D(2022, 12, 31), Decimal(70))


def test_facts_of_a_target(people, target):
    set_trajectory(people.sam, target, [("2023-12-31", "71"), ("2024-12-31", "72"), ("2025-12-31", "73")])
    record_indicator_value(people.sam, target, date="2023-12-31", value="70.5", source="A")
    record_indicator_value(people.sam, target, date="2024-12-31", value="72.5", source="B", provisional=True)
    actuals = list(target.actuals.order_by("date", "recorded_at", "id"))
    f = facts(target, list(target.trajectory.all()), actuals, D(2025, 6, 30))
    assert f.due == D(2025, 12, 31)
    assert f.latest.source == "B" and f.latest.provisional
    assert f.status is not None and f.status.on_track and f.status.planned == 72
    assert f.forecast is not None and f.forecast.projected == Decimal("74.5000") and f.forecast.met
    assert f.planned_today == pytest.approx(Decimal("72.50"), abs=Decimal("0.01"))


def test_dates_of_actual_values(target):
    today = D(2025, 7, 15)
    check_actual_date(target, D(2022, 12, 31), today)  # the baseline year
    check_actual_date(target, D(2025, 6, 30), today)
    with pytest.raises(ActionError, match="future"):
        check_actual_date(target, D(2025, 9, 30), today)
    with pytest.raises(ActionError, match="outside the plan"):
        check_actual_date(target, D(2021, 12, 31), today)
    with pytest.raises(ActionError, match="outside the plan"):
        check_actual_date(target, D(2026, 3, 31), D(2026, 6, 1))
