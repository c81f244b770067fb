"""The forecast's arithmetic on made-up series, where the right answer is known exactly. No database."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from taskbook.targets.forecast import (
    ACTUAL,
    TREND,
    fit,
    forecast,
    latest_per_date,
    meets,
    planned_at,
    shortfall,
    trajectory_status,
    years,
)

D = datetime.date
END_2025 = D(2025, 12, 31)


def actual(day: datetime.date, value: str | int, provisional: bool = False, revised: bool = False):
    return SimpleNamespace(date=day, value=Decimal(str(value)), provisional=provisional, revised=revised)


def year_ends(*values: str | int, first: int = 2022) -> list[SimpleNamespace]:
    return [actual(D(first + i, 12, 31), v) for i, v in enumerate(values)]


def test_time_is_counted_in_years_to_the_end_of_the_day():
    assert years(D(2024, 12, 31)) == 2025.0
    assert years(D(2023, 12, 31)) == 2024.0  # a leap year and a common one are both one year long
    assert years(D(2024, 1, 1)) == pytest.approx(2024 + 1 / 366)
    assert years(D(2025, 6, 30)) == pytest.approx(2025 + 181 / 365)


def test_a_straight_series_is_projected_exactly():
    result = forecast(year_ends(70, 72, 74), target_value=Decimal(77), comparator=">=", target_date=END_2025)
    assert result.available and result.method == TREND
    assert result.slope_per_year == Decimal("2.0000")
    assert result.projected == Decimal("76.0000")
    assert result.met is False
    assert result.gap == Decimal("1.0000")
    assert result.gap_percent == Decimal("1.3")  # 1 / 77 = 1.2987...%
    assert result.start == (D(2024, 12, 31), Decimal("74.0000"))  # the trend at the last value
    assert len(result.points) == 3 and result.provisional_count == 0


def test_least_squares_through_scattered_values():
    # t = 1, 2, 3 (years after 2022), values 1, 3, 2: slope 0.5, through (2, 2); at t = 4: 3.
    result = forecast(year_ends(1, 3, 2), target_value=Decimal(3), comparator=">=", target_date=END_2025)
    assert result.slope_per_year == Decimal("0.5000")
    assert result.projected == Decimal("3.0000")
    assert result.met is True and result.gap == 0 and result.gap_percent == 0
    line = fit(latest_per_date(year_ends(1, 3, 2)))
    assert line is not None and line.at(D(2023, 12, 31)) == pytest.approx(2.0)


def test_values_within_a_year_are_placed_by_their_date():
    # Quarterly values rising 1 a quarter: 4 a year, whatever the lengths of the months.
    quarters = [D(2024, 3, 31), D(2024, 6, 30), D(2024, 9, 30), D(2024, 12, 31)]
    series = [actual(day, 10 + i) for i, day in enumerate(quarters)]
    result = forecast(series, target_value=Decimal(17), comparator=">=", target_date=END_2025)
    assert result.slope_per_year == pytest.approx(Decimal(4), abs=Decimal("0.05"))
    assert result.projected == pytest.approx(Decimal(17), abs=Decimal("0.05"))


def test_at_most_targets_are_met_from_below():
    # Days to register a company: 10, 8, 7. Slope -1.5, through (2, 8.333); at t = 4: 5.333.
    series = year_ends(10, 8, 7)
    met = forecast(series, target_value=Decimal(6), comparator="<=", target_date=END_2025)
    assert met.projected == Decimal("5.3333") and met.met is True and met.gap == 0
    assert met.slope_per_year == Decimal("-1.5000")
    missed = forecast(series, target_value=Decimal(5), comparator="<=", target_date=END_2025)
    assert missed.met is False
    assert missed.gap == Decimal("0.3333")
    assert missed.gap_percent == Decimal("6.7")


@pytest.mark.parametrize(
    "value,comparator,target,ok,gap",
    [
        ("77", ">=", "77", True, "0"),
        ("76.99", ">=", "77", False, "0.01"),
        ("80", ">=", "77", True, "0"),
        ("15", "<=", "15", True, "0"),
        ("15.5", "<=", "15", False, "0.5"),
        ("3", "<=", "15", True, "0"),
        ("51", "=", "50", True, "0"),  # within 2% of 50 either way
        ("49", "=", "50", True, "0"),
        ("51.01", "=", "50", False, "1.01"),
        ("48.9", "=", "50", False, "1.1"),
        ("0", "=", "0", True, "0"),
    ],
)
def test_what_counts_as_met(value, comparator, target, ok, gap):
    assert meets(Decimal(value), comparator, Decimal(target)) is ok
    assert shortfall(Decimal(value), comparator, Decimal(target)) == Decimal(gap)


def test_equal_to_targets_miss_on_either_side():
    rising = forecast(year_ends(40, 45, 50), target_value=Decimal(50), comparator="=", target_date=END_2025)
    assert rising.projected == Decimal("55.0000") and rising.met is False and rising.gap == Decimal("5.0000")
    flat = forecast(year_ends(50, 50.5, 50), target_value=Decimal(50), comparator="=", target_date=END_2025)
    assert flat.met is True


def test_a_zero_target_has_no_percent_gap():
    result = forecast(year_ends(3, 2, 1), target_value=Decimal(0), comparator="<=", target_date=END_2025)
    assert result.projected == Decimal("0.0000") and result.met is True
    result = forecast(year_ends(3, 3, 3), target_value=Decimal(0), comparator="<=", target_date=END_2025)
    assert result.met is False and result.gap == Decimal("3.0000") and result.gap_percent is None


def test_fewer_than_two_dates_give_no_forecast_and_say_why():
    none = forecast([], target_value=Decimal(77), comparator=">=", target_date=END_2025)
    assert not none.available and none.reason == "No actual values yet."
    assert none.projected is None and none.met is None and none.gap is None
    one = forecast(year_ends(74), target_value=Decimal(77), comparator=">=", target_date=END_2025)
    assert not one.available and "two" in one.reason
    # Two values for one date are one value and its revision: still a single date.
    same = [actual(D(2024, 12, 31), 70, provisional=True), actual(D(2024, 12, 31), 71, revised=True)]
    assert not forecast(same, target_value=Decimal(77), comparator=">=", target_date=END_2025).available


def test_a_revised_value_replaces_the_provisional_one():
    series = [
        actual(D(2022, 12, 31), 70),
        actual(D(2023, 12, 31), 71, provisional=True),
        actual(D(2023, 12, 31), 72, revised=True),  # recorded later for the same date
        actual(D(2024, 12, 31), 73.9, provisional=True),
    ]
    points = latest_per_date(series)
    assert [p.value for p in points] == [Decimal(70), Decimal(72), Decimal("73.9")]
    assert [(p.provisional, p.revised) for p in points] == [(False, False), (False, True), (True, False)]
    result = forecast(series, target_value=Decimal(77), comparator=">=", target_date=END_2025)
    assert result.provisional_count == 1
    # Through (2023, 70), (2024, 72), (2025, 73.9): slope 1.95 through the mean, 71.9667 at 2024;
    # at 2026: 71.9667 + 2 x 1.95 = 75.8667.
    assert result.slope_per_year == Decimal("1.9500")
    assert result.projected == Decimal("75.8667")


def test_a_later_provisional_value_is_the_latest_too():
    # The last value recorded for a date wins, whatever its flags: that is what recording it means.
    series = [actual(D(2024, 12, 31), 72), actual(D(2024, 12, 31), 71, provisional=True, revised=True)]
    (point,) = latest_per_date(series)
    assert point.value == 71 and point.provisional and point.revised


def test_once_the_target_date_has_a_value_the_outcome_is_that_value():
    series = year_ends(70, 72, 74, 76.5)  # 2022..2025: the last is the target date itself
    result = forecast(series, target_value=Decimal(77), comparator=">=", target_date=END_2025)
    assert result.method == ACTUAL
    assert result.projected == Decimal("76.5") and result.met is False and result.gap == Decimal("0.5000")
    assert result.slope_per_year is None and result.start is None
    single = forecast(
        year_ends(78, first=2025), target_value=Decimal(77), comparator=">=", target_date=END_2025
    )
    assert single.available and single.met is True


def test_planned_values_between_points_are_read_off_a_straight_line():
    line = [(D(2023, 12, 31), Decimal(70)), (D(2025, 12, 31), Decimal(74))]
    assert planned_at(line, D(2024, 12, 31)) == Decimal("72.0000")
    assert planned_at(line, D(2023, 12, 31)) == Decimal("70.0000")
    assert planned_at(line, D(2023, 6, 30)) is None  # nothing planned yet
    assert planned_at(line, D(2026, 6, 30)) == Decimal(74)  # after the end the target holds
    assert planned_at([], D(2024, 1, 1)) is None


@pytest.mark.parametrize(
    "comparator,value,on_track",
    [
        (">=", "72", True),
        (">=", "71.9", False),
        ("<=", "71.9", True),
        ("<=", "72.1", False),
        ("=", "73.4", True),
        ("=", "70.6", True),
        ("=", "73.5", False),
    ],
)
def test_on_trajectory_follows_the_comparator(comparator, value, on_track):
    line = [(D(2023, 12, 31), Decimal(70)), (D(2025, 12, 31), Decimal(74))]
    points = latest_per_date([actual(D(2022, 12, 31), 1), actual(D(2024, 12, 31), value)])
    status = trajectory_status(line, points, comparator)
    assert status is not None
    assert status.planned == Decimal(72) and status.on_track is on_track
    assert status.difference == Decimal(value) - 72 and status.date == D(2024, 12, 31)


def test_no_status_without_a_value_or_a_plan_for_its_date():
    line = [(D(2023, 12, 31), Decimal(70)), (D(2025, 12, 31), Decimal(74))]
    assert trajectory_status(line, [], ">=") is None
    early = latest_per_date([actual(D(2023, 6, 30), 69)])
    assert trajectory_status(line, early, ">=") is None
    assert trajectory_status([], latest_per_date(year_ends(70)), ">=") is None
