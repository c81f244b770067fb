"""Scales and axes: round tick values, dates and values mapped onto the plot, gridlines, a value axis
and a year axis.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from taskbook.charts import colours
from taskbook.charts.svg import Markup, line, text

# -- round values -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ticks:
    values: list[float]
    decimals: int  # the decimals every label needs

    @property
    def low(self) -> float:
        return self.values[0]

    @property
    def high(self) -> float:
        return self.values[-1]


NICE = (1.0, 2.0, 2.5, 5.0)


def _nice_steps(raw: float) -> Iterator[tuple[float, int]]:
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


# -- scales -------------------------------------------------------------------------------------


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month `months` after `day`'s month."""
    years, month0 = divmod(day.month - 1 + months, 12)
    return datetime.date(day.year + years, month0 + 1, 1)


@dataclass(frozen=True)
class DateScale:
    """Days onto x: `start` at `left`, `end` at `right`; with `clamp`, a day outside stays at the
    edge. Days, not months, set the scale, so a length on it is a true duration."""

    start: datetime.date
    end: datetime.date
    left: float
    right: float
    clamp: bool = False

    @property
    def width(self) -> float:
        return round(self.right - self.left, 1)

    def x(self, day: datetime.date) -> float:
        span = (self.end - self.start).days or 1
        days = (day - self.start).days
        if self.clamp:
            days = min(max(days, 0), span)
        return round(self.left + (self.right - self.left) * days / span, 1)

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day < self.end

    def months(self) -> list[datetime.date]:
        """The first day of every month that begins in the scale, from `start`'s month."""
        out, day = [], month_start(self.start)
        while day < self.end:
            out.append(day)
            day = add_months(day, 1)
        return out

    def years(self) -> Iterator[tuple[int, datetime.date, datetime.date]]:
        """Each year the scale touches, with the part of it inside the scale."""
        for year in range(self.start.year, self.end.year + 1):
            yield year, max(self.start, datetime.date(year, 1, 1)), min(self.end, datetime.date(year, 12, 31))


@dataclass(frozen=True)
class ValueScale:
    """Values onto y: the lowest tick at `bottom`, the highest at `top`."""

    ticks: Ticks
    top: float
    bottom: float

    def y(self, value: Decimal | float) -> float:
        span = (self.ticks.high - self.ticks.low) or 1.0
        share = (float(value) - self.ticks.low) / span
        return round(self.bottom - (self.bottom - self.top) * share, 1)


# -- axes ---------------------------------------------------------------------------------------


def gridlines(at: Iterable[float], start: float, end: float, *, across: bool, **attrs: Any) -> list[Markup]:
    """A line at each position: across the plot (horizontal, from x `start` to `end`) at each y, or
    up it (vertical, from y `start` to `end`) at each x."""
    if across:
        return [line(start, pos, end, pos, **attrs) for pos in at]
    return [line(pos, start, pos, end, **attrs) for pos in at]


def value_axis(
    scale: ValueScale, left: float, right: float, label: Callable[[float], str], *, size: int = 11
) -> list[Markup]:
    """A gridline at each tick across the plot, with its value (`label`) in the margin on the left."""
    ys = [scale.y(v) for v in scale.ticks.values]
    out = gridlines(ys, left, right, across=True, stroke=colours.GRID, stroke_width=1)
    out += [
        text(left - 6, y + 4, label(v), size=size, fill=colours.MUTED, anchor="end")
        for v, y in zip(scale.ticks.values, ys, strict=True)
    ]
    return out


def year_axis(scale: DateScale, top: float, bottom: float, *, quarters: bool, size: int = 11) -> list[Markup]:
    """The x axis at `bottom`: a line at each new year up the plot, each year's number in the middle
    of its stretch (when it has room), and with `quarters` a tick at each quarter."""
    out = [line(scale.left, bottom, scale.right, bottom, stroke=colours.AXIS, stroke_width=1)]
    for year, first, last in scale.years():
        new_year = datetime.date(year, 1, 1)
        if new_year > scale.start:
            x = scale.x(new_year)
            out.append(line(x, top, x, bottom + 5, stroke=colours.GRID, stroke_width=1))
        if (last - first).days >= 120:
            middle = round((scale.x(first) + scale.x(last)) / 2, 1)
            out.append(text(middle, bottom + 16, str(year), size=size, fill=colours.MUTED, anchor="middle"))
        if quarters:
            for month in (4, 7, 10):
                quarter = datetime.date(year, month, 1)
                if scale.start < quarter < scale.end:
                    x = scale.x(quarter)
                    out.append(line(x, bottom, x, bottom + 3, stroke=colours.AXIS, stroke_width=1))
    return out
