"""A target's chart: its trajectory, its actual values and their forecast, drawn as SVG on the server.

Pure layout, no query: it takes what `trajectory.facts` gathered. The same markup goes into a page, a
dashboard and a WeasyPrint PDF, so every colour, dash and font is an explicit attribute (no CSS, no
CSS variables). Text from documents and users (the target's text, a value's source) goes through
`format_html`, which escapes it.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from taskbook.targets.forecast import Forecast, Point
from taskbook.targets.formatting import display_places, number, target_label, verdict, with_unit

FONT = "Noto Sans CJK SC, Noto Sans, sans-serif"
INK = "#1d2430"
MUTED = "#5b6575"
GRID = "#e3e7ee"
AXIS = "#9aa3b2"
PLAN = "#1f4e9c"  # the trajectory
ACTUAL = INK
REVISED = "#b26a00"
TARGET = "#b26a00"
MET = "#2e7d32"
MISSED = "#b3261e"
COMPACT_BELOW = 420  # narrower charts drop the legend and the quarter ticks


@dataclass(frozen=True)
class Ticks:
    values: list[float]
    decimals: int

    @property
    def low(self) -> float:
        return self.values[0]

    @property
    def high(self) -> float:
        return self.values[-1]


NICE = (1.0, 2.0, 2.5, 5.0)


def _nice_steps(raw: float) -> Iterable[tuple[float, int]]:
    """Nice step sizes from about `raw` upwards, each with the decimals its labels need."""
    power = math.floor(math.log10(raw)) - 1
    while True:
        for m in NICE:
            step = m * 10.0**power
            decimals = max(0, -power) + (1 if m == 2.5 else 0)
            yield step, decimals
        power += 1


def nice_ticks(low: float, high: float, most: int = 6) -> Ticks:
    """4 to `most` (6 at most) round values that cover [low, high], in steps of 1, 2, 2.5 or 5 times a
    power of ten: the finest such steps that need no more than `most` values."""
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    for step, decimals in _nice_steps((high - low) / 100):
        first = math.floor(low / step + 1e-9) * step
        last = math.ceil(high / step - 1e-9) * step
        n = round((last - first) / step) + 1
        if n <= most:
            values = [round(first + i * step, decimals + 2) for i in range(n)]
            while len(values) < 4:  # too few lines to read a value off: add one above
                values.append(round(values[-1] + step, decimals + 2))
            return Ticks(values=values, decimals=decimals)
    raise AssertionError("unreachable")  # pragma: no cover - the steps grow until n <= most


# -- layout -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """Where the plot sits in the SVG, and the domains it maps."""

    left: float
    top: float
    right: float
    bottom: float
    first: datetime.date
    last: datetime.date
    ticks: Ticks

    def x(self, day: datetime.date) -> float:
        span = (self.last - self.first).days or 1
        return round(self.left + (self.right - self.left) * (day - self.first).days / span, 1)

    def y(self, value: Decimal | float) -> float:
        span = (self.ticks.high - self.ticks.low) or 1.0
        share = (float(value) - self.ticks.low) / span
        return round(self.bottom - (self.bottom - self.top) * share, 1)


def _join(parts: Iterable[SafeString]) -> SafeString:
    # Each part comes from format_html, so it is escaped already; joining keeps it safe.
    return format_html_join("", "{}", ((p,) for p in parts))


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: int = 11,
    fill: str = MUTED,
    anchor: str = "start",
    weight: str = "",
) -> SafeString:
    bold = format_html(' font-weight="{}"', weight) if weight else ""
    return format_html(
        '<text x="{}" y="{}" font-size="{}" fill="{}" text-anchor="{}"{}>{}</text>',
        x,
        y,
        size,
        fill,
        anchor,
        bold,
        text,
    )


def _polyline(
    points: Sequence[tuple[float, float]], stroke: str, dash: str = "", width: float = 2
) -> SafeString:
    coords = " ".join(f"{x},{y}" for x, y in points)
    dashes = format_html(' stroke-dasharray="{}"', dash) if dash else ""
    return format_html(
        '<polyline points="{}" fill="none" stroke="{}" stroke-width="{}" stroke-linejoin="round"'
        ' stroke-linecap="round"{}/>',
        coords,
        stroke,
        width,
        dashes,
    )


def _dates_of(
    trajectory: Sequence[tuple[datetime.date, Decimal]], points: Sequence[Point]
) -> list[datetime.date]:
    return [d for d, _v in trajectory] + [p.date for p in points]


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
    dates = _dates_of(trajectory, points) + [d for d in (plan.period_start, plan.period_end, due) if d]
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
    return Frame(
        left=max(34, label_w),
        top=30 if not compact else 18,
        right=width - (22 if not compact else 12),
        bottom=height - (48 if not compact else 20),
        first=first - pad,
        last=last + pad,
        ticks=ticks,
    )


def _axes(frame: Frame, unit: str, compact: bool) -> list[SafeString]:
    out = []
    for value in frame.ticks.values:
        y = frame.y(value)
        out.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>',
                frame.left,
                y,
                frame.right,
                y,
                GRID,
            )
        )
        out.append(
            _text(frame.left - 6, y + 4, number(Decimal(repr(value)), frame.ticks.decimals), anchor="end")
        )
    if unit:
        out.append(
            _text(
                frame.left - 6,
                frame.top - (14 if frame.top >= 30 else 9),
                unit,
                anchor="end" if len(unit) < 4 else "start",
            )
        )
    out.append(
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>',
            frame.left,
            frame.bottom,
            frame.right,
            frame.bottom,
            AXIS,
        )
    )
    # Years: a line at each new year, the year's number in the middle of its stretch.
    for year in range(frame.first.year, frame.last.year + 1):
        start = max(frame.first, datetime.date(year, 1, 1))
        end = min(frame.last, datetime.date(year, 12, 31))
        if datetime.date(year, 1, 1) > frame.first:
            x = frame.x(datetime.date(year, 1, 1))
            out.append(
                format_html(
                    '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>',
                    x,
                    frame.top,
                    x,
                    frame.bottom + 5,
                    GRID,
                )
            )
        if (end - start).days >= 120:
            out.append(
                _text(
                    round((frame.x(start) + frame.x(end)) / 2, 1),
                    frame.bottom + 16,
                    str(year),
                    anchor="middle",
                )
            )
        if not compact:
            for month in (4, 7, 10):
                quarter = datetime.date(year, month, 1)
                if frame.first < quarter < frame.last:
                    x = frame.x(quarter)
                    out.append(
                        format_html(
                            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>',
                            x,
                            frame.bottom,
                            x,
                            frame.bottom + 3,
                            AXIS,
                        )
                    )
    return out


def _diamond(x: float, y: float, r: float, fill: str) -> SafeString:
    return format_html(
        '<path d="M{} {}L{} {}L{} {}L{} {}Z" fill="{}" stroke="#ffffff" stroke-width="1"/>',
        x,
        round(y - r, 1),
        round(x + r, 1),
        y,
        x,
        round(y + r, 1),
        round(x - r, 1),
        y,
        fill,
    )


def _dot(x: float, y: float, point: Point, tip: str, r: float) -> SafeString:
    ring = (
        format_html(
            '<circle cx="{}" cy="{}" r="{}" fill="none" stroke="{}" stroke-width="1.5"/>',
            x,
            y,
            r + 3,
            REVISED,
        )
        if point.revised
        else ""
    )
    fill = "#ffffff" if point.provisional else ACTUAL
    return format_html(
        '<g><title>{}</title>{}<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{}" stroke-width="1.5"/></g>',
        tip,
        ring,
        x,
        y,
        r,
        fill,
        ACTUAL,
    )


def _actual_tip(point: Point, unit: str) -> str:
    flags = []
    if point.provisional:
        flags.append(_("provisional"))
    if point.revised:
        flags.append(_("revised"))
    text = _("Actual %(date)s: %(value)s") % {
        "date": point.date.isoformat(),
        "value": with_unit(point.value, unit),
    }
    if flags:
        text += f" ({', '.join(flags)})"
    if point.source:
        text += " · " + _("source: %(source)s") % {"source": point.source}
    return text


def _legend(x: float, y: float, has: dict[str, bool]) -> tuple[list[SafeString], float]:
    """A row of samples from (x, y): only the marks named in `has`; and where the row ends."""
    out: list[SafeString] = []

    def item(sample: SafeString, label: str, sample_w: float = 22) -> None:
        nonlocal x
        out.append(sample)
        out.append(_text(x + sample_w + 4, y + 4, label, size=11))
        x += sample_w + 14 + _text_width(label, 11)

    def line(colour: str, dash: str = "", width: float = 2) -> SafeString:
        return _polyline([(x, y), (x + 22, y)], colour, dash, width)

    if has.get("trajectory"):
        item(line(PLAN, "6 4"), _("planned"))
    if has.get("actual"):
        item(
            format_html(
                '<g>{}<circle cx="{}" cy="{}" r="3.5" fill="{}"/></g>', line(ACTUAL), x + 11, y, ACTUAL
            ),
            _("actual"),
        )
    if has.get("provisional"):
        item(
            format_html(
                '<circle cx="{}" cy="{}" r="3.5" fill="#ffffff" stroke="{}" stroke-width="1.5"/>',
                x + 5,
                y,
                ACTUAL,
            ),
            _("provisional"),
            sample_w=10,
        )
    if has.get("revised"):
        item(
            format_html(
                '<g><circle cx="{}" cy="{}" r="6.5" fill="none" stroke="{}" stroke-width="1.5"/>'
                '<circle cx="{}" cy="{}" r="3.5" fill="{}"/></g>',
                x + 7,
                y,
                REVISED,
                x + 7,
                y,
                ACTUAL,
            ),
            _("revised"),
            sample_w=14,
        )
    if has.get("met") and has.get("missed"):
        item(line(MET, "1 4", 2.5), _("forecast: met"))
        item(line(MISSED, "1 4", 2.5), _("forecast: missed"))
    elif has.get("met") or has.get("missed"):
        item(line(MET if has.get("met") else MISSED, "1 4", 2.5), _("forecast"))
    item(_diamond(x + 6, y, 5.5, TARGET), _("target"), sample_w=12)
    return out, x


def chart_legend_svg(*, language: str | None = None) -> SafeString:
    """The legend of every mark the charts use, on its own: for pages of small charts, which have none."""
    with translation.override(language) if language else nullcontext():
        items, end = _legend(
            4,
            12,
            {
                "trajectory": True,
                "actual": True,
                "provisional": True,
                "revised": True,
                "met": True,
                "missed": True,
            },
        )
        width = round(end)
        return format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="24" viewBox="0 0 {w} 24"'
            ' font-family="{font}" role="img" aria-label="{label}">{body}</svg>',
            w=width,
            font=FONT,
            label=_("Legend of the target charts"),
            body=_join(items),
        )


def _label(x: float, y: float, text: str, *, size: int, fill: str) -> SafeString:
    """Bold text ending at x, on a pale backing so the lines under it do not hide it."""
    w = _text_width(text, size) * 1.08 + 6
    return format_html(
        '<g><rect x="{}" y="{}" width="{}" height="{}" rx="2" fill="#ffffff" fill-opacity="0.85"/>{}</g>',
        round(x - w + 3, 1),
        round(y - size, 1),
        round(w, 1),
        size + 4,
        _text(x, y, text, size=size, fill=fill, anchor="end", weight="700"),
    )


def _text_width(text: str, size: int) -> float:
    """About how wide `text` is drawn: the server cannot measure, so a CJK character counts as one em."""
    return sum(size if ord(c) > 0x2E80 else size * 0.56 for c in text)


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


# -- the chart ----------------------------------------------------------------------------------


def target_chart_svg(
    target: Any,
    trajectory: Sequence[tuple[datetime.date, Decimal]],
    actuals: Sequence[Point],
    forecast: Forecast | None,
    *,
    width: int = 640,
    height: int = 280,
    language: str | None = None,
) -> SafeString:
    """The chart of one target as SVG markup, safe to put in a page or a PDF.

    `trajectory`: the planned line, (date, value) in date order (`trajectory.planned_line`, baseline
    first); `actuals`: the latest value per date (`forecast.latest_per_date`); `forecast`: the result of
    `forecast.forecast`, or None. `target.task.plan` must be selected (its period spans the x axis).
    `language` sets the language of the chart's words (the current one when None)."""
    with translation.override(language) if language else nullcontext():
        return _chart(target, list(trajectory), list(actuals), forecast, width, height)


