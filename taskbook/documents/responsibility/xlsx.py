"""The responsibility system as an XLSX workbook on the shared kit (taskbook.documents.kit.xlsx): the
tasks-by-units matrix, and the responsible persons as a flat list that a unit can sort and filter.

The matrix is as wide as the plan has units: it prints landscape, its task numbers and titles repeated
on each page across, its unit names on each page down."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from taskbook.documents.kit import xlsx as kit
from taskbook.documents.responsibility.names import matrix_info
from taskbook.plans.responsibility import Matrix

LEAD_FILL = PatternFill("solid", fgColor="D6E2F5")
PART_FILL = PatternFill("solid", fgColor="F5F7FA")
UNIT_HEAD = Alignment(wrap_text=True, horizontal="center", vertical="bottom")
TASK_WIDTH, UNIT_WIDTH = 48, 14
HEAD = 3  # the header row, under the title and subtitle


def _matrix_sheet(ws: Worksheet, matrix: Matrix, name: str) -> None:
    units = matrix.columns
    width = 2 + len(units)
    generated = timezone.localdate().isoformat()
    kit.title_rows(
        ws,
        matrix.plan_title,
        _("Responsibility matrix · generated %(date)s · L = lead unit, P = participating unit")
        % {"date": generated},
        width,
    )
    kit.put(ws, HEAD, 1, _("No."), **kit.HEADER, alignment=kit.CENTER)
    kit.put(ws, HEAD, 2, _("Task"), **kit.HEADER, alignment=kit.WRAP_TOP)
    for i, column in enumerate(units, start=3):
        kit.put(ws, HEAD, i, column.name, **kit.HEADER, alignment=UNIT_HEAD)
    names = [kit.lines(c.name, UNIT_WIDTH) for c in units]
    ws.row_dimensions[HEAD].height = kit.ROW_HEIGHT * max([4, *names])
    row = HEAD + 1
    for group in matrix.groups:
        label = f"{group.number} {group.title}".strip()
        kit.put(ws, row, 1, label, font=kit.BOLD, fill=kit.SECTION_FILL)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
        for task in group.rows:
            kit.put(ws, row, 1, kit.number_or_text(task.number), border=kit.BORDER, alignment=kit.CENTER)
            kit.put(ws, row, 2, task.title, border=kit.BORDER, alignment=kit.WRAP_TOP)
            height = kit.lines(task.title, TASK_WIDTH)
            for i, cell in enumerate(task.cells, start=3):
                if cell.empty:
                    kit.put(ws, row, i, None, border=kit.BORDER)
                    continue
                text = "\n".join([cell.letter, *cell.persons]) if cell.letter else "\n".join(cell.persons)
                height = max(height, kit.lines(text, UNIT_WIDTH))
                lead = cell.role == "lead"
                kit.put(
                    ws,
                    row,
                    i,
                    text,
                    border=kit.BORDER,
                    alignment=kit.CENTER,
                    font=Font(bold=lead, color="1F4E9C" if lead else "333333"),
                    fill=LEAD_FILL if lead else PART_FILL,
                )
            ws.row_dimensions[row].height = kit.ROW_HEIGHT * height
            row += 1
    for label, key in ((_("Tasks led"), "leads"), (_("Tasks joined"), "joins"), (_("Measures"), "measures")):
        kit.put(ws, row, 2, label, **kit.HEADER)
        kit.put(ws, row, 1, None, **kit.HEADER)
        for i, column in enumerate(units, start=3):
            kit.put(ws, row, i, getattr(column, key), **kit.HEADER, alignment=kit.CENTER)
        row += 1
    ws.column_dimensions["A"].width = 7
    ws.column_dimensions["B"].width = TASK_WIDTH
    for i in range(3, width + 1):
        ws.column_dimensions[get_column_letter(i)].width = UNIT_WIDTH
    ws.freeze_panes = f"C{HEAD + 1}"  # task titles and unit names stay in view
    kit.print_setup(ws, name, header_rows=(HEAD, HEAD), title_columns=2, last_row=row - 1, last_column=width)


PERSON_WIDTHS = [8, 40, 30, 16, 44, 18, 18, 16, 26, 12, 12]


def _persons_sheet(ws: Worksheet, matrix: Matrix, name: str) -> None:
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
    kit.title_rows(
        ws, matrix.plan_title, _("Responsible persons of each unit's measures, task by task"), len(labels)
    )
    rows = []
    for line in matrix.lines:
        person = line.person
        rows.append(
            [
                kit.number_or_text(line.task_number),
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
        )
    kit.table(ws, HEAD, labels, PERSON_WIDTHS, rows)
    ws.freeze_panes = f"C{HEAD + 1}"
    kit.print_setup(ws, name, header_rows=(HEAD, HEAD), title_columns=2)


def render_matrix_xlsx(matrix: Matrix) -> bytes:
    info = matrix_info(matrix)
    workbook = kit.new_workbook(info)
    matrix_ws = workbook.active
    matrix_ws.title = kit.sheet_name(_("Matrix"))
    _matrix_sheet(matrix_ws, matrix, info.title)
    _persons_sheet(workbook.create_sheet(kit.sheet_name(_("Responsible persons"))), matrix, info.title)
    return kit.to_bytes(workbook)
