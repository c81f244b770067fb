"""A target's chart: its trajectory, its actual values and their forecast, drawn with the chart kit.

Pure layout, no query: it takes what `trajectory.facts` gathered. The same markup goes into a page, a
dashboard and a WeasyPrint PDF, so every colour, dash and font is an explicit attribute (no CSS, no
CSS variables); the kit escapes the text from documents and users (the target's text, a value's
source).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from taskbook.charts import colours
from taskbook.charts.axes import DateScale, ValueScale, nice_ticks, value_axis, year_axis
from taskbook.charts.legend import Key, Sample, legend_row, legend_svg
from taskbook.charts.svg import (
    Markup,
    circle,
    diamond,
    document,
    join,
    polyline,
    rect,
    tag,
    text,
    text_width,
    tooltip,
)
from taskbook.targets.forecast import TREND, Forecast, Point
from taskbook.targets.formatting import display_places, number, target_label, verdict, with_unit

PLAN = colours.BLUE  # the trajectory
ACTUAL = colours.INK
REVISED = colours.AMBER
TARGET = colours.AMBER
MET = colours.MET
MISSED = colours.MISSED
WHITE = colours.WHITE
COMPACT_BELOW = 420  # narrower charts drop the legend and the quarter ticks
PLAN_DASH, FORECAST_DASH = "6 4", "1 4"


# -- layout -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """Where the plot sits in the SVG: dates across, values up."""

    dates: DateScale
    values: ValueScale

    def x(self, day: datetime.date) -> float:
        return self.dates.x(day)

    def y(self, value: Decimal | float) -> float:
        return self.values.y(value)


def _frame(
    target: Any,
    trajectory: Sequence[tuple[datetime.date, Decimal]],
    points: Sequence[Point],
    result: Forecast | None,
    due: datetime.date | None,
    width: int,
    height: int,
    compact: bool,
) -> Frame:
    plan = target.task.plan
    dates = [d for d, _v in trajectory] + [p.date for p in points]
    dates += [d for d in (plan.period_start, plan.period_end, due) if d]
    if not dates:
        year = datetime.date.today().year
        dates = [datetime.date(year, 1, 1), datetime.date(year, 12, 31)]
    first, last = min(dates), max(dates)
    if (last - first).days < 90:
        first, last = first - datetime.timedelta(days=45), last + datetime.timedelta(days=45)
    pad = datetime.timedelta(days=max(10, round((last - first).days * 0.03)))
    values: list[float] = [float(v) for _d, v in trajectory] + [float(p.value) for p in points]
    values.append(float(target.value))
    if result is not None and result.projected is not None:
        values.append(float(result.projected))
        if result.start is not None:
            values.append(float(result.start[1]))
    low, high = min(values), max(values)
    if low >= 0 and low < 0.35 * high:
        low = 0.0  # values near zero: start the axis at zero rather than just below them
    ticks = nice_ticks(low, high, most=5 if compact else 6)
    label_w = 8 + 7 * max(len(number(Decimal(repr(v)), ticks.decimals)) for v in ticks.values)
    top, bottom = (18, height - 20) if compact else (30, height - 48)
    return Frame(
        dates=DateScale(
            first - pad, last + pad, left=max(34, label_w), right=width - (12 if compact else 22)
        ),
        values=ValueScale(ticks, top=top, bottom=bottom),
    )


def _words(x: float, y: float, content: str, *, anchor: str = "start", **attrs: Any) -> Markup:
    """The chart's ordinary text: small and grey unless told otherwise."""
    return text(x, y, content, **{"size": 11, "fill": colours.MUTED, "anchor": anchor, **attrs})


def _axes(frame: Frame, unit: str, compact: bool) -> list[Markup]:
    decimals = frame.values.ticks.decimals
    out = value_axis(
        frame.values, frame.dates.left, frame.dates.right, lambda v: number(Decimal(repr(v)), decimals)
    )
    if unit:
        y = frame.values.top - (14 if frame.values.top >= 30 else 9)
        out.append(_words(frame.dates.left - 6, y, unit, anchor="end" if len(unit) < 4 else "start"))
    out += year_axis(frame.dates, frame.values.top, frame.values.bottom, quarters=not compact)
    return out


def _line(points: Sequence[tuple[float, float]], stroke: str, dash: str = "", width: float = 2) -> Markup:
    return polyline(
        points,
        stroke=stroke,
        stroke_width=width,
        stroke_linejoin="round",
        stroke_linecap="round",
        stroke_dasharray=dash,
    )


def _target_mark(x: float, y: float, r: float) -> Markup:
    return diamond(x, y, r, fill=TARGET, stroke=WHITE, stroke_width=1)


def _dot(x: float, y: float, point: Point, tip: str, r: float) -> Markup:
    ring = circle(x, y, r + 3, fill="none", stroke=REVISED, stroke_width=1.5) if point.revised else ""
    fill = WHITE if point.provisional else ACTUAL
    return tooltip(tip, ring, circle(x, y, r, fill=fill, stroke=ACTUAL, stroke_width=1.5))


