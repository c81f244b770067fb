"""The responsibility system as an XLSX workbook (openpyxl): the matrix, and the responsible persons
as a flat list that a unit can sort and filter."""

from __future__ import annotations

import io
import math
import unicodedata
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from taskbook.plans.responsibility import Matrix

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="E8ECF3")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
LEAD_FILL = PatternFill("solid", fgColor="D6E2F5")
PART_FILL = PatternFill("solid", fgColor="F5F7FA")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
TASK_WIDTH, UNIT_WIDTH = 48, 14


def _put(ws: Worksheet, row: int, column: int, value: Any, **style: Any):
    """Write a cell. Text is kept as text: control characters that XLSX cannot hold are dropped, and a
    leading "=" (a measure titled "=HYPERLINK(...)") does not become a formula in the reader's Excel."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _lines(text: str, width: float) -> int:
    """How many lines `text` wraps to in a column `width` characters wide (a Chinese character takes
    two). Excel does not grow a row for wrapped text written by a program, so the height is set."""
    count = 0
    for line in (text or "").split("\n"):
        chars = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
        count += max(1, math.ceil(chars / max(width - 2, 1)))
    return count


def _title(ws: Worksheet, matrix: Matrix, subtitle: str, width: int) -> None:
    _put(ws, 1, 1, matrix.plan_title, font=Font(bold=True, size=14))
    _put(ws, 2, 1, subtitle, font=Font(italic=True, color="555555"))
    if width > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws.row_dimensions[1].height = 22


def _matrix_sheet(ws: Worksheet, matrix: Matrix) -> None:
    units = matrix.columns
    width = 2 + len(units)
    generated = timezone.localdate().isoformat()
    _title(
        ws,
        matrix,
        _("Responsibility matrix · generated %(date)s · L = lead unit, P = participating unit")
        % {"date": generated},
        width,
    )
    head = 3
    bold = Font(bold=True)
    _put(ws, head, 1, _("No."), font=bold, fill=HEAD_FILL, border=BORDER, alignment=CENTER)
    _put(ws, head, 2, _("Task"), font=bold, fill=HEAD_FILL, border=BORDER, alignment=WRAP_TOP)
    for i, column in enumerate(units, start=3):
        _put(
            ws,
            head,
            i,
            column.name,
            font=bold,
            fill=HEAD_FILL,
            border=BORDER,
            alignment=Alignment(wrap_text=True, horizontal="center", vertical="bottom"),
        )
    ws.row_dimensions[head].height = 15 * max([4, *(_lines(c.name, UNIT_WIDTH) for c in units)])
    row = head + 1
    for group in matrix.groups:
        label = f"{group.number} {group.title}".strip()
        _put(ws, row, 1, label, font=bold, fill=SECTION_FILL)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
        for task in group.rows:
            _put(ws, row, 1, task.number, border=BORDER, alignment=CENTER)
            _put(ws, row, 2, task.title, border=BORDER, alignment=WRAP_TOP)
            height = _lines(task.title, TASK_WIDTH)
            for i, cell in enumerate(task.cells, start=3):
                if cell.empty:
                    _put(ws, row, i, None, border=BORDER)
                    continue
                text = "\n".join([cell.letter, *cell.persons]) if cell.letter else "\n".join(cell.persons)
                height = max(height, _lines(text, UNIT_WIDTH))
                lead = cell.role == "lead"
                _put(
                    ws,
                    row,
                    i,
                    text,
                    border=BORDER,
                    alignment=CENTER,
                    font=Font(bold=lead, color="1F4E9C" if lead else "333333"),
                    fill=LEAD_FILL if lead else PART_FILL,
                )
            ws.row_dimensions[row].height = 15 * height
            row += 1
    for label, key in ((_("Tasks led"), "leads"), (_("Tasks joined"), "joins"), (_("Measures"), "measures")):
        _put(ws, row, 2, label, font=bold, border=BORDER, fill=HEAD_FILL)
        _put(ws, row, 1, None, border=BORDER, fill=HEAD_FILL)
        for i, column in enumerate(units, start=3):
            _put(ws, row, i, getattr(column, key), font=bold, border=BORDER, alignment=CENTER, fill=HEAD_FILL)
        row += 1
    ws.column_dimensions["A"].width = 7
    ws.column_dimensions["B"].width = TASK_WIDTH
    for i in range(3, width + 1):
        ws.column_dimensions[get_column_letter(i)].width = UNIT_WIDTH
    ws.freeze_panes = f"C{head + 1}"  # task titles and unit names stay in view


PERSON_WIDTHS = [8, 40, 30, 16, 44, 18, 18, 16, 26, 12, 12]


def _persons_sheet(ws: Worksheet, matrix: Matrix) -> None:
    labels = [
        _("Task no."),
        _("Task"),
        _("Unit"),
        _("Role"),
        _("Measure"),
        _("Responsible person"),
        _("Position"),
        _("Phone"),
        _("E-mail"),
        _("Start"),
        _("Due"),
    ]
    _title(ws, matrix, _("Responsible persons of each unit's measures, task by task"), len(labels))
    head = 3
    for i, label in enumerate(labels, start=1):
        _put(ws, head, i, label, font=Font(bold=True), fill=HEAD_FILL, border=BORDER, alignment=WRAP_TOP)
        ws.column_dimensions[get_column_letter(i)].width = PERSON_WIDTHS[i - 1]
    for row, line in enumerate(matrix.lines, start=head + 1):
        person = line.person
        values = [
            line.task_number,
            line.task_title,
            line.unit_name,
            line.role_label,
            line.measure,
            person.name if person else "",
            person.position if person else "",
            person.phone if person else "",
            person.email if person else "",
            line.start,
            line.due,
        ]
        for i, value in enumerate(values, start=1):
            cell = _put(ws, row, i, value, border=BORDER, alignment=WRAP_TOP)
            if i in (10, 11) and value is not None:
                cell.number_format = "yyyy-mm-dd"
        lines = [_lines(str(v), PERSON_WIDTHS[i]) for i, v in enumerate(values[:9]) if v]
        ws.row_dimensions[row].height = 15 * max([1, *lines])
    ws.freeze_panes = f"C{head + 1}"
    if matrix.lines:
        ws.auto_filter.ref = f"A{head}:{get_column_letter(len(labels))}{head + len(matrix.lines)}"


def _sheet_name(text: str) -> str:
    # Excel refuses these characters in sheet names and cuts them at 31 characters.
    return "".join(c for c in text if c not in "[]:*?/\\")[:31]


def render_matrix_xlsx(matrix: Matrix) -> bytes:
    workbook = Workbook()
    matrix_ws = workbook.active
    matrix_ws.title = _sheet_name(_("Matrix"))
    _matrix_sheet(matrix_ws, matrix)
    _persons_sheet(workbook.create_sheet(_sheet_name(_("Responsible persons"))), matrix)
    workbook.properties.title = matrix.plan_title
    workbook.properties.creator = "taskbook"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
