"""The league table of units in the HTTP API: each unit's figures for a plan (or every published and
closed plan), as the league table page computes them (dashboards/figures.py, docs/dashboards.md).

The table is read by every member of a unit (`permissions.may_read_league_table`); someone with no role
gets 403, a plan the reader does not see 404.
"""

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import field_validator

from taskbook.api.filters import plan_named
from taskbook.api.schemas import UnitRef
from taskbook.dashboards.access import require_league_reader
from taskbook.dashboards.figures import (
    DEFAULT_SORT,
    SORTS,
    Scope,
    UnitFigures,
    sort_units,
    today,
    unit_figures,
)

router = Router(tags=["dashboards"])


class UnitFiguresOut(Schema):
    unit: UnitRef
    due: int  # reports whose due date has passed
    on_time: int  # of those, first submitted by the due date
    on_time_rate: float | None  # percent; null while no report is due
    late: int
    accepted: int
    first_time: int  # accepted without being returned
    first_time_rate: float | None
    overdue_reports: int
    measures: int
    overdue_measures: int
    baselined: int  # measures with an approved due date
    slippage: float | None  # mean days the due dates moved since approval
    trend: list[float | None]  # on-time rate per period, oldest first


class LeagueFilters(Schema):
    plan: int | None = None  # absent: every published and closed plan
    sort: str = Field(
        DEFAULT_SORT,
        description="A column: best first (highest rates, fewest overdue, least slippage); "
        f"'-' before it reverses. One of {', '.join(SORTS)}.",
    )

    @field_validator("sort")
    @classmethod
    def known_column(cls, value: str) -> str:
        if value.removeprefix("-") not in SORTS:
            raise ValueError(
                _("sort must be one of %(columns)s, with “-” before it to reverse.")
                % {"columns": ", ".join(SORTS)}
            )
        return value


@router.get("/league/", response=list[UnitFiguresOut])
@paginate
def league_table(request, filters: Query[LeagueFilters]) -> list[UnitFigures]:
    """One row per unit that owes reports or holds measures in the plan, ranked by `sort`."""
    require_league_reader(request.user)
    plan = plan_named(request.user, filters.plan) if filters.plan is not None else None
    return sort_units(unit_figures(Scope(plan, today())), filters.sort)
