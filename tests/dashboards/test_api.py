"""The league table through the API: the page's figures (dashboards/figures.py) for every member of a
unit; 403 for someone with no role, 404 for a plan the reader does not see."""

import datetime

import pytest
from django.utils import timezone

from taskbook.dashboards.figures import Scope, sort_units, unit_figures
from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan
from tests.api.helpers import answer, first_error, queries
from tests.conftest import make_draft
from tests.dashboards.helpers import another_plan, report_cycles

TODAY = datetime.date(2026, 1, 15)


@pytest.fixture
def two_cycles(people, plan, workplan, monkeypatch):
    """2024-Q1 and 2024-Q2 reported (the last report of Q2 still a draft), read on TODAY."""
    cycles = report_cycles(people.alice, plan, 2)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return cycles


def test_the_league_table_as_the_page_computes_it(client, people, plan, two_cycles):
    client.force_login(people.pete)  # a unit with no task reads the table too: a ranking, no records
    rows = answer(client, f"/api/league/?plan={plan.pk}")["items"]
    expected = sort_units(unit_figures(Scope(plan, TODAY)), "on_time")
    assert [r["unit"]["id"] for r in rows] == [f.unit.pk for f in expected]
    commerce = next(r for r in rows if r["unit"]["id"] == people.commerce.pk)
    assert (commerce["due"], commerce["on_time"], commerce["late"]) == (4, 3, 1)
    assert commerce["on_time_rate"] == pytest.approx(75.0)
    assert (commerce["accepted"], commerce["first_time"], commerce["overdue_reports"]) == (3, 3, 1)
    assert (commerce["measures"], commerce["overdue_measures"]) == (3, 3)
    assert commerce["trend"] == [pytest.approx(100.0), pytest.approx(50.0)]
    tech = next(r for r in rows if r["unit"]["id"] == people.tech.pk)
    assert (tech["on_time_rate"], tech["first_time_rate"]) == (pytest.approx(0.0), pytest.approx(50.0))


def test_sorting_and_the_plan(client, people, plan, two_cycles):
    client.force_login(people.sam)
    by_overdue = answer(client, f"/api/league/?plan={plan.pk}&sort=-overdue_reports")["items"]
    assert by_overdue[0]["unit"]["id"] == people.commerce.pk
    by_name = [r["unit"]["name"] for r in answer(client, "/api/league/?sort=unit")["items"]]
    assert by_name == sorted(by_name, key=str.casefold)
    assert first_error(client, "/api/league/?sort=size") == (
        "sort must be one of unit, on_time, first_time, overdue_reports, overdue_measures, slippage, "
        "with “-” before it to reverse."
    )
    assert answer(client, "/api/league/?plan=999", 404) == {"detail": "There is no plan 999."}
    draft = import_plan(SYSTEM, make_draft(title="Draft (2024-2026)")).plan
    answer(client, f"/api/league/?plan={draft.pk}", 404)


def test_the_table_is_for_members(client, people, plan, two_cycles):
    client.force_login(people.olga)
    assert answer(client, f"/api/league/?plan={plan.pk}", 403) == {
        "detail": "The league table is for members of the government's units."
    }


def test_the_table_takes_a_constant_number_of_queries(client, people, plan, two_cycles):
    client.force_login(people.lena)
    small = queries(client, "/api/league/")
    report_cycles(people.alice, another_plan(SYSTEM, 12, "Second plan", units=6), 3)
    assert len(answer(client, "/api/league/")["items"]) == 8
    assert queries(client, "/api/league/") == small
