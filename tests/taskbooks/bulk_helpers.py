"""Files in the bulk format, made in memory, and a snapshot of everything an import could change."""

import csv
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from taskbook.audit.models import AuditEvent
from taskbook.taskbooks.bulk import KEYS
from taskbook.taskbooks.models import ChangeRequest, Contact, Measure, Milestone

# A good row for a new measure of Commerce under task 1, with the workplan fixture's contacts.
NEW_MEASURE = {
    "kind": "measure",
    "task": "1",
    "title": "设立外商投资企业一站式服务窗口",
    "description": "在市民中心设立窗口，提供中英文服务。\n每月通报进展。",
    "deliverable": "服务窗口",
    "responsible": "Wang Fang",
    "deputy": "Li Wei",
    "start_date": "2024-03-01",
    "due_date": "2024-09-30",
    "weight": "3",
}


def csv_file(
    rows: list[dict[str, Any]], header: list[str] | None = None, encoding: str = "utf-8-sig"
) -> bytes:
    header = header or KEYS
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(k, "") for k in header])
    return out.getvalue().encode(encoding)


def xlsx_file(rows: list[dict[str, Any]], header: list[str] | None = None) -> bytes:
    header = header or KEYS
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(k) for k in header])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def read_xlsx(data: bytes) -> list[dict[str, Any]]:
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def state() -> tuple:
    """Every row an import could add or change, and the audit log's length (signing in to post the
    sheet is an audit event of its own, not a change an import made)."""
    return (
        list(Measure.objects.order_by("pk").values()),
        list(Milestone.objects.order_by("pk").values()),
        list(Contact.objects.order_by("pk").values()),
        ChangeRequest.objects.count(),
        AuditEvent.objects.exclude(action__startswith="signin.").count(),
    )


def import_url(plan, unit) -> str:
    return reverse("bulk:import", args=[plan.pk, unit.pk])


def export_url(plan, unit, fmt: str = "csv") -> str:
    return reverse(f"bulk:export_{fmt}", args=[plan.pk, unit.pk])


def post_file(client, plan, unit, data: bytes, name: str):
    return client.post(import_url(plan, unit), {"file": SimpleUploadedFile(name, data)})
