"""Targets through the API: the same figures and verdict as the target pages, for whoever sees the plan.

The target is the `plan` fixture's one target (task 3, at least 73% by 2025, lead unit Commerce), read
as of the `today` fixture (15 July 2025).
"""

import datetime

from django.urls import reverse

from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan, publish_plan
from taskbook.reporting.actions import open_cycle, set_calendar
from taskbook.targets.actions import record_indicator_value, set_target_baseline, set_trajectory
from taskbook.targets.formatting import verdict
from taskbook.targets.trajectory import facts
from tests.api.helpers import answer, first_error, ids, queries
from tests.conftest import make_draft

D = datetime.date


def _figures(target, report=None) -> None:
    set_target_baseline(SYSTEM, target, value="60", year="2022")
    set_trajectory(SYSTEM, target, [("2023-12-31", 65), ("2024-12-31", 69), ("2025-12-31", 73)])
    record_indicator_value(SYSTEM, target, date=D(2023, 12, 31), value="64.5", source="Statistics bureau")
    record_indicator_value(SYSTEM, target, date=D(2024, 12, 31), value="67", source="Survey", report=report)
    record_indicator_value(SYSTEM, target, date=D(2024, 12, 31), value="67.5", source="Survey, revised")


def test_a_target_with_its_trajectory_actual_values_and_forecast(client, people, plan, target, today):
    _figures(target)
    client.force_login(people.pete)  # another unit: a plan's targets are read by every member
    shown = answer(client, f"/api/targets/{target.pk}")
    assert (shown["label"], shown["value"], shown["comparator"], shown["due"]) == (
        "≥ 73%",
        "73.0000",
        ">=",
        "2025-12-31",
    )
    assert [(p["date"], p["value"]) for p in shown["trajectory"]] == [
        ("2022-12-31", "60.0000"),  # the baseline starts the planned line
        ("2023-12-31", "65.0000"),
        ("2024-12-31", "69.0000"),
        ("2025-12-31", "73.0000"),
    ]
    assert [(a["date"], a["value"], a["revised"]) for a in shown["actuals"]] == [
        ("2023-12-31", "64.5000", False),
        ("2024-12-31", "67.0000", False),
        ("2024-12-31", "67.5000", True),
    ]
    assert shown["latest"]["value"] == "67.5000"  # the revision replaces the value of its date
    assert shown["status"] == {
        "date": "2024-12-31",
        "actual": "67.5000",
        "planned": "69.0000",
        "on_track": False,
        "difference": "-1.5000",
        "provisional": False,
    }
    target.refresh_from_db()
    known = facts(target, list(target.trajectory.all()), list(target.actuals.order_by("date", "id")), today)
    assert shown["verdict"] == verdict(known.forecast, "%")  # the page's sentence
    assert shown["forecast"]["method"] == "trend" and shown["forecast"]["met"] is False
    assert shown["forecast"]["projected"] == f"{known.forecast.projected:f}"
    assert shown["planned_today"] == f"{known.planned_today:f}"


def test_a_value_names_its_report_for_those_who_may_open_it(client, people, plan, target, reporting):
    report = reporting.reports["3"]
    _figures(target, report=report)
    client.force_login(people.sam)
    linked = [a["report_id"] for a in answer(client, f"/api/targets/{target.pk}")["actuals"]]
    assert linked == [None, report.pk, None]
    client.force_login(people.pete)  # sees the target, not Commerce's report
    assert [a["report_id"] for a in answer(client, f"/api/targets/{target.pk}")["actuals"]] == [None] * 3


def test_without_values_the_verdict_says_why(client, people, plan, target, today):
    client.force_login(people.sam)
    (row,) = answer(client, f"/api/targets/?plan={plan.pk}")["items"]
    assert row["latest"] is None and row["status"] is None
    assert row["forecast"]["projected"] is None
    assert row["verdict"] == "No forecast: No actual values yet."


def test_targets_of_a_plan_and_of_a_task(client, people, plan, target, today):
    other = publish_plan(SYSTEM, import_plan(SYSTEM, make_draft(tasks=6, title="Second (2024-2026)")).plan)
    draft = import_plan(SYSTEM, make_draft(tasks=6, title="Draft (2024-2026)")).plan
    client.force_login(people.sam)
    assert ids(client, f"/api/targets/?plan={plan.pk}") == [target.pk]
    assert len(ids(client, f"/api/targets/?plan={other.pk}")) == 2  # tasks 3 and 6
    assert ids(client, f"/api/targets/?task={target.task_id}") == [target.pk]
    assert set(ids(client, "/api/targets/")) == set(ids(client, f"/api/targets/?plan={plan.pk}")) | set(
        ids(client, f"/api/targets/?plan={other.pk}")
    )
    hidden = draft.tasks.get(number="3").targets.get()
    answer(client, f"/api/targets/{hidden.pk}", 404)  # a draft plan is the coordinator's
    assert answer(client, f"/api/targets/?plan={draft.pk}", 404) == {
        "detail": f"There is no plan {draft.pk}."
    }
    client.force_login(people.alice)
    assert answer(client, f"/api/targets/{hidden.pk}")["id"] == hidden.pk
    client.force_login(people.olga)
    assert ids(client, "/api/targets/") == []
    answer(client, f"/api/targets/{target.pk}", 404)


def test_bad_filters(client, people, plan, target):
    client.force_login(people.sam)
    assert first_error(client, "/api/targets/?plan=three") == "plan must be a whole number."
    assert answer(client, "/api/targets/?task=999", 404) == {"detail": "There is no task 999."}
    assert first_error(client, "/api/targets/?limit=501") == "limit must be at most 500."


def test_the_list_takes_a_constant_number_of_queries(client, people, plan, target, today):
    client.force_login(people.sam)
    url = reverse("api:list_targets")
    _figures(target)
    small = queries(client, url)
    other = publish_plan(SYSTEM, import_plan(SYSTEM, make_draft(tasks=30, title="Large (2024-2026)")).plan)
    set_calendar(SYSTEM, other, frequency="quarterly")
    report = open_cycle(SYSTEM, other.cycles.order_by("period_start")[0])[0]
    for t in other.tasks.filter(targets__isnull=False).distinct():
        _figures(t.targets.get(), report=report)
    assert answer(client, url)["count"] == 11
    assert queries(client, url) == small
