"""The road map: measures and their milestones laid out as a Gantt chart, drawn as SVG on the server.

Pure layout. It takes measures already fetched (task, unit and responsible person selected, milestones
prefetched) and returns markup; it runs no query and reads no request, so a page, a print view and a
PDF export draw the same chart. Every piece of text from users goes through `format_html`, which
escapes it: a measure titled "<script>" is drawn as those characters.

Readable with hundreds of measures: each row has a fixed height and the chart only grows downwards.
A page shows it in four parts (`axis`, `labels`, `bars` beside the corner) so the axis and the label
column can stay in view while the timeline scrolls; print and export use `document()`, one SVG that
holds all four, and `pages()` cuts the rows into page-sized documents that each repeat the axis.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils.dates import MONTHS_3
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _

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

# One style sheet inside each SVG, so an SVG saved or printed on its own looks the same. Classes, not
# per-element attributes: 500 measures would otherwise repeat the same colours thousands of times.
STYLE = """
.g-txt{font-size:12px;fill:#1d2430}.g-sub{font-size:11px;fill:#5b6575}
.g-head{font-size:12px;font-weight:700;fill:#1d2430}.g-head a:hover,.g-txt a:hover{text-decoration:underline}
.g-band{fill:#eef1f6}.g-rule{stroke:#eceff4;stroke-width:1}
.g-month{stroke:#eceff4;stroke-width:1}.g-year{stroke:#c3c9d4;stroke-width:1}
.g-yl{font-size:12px;font-weight:700;fill:#1d2430}.g-ml{font-size:10px;fill:#5b6575;text-anchor:middle}
.g-axisline{stroke:#9aa3b2;stroke-width:1}
.bar{fill:#3b6fc4}.bar.not_started{fill:#8fb0e6}.bar.in_progress{fill:#3b6fc4}
.bar.done{fill:#2e7d32}.bar.overdue{fill:#c62828}.bar.cancelled{fill:#c4c8cf}
.strike{stroke:#5b6575;stroke-width:1.5}
.baseline{fill:#8a93a3}.span{fill:#5b6575}
.today{stroke:#c62828;stroke-width:1.5;stroke-dasharray:4 3}.today-mark{fill:#c62828}
.milestone{fill:#fff;stroke:#1d2430;stroke-width:1.3}.milestone.done{fill:#1d2430}
.milestone.late{stroke:#c62828;stroke-width:2}
.slip{font-size:10px;fill:#c62828}.slip.early{fill:#2e7d32}
"""


# -- time scale ---------------------------------------------------------------------------------


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month `months` after `day`'s month."""
    years, month0 = divmod(day.month - 1 + months, 12)
    return datetime.date(day.year + years, month0 + 1, 1)


@dataclass(frozen=True)
class Scale:
    """Whole months from `start` (a first day) to `end` (the first day after the last month)."""

    start: datetime.date
    end: datetime.date
    px_per_day: float

    @classmethod
    def covering(cls, first: datetime.date, last: datetime.date) -> Scale:
        if last < first:
            first, last = last, first
        start = month_start(first)
        end = add_months(last, 1)
        months = (end.year - start.year) * 12 + end.month - start.month
        month_w = max(MIN_MONTH_W, TARGET_W / months)
        # Days, not months, set the scale, so a bar's length is its true duration.
        return cls(start=start, end=end, px_per_day=month_w * 12 / 365.2425)

    @property
    def width(self) -> float:
        return round((self.end - self.start).days * self.px_per_day, 1)

    def x(self, day: datetime.date) -> float:
        """The position of the start of `day`, kept inside the chart."""
        days = min(max((day - self.start).days, 0), (self.end - self.start).days)
        return round(days * self.px_per_day, 1)

    def months(self) -> list[datetime.date]:
        out, day = [], self.start
        while day < self.end:
            out.append(day)
            day = add_months(day, 1)
        return out

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day < self.end


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


def _char_units(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def truncate(text: str, units: int) -> str:
    """`text` cut to about `units` character widths (CJK counts 2), with an ellipsis when cut.

    The server cannot measure text, so widths are estimated; the full text is in a tooltip."""
    text = " ".join(str(text).split())
    width = 0
    for i, char in enumerate(text):
        width += _char_units(char)
        if width > units:
            cut, kept = text[:i], width - _char_units(char)
            while cut and kept > units - 1:  # room for the ellipsis
                kept -= _char_units(cut[-1])
                cut = cut[:-1]
            return cut.rstrip() + "…"
    return text


def _join(parts: Iterable[SafeString]) -> SafeString:
    # Every part comes from format_html, so it is already escaped; joining keeps it safe.
    return format_html_join("", "{}", ((p,) for p in parts))


def _label(x: float, y: float, css: str, text: str, units: int, full: str | None = None) -> SafeString:
    """A text cut to its column; the full text, when cut or given, as its tooltip. `css` is ours."""
    short = truncate(text, units)
    tip = full if full is not None else (text if short.endswith("…") else "")
    if tip:
        return format_html(
            f'<g><title>{{}}</title><text x="{x}" y="{y}" class="{css}">{{}}</text></g>', tip, short
        )
    return format_html(f'<text x="{x}" y="{y}" class="{css}">{{}}</text>', short)


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


def _summary(x1: float, x2: float, top: float) -> SafeString:
    """A task's span from its first start to its last due date: a bar with pointed ends, the usual
    mark of a summary row, unlike a measure's bar or its baseline."""
    return format_html(
        '<path class="span" d="M{} {}H{}V{}L{} {}H{}L{} {}Z"/>',
        x1,
        top,
        x2,
        top + 8,
        round(x2 - 4, 1),
        top + 4,
        round(x1 + 4, 1),
        x1,
        top + 8,
    )


# -- the chart ----------------------------------------------------------------------------------


@dataclass
class Gantt:
    """A laid-out road map; each method returns SVG markup that is safe to put in a page."""

    scale: Scale
    rows: list[Row]
    today: datetime.date
    task_href: Callable[[Any], str] | None = None  # where a task heading links to, if anywhere
    measure_href: Callable[[Any], str] | None = None  # and a measure's title

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
    ) -> Gantt:
        """Lay `measures` out on whole months from `first` to `last`, widened to hold every bar."""
        for m in measures:
            first = min(first, m.start_date, m.baseline_start or m.start_date)
            last = max(last, m.due_date, m.baseline_due or m.due_date)
        return cls(Scale.covering(first, last), build_rows(measures), today, task_href, measure_href)

    @property
    def measure_count(self) -> int:
        return sum(1 for r in self.rows if r.kind == "measure")

    def height(self, rows: Sequence[Row] | None = None) -> int:
        return len(self.rows if rows is None else rows) * ROW_H

    # The four parts a page places side by side.

    def axis(self) -> SafeString:
        w = self.scale.width
        return format_html(
            '<svg class="gantt-axis" xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" '
            'viewBox="0 0 {} {}" aria-hidden="true"><style>{}</style>{}</svg>',
            w,
            HEADER_H,
            w,
            HEADER_H,
            STYLE,
            self._axis_content(),
        )

    def labels(self, rows: Sequence[Row] | None = None) -> SafeString:
        rows = self.rows if rows is None else rows
        h = self.height(rows)
        return format_html(
            '<svg class="gantt-labels" xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" '
            'viewBox="0 0 {} {}"><style>{}</style>{}</svg>',
            LABEL_W,
            h,
            LABEL_W,
            h,
            STYLE,
            self._labels_content(rows),
        )

    def bars(self, rows: Sequence[Row] | None = None) -> SafeString:
        rows = self.rows if rows is None else rows
        w, h = self.scale.width, self.height(rows)
        return format_html(
            '<svg class="gantt-bars" xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" '
            'viewBox="0 0 {} {}" role="img" aria-label="{}"><style>{}</style>{}</svg>',
            w,
            h,
            w,
            h,
            _("Bars of %(n)s measures from %(start)s to %(end)s")
            % {
                "n": sum(1 for r in rows if r.kind == "measure"),
                "start": self.scale.start,
                "end": self.scale.end,
            },
            STYLE,
            self._bars_content(rows),
        )

    # One SVG with everything: print pages, exports, tests.

    def document(self, rows: Sequence[Row] | None = None, *, fit: bool = False) -> SafeString:
        """The whole chart (or `rows` of it) as one standalone SVG; `fit` scales it to its box."""
        rows = self.rows if rows is None else rows
        w, h = round(LABEL_W + self.scale.width, 1), HEADER_H + self.height(rows)
        size = format_html('width="{}"', "100%") if fit else format_html('width="{}" height="{}"', w, h)
        return format_html(
            '<svg class="gantt" xmlns="http://www.w3.org/2000/svg" {} viewBox="0 0 {} {}" '
            'font-family="Noto Sans, Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif" '
            'role="img" aria-label="{}"><style>{}</style>'
            '<g transform="translate({} 0)">{}</g>'
            '<g transform="translate(0 {})">{}</g>'
            '<g transform="translate({} {})">{}</g>'
            '<line class="g-axisline" x1="0" y1="{}" x2="{}" y2="{}"/></svg>',
            size,
            w,
            h,
            _("Road map"),
            STYLE,
            LABEL_W,
            self._axis_content(),
            HEADER_H,
            self._labels_content(rows),
            LABEL_W,
            HEADER_H,
            self._bars_content(rows),
            HEADER_H - 0.5,
            LABEL_W,
            HEADER_H - 0.5,
        )

    def pages(self, per_page: int = 32) -> list[SafeString]:
        """Page-sized documents of at most `per_page` rows, each with the axis; a page that begins
        inside a task repeats that task's heading, marked as continued."""
        out: list[SafeString] = []
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

    # Contents, each in its own coordinates.

    def _axis_content(self) -> SafeString:
        scale, parts = self.scale, []
        months = scale.months()
        month_w = scale.width / max(len(months), 1)
        for i, month in enumerate(months):
            x = scale.x(month)
            is_year = month.month == 1 or i == 0
            parts.append(
                format_html(
                    '<line class="{}" x1="{}" y1="{}" x2="{}" y2="{}"/>',
                    "g-year" if is_year else "g-month",
                    x,
                    0 if is_year else 20,
                    x,
                    HEADER_H,
                )
            )
            if is_year:
                parts.append(format_html('<text class="g-yl" x="{}" y="14">{}</text>', x + 4, month.year))
            # Month names where they fit, numbers where they do not.
            name = capfirst(str(MONTHS_3[month.month])) if month_w >= 44 else str(month.month)
            parts.append(
                format_html(
                    '<text class="g-ml" x="{}" y="{}">{}</text>',
                    round((x + scale.x(add_months(month, 1))) / 2, 1),
                    33,
                    name,
                )
            )
        if scale.contains(self.today):
            x = scale.x(self.today)
            parts.append(
                format_html(
                    '<g><title>{}</title><line class="today" x1="{}" y1="18" x2="{}" y2="{}"/>'
                    '<path class="today-mark" d="M{} {}l-5 -7h10z"/></g>',
                    _("Today: %(date)s") % {"date": self.today.isoformat()},
                    x,
                    x,
                    HEADER_H,
                    x,
                    HEADER_H,
                )
            )
        return _join(parts)

    def _labels_content(self, rows: Sequence[Row]) -> SafeString:
        words = _Words()
        parts = [_row_rules(LABEL_W, self.height(rows))]
        for i, row in enumerate(rows):
            y = i * ROW_H
            base = y + 15
            if row.kind == "task":
                if row.continued:
                    text = words.continued % {"n": row.task.number}
                else:
                    text = words.task % {"n": row.task.number, "title": row.task.title}
                label = _label(TITLE_X, base, "g-head", text, HEADING_UNITS, full=str(row.task))
                if self.task_href is not None and not row.continued:
                    label = format_html('<a href="{}">{}</a>', self.task_href(row.task), label)
                parts.append(
                    format_html(
                        f'<rect class="g-band" x="0" y="{y}" width="{LABEL_W}" height="{ROW_H}"/>{{}}', label
                    )
                )
                continue
            m = row.measure
            person = m.responsible.name if m.responsible_id else ""
            full = " — ".join(p for p in (m.title, m.unit.display_name, str(m.responsible)) if p)
            title = _label(TITLE_X, base, "g-txt", m.title, TITLE_UNITS, full=full)
            if self.measure_href is not None:
                title = format_html('<a href="{}">{}</a>', self.measure_href(m), title)
            parts.append(title)
            parts.append(_label(UNIT_X, base, "g-sub", unit_label(m.unit), UNIT_UNITS))
            parts.append(_label(PERSON_X, base, "g-sub", person, PERSON_UNITS))
        return _join(parts)

    def _bars_content(self, rows: Sequence[Row]) -> SafeString:
        scale, today, words = self.scale, self.today, _Words()
        w, h = scale.width, self.height(rows)
        parts = [_row_rules(w, h)]
        # Bands behind task headings, then the month grid, so bars are drawn over both.
        for i, row in enumerate(rows):
            if row.kind == "task":
                parts.append(
                    format_html(
                        '<rect class="g-band" x="0" y="{}" width="{}" height="{}"/>', i * ROW_H, w, ROW_H
                    )
                )
        for month in scale.months()[1:]:
            x = scale.x(month)
            css = "g-year" if month.month == 1 else "g-month"
            parts.append(format_html('<line class="{}" x1="{}" y1="0" x2="{}" y2="{}"/>', css, x, x, h))
        one_day = datetime.timedelta(days=1)
        for i, row in enumerate(rows):
            y = i * ROW_H
            if row.kind == "task":
                if row.measures:
                    x1 = scale.x(min(m.start_date for m in row.measures))
                    x2 = scale.x(max(m.due_date for m in row.measures) + one_day)
                    parts.append(_summary(x1, max(x2, x1 + 8), y + 7))
                continue
            m = row.measure
            state = state_of(m, today)
            x1, x2 = scale.x(m.start_date), scale.x(m.due_date + one_day)
            width = max(round(x2 - x1, 1), 2)
            tip = words.bar % {
                "title": m.title,
                "start": _date(m.start_date),
                "due": _date(m.due_date),
                "status": words.status(state),
            }
            if m.baseline_due is not None:
                tip += " · " + words.baseline % {
                    "start": _date(m.baseline_start),
                    "due": _date(m.baseline_due),
                }
            strike = (
                f'<line class="strike" x1="{x1}" y1="{y + 9}" x2="{round(x1 + width, 1)}" y2="{y + 9}"/>'
                if state == "cancelled"
                else ""
            )
            # One format_html per measure: our numbers and class names are written into the template,
            # and every text (titles, descriptions) is passed as an argument, so it is escaped.
            template = [
                f'<g><title>{{}}</title><rect class="bar {state}" x="{x1}" y="{y + 4}" width="{width}" '
                f'height="10" rx="2"/>{strike}</g>'
            ]
            texts = [tip]
            if m.baseline_due is not None:
                bx1 = scale.x(m.baseline_start or m.start_date)
                bx2 = scale.x(m.baseline_due + one_day)
                bw = max(round(bx2 - bx1, 1), 2)
                template.append(f'<rect class="baseline" x="{bx1}" y="{y + 16}" width="{bw}" height="3"/>')
                slip = (m.due_date - m.baseline_due).days
                if slip:
                    template.append(
                        f'<g><title>{{}}</title><text class="slip{"" if slip > 0 else " early"}" '
                        f'x="{round(max(x2, bx2) + 4, 1)}" y="{y + 13}">{{}}</text></g>'
                    )
                    texts += [
                        (words.later if slip > 0 else words.earlier) % {"n": abs(slip)},
                        words.slip % {"n": slip},
                    ]
            for milestone in m.milestones.all():
                markup, text = self._diamond(milestone, y, cancelled=state == "cancelled", words=words)
                template.append(markup)
                texts.append(text)
            parts.append(format_html("".join(template), *texts))
        if scale.contains(today):
            x = scale.x(today)
            parts.append(
                format_html(
                    f'<line class="today" x1="{x}" y1="0" x2="{x}" y2="{h}"><title>{{}}</title></line>',
                    words.today % {"date": today.isoformat()},
                )
            )
        return _join(parts)

    def _diamond(self, milestone: Any, y: int, *, cancelled: bool, words: _Words) -> tuple[str, str]:
        """A milestone's diamond as a template with one placeholder, and the tooltip text for it."""
        cx, cy, r = self.scale.x(milestone.date), y + 9, 5
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
        return (
            f'<path class="{css}" d="M{cx} {cy - r}l{r} {r}l-{r} {r}l-{r} -{r}z"><title>{{}}</title></path>',
            tip,
        )


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
        self.ms_done = _("%(date)s %(what)s (done %(done)s)")
        self.ms_late = _("%(date)s %(what)s (late)")
        self.ms = _("%(date)s %(what)s")
        self._status = {"overdue": _("overdue"), **{str(k): str(v) for k, v in MeasureStatus.choices}}

    def status(self, state: str) -> str:
        return self._status.get(state, state)


def _row_rules(width: float, height: int) -> SafeString:
    """A thin rule under every row, drawn once as a pattern rather than once per row."""
    return format_html(
        '<defs><pattern id="g-rows" width="10" height="{}" patternUnits="userSpaceOnUse">'
        '<line x1="0" y1="{}" x2="10" y2="{}" stroke="#eceff4" stroke-width="1"/>'
        '</pattern></defs><rect x="0" y="0" width="{}" height="{}" fill="url(#g-rows)"/>',
        ROW_H,
        ROW_H - 0.5,
        ROW_H - 0.5,
        width,
        height,
    )
