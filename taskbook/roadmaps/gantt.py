"""The road map: measures and their milestones laid out as a Gantt chart, drawn as SVG on the server.

Pure layout. It takes measures already fetched (task, unit and responsible person selected, milestones
prefetched) and returns markup; it runs no query and reads no request, so a page, a print view and a
PDF export draw the same chart. It is drawn with the chart kit, which escapes every text from users:
a measure titled "<script>" is drawn as those characters.

Readable with hundreds of measures: each row has a fixed height and the chart only grows downwards.
A page shows it in four parts (`axis`, `labels`, `bars` beside the corner) so the axis and the label
column can stay in view while the timeline scrolls; print and export use `document()`, one SVG that
holds all four, and `pages()` cuts the rows into page-sized documents that each repeat the axis.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils.dates import MONTHS_3
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from taskbook.charts import colours as c
from taskbook.charts.axes import DateScale, add_months, month_start
from taskbook.charts.legend import html_legend
from taskbook.charts.svg import (
    Markup,
    clipped_text,
    diamond,
    document,
    join,
    line,
    link,
    num,
    rect,
    tag,
    text,
    title,
    tooltip,
)
from taskbook.roadmaps.style import STYLE
from taskbook.taskbooks.models import Measure, MeasureStatus

ROW_H = 22  # px per row, whatever the number of measures
HEADER_H = 40  # the time axis: years above, months below
LABEL_W = 420  # the label column: measure title, unit, responsible person
MIN_MONTH_W = 28.0  # below this the month numbers no longer fit
TARGET_W = 960.0  # a short period is stretched to about this width
# Label columns: x position and width in "units", where a Latin character counts 1 and a CJK one 2.
TITLE_X, TITLE_UNITS = 8, 30
UNIT_X, UNIT_UNITS = 204, 21
PERSON_X, PERSON_UNITS = 348, 11
HEADING_UNITS = 64
# Dropped from a unit's name in the narrow column (the tooltip keeps the full name): nearly every
# unit of a city's plan begins with them, so they tell the units apart least.
UNIT_PREFIXES = ("Municipal ", "Shenzhen ", "深圳市", "市")


# -- time scale ---------------------------------------------------------------------------------


class Scale(DateScale):
    """Whole months from `start` (a first day) to `end` (the first day after the last month), from 0
    to the chart's width; a day outside stays at the edge."""

    @classmethod
    def covering(cls, first: datetime.date, last: datetime.date) -> Scale:
        if last < first:
            first, last = last, first
        start = month_start(first)
        end = add_months(last, 1)
        months = (end.year - start.year) * 12 + end.month - start.month
        month_w = max(MIN_MONTH_W, TARGET_W / months)
        width = round((end - start).days * month_w * 12 / 365.2425, 1)
        return cls(start=start, end=end, left=0, right=width, clamp=True)


# -- rows ---------------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the chart: a task heading or a measure of that task."""

    kind: Literal["task", "measure"]
    task: Any
    measure: Any = None
    continued: bool = False  # a heading repeated at the top of a printed page
    measures: list[Any] = field(default_factory=list)  # a heading's measures, for its summary span


def build_rows(measures: Iterable[Any]) -> list[Row]:
    """Rows grouped by task, each task's heading first, measures in the order given."""
    headings: dict[int, Row] = {}
    for measure in measures:
        heading = headings.get(measure.task_id)
        if heading is None:
            heading = headings[measure.task_id] = Row("task", measure.task)
        heading.measures.append(measure)
    rows: list[Row] = []
    for heading in headings.values():
        rows.append(heading)
        rows.extend(Row("measure", heading.task, m) for m in heading.measures)
    return rows


def state_of(measure: Measure, today: datetime.date) -> str:
    """The class a bar is drawn with: its status, or "overdue" when it is late (`Measure.is_overdue`)."""
    return "overdue" if measure.is_overdue(today) else str(measure.status)


# -- text ---------------------------------------------------------------------------------------


def unit_label(unit: Any) -> str:
    """A unit's name for the narrow column: its short name, or its name without the city prefix."""
    if unit.short_name:
        return str(unit.short_name)
    name = str(unit.display_name)
    for prefix in UNIT_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            return name[len(prefix) :]
    return name


