"""Where the dashboards' numbers and charts lead: the lists of records behind each figure."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from taskbook.dashboards.figures import NO_DATA, OFF, ON
from taskbook.plans.models import Plan

ALL = "all"  # `?plan=all`: every plan, where a list allows it


def url(name: str, **params: Any) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return reverse(name) + (f"?{query}" if query else "")


def plan_key(plan: Plan | None) -> str | int:
    return ALL if plan is None else plan.pk


def figure_links(plan: Plan | None) -> dict[str, str]:
    """The lists behind the dashboard's headline numbers."""
    key = plan_key(plan)
    return {
        "tasks": url("dashboards:tasks", plan=key),
        "overdue": url("dashboards:reports", plan=key, which="overdue"),
        "due": url("dashboards:reports", plan=key, which="due"),
        "late": url("dashboards:reports", plan=key, which="late"),
        "accepted": url("dashboards:reports", plan=key, which="accepted"),
        "divergent": url("dashboards:tasks", plan=key, which="divergent"),
        "changed": url("dashboards:tasks", plan=key, which="changed"),
        "on": url("dashboards:targets", plan=key, verdict=ON),
        "off": url("dashboards:targets", plan=key, verdict=OFF),
        "no_data": url("dashboards:targets", plan=key, verdict=NO_DATA),
        "league": url("dashboards:league", plan=key),
    }


def unit_links(key: str | int, unit_id: int) -> dict[str, str]:
    """The lists behind a unit's row of the league table."""
    return {
        "due": url("dashboards:reports", plan=key, unit=unit_id, which="due"),
        "late": url("dashboards:reports", plan=key, unit=unit_id, which="late"),
        "accepted": url("dashboards:reports", plan=key, unit=unit_id, which="accepted"),
        "returned": url("dashboards:reports", plan=key, unit=unit_id, which="returned"),
        "overdue": url("dashboards:reports", plan=key, unit=unit_id, which="overdue"),
        "measures_overdue": url("dashboards:measures", plan=key, unit=unit_id, which="overdue"),
        "baselined": url("dashboards:measures", plan=key, unit=unit_id, which="baselined"),
    }
