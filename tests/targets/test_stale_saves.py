"""A target's trajectory saved from two pages at once: the second save (typed or filled) is refused
with a 409 that re-renders the form beside the saved trajectory, and the first stays."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from taskbook.orgs.actors import SYSTEM
from taskbook.targets.actions import fill_linearly, record_indicator_value, set_trajectory
from taskbook.targets.models import Target
from taskbook.versions import ConflictError

D = datetime.date


def planned(target: Target) -> list[tuple[datetime.date, Decimal]]:
    return list(target.trajectory.order_by("date").values_list("date", "value"))


def test_a_second_trajectory_from_the_same_version_is_refused(people, target):
    seen = target.trajectory_version
    set_trajectory(people.sam, target, [("2024-12-31", "72"), ("2025-12-31", "73")], version=seen)
    with pytest.raises(ConflictError) as err:
        set_trajectory(people.alice, target, [("2025-12-31", "75")], version=seen)
    assert err.value.current == {"trajectory": ["2024-12-31: 72", "2025-12-31: 73"]}
    assert err.value.yours == {"trajectory": ["2025-12-31: 75"]}
    assert planned(target) == [(D(2024, 12, 31), Decimal(72)), (D(2025, 12, 31), Decimal(73))]
    assert Target.objects.get(pk=target.pk).trajectory_version == seen + 1


def test_filling_linearly_from_a_stale_page_is_refused(people, target):
    record_indicator_value(SYSTEM, target, date="2022-12-31", value="70", source="Yearbook")
    seen = target.trajectory_version
    set_trajectory(people.sam, target, [("2025-12-31", "80")], version=seen)
    with pytest.raises(ConflictError) as err:
        fill_linearly(people.alice, target, version=seen)
    assert err.value.yours == {"trajectory": ["2023-12-31: 71", "2024-12-31: 72", "2025-12-31: 73"]}
    assert planned(target) == [(D(2025, 12, 31), Decimal(80))]


def test_the_stale_trajectory_form_is_shown_again_with_a_409(client, people, target, today):
    url = reverse("targets:trajectory", args=[target.pk])
    seen = target.trajectory_version
    client.force_login(people.sam)
    page = client.get(reverse("targets:detail", args=[target.pk])).content.decode()
    assert f'name="version" value="{seen}"' in page
    first = {"date": ["2024-12-31", "2025-12-31"], "value": ["71.5", "73"], "version": seen}
    assert client.post(url, first).status_code == 302
    response = client.post(url, {"date": ["2025-12-31"], "value": ["74.25"], "version": seen})
    html = response.content.decode()
    assert response.status_code == 409
    assert "2024-12-31: 71.5" in html and "2025-12-31: 74.25" in html  # theirs beside yours
    assert 'value="74.25"' in html  # the form keeps what was typed
    assert f'name="version" value="{seen + 1}"' in html  # saving again is a choice made seeing theirs
    assert planned(target) == [(D(2024, 12, 31), Decimal("71.5")), (D(2025, 12, 31), Decimal(73))]