def _date(day: datetime.date | None) -> str:
    return day.isoformat() if day else "—"


def _summary(x1: float, x2: float, top: float, **attrs: str) -> Markup:
    """A task's span from its first start to its last due date: a bar with pointed ends, the usual
    mark of a summary row, unlike a measure's bar or its baseline."""
    left, right, bottom = num(x1), num(x2), num(top + 8)
    d = f"M{left} {num(top)}H{right}V{bottom}L{num(x2 - 4)} {num(top + 4)}H{num(x1 + 4)}L{left} {bottom}Z"
    return tag("path", css="span", d=d, **attrs)


def _row_rules(width: float, height: int) -> Markup:
    """A thin rule under every row, drawn once as a pattern rather than once per row."""
    rule = line(0, ROW_H - 0.5, 10, ROW_H - 0.5, stroke=c.ROW_RULE, stroke_width=1)
    pattern = tag("pattern", rule, id="g-rows", width=10, height=ROW_H, patternUnits="userSpaceOnUse")
    return join([tag("defs", pattern), rect(0, 0, width, height, fill="url(#g-rows)")])


# -- the chart ----------------------------------------------------------------------------------


@dataclass
class Gantt:
    """A laid-out road map; each method returns SVG markup that is safe to put in a page."""

    scale: Scale
    rows: list[Row]
    today: datetime.date
    task_href: Callable[[Any], str] | None = None  # where a task heading links to, if anywhere
    measure_href: Callable[[Any], str] | None = None  # and a measure's title
    plan_end: datetime.date | None = None  # the last day of the plan's period, if it has one

    @classmethod
    def build(
        cls,
        measures: Sequence[Any],
        *,
        first: datetime.date,
        last: datetime.date,
        today: datetime.date,
        task_href: Callable[[Any], str] | None = None,
        measure_href: Callable[[Any], str] | None = None,
        plan_end: datetime.date | None = None,
    ) -> Gantt:
        """Lay `measures` out on whole months from `first` to `last`, widened to hold every bar: work
        re-planned past `plan_end` widens the axis, and the plan's end is marked on it."""
        for m in measures:
            first = min(first, m.start_date, m.baseline_start or m.start_date)
            last = max(last, m.due_date, m.baseline_due or m.due_date)
        return cls(
            Scale.covering(first, last), build_rows(measures), today, task_href, measure_href, plan_end
        )

    @property
    def beyond_plan_end(self) -> bool:
        """Whether the chart runs past the plan's end (and so marks it)."""
        return self.plan_end is not None and self.scale.contains(self.plan_end + datetime.timedelta(days=1))

    @property
    def measure_count(self) -> int:
        return sum(1 for r in self.rows if r.kind == "measure")

    def height(self, rows: Sequence[Row] | None = None) -> int:
        return len(self.rows if rows is None else rows) * ROW_H

    # The four parts a page places side by side.

    def axis(self) -> Markup:
        return document(
            self._axis_content(),
            width=self.scale.width,
            height=HEADER_H,
            css="gantt-axis",
            style=STYLE,
            hidden=True,
        )

    def labels(self, rows: Sequence[Row] | None = None) -> Markup:
        rows = self.rows if rows is None else rows
        return document(
            self._labels_content(rows),
            width=LABEL_W,
            height=self.height(rows),
            css="gantt-labels",
            style=STYLE,
        )

    def bars(self, rows: Sequence[Row] | None = None) -> Markup:
        rows = self.rows if rows is None else rows
        label = _("Bars of %(n)s measures from %(start)s to %(end)s") % {
            "n": sum(1 for r in rows if r.kind == "measure"),
            "start": self.scale.start,
            "end": self.scale.end,
        }
        return document(
            self._bars_content(rows),
            width=self.scale.width,
            height=self.height(rows),
            label=label,
            css="gantt-bars",
            style=STYLE,
            titled=False,  # a tooltip over every gap between the bars would say nothing useful
        )

    # One SVG with everything: print pages, exports, tests.

    def document(self, rows: Sequence[Row] | None = None, *, fit: bool = False) -> Markup:
        """The whole chart (or `rows` of it) as one standalone SVG; `fit` scales it to its box."""
        rows = self.rows if rows is None else rows
        width = round(LABEL_W + self.scale.width, 1)
        body = join(
            [
                tag("g", self._axis_content(), transform=f"translate({LABEL_W} 0)"),
                tag("g", self._labels_content(rows), transform=f"translate(0 {HEADER_H})"),
                tag("g", self._bars_content(rows), transform=f"translate({LABEL_W} {HEADER_H})"),
                line(0, HEADER_H - 0.5, LABEL_W, HEADER_H - 0.5, css="g-axisline"),
            ]
        )
        return document(
            body,
            width=width,
            height=HEADER_H + self.height(rows),
            label=_("Road map"),
            css="gantt",
            style=STYLE,
            titled=False,
            fit=fit,
        )

    def pages(self, per_page: int = 32) -> list[Markup]:
        """Page-sized documents of at most `per_page` rows, each with the axis; a page that begins
        inside a task repeats that task's heading, marked as continued."""
        out: list[Markup] = []
        chunk: list[Row] = []
        headings = {row.task.pk: row for row in self.rows if row.kind == "task"}
        for row in self.rows:
            if len(chunk) >= per_page:
                out.append(self.document(chunk, fit=True))
                chunk = []
            if not chunk and row.kind == "measure":
                heading = headings[row.task.pk]
                chunk.append(Row("task", row.task, continued=True, measures=heading.measures))
            chunk.append(row)
        if chunk or not out:
            out.append(self.document(chunk, fit=True))
        return out

    def legend(self) -> Markup:
        """What the bars, lines and marks mean, as an HTML list beside the chart: drawn from the
        colours the chart's style sheet uses, since a sample outside the chart does not see it."""
        words = _Words()

        def bar(state: str, fill: str) -> tuple[Markup, str]:
            strike = line(1, 6, 25, 6, stroke=c.MUTED, stroke_width=1.5) if state == "cancelled" else ""
            sample = join([rect(1, 1, 24, 10, rx=2, fill=fill), strike])
            return document(sample, width=26, height=12, hidden=True), words.status(state)

        def mark(sample: Markup, width: int, height: int, meaning: str) -> tuple[Markup, str]:
            return document(sample, width=width, height=height, hidden=True), meaning

        entries = [
            bar("not_started", c.NOT_STARTED),
            bar("in_progress", c.IN_PROGRESS),
            bar("overdue", c.OVERDUE),
            bar("done", c.DONE),
            bar("cancelled", c.CANCELLED),
            mark(rect(1, 5, 24, 3, fill=c.BASELINE), 26, 12, _("approved baseline")),
            mark(diamond(6, 6, 5, fill=c.WHITE, stroke=c.INK, stroke_width=1.3), 12, 12, _("milestone")),
            mark(diamond(6, 6, 5, fill=c.INK, stroke=c.INK, stroke_width=1.3), 12, 12, _("milestone done")),
            mark(diamond(6, 6, 5, fill=c.WHITE, stroke=c.RED, stroke_width=2), 12, 12, _("milestone late")),
            mark(
                _summary(1, 29, 2, fill=c.MUTED), 30, 12, _("task, from its first start to its last due date")
            ),
            mark(
                line(5, 0, 5, 14, stroke=c.RED, stroke_width=1.5, stroke_dasharray="4 3"), 10, 14, _("today")
            ),
            (tag("span", words.slip % {"n": 12}, css="slip-sample"), _("days later than the baseline")),
        ]
        if self.beyond_plan_end:
            shade = rect(0, 0, 26, 14, fill=c.AMBER, fill_opacity=c.BEYOND_OPACITY)
            sample = join([shade, line(1, 0, 1, 14, stroke=c.AMBER, stroke_width=2)])
            entries.append(mark(sample, 26, 14, _("after the end of the plan's period")))
        return html_legend(entries, css="legend", label=_("Legend"))

    # Contents, each in its own coordinates.

    def _axis_content(self) -> Markup:
        scale, parts, words = self.scale, [], _Words()
        months = scale.months()
        month_w = scale.width / max(len(months), 1)
        for i, month in enumerate(months):
            x = scale.x(month)
            is_year = month.month == 1 or i == 0
            parts.append(line(x, 0 if is_year else 20, x, HEADER_H, css="g-year" if is_year else "g-month"))
            if is_year:
                parts.append(text(x + 4, 14, month.year, css="g-yl"))
            # Month names where they fit, numbers where they do not.
            name = capfirst(str(MONTHS_3[month.month])) if month_w >= 44 else str(month.month)
            parts.append(text(round((x + scale.x(add_months(month, 1))) / 2, 1), 33, name, css="g-ml"))
        if self.beyond_plan_end:
            assert self.plan_end is not None  # beyond_plan_end says so
            x = scale.x(self.plan_end + datetime.timedelta(days=1))
            parts.append(
                tooltip(
                    words.plan_end % {"date": self.plan_end.isoformat()},
                    line(x, 0, x, HEADER_H, css="plan-end"),
                    text(x - 4, 14, words.plan_ends, css="g-pe"),
                )
            )
        if scale.contains(self.today):
            x = scale.x(self.today)
            parts.append(
                tooltip(
                    _("Today: %(date)s") % {"date": self.today.isoformat()},
                    line(x, 18, x, HEADER_H, css="today"),
                    tag("path", css="today-mark", d=f"M{num(x)} {HEADER_H}l-5 -7h10z"),
                )
            )
        return join(parts)

    def _labels_content(self, rows: Sequence[Row]) -> Markup:
        words = _Words()
        parts = [_row_rules(LABEL_W, self.height(rows))]
        for i, row in enumerate(rows):
            y = i * ROW_H
            base = y + 15
            if row.kind == "task":
                if row.continued:
                    heading = words.continued % {"n": row.task.number}
                else:
                    heading = words.task % {"n": row.task.number, "title": row.task.title}
                label = clipped_text(TITLE_X, base, heading, HEADING_UNITS, full=str(row.task), css="g-head")
                if self.task_href is not None and not row.continued:
                    label = link(self.task_href(row.task), label)
                parts.append(rect(0, y, LABEL_W, ROW_H, css="g-band"))
                parts.append(label)
                continue
            m = row.measure
            person = m.responsible.name if m.responsible_id else ""
            full = " — ".join(p for p in (m.title, m.unit.display_name, str(m.responsible)) if p)
            title = clipped_text(TITLE_X, base, m.title, TITLE_UNITS, full=full, css="g-txt")
            if self.measure_href is not None:
                title = link(self.measure_href(m), title)
            parts.append(title)
            parts.append(clipped_text(UNIT_X, base, unit_label(m.unit), UNIT_UNITS, css="g-sub"))
            parts.append(clipped_text(PERSON_X, base, person, PERSON_UNITS, css="g-sub"))
        return join(parts)

    def _bars_content(self, rows: Sequence[Row]) -> Markup:
        scale, words = self.scale, _Words()
        w, h = scale.width, self.height(rows)
        parts = [_row_rules(w, h)]
        # Bands behind task headings, then the month grid, so bars are drawn over both.
        parts += [
            rect(0, i * ROW_H, w, ROW_H, css="g-band") for i, row in enumerate(rows) if row.kind == "task"
        ]
        for month in scale.months()[1:]:
            x = scale.x(month)
            parts.append(line(x, 0, x, h, css="g-year" if month.month == 1 else "g-month"))
        one_day = datetime.timedelta(days=1)
        if self.beyond_plan_end:
            assert self.plan_end is not None  # beyond_plan_end says so
            x = scale.x(self.plan_end + one_day)
            tip = title(words.plan_end % {"date": self.plan_end.isoformat()})
            parts.append(rect(x, 0, round(w - x, 1), h, tip, css="beyond"))
            parts.append(line(x, 0, x, h, css="plan-end"))
        for i, row in enumerate(rows):
            y = i * ROW_H
            if row.kind == "task":
                if row.measures:
                    x1 = scale.x(min(m.start_date for m in row.measures))
                    x2 = scale.x(max(m.due_date for m in row.measures) + one_day)
                    parts.append(_summary(x1, max(x2, x1 + 8), y + 7))
                continue
            parts.append(self._measure_bar(row.measure, y, words))
        if scale.contains(self.today):
            x = scale.x(self.today)
            tip = title(words.today % {"date": self.today.isoformat()})
            parts.append(line(x, 0, x, h, tip, css="today"))
        return join(parts)

    def _measure_bar(self, m: Any, y: int, words: _Words) -> Markup:
        """A measure's bar with its tooltip, its baseline and slippage, and its milestones."""
        scale, one_day = self.scale, datetime.timedelta(days=1)
        state = state_of(m, self.today)
        x1, x2 = scale.x(m.start_date), scale.x(m.due_date + one_day)
        width = max(round(x2 - x1, 1), 2)
        tip = words.bar % {
            "title": m.title,
            "start": _date(m.start_date),
            "due": _date(m.due_date),
            "status": words.status(state),
        }
        if m.baseline_due is not None:
            tip += " · " + words.baseline % {"start": _date(m.baseline_start), "due": _date(m.baseline_due)}
        if self.plan_end is not None and m.due_date > self.plan_end:
            tip += " · " + words.past_end % {"date": self.plan_end.isoformat()}
        cancelled = state == "cancelled"
        strike = line(x1, y + 9, round(x1 + width, 1), y + 9, css="strike") if cancelled else ""
        parts = [tooltip(tip, rect(x1, y + 4, width, 10, css=f"bar {state}", rx=2), strike)]
        if m.baseline_due is not None:
            bx1 = scale.x(m.baseline_start or m.start_date)
            bx2 = scale.x(m.baseline_due + one_day)
            parts.append(rect(bx1, y + 16, max(round(bx2 - bx1, 1), 2), 3, css="baseline"))
            slip = (m.due_date - m.baseline_due).days
            if slip:
                why = (words.later if slip > 0 else words.earlier) % {"n": abs(slip)}
                days = text(
                    round(max(x2, bx2) + 4, 1),
                    y + 13,
                    words.slip % {"n": slip},
                    css="slip" if slip > 0 else "slip early",
                )
                parts.append(tooltip(why, days))
        parts += [
            self._diamond(milestone, y, cancelled=cancelled, words=words) for milestone in m.milestones.all()
        ]
        return join(parts)

    def _diamond(self, milestone: Any, y: int, *, cancelled: bool, words: _Words) -> Markup:
        """A milestone's diamond, its tooltip saying when it is due and whether it is done or late."""
        what = {
            "date": _date(milestone.date),
            "what": milestone.description,
            "done": _date(milestone.done_on),
        }
        if milestone.done_on:
            css, tip = "milestone done", words.ms_done % what
        elif milestone.date < self.today and not cancelled:
            css, tip = "milestone late", words.ms_late % what
        else:
            css, tip = "milestone", words.ms % what
        return diamond(self.scale.x(milestone.date), y + 9, 5, title(tip), css=css)


class _Words:
    """The chart's phrases, translated once per drawing rather than once per row."""

    def __init__(self) -> None:
        self.task = _("Task %(n)s · %(title)s")
        self.continued = _("Task %(n)s (continued)")
        self.bar = _("%(title)s: %(start)s to %(due)s, %(status)s")
        self.baseline = _("baseline %(start)s to %(due)s")
        self.later = _("Due %(n)s days later than the approved baseline")
        self.earlier = _("Due %(n)s days earlier than the approved baseline")
        self.slip = _("%(n)+d d")
        self.today = _("Today: %(date)s")
        self.plan_end = _("End of the plan's period: %(date)s")
        self.plan_ends = _("Plan ends")
        self.past_end = _("beyond the plan period (ends %(date)s)")
        self.ms_done = _("%(date)s %(what)s (done %(done)s)")
        self.ms_late = _("%(date)s %(what)s (late)")
        self.ms = _("%(date)s %(what)s")
        self._status = {"overdue": _("overdue"), **{str(k): str(v) for k, v in MeasureStatus.choices}}

    def status(self, state: str) -> str:
        return self._status.get(state, state)
