"""Targets in numbers and words: values as people write them, units, signs, and verdicts."""

import datetime
from decimal import Decimal

import pytest

from taskbook.targets.forecast import Point, forecast
from taskbook.targets.formatting import display_places, number, plain, target_label, verdict, with_unit
from taskbook.targets.models import Target

D = datetime.date


@pytest.mark.parametrize(
    "value,places,expected",
    [
        (Decimal("1250000.5000"), None, "1,250,000.5"),
        (Decimal("4E+1"), None, "40"),
        (Decimal("-0.0001"), 2, "0"),  # no "-0"
        (Decimal("2.345"), 2, "2.35"),  # half up, not to even
        (76.0, None, "76"),
        (3, None, "3"),
    ],
)
def test_numbers_as_people_write_them(value, places, expected):
    assert number(value, places) == expected


def test_a_form_field_holds_the_plain_value():
    assert plain(Decimal("1250.5000")) == "1250.5" and plain(Decimal("4E+1")) == "40"


def test_computed_values_show_one_decimal_more_than_the_target():
    assert display_places(Decimal(77)) == 2
    assert display_places(Decimal("0.05")) == 3
    assert display_places(Decimal("0.00005")) == 4  # at most the four decimals values are stored with


def test_units_are_written_close_for_percent_and_apart_otherwise():
    assert with_unit(Decimal("76.50"), "%") == "76.5%"
    assert with_unit(Decimal(15), "days") == "15 days"
    assert with_unit(Decimal("4.2"), "") == "4.2"
    assert with_unit(Decimal("4.256"), "US$ billion", 2) == "4.26 US$ billion"


@pytest.mark.parametrize("comparator,sign", [(">=", "≥"), ("<=", "≤"), ("=", "=")])
def test_a_commitment_in_signs(comparator, sign):
    target = Target(comparator=comparator, value=Decimal("77.0000"), unit_of_measure="%")
    assert target_label(target) == f"{sign} 77%"


def test_verdicts_in_words():
    miss = forecast(
        [Point(D(2022, 12, 31), Decimal(70)), Point(D(2024, 12, 31), Decimal(74))],
        target_value=Decimal(77),
        comparator=">=",
        target_date=D(2025, 12, 31),
    )
    assert verdict(miss, "%") == "Will miss by 1% (1.3% of the target)."
    met = forecast(
        [Point(D(2022, 12, 31), Decimal(2)), Point(D(2024, 12, 31), Decimal("3.5"))],
        target_value=Decimal(4),
        comparator=">=",
        target_date=D(2025, 12, 31),
    )
    assert (
        verdict(met, "US$ billion") == "Will be met: the trend reaches 4.25 US$ billion by the target date."
    )
    none = forecast([], target_value=Decimal(4), comparator=">=", target_date=D(2025, 12, 31))
    assert verdict(none, "") == "No forecast: No actual values yet."
    assert number(Decimal("1250000.5000")) == "1,250,000.5" and number(Decimal("4E+1")) == "40"


def test_a_known_outcome_is_met_or_missed():
    def outcome(value: str, target: int) -> str:
        points = [Point(D(2024, 12, 31), Decimal(70)), Point(D(2025, 12, 31), Decimal(value))]
        result = forecast(points, target_value=Decimal(target), comparator=">=", target_date=D(2025, 12, 31))
        return verdict(result, "%")

    assert outcome("77.5", 77) == "Met: 77.5% at the target date."
    assert outcome("76.5", 77) == "Missed by 0.5% (0.6% of the target)."
    assert outcome("-1", 0) == "Missed by 1%."  # a zero target has no percent gap
