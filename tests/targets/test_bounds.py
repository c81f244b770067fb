"""Figures and years out of range are refused with their reason, never saved to break a page later:
a target change to year 99999 or to a 31-digit value, a 31-digit actual value; and a change kept
before these bounds existed cannot make its approval a 500."""

import pytest
from django.urls import reverse

from taskbook.errors import ActionError
from taskbook.targets.actions import record_indicator_value, request_target_change, set_target_baseline
from taskbook.taskbooks.actions import decide_change
from taskbook.taskbooks.models import ChangeRequest

HUGE = "1" * 31


@pytest.mark.parametrize(
    "value,year,message",
    [
        ("80", "99999", "is not a year from 1900 to 2200"),
        ("80", "-5", "is not a year from 1900 to 2200"),
        (HUGE, "2025", "at most 14 digits before the decimal point"),
        ("0.123456", "2025", "too many decimal places: at most 4"),
        ("1e40", "2025", "at most 14 digits before the decimal point"),
    ],
)
def test_a_target_change_out_of_range_is_refused_on_the_page(client, people, target, value, year, message):
    client.force_login(people.sam)
    response = client.post(
        reverse("targets:change", args=[target.pk]), {"value": value, "year": year, "reason": "Revised"}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ChangeRequest.objects.filter(target=target).exists()


def test_approving_a_change_kept_out_of_range_is_refused_not_a_500(client, people, target):
    change = request_target_change(people.sam, target, value=80, year=2025, reason="Revised")
    ChangeRequest.objects.filter(pk=change.pk).update(new_value={"value": HUGE, "year": 99999})
    client.force_login(people.alice)
    response = client.post(reverse("taskbooks:change_decide", args=[change.pk]), {"decision": "approve"})
    assert response.status_code == 400
    change.refresh_from_db()
    target.refresh_from_db()
    assert change.status == "pending" and target.value == 73
    with pytest.raises(ActionError, match="at most 14 digits"):
        decide_change(people.alice, change, approve=True)


def test_a_31_digit_actual_value_is_refused_on_the_page(client, people, target, today):
    client.force_login(people.sam)
    response = client.post(
        reverse("targets:record", args=[target.pk]),
        {"date": "2024-12-31", "value": HUGE, "source": "Yearbook"},
    )
    assert response.status_code == 400
    assert "at most 14 digits before the decimal point" in response.content.decode()
    assert not target.actuals.exists()


def test_a_long_source_is_refused_with_its_limit_not_cut(people, target, today):
    with pytest.raises(ActionError, match="The source is 301 characters long; the limit is 300"):
        record_indicator_value(people.sam, target, date="2024-12-31", value="70", source="x" * 301)


def test_a_baseline_year_must_be_a_year(people, target):
    with pytest.raises(ActionError, match="not a year from 1900 to 2200") as refused:
        set_target_baseline(people.sam, target, value="60", year="20231")
    assert refused.value.field == "year"