def _actual_tip(point: Point, unit: str) -> str:
    flags = []
    if point.provisional:
        flags.append(_("provisional"))
    if point.revised:
        flags.append(_("revised"))
    words = _("Actual %(date)s: %(value)s") % {
        "date": point.date.isoformat(),
        "value": with_unit(point.value, unit),
    }
    if flags:
        words += f" ({', '.join(flags)})"
    if point.source:
        words += " · " + _("source: %(source)s") % {"source": point.source}
    return words


def _label(x: float, y: float, content: str, *, size: int, fill: str) -> Markup:
    """Bold text ending at x, on a pale backing so the lines under it do not hide it."""
    w = text_width(content, size) * 1.08 + 6
    return tag(
        "g",
        rect(x - w + 3, y - size, w, size + 4, rx=2, fill=WHITE, fill_opacity=0.85),
        _words(x, y, content, size=size, fill=fill, anchor="end", weight="700"),
    )


# -- the legend ---------------------------------------------------------------------------------


def _stroke(colour: str, dash: str = "", width: float = 2) -> Sample:
    def sample(x: float, y: float) -> Markup:
        return _line([(x, y), (x + 22, y)], colour, dash, width)

    return sample


def _actual_sample(x: float, y: float) -> Markup:
    return join([_stroke(ACTUAL)(x, y), circle(x + 11, y, 3.5, fill=ACTUAL)])


def _provisional_sample(x: float, y: float) -> Markup:
    return circle(x + 5, y, 3.5, fill=WHITE, stroke=ACTUAL, stroke_width=1.5)


def _revised_sample(x: float, y: float) -> Markup:
    return join(
        [
            circle(x + 7, y, 6.5, fill="none", stroke=REVISED, stroke_width=1.5),
            circle(x + 7, y, 3.5, fill=ACTUAL),
        ]
    )


def _target_sample(x: float, y: float) -> Markup:
    return _target_mark(x + 6, y, 5.5)


def _keys(has: dict[str, bool]) -> list[Key]:
    """The legend's keys: only the marks named in `has`, and the target, which every chart has."""
    keys = []
    if has.get("trajectory"):
        keys.append(Key(_("planned"), _stroke(PLAN, PLAN_DASH)))
    if has.get("actual"):
        keys.append(Key(_("actual"), _actual_sample))
    if has.get("provisional"):
        keys.append(Key(_("provisional"), _provisional_sample, width=10))
    if has.get("revised"):
        keys.append(Key(_("revised"), _revised_sample, width=14))
    if has.get("met") and has.get("missed"):
        keys.append(Key(_("forecast: met"), _stroke(MET, FORECAST_DASH, 2.5)))
        keys.append(Key(_("forecast: missed"), _stroke(MISSED, FORECAST_DASH, 2.5)))
    elif has.get("met") or has.get("missed"):
        keys.append(Key(_("forecast"), _stroke(MET if has.get("met") else MISSED, FORECAST_DASH, 2.5)))
    keys.append(Key(_("target"), _target_sample, width=12))
    return keys


def chart_legend_svg(*, language: str | None = None) -> Markup:
    """The legend of every mark the charts use, on its own: for pages of small charts, which have none."""
    with translation.override(language) if language else nullcontext():
        every = dict.fromkeys(("trajectory", "actual", "provisional", "revised", "met", "missed"), True)
        return legend_svg(_keys(every), label=_("Legend of the target charts"))


# -- the chart ----------------------------------------------------------------------------------


def describe(
    target: Any,
    trajectory: Sequence[tuple[datetime.date, Decimal]],
    points: Sequence[Point],
    result: Forecast | None,
    due: datetime.date | None,
) -> str:
    """The chart in words, for screen readers (the SVG's <desc>) and for anyone who cannot see it."""
    unit = target.unit_of_measure
    parts = [
        _("Target: %(sign)s %(value)s by %(date)s.")
        % {
            "sign": target.sign,
            "value": with_unit(target.value, unit),
            "date": due.isoformat() if due else "—",
        }
    ]
    if trajectory:
        parts.append(
            _("Planned from %(v0)s on %(d0)s to %(v1)s on %(d1)s.")
            % {
                "v0": with_unit(trajectory[0][1], unit),
                "d0": trajectory[0][0].isoformat(),
                "v1": with_unit(trajectory[-1][1], unit),
                "d1": trajectory[-1][0].isoformat(),
            }
        )
    if points:
        last = points[-1]
        parts.append(
            _("%(n)s actual values; the latest %(value)s on %(date)s.")
            % {"n": len(points), "value": with_unit(last.value, unit), "date": last.date.isoformat()}
        )
    else:
        parts.append(_("No actual values yet."))
    if result is not None:
        parts.append(verdict(result, unit))
    return " ".join(parts)


