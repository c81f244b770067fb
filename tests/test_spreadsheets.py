"""Every CSV and XLSX taskbook writes neutralises text that would run as a formula (finding 11)."""

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from taskbook.documents.kit.info import DocumentInfo
from taskbook.documents.kit.xlsx import new_workbook, put, to_bytes
from taskbook.spreadsheets import csv_cell, guard_xlsx, unguard
from taskbook.taskbooks.bulk.columns import KEYS
from taskbook.taskbooks.bulk.export import write_csv, write_xlsx

DANGEROUS = ["=1+2", "+1+2", "-1+2", "@SUM(A1)", "\t=1+2", "\r=1+2", '=HYPERLINK("http://x","详情")']


@pytest.mark.parametrize("text", DANGEROUS)
def test_csv_text_that_starts_a_formula_gets_an_apostrophe_and_reads_back(text):
    assert csv_cell(text) == "'" + text
    assert unguard(csv_cell(text)) == text


def test_csv_leaves_plain_text_numbers_and_dates_alone():
    import datetime

    assert csv_cell("深圳 = Shenzhen") == "深圳 = Shenzhen"
    assert csv_cell(-5) == "-5"  # a number is typed, never a formula
    assert csv_cell(datetime.date(2024, 1, 2)) == "2024-01-02"
    assert csv_cell(None) == ""
    assert unguard("'quoted") == "'quoted"  # an apostrophe a user typed stays


@pytest.mark.parametrize("text", DANGEROUS)
def test_xlsx_text_that_starts_a_formula_stays_text_as_typed(text):
    sheet = Workbook().active
    cell = guard_xlsx(sheet.cell(row=1, column=1, value=text))
    assert cell.value == text and cell.data_type == "s" and cell.quotePrefix


def test_the_document_kit_writes_quote_prefixed_text():
    info = DocumentInfo(title="t", subject="s", author="a", language="en")
    workbook = new_workbook(info)
    for row, text in enumerate(DANGEROUS, start=1):
        put(workbook.active, row, 1, text)
    put(workbook.active, len(DANGEROUS) + 1, 1, -3)
    sheet = load_workbook(io.BytesIO(to_bytes(workbook))).active
    cells = [sheet.cell(row=r, column=1) for r in range(1, len(DANGEROUS) + 1)]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert sheet.cell(row=len(DANGEROUS) + 1, column=1).value == -3


def test_the_bulk_export_guards_every_text_column():
    row = ["" for _ in KEYS]
    row[KEYS.index("kind")] = "measure"
    row[KEYS.index("phone")] = "+86 755 8812 3456"
    row[KEYS.index("deliverable")] = "@report"
    read = next(csv.DictReader(io.StringIO(write_csv([row]).decode("utf-8-sig"))))
    assert read["phone"] == "'+86 755 8812 3456" and read["deliverable"] == "'@report"
    sheet = load_workbook(io.BytesIO(write_xlsx([row]))).active
    phone = sheet.cell(row=2, column=KEYS.index("phone") + 1)
    assert phone.value == "+86 755 8812 3456" and phone.quotePrefix


def test_every_writer_of_csv_or_xlsx_goes_through_the_guard():
    """A new export that writes CSV or XLSX without `taskbook.spreadsheets` (or the document kit, which
    uses it) fails here."""
    from pathlib import Path

    package = Path(__file__).resolve().parents[1] / "taskbook"
    writers = [
        path
        for path in package.rglob("*.py")
        if any(
            marker in path.read_text(encoding="utf-8")
            for marker in ("csv.writer(", "Workbook()", "csv.DictWriter(")
        )
    ]
    assert writers, "the scan finds the writers"
    unguarded = [
        str(path.relative_to(package))
        for path in writers
        if "taskbook.spreadsheets import" not in path.read_text(encoding="utf-8")
    ]
    assert not unguarded, unguarded
