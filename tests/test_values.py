"""Values typed into forms, sheets and API calls, read the one way."""

import datetime
from decimal import Decimal

import pytest

from taskbook.errors import ActionError
from taskbook.values import date_value, decimal_value, whole_number

MESSAGE = "The weight is a whole number from 1 to 100."


@pytest.mark.parametrize(
    "value,expected", [(3, 3), ("3", 3), (" 42 ", 42), ("+7", 7), ("１００", 100), (1, 1)]
)
def test_whole_numbers_are_read_from_numbers_and_digits(value, expected):
    assert whole_number(value, "weight", MESSAGE, 1, 100) == expected


@pytest.mark.parametrize("value", [0, 101, "0", "-1", "3.5", 3.0, "heavy", "", None, True, "1e2", "1_0"])
def test_anything_else_is_refused_in_the_fields_own_words(value):
    with pytest.raises(ActionError) as refused:
        whole_number(value, "weight", MESSAGE, 1, 100)
    assert (refused.value.field, refused.value.message) == ("weight", MESSAGE)


def test_a_whole_number_without_bounds_may_be_any():
    assert whole_number("-40", "year", "not a year") == -40
    assert whole_number(10**6, "year", "not a year", low=0) == 10**6


def test_decimals_and_dates():
    assert decimal_value(" 7.50 ", "value") == Decimal("7.50")
    for bad in ("NaN", "Infinity", "seven"):
        with pytest.raises(ActionError, match="is not a number"):
            decimal_value(bad, "value")
    assert date_value(" 2024-02-29 ", "date") == datetime.date(2024, 2, 29)
    with pytest.raises(ActionError, match="is not a date") as refused:
        date_value("2023-02-29", "date")
    assert refused.value.field == "date"
