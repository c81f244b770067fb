"""The export: a unit's measures and milestones of a plan as rows of the bulk format, written as CSV
or XLSX; an export can be edited and imported again."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from taskbook.orgs.models import Unit
from taskbook.plans.models import Plan
from taskbook.spreadsheets import csv_cell, guard_xlsx
from taskbook.taskbooks.bulk.columns import COLUMNS, KEYS, letter
from taskbook.taskbooks.models import Measure


def export_measures(plan: Plan, unit: Unit) -> list[Measure]:
    """The unit's measures of the plan with their milestones, in the plan's order; three queries."""
    return list(
        Measure.objects.filter(task__plan=plan, unit=unit)
        .select_related("task", "responsible", "deputy")
        .prefetch_related("milestones")
        .order_by("task__order", "order", "id")
    )


def export_rows(measures: Iterable[Measure]) -> list[list[Any]]:
    """The data rows (no header) of the export: each measure, then its milestones."""
    rows: list[list[Any]] = []
    for m in measures:
        person = m.responsible
        values = {
            "kind": "measure",
            "measure_id": m.pk,
            "task": m.task.number,
            "year": m.year,
            "title": m.title,
            "description": m.description,
            "deliverable": m.deliverable,
            "responsible": person.name,
            "position": person.position,
            "phone": person.phone,
            "email": person.email,
            "deputy": m.deputy.name if m.deputy else "",
            "start_date": m.start_date,
            "due_date": m.due_date,
            "weight": m.weight,
            "status": m.status,
            "cancel_reason": m.cancel_reason,
        }
        rows.append([values.get(k, "") for k in KEYS])
        for ms in m.milestones.all():
            values = {
                "kind": "milestone",
                "measure_id": m.pk,
                "milestone_id": ms.pk,
                "milestone_date": ms.date,
                "milestone_description": ms.description,
                "done_on": ms.done_on or "",
            }
            rows.append([values.get(k, "") for k in KEYS])
    return rows


def write_csv(rows: list[list[Any]]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens Chinese text correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(KEYS)
    for row in rows:
        # A user's text starting like a formula gets a leading apostrophe; the import removes it.
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def write_xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "measures"
    sheet.append(KEYS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        # Empty text as empty cells; characters that XML cannot hold (control codes) dropped.
        sheet.append([(ILLEGAL_CHARACTERS_RE.sub("", v) or None) if isinstance(v, str) else v for v in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
            else:
                guard_xlsx(cell)  # a user's text that starts like a formula stays text
    sheet.freeze_panes = "A2"
    widths = {"title": 40, "description": 40, "deliverable": 24, "milestone_description": 36}
    for index, key in enumerate(KEYS, start=1):
        sheet.column_dimensions[letter(index)].width = widths.get(key, max(12, len(key) + 2))
    # A second sheet explains the columns; the import reads only the first.
    guide = workbook.create_sheet("columns 说明")
    guide.append([_("column"), "中文", _("meaning"), _("example")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for col in COLUMNS:
        guide.append([col.key, col.label_zh, str(col.help), col.example])
    for cells in guide.iter_rows(min_row=2):
        for cell in cells:
            guard_xlsx(cell)  # an example such as "-" or "=" is shown as written
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["C"].width = 90
    guide.column_dimensions["D"].width = 24
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