def target_chart_svg(
    target: Any,
    trajectory: Sequence[tuple[datetime.date, Decimal]],
    actuals: Sequence[Point],
    forecast: Forecast | None,
    *,
    width: int = 640,
    height: int = 280,
    language: str | None = None,
) -> Markup:
    """The chart of one target as SVG markup, safe to put in a page or a PDF.

    `trajectory`: the planned line, (date, value) in date order (`trajectory.planned_line`, baseline
    first); `actuals`: the latest value per date (`forecast.latest_per_date`); `forecast`: the result of
    `forecast.forecast`, or None. `target.task.plan` must be selected (its period spans the x axis).
    `language` sets the language of the chart's words (the current one when None)."""
    with translation.override(language) if language else nullcontext():
        return _chart(target, list(trajectory), list(actuals), forecast, width, height)


def _planned(
    frame: Frame, trajectory: list[tuple[datetime.date, Decimal]], unit: str, r: float
) -> list[Markup]:
    """The trajectory: a dashed line through its points, each with its value as a tooltip."""
    coords = [(frame.x(d), frame.y(v)) for d, v in trajectory]
    out = [_line(coords, PLAN, PLAN_DASH)]
    for (d, v), (x, y) in zip(trajectory, coords, strict=True):
        tip = _("Planned %(date)s: %(value)s") % {"date": d.isoformat(), "value": with_unit(v, unit)}
        out.append(tooltip(tip, circle(x, y, r - 1, fill=PLAN)))
    return out


def _forecast(
    frame: Frame, result: Forecast, target: Any, unit: str, r: float, compact: bool
) -> list[Markup]:
    """The trend from the last value to the target date, green when it meets the target, red when not."""
    assert result.start is not None and result.projected is not None
    places = display_places(target.value)
    colour = MET if result.met else MISSED
    x0, y0 = frame.x(result.start[0]), frame.y(result.start[1])
    x1, y1 = frame.x(result.target_date), frame.y(result.projected)
    tip = _("Forecast for %(date)s: %(value)s") % {
        "date": result.target_date.isoformat(),
        "value": with_unit(result.projected, unit, places),
    }
    out = [
        _line([(x0, y0), (x1, y1)], colour, FORECAST_DASH, 2.5),
        tooltip(tip, circle(x1, y1, r, fill=WHITE, stroke=colour, stroke_width=2)),
    ]
    if not compact:
        below = result.projected < target.value
        out.append(
            _label(x1 - 8, y1 + (16 if below else -9), number(result.projected, places), size=11, fill=colour)
        )
    return out


def _chart(
    target: Any,
    trajectory: list[tuple[datetime.date, Decimal]],
    points: list[Point],
    result: Forecast | None,
    width: int,
    height: int,
) -> Markup:
    compact = width < COMPACT_BELOW
    unit = target.unit_of_measure or ""
    due = result.target_date if result is not None else None
    if due is None:
        due = datetime.date(target.year, 12, 31) if target.year else target.task.plan.period_end
    frame = _frame(target, trajectory, points, result, due, width, height, compact)
    body: list[Markup] = [rect(0, 0, width, height, fill=WHITE), *_axes(frame, unit, compact)]
    dot_r = 3 if compact else 4
    if trajectory:
        body += _planned(frame, trajectory, unit, dot_r)
    trend = (
        result is not None and result.method == TREND and bool(result.start) and result.projected is not None
    )
    if trend:
        assert result is not None
        body += _forecast(frame, result, target, unit, dot_r, compact)
    if points:
        coords = [(frame.x(p.date), frame.y(p.value)) for p in points]
        if len(coords) > 1:
            body.append(_line(coords, ACTUAL))
        body += [_dot(x, y, p, _actual_tip(p, unit), dot_r) for p, (x, y) in zip(points, coords, strict=True)]
    # The target: a diamond at its value and date, with its value beside it.
    if due is not None:
        tx, ty = frame.x(due), frame.y(target.value)
        label = target_label(target)
        tip = _("Target %(label)s by %(date)s") % {"label": label, "date": due.isoformat()}
        body.append(tooltip(tip, _target_mark(tx, ty, 5 if compact else 6.5)))
        above = not (result is not None and result.projected is not None and result.projected > target.value)
        body.append(
            _label(tx - 9, ty + (-9 if above else 17), label, size=10 if compact else 11, fill=TARGET)
        )
    if not trajectory and not points:
        middle = (
            round((frame.dates.left + frame.dates.right) / 2, 1),
            round((frame.values.top + frame.values.bottom) / 2, 1),
        )
        body.append(_words(*middle, _("No trajectory or actual values yet"), anchor="middle"))
    if not compact:
        met = trend and bool(result and result.met)
        has = {
            "trajectory": bool(trajectory),
            "actual": bool(points),
            "provisional": any(p.provisional for p in points),
            "revised": any(p.revised for p in points),
            "met": met,
            "missed": trend and not met,
        }
        body += legend_row(_keys(has), frame.dates.left, height - 12)[0]
    return document(
        join(body),
        width=width,
        height=height,
        label=_("Target: %(text)s") % {"text": target.text},
        description=describe(target, trajectory, points, result, due),
        ident=f"tc{target.pk or 0}-{width}x{height}",
        css="target-chart",
    )
