"""The dashboards' charts: tasks by likelihood of delivery, ratings per cycle, the on-time rate per
unit, a unit's trend; drawn with the chart kit from figures already computed, each bar leading to the
records it counts."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from taskbook.charts import bars
from taskbook.charts.colours import BLUE, INK, MUTED, RAG_COLOURS
from taskbook.charts.legend import colour_legend
from taskbook.charts.svg import Markup
from taskbook.dashboards.figures import (
    RATINGS,
    TaskState,
    UnitFigures,
    rating_counts,
    ratings_by_cycle,
    sort_units,
)
from taskbook.dashboards.links import plan_key, url
from taskbook.plans.models import Plan
from taskbook.reporting.models import Rating

UNIT_BARS = 40  # units drawn in the on-time chart; the league table has them all


def rating_label(value: str) -> str:
    return str(Rating(value).label) if value else _("not rated")


def _rating_rows() -> list[tuple[str, str, str]]:
    return [(r, rating_label(r), RAG_COLOURS[r]) for r in RATINGS]


def rating_legend() -> Markup:
    return colour_legend([(label, colour) for _value, label, colour in _rating_rows()])


def rating_chart(plan: Plan, states: list[TaskState]) -> Markup:
    """Tasks by their latest rating, each bar leading to its tasks."""
    counts = rating_counts(states)
    total = len(states) or 1
    rows = [
        bars.Bar(
            label=label,
            value=counts[value],
            href=url("dashboards:tasks", plan=plan.pk, rating=value or "none"),
            colour=colour,
            title=_("%(label)s: %(n)s of %(total)s tasks (%(pct)s%%)")
            % {
                "label": label,
                "n": counts[value],
                "total": len(states),
                "pct": round(100 * counts[value] / total),
            },
        )
        for value, label, colour in _rating_rows()
    ]
    return bars.vertical_bars(rows, label=_("Tasks by likelihood of delivery"))


def history_chart(plan: Plan, cycles: list, tasks: int) -> Markup | None:
    """The ratings of each opened cycle, stacked; None before any cycle."""
    stacks = []
    for cycle, counts in ratings_by_cycle(plan, cycles, tasks):
        segments = [
            bars.Segment(
                key=value,
                value=counts[value],
                href=url("dashboards:tasks", plan=plan.pk, cycle=cycle.pk, rating=value or "none"),
                title=_("%(cycle)s · %(label)s: %(n)s tasks")
                % {"cycle": cycle.label, "label": label, "n": counts[value]},
            )
            for value, label, _colour in _rating_rows()
        ]
        stacks.append(bars.Stack(label=cycle.label, segments=segments))
    if not stacks:
        return None
    return bars.stacked_bars(stacks, label=_("Ratings per cycle"), colours=RAG_COLOURS)


def on_time_chart(plan: Plan | None, units: list[UnitFigures]) -> dict[str, Markup] | None:
    """The on-time rate of the UNIT_BARS worst units with reports due, each bar leading to the unit's
    reports; None when no report is due yet."""
    rows = sort_units([u for u in units if u.due], "-on_time")[:UNIT_BARS]  # worst first
    if not rows:
        return None
    rates = [
        bars.Bar(
            label=u.unit.display_name,
            value=u.on_time_rate,
            href=url("dashboards:reports", plan=plan_key(plan), unit=u.unit.pk, which="due"),
            colour=rate_colour(u.on_time_rate),
            title=_("%(unit)s: %(n)s of %(due)s reports on time")
            % {"unit": u.unit.display_name, "n": u.on_time, "due": u.due},
        )
        for u in rows
    ]
    title = _("On-time reporting rate per unit")
    # Two drawings of one chart: labels beside the bars on a desk, above them on a phone.
    return {
        "wide": bars.horizontal_bars(rates, label=title, width=880, label_units=48),
        "narrow": bars.horizontal_bars(rates, label=title, width=340, narrow=True),
    }


def rate_colour(value: float | None) -> str:
    """Blue, darker as the rate falls below four in five: not the rating colours, which mean
    likelihood of delivery."""
    if value is None or value >= 80:
        return BLUE
    return MUTED if value >= 50 else INK


def trend_sparkline(trend: Sequence[float | None]) -> Markup | str:
    """A unit's on-time rate in the last cycles; nothing when it had no report due in any of them."""
    if all(v is None for v in trend):
        return ""
    return bars.sparkline(trend, label=_("On-time rate in the last cycles"))
