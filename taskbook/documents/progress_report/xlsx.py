"""The implementation progress report as an XLSX workbook (openpyxl), for those who sort, filter and
chart the figures themselves: Summary (with a chart of ratings), Tasks (one row per task), Targets (one
row per target, then each target's values with a chart), Overdue (one row per overdue item).

Written on the shared kit (taskbook.documents.kit.xlsx): figures are numbers and dates are dates, so
they sort and sum, text stays text, and every sheet prints on A4 scaled to the page's width. The charts
are Excel's own, drawn from the cells beside them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.chart import BarChart, Reference, ScatterChart, Series
from openpyxl.chart.marker import Marker
from openpyxl.chart.series import DataPoint
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from taskbook.documents.kit import xlsx as kit
from taskbook.documents.progress_report.content import ProgressDocument
from taskbook.documents.progress_report.names import progress_info

Progress = Callable[[int], None]
HEAD = 3  # the header row of each sheet's table, under the title and subtitle
CHART_ROWS = 16  # rows of 15 points that a chart 7.5 cm high covers, and a margin


def _quiet(percent: int) -> None:
    pass


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _summary_sheet(ws: Worksheet, doc: ProgressDocument, name: str) -> None:
    kit.title_rows(ws, doc.title, _("Generated on %(date)s") % {"date": f"{doc.generated_on:%Y-%m-%d}"}, 4)
    f = doc.figures
    facts: list[tuple[str, Any, str]] = [
        (_("Plan"), doc.plan_title, ""),
        (_("Reporting cycle"), doc.cycle_label, ""),
        (_("Period start"), doc.period_start, kit.DATE),
        (_("Period end"), doc.period_end, kit.DATE),
        (_("Contributions due"), doc.contributions_due_on, kit.DATE),
        (_("Reports due"), doc.due_on, kit.DATE),
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
        kit.put(ws, row, 1, label, font=kit.BOLD, fill=kit.SECTION_FILL, border=kit.BORDER)
        cell = kit.put(
            ws, row, 2, value, border=kit.BORDER, alignment=Alignment(horizontal="left", wrap_text=True)
        )
        if number_format:
            cell.number_format = number_format
        row += 1
    ws.row_dimensions[4].height = kit.ROW_HEIGHT * kit.lines(doc.plan_title, 60)
    row += 1
    kit.put(ws, row, 1, _("Coordinator's rating"), **kit.HEADER)
    kit.put(ws, row, 2, _("Tasks"), **kit.HEADER)
    first = row + 1
    for count in f.by_rating:
        row += 1
        kit.put(ws, row, 1, count.label, border=kit.BORDER)
        kit.put(ws, row, 2, count.count, border=kit.BORDER)
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
    # Under the figures rather than beside them: the summary prints on one portrait page at full size.
    ws.add_chart(chart, f"A{row + 2}")
    ws.column_dimensions["A"].width = 32
    ws.column_dimensions["B"].width = 60
    kit.print_setup(ws, name, last_row=row + 1 + CHART_ROWS, last_column=2)


TASK_WIDTHS = [26, 7, 40, 24, 30, 12, 12, 9, 10, 13, 30, 13, 30, 60, 30, 30, 60]


def _tasks_sheet(ws: Worksheet, doc: ProgressDocument, name: str) -> None:
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
    kit.title_rows(ws, doc.title, _("One row per task, in the plan's order"), len(labels))
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
                    kit.number_or_text(t.number),
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
    kit.table(ws, HEAD, labels, TASK_WIDTHS, rows)
    for r in range(HEAD + 1, HEAD + 1 + len(rows)):
        ws.cell(row=r, column=9).number_format = "0.0"
    ws.freeze_panes = f"D{HEAD + 1}"  # the task's number and title stay in view
    kit.print_setup(ws, name, header_rows=(HEAD, HEAD), title_columns=3)


TARGET_WIDTHS = [6, 30, 40, 16, 14, 9, 12, 11, 24, 10, 13, 12, 36]  # one landscape page across


def _targets_sheet(ws: Worksheet, doc: ProgressDocument, name: str) -> None:
    labels = [
        _("No."),
        _("Task"),
        _("Target"),
        _("Goal"),
        _("Baseline"),
        _("Unit of measure"),
        _("Latest actual"),
        _("As of"),
        _("Source"),
        _("Provisional"),
        _("Trajectory at the period's end"),
        _("On trajectory"),
        _("Forecast"),
    ]
    kit.title_rows(ws, doc.title, _("Targets as known at the end of the cycle's period"), len(labels))
    yes, no = _("yes"), _("no")
    targets = doc.targets
    rows = [
        [
            kit.number_or_text(task.number),
            task.title,
            t.text,
            t.goal,
            t.baseline,
            t.unit_of_measure,
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
    kit.table(ws, HEAD, labels, TARGET_WIDTHS, rows)
    # Below the table, each target's planned and actual values, with a chart drawn from them.
    row = HEAD + 1 + len(rows) + 2
    for task, t in targets:
        kit.put(ws, row, 1, kit.number_or_text(task.number), font=kit.BOLD)
        kit.put(ws, row, 2, t.text, font=kit.BOLD)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        ws.row_dimensions[row].height = kit.ROW_HEIGHT * min(kit.lines(t.text, 80), kit.MAX_LINES)
        head = row + 1
        for column, label in ((2, _("Date")), (3, _("Planned")), (4, _("Actual"))):
            kit.put(ws, head, column, label, **kit.HEADER)
        dates = sorted({p.date for p in t.trajectory} | {p.date for p in t.actuals})
        planned = {p.date: p.value for p in t.trajectory}
        actual = {p.date: p.value for p in t.actuals}
        for i, day in enumerate(dates, start=head + 1):
            kit.put(ws, i, 2, day, border=kit.BORDER)
            kit.put(ws, i, 3, _number(planned.get(day)), border=kit.BORDER)
            kit.put(ws, i, 4, _number(actual.get(day)), border=kit.BORDER)
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
    kit.print_setup(ws, name, header_rows=(HEAD, HEAD), title_columns=3, last_row=row - 2)


def _overdue_sheet(ws: Worksheet, doc: ProgressDocument, name: str) -> None:
    labels = [_("Kind"), _("Task no."), _("Report, contribution or measure"), _("Unit"), _("Due"),
              _("Days late"), _("Status or owed to")]  # fmt: skip
    kit.title_rows(
        ws,
        doc.title,
        _("Overdue items as of %(date)s") % {"date": f"{doc.generated_on:%Y-%m-%d}"},
        len(labels),
    )
    kinds = {"report": _("report"), "contribution": _("contribution"), "measure": _("measure")}
    items = [*doc.overdue_reports, *doc.overdue_contributions, *doc.overdue_measures]
    rows = [
        [kinds[i.kind], kit.number_or_text(i.task_number), i.title, i.unit, i.due_on, i.days_late, i.detail]
        for i in items
    ]
    kit.table(ws, HEAD, labels, [14, 9, 50, 36, 12, 10, 30], rows)
    kit.print_setup(ws, name, header_rows=(HEAD, HEAD), title_columns=2)


def render_document_xlsx(doc: ProgressDocument, progress: Progress = _quiet) -> bytes:
    """The XLSX's bytes; `progress` hears how far it has come (0-100) after each sheet."""
    info = progress_info(doc)
    workbook = kit.new_workbook(info)
    summary = workbook.active
    summary.title = kit.sheet_name(_("Summary"))
    _summary_sheet(summary, doc, info.title)
    progress(20)
    for fill, title, step in (
        (_tasks_sheet, _("Tasks"), 50),
        (_targets_sheet, _("Targets"), 70),
        (_overdue_sheet, _("Overdue"), 85),
    ):
        fill(workbook.create_sheet(kit.sheet_name(title)), doc, info.title)
        progress(step)
    content = kit.to_bytes(workbook)
    progress(100)
    return content
