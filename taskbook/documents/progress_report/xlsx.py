"""The implementation progress report as an XLSX workbook (openpyxl), for those who sort, filter and
chart the figures themselves: Summary (with a chart of ratings), Tasks (one row per task), Targets (one
row per target, then each target's values with a chart), Overdue (one row per overdue item).

Figures are numbers and dates are dates, so they sort and sum; the charts are Excel's own, drawn from
the cells beside them. Cells are written through the responsibility matrix's `_put`, which keeps text
as text (a title starting with "=" never becomes a formula).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference, ScatterChart, Series
from openpyxl.chart.marker import Marker
from openpyxl.chart.series import DataPoint
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from taskbook.documents.kit.xlsx import BORDER, HEAD_FILL, SECTION_FILL, WRAP_TOP, _lines, _put, _sheet_name
from taskbook.documents.progress_report.content import ProgressDocument

Progress = Callable[[int], None]
BOLD = Font(bold=True)
DATE = "yyyy-mm-dd"
ROW_HEIGHT = 15  # points per line of text
MAX_LINES = 27  # Excel's rows stop at 409 points


def _quiet(percent: int) -> None:
    pass


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _title(ws: Worksheet, doc: ProgressDocument, subtitle: str, width: int) -> None:
    _put(ws, 1, 1, doc.title, font=Font(bold=True, size=14))
    _put(ws, 2, 1, subtitle, font=Font(italic=True, color="555555"))
    for row in (1, 2):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=max(width, 2))
    ws.row_dimensions[1].height = 22


def _table(
    ws: Worksheet, head: int, labels: list[str], widths: Sequence[float], rows: list[list[Any]]
) -> None:
    """A header row and its rows, bordered and wrapped, each row as high as its longest text."""
    for i, (label, width) in enumerate(zip(labels, widths, strict=True), start=1):
        _put(ws, head, i, label, font=BOLD, fill=HEAD_FILL, border=BORDER, alignment=WRAP_TOP)
        ws.column_dimensions[get_column_letter(i)].width = width
    heights = [_lines(label, width) for label, width in zip(labels, widths, strict=True)]
    ws.row_dimensions[head].height = ROW_HEIGHT * max(heights)
    for r, values in enumerate(rows, start=head + 1):
        lines = 1
        for i, value in enumerate(values, start=1):
            cell = _put(ws, r, i, value, border=BORDER, alignment=WRAP_TOP)
            if hasattr(value, "isoformat"):
                cell.number_format = DATE
            elif isinstance(value, str):
                lines = max(lines, _lines(value, widths[i - 1]))
        ws.row_dimensions[r].height = ROW_HEIGHT * min(lines, MAX_LINES)
    ws.freeze_panes = ws.cell(row=head + 1, column=1)
    if rows:
        ws.auto_filter.ref = f"A{head}:{get_column_letter(len(labels))}{head + len(rows)}"


def _summary_sheet(ws: Worksheet, doc: ProgressDocument) -> None:
    _title(ws, doc, _("Generated on %(date)s") % {"date": f"{doc.generated_on:%Y-%m-%d}"}, 4)
    f = doc.figures
    facts: list[tuple[str, Any, str]] = [
        (_("Plan"), doc.plan_title, ""),
        (_("Reporting cycle"), doc.cycle_label, ""),
        (_("Period start"), doc.period_start, DATE),
        (_("Period end"), doc.period_end, DATE),
        (_("Contributions due"), doc.contributions_due_on, DATE),
        (_("Reports due"), doc.due_on, DATE),
        (_("Tasks"), f.tasks, "0"),
        (_("Reports owed"), f.reports, "0"),
        (_("Reports received"), f.received, "0"),
        (_("Reports accepted"), f.accepted, "0"),
        (_("Reports overdue"), f.overdue, "0"),
        (_("Reports on time"), f.on_time, "0"),
        (_("On-time rate (%)"), f.on_time_rate, "0"),
        (_("Overall percent complete (%)"), _number(f.overall_percent), "0.0"),
    ]
    row = 4
    for label, value, number_format in facts:
        _put(ws, row, 1, label, font=BOLD, fill=SECTION_FILL, border=BORDER)
        cell = _put(ws, row, 2, value, border=BORDER, alignment=Alignment(horizontal="left", wrap_text=True))
        if number_format:
            cell.number_format = number_format
        row += 1
    ws.row_dimensions[4].height = ROW_HEIGHT * _lines(doc.plan_title, 60)
    row += 1
    _put(ws, row, 1, _("Coordinator's rating"), font=BOLD, fill=HEAD_FILL, border=BORDER)
    _put(ws, row, 2, _("Tasks"), font=BOLD, fill=HEAD_FILL, border=BORDER)
    first = row + 1
    for count in f.by_rating:
        row += 1
        _put(ws, row, 1, count.label, border=BORDER)
        _put(ws, row, 2, count.count, border=BORDER)
    chart = BarChart()
    chart.type = "col"
    chart.title = _("Tasks by the coordinator's rating")
    chart.legend = None
    chart.y_axis.title = _("Tasks")
    chart.y_axis.majorUnit = 1
    chart.add_data(Reference(ws, min_col=2, min_row=first, max_row=row), titles_from_data=False)
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=row))
    series = chart.series[0]
    for i, count in enumerate(f.by_rating):
        point = DataPoint(idx=i)
        point.graphicalProperties.solidFill = count.color.lstrip("#").upper()
        series.dPt.append(point)
    chart.width, chart.height = 14, 7.5
    ws.add_chart(chart, f"D{first - 1}")
    ws.column_dimensions["A"].width = 32
    ws.column_dimensions["B"].width = 60


TASK_WIDTHS = [26, 7, 40, 24, 30, 12, 12, 9, 10, 13, 30, 13, 30, 60, 30, 30, 60]


def _tasks_sheet(ws: Worksheet, doc: ProgressDocument) -> None:
    labels = [
        _("Section"),
        _("No."),
        _("Task"),
        _("Lead unit"),
        _("Participating units"),
        _("Report"),
        _("First submitted"),
        _("On time"),
        _("Percent complete (%)"),
        _("Self-assessment"),
        _("Reason for the self-assessment"),
        _("Coordinator's rating"),
        _("Rationale"),
        _("Narrative"),
        _("Note"),
        _("Amendments"),
        _("Contributions of the participating units"),
    ]
    _title(ws, doc, _("One row per task, in the plan's order"), len(labels))
    yes, no = _("yes"), _("no")
    rows = []
    for section in doc.sections:
        for t in section.tasks:
            amendments = "\n".join(
                f"{a.on:%Y-%m-%d} {a.field}{f' ({a.change})' if a.change else ''}: {a.reason}"
                for a in t.amendments
            )
            contributions = "\n".join(
                f"{c.unit}: {c.narrative if c.submitted_on else _('not sent')}" for c in t.contributions
            )
            rows.append(
                [
                    section.heading,
                    t.number,
                    t.title,
                    t.lead_unit,
                    t.participating_units,
                    t.status_label,
                    t.submitted_on,
                    "" if t.on_time is None else (yes if t.on_time else no),
                    _number(t.percent),
                    t.self_rating_label,
                    t.self_rationale,
                    t.rating_label,
                    t.rationale,
                    t.narrative,
                    t.narrative_note,
                    amendments,
                    contributions,
                ]
            )
    _table(ws, 3, labels, TASK_WIDTHS, rows)
    for r in range(4, 4 + len(rows)):
        ws.cell(row=r, column=9).number_format = "0.0"
    ws.freeze_panes = "D4"  # the task's number and title stay in view


TARGET_WIDTHS = [7, 36, 44, 18, 16, 14, 12, 30, 11, 14, 13, 44]


def _targets_sheet(ws: Worksheet, doc: ProgressDocument) -> None:
    labels = [
        _("No."),
        _("Task"),
        _("Target"),
        _("Goal"),
        _("Baseline"),
        _("Latest actual"),
        _("As of"),
        _("Source"),
        _("Provisional"),
        _("Trajectory at the period's end"),
        _("On trajectory"),
        _("Forecast"),
    ]
    _title(ws, doc, _("Targets as known at the end of the cycle's period"), len(labels))
    yes, no = _("yes"), _("no")
    targets = doc.targets
    rows = [
        [
            task.number,
            task.title,
            t.text,
            t.goal,
            t.baseline,
            _number(t.latest),
            t.latest_on,
            t.latest_source,
            yes if t.latest_provisional else "",
            _number(t.planned),
            "" if t.on_trajectory is None else (yes if t.on_trajectory else no),
            t.verdict,
        ]
        for task, t in targets
    ]
    _table(ws, 3, labels, TARGET_WIDTHS, rows)
    # Below the table, each target's planned and actual values, with a chart drawn from them.
    row = 4 + len(rows) + 2
    for task, t in targets:
        _put(ws, row, 1, task.number, font=BOLD)
        _put(ws, row, 2, t.text, font=BOLD)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        ws.row_dimensions[row].height = ROW_HEIGHT * min(_lines(t.text, 80), MAX_LINES)
        head = row + 1
        for column, label in ((2, _("Date")), (3, _("Planned")), (4, _("Actual"))):
            _put(ws, head, column, label, font=BOLD, fill=HEAD_FILL, border=BORDER)
        dates = sorted({p.date for p in t.trajectory} | {p.date for p in t.actuals})
        planned = {p.date: p.value for p in t.trajectory}
        actual = {p.date: p.value for p in t.actuals}
        for i, day in enumerate(dates, start=head + 1):
            _put(ws, i, 2, day, border=BORDER).number_format = DATE
            _put(ws, i, 3, _number(planned.get(day)), border=BORDER)
            _put(ws, i, 4, _number(actual.get(day)), border=BORDER)
        last = head + len(dates)
        if dates:
            chart = ScatterChart()
            chart.title = f"{_('Target')} {task.number}: {t.goal}"
            chart.style = 13
            chart.x_axis.title = _("Date")
            chart.x_axis.number_format = "yyyy-mm"
            chart.y_axis.title = t.unit_of_measure or None
            x = Reference(ws, min_col=2, min_row=head + 1, max_row=last)
            for column, colour, dashed in ((3, "1F4E9C", True), (4, "1D2430", False)):
                series = Series(
                    Reference(ws, min_col=column, min_row=head, max_row=last), x, title_from_data=True
                )
                series.marker = Marker(symbol="circle", size=6)
                series.graphicalProperties.line.solidFill = colour
                series.marker.graphicalProperties.solidFill = colour
                if dashed:
                    series.graphicalProperties.line.dashStyle = "dash"
                chart.series.append(series)
            chart.width, chart.height = 16, 7
            ws.add_chart(chart, f"F{head}")
        row = max(last, head + 14) + 2  # the chart is about 14 rows high


def _overdue_sheet(ws: Worksheet, doc: ProgressDocument) -> None:
    labels = [_("Kind"), _("Task no."), _("Report, contribution or measure"), _("Unit"), _("Due"),
              _("Days late"), _("Status or owed to")]  # fmt: skip
    _title(ws, doc, _("Overdue items as of %(date)s") % {"date": f"{doc.generated_on:%Y-%m-%d}"}, len(labels))
    kinds = {"report": _("report"), "contribution": _("contribution"), "measure": _("measure")}
    items = [*doc.overdue_reports, *doc.overdue_contributions, *doc.overdue_measures]
    rows = [[kinds[i.kind], i.task_number, i.title, i.unit, i.due_on, i.days_late, i.detail] for i in items]
    _table(ws, 3, labels, [14, 9, 50, 36, 12, 10, 30], rows)


def render_document_xlsx(doc: ProgressDocument, progress: Progress = _quiet) -> bytes:
    """The XLSX's bytes; `progress` hears how far it has come (0-100) after each sheet."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = _sheet_name(_("Summary"))
    _summary_sheet(summary, doc)
    progress(20)
    _tasks_sheet(workbook.create_sheet(_sheet_name(_("Tasks"))), doc)
    progress(50)
    _targets_sheet(workbook.create_sheet(_sheet_name(_("Targets"))), doc)
    progress(70)
    _overdue_sheet(workbook.create_sheet(_sheet_name(_("Overdue"))), doc)
    progress(85)
    workbook.properties.title = doc.title
    workbook.properties.creator = "taskbook"
    out = io.BytesIO()
    workbook.save(out)
    progress(100)
    return out.getvalue()
