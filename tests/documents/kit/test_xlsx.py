"""The XLSX kit: values keep their types, and a sheet prints on A4 at a readable size, its header rows
repeated, landscape and over pages across (its first columns repeated) only when it is wide."""

import datetime
import io

import openpyxl
from openpyxl.utils import get_column_letter

from taskbook.documents.kit.info import DocumentInfo
from taskbook.documents.kit.xlsx import (
    MARGINS,
    new_workbook,
    number_or_text,
    print_setup,
    put,
    table,
    title_rows,
    to_bytes,
)

INFO = DocumentInfo(title="R&D plan · 研发计划", subject="Matrix", author="taskbook", language="en")


def sheet_of(columns: int, width: float, rows: int = 30):
    """A workbook with one sheet: the title rows, then a table of `columns` columns `width` wide."""
    workbook = new_workbook(INFO)
    ws = workbook.active
    title_rows(ws, INFO.title, "subtitle", columns)
    labels = [f"Column {i}" for i in range(1, columns + 1)]
    table(ws, 3, labels, [width] * columns, [[r, *["text"] * (columns - 1)] for r in range(rows)])
    return workbook, ws


def read_back(workbook):
    return openpyxl.load_workbook(io.BytesIO(to_bytes(workbook)))


def test_a_narrow_sheet_prints_portrait_one_page_wide():
    workbook, ws = sheet_of(columns=4, width=12)
    print_setup(ws, INFO.title, header_rows=(3, 3))
    ws = read_back(workbook).active
    setup = ws.page_setup
    assert setup.orientation == "portrait" and setup.paperSize == 9  # A4
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0) and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$3:$3" and ws.print_title_cols is None
    assert ws.print_area == "'Sheet'!$A$1:$D$33"
    assert ws.page_margins.left == MARGINS.left and ws.print_options.horizontalCentered


def test_a_wide_sheet_prints_landscape_and_one_too_wide_for_one_page_goes_across_with_its_titles():
    workbook, ws = sheet_of(columns=12, width=14)  # about 330 mm: one landscape page at 85 %
    print_setup(ws, INFO.title, header_rows=(3, 3), title_columns=2)
    ws = read_back(workbook).active
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1

    workbook, ws = sheet_of(columns=40, width=14)  # a matrix of 38 units: three pages across
    print_setup(ws, INFO.title, header_rows=(3, 3), title_columns=2)
    ws = read_back(workbook).active
    setup = ws.page_setup
    assert setup.orientation == "landscape" and (setup.fitToWidth, setup.fitToHeight) == (3, 0)
    assert ws.print_title_cols == "$A:$B" and setup.pageOrder == "overThenDown"
    assert ws.print_area == f"'Sheet'!$A$1:${get_column_letter(40)}$33"


def test_the_page_header_names_the_document_and_the_footer_numbers_the_pages():
    workbook, ws = sheet_of(columns=3, width=10)
    print_setup(ws, INFO.title + " " + "x" * 300, header_rows=(3, 3))
    ws = read_back(workbook).active
    header = ws.oddHeader.left.text
    assert header.startswith("R&&D plan · 研发计划")  # "&" alone would start an Excel code
    assert len(header) <= 210 and header.endswith("…")
    assert ws.oddHeader.right.text == "&A" and ws.oddFooter.center.text == "&P / &N"


def test_values_keep_their_types():
    workbook = new_workbook(INFO)
    ws = workbook.active
    put(ws, 1, 1, datetime.date(2024, 3, 1))
    put(ws, 1, 2, 27.5)
    put(ws, 1, 3, '=HYPERLINK("http://x")')
    put(ws, 1, 4, number_or_text("12"))
    put(ws, 1, 5, number_or_text("3.1"))
    put(ws, 1, 6, "a\x00b")
    ws = read_back(workbook).active
    date, figure, formula, number, label, text = ws[1]
    assert date.is_date and date.number_format == "yyyy-mm-dd"
    assert figure.data_type == "n" and figure.value == 27.5
    assert formula.data_type == "s"
    assert (number.value, number.data_type) == (12, "n") and (label.value, label.data_type) == ("3.1", "s")
    assert text.value == "ab"
    assert [number_or_text(v) for v in ("07", "（一）", "１", "10")] == ["07", "（一）", "１", 10]


def test_the_workbook_says_what_it_is():
    props = read_back(new_workbook(INFO)).properties
    assert (props.title, props.subject, props.creator, props.lastModifiedBy, props.language) == (
        "R&D plan · 研发计划",
        "Matrix",
        "taskbook",
        "taskbook",
        "en",
    )
    assert props.created == INFO.created_utc  # the document's own moment