def _chart(
    target: Any,
    trajectory: list[tuple[datetime.date, Decimal]],
    points: list[Point],
    result: Forecast | None,
    width: int,
    height: int,
) -> SafeString:
    compact = width < COMPACT_BELOW
    unit = target.unit_of_measure or ""
    places = display_places(target.value)
    due = result.target_date if result is not None else None
    if due is None:
        due = datetime.date(target.year, 12, 31) if target.year else target.task.plan.period_end
    frame = _frame(target, trajectory, points, result, due, width, height, compact)
    uid = f"tc{target.pk or 0}-{width}x{height}"
    body: list[SafeString] = [
        format_html('<rect x="0" y="0" width="{}" height="{}" fill="#ffffff"/>', width, height),
        *_axes(frame, unit, compact),
    ]
    dot_r = 3 if compact else 4
    if trajectory:
        coords = [(frame.x(d), frame.y(v)) for d, v in trajectory]
        body.append(_polyline(coords, PLAN, "6 4"))
        for (d, v), (x, y) in zip(trajectory, coords, strict=True):
            tip = _("Planned %(date)s: %(value)s") % {"date": d.isoformat(), "value": with_unit(v, unit)}
            body.append(
                format_html(
                    '<g><title>{}</title><circle cx="{}" cy="{}" r="{}" fill="{}"/></g>',
                    tip,
                    x,
                    y,
                    dot_r - 1,
                    PLAN,
                )
            )
    forecast_colour = MISSED
    forecast_drawn = False
    if result is not None and result.method == "trend" and result.start and result.projected is not None:
        forecast_drawn = True
        forecast_colour = MET if result.met else MISSED
        x0, y0 = frame.x(result.start[0]), frame.y(result.start[1])
        x1, y1 = frame.x(result.target_date), frame.y(result.projected)
        body.append(_polyline([(x0, y0), (x1, y1)], forecast_colour, "1 4", 2.5))
        tip = _("Forecast for %(date)s: %(value)s") % {
            "date": result.target_date.isoformat(),
            "value": with_unit(result.projected, unit, places),
        }
        body.append(
            format_html(
                "<g><title>{}</title>"
                '<circle cx="{}" cy="{}" r="{}" fill="#ffffff" stroke="{}" stroke-width="2"/></g>',
                tip,
                x1,
                y1,
                dot_r,
                forecast_colour,
            )
        )
        if not compact:
            below = result.projected < target.value
            body.append(
                _label(
                    x1 - 8,
                    y1 + (16 if below else -9),
                    number(result.projected, places),
                    size=11,
                    fill=forecast_colour,
                )
            )
    if points:
        coords = [(frame.x(p.date), frame.y(p.value)) for p in points]
        if len(coords) > 1:
            body.append(_polyline(coords, ACTUAL))
        body.extend(
            _dot(x, y, p, _actual_tip(p, unit), dot_r) for p, (x, y) in zip(points, coords, strict=True)
        )
    # The target: a diamond at its value and date, with its value beside it.
    if due is not None:
        tx, ty = frame.x(due), frame.y(target.value)
        label = target_label(target)
        body.append(
            format_html(
                "<g><title>{}</title>{}</g>",
                _("Target %(label)s by %(date)s") % {"label": label, "date": due.isoformat()},
                _diamond(tx, ty, 5 if compact else 6.5, TARGET),
            )
        )
        above = not (result is not None and result.projected is not None and result.projected > target.value)
        body.append(
            _label(tx - 9, ty + (-9 if above else 17), label, size=10 if compact else 11, fill=TARGET)
        )
    if not trajectory and not points:
        body.append(
            _text(
                round((frame.left + frame.right) / 2, 1),
                round((frame.top + frame.bottom) / 2, 1),
                _("No trajectory or actual values yet"),
                anchor="middle",
            )
        )
    if not compact:
        items, _end = _legend(
            frame.left,
            height - 12,
            {
                "trajectory": bool(trajectory),
                "actual": bool(points),
                "provisional": any(p.provisional for p in points),
                "revised": any(p.revised for p in points),
                "met": forecast_drawn and forecast_colour == MET,
                "missed": forecast_drawn and forecast_colour == MISSED,
            },
        )
        body.extend(items)
    title = _("Target: %(text)s") % {"text": target.text}
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}"'
        ' role="img" aria-labelledby="{uid}-t {uid}-d" font-family="{font}" class="target-chart">'
        '<title id="{uid}-t">{title}</title><desc id="{uid}-d">{desc}</desc>{body}</svg>',
        w=width,
        h=height,
        uid=uid,
        font=FONT,
        title=title,
        desc=describe(target, trajectory, points, result, due),
        body=_join(body),
    )
