"""The responsibility matrix as XLSX prints readably however many units the plan has: landscape, its
task numbers and titles on each page across, its unit names on each page down."""

import io

import openpyxl
from django.utils import translation
from openpyxl.utils import get_column_letter

from taskbook.documents.responsibility.xlsx import render_matrix_xlsx
from taskbook.plans.responsibility import build_matrix
from tests.documents.helpers import wide_plan


def test_a_wide_matrix_prints_landscape_across_pages_with_its_tasks_repeated(people):
    plan, units = wide_plan(tasks=30, units=30, title="Work Plan for Printing (2023-2025)")
    matrix = build_matrix(people.alice, plan)
    book = openpyxl.load_workbook(io.BytesIO(render_matrix_xlsx(matrix)))
    sheet = book["Matrix"]
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and setup.paperSize == 9
    assert setup.fitToWidth == 3 and setup.fitToHeight == 0  # about 10 units a page, at two-thirds size
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$3" and sheet.print_title_cols == "$A:$B"
    last = get_column_letter(2 + len(units))
    totals = 3 + 2 + 30 + 3  # header, two areas, the tasks, three rows of totals
    assert sheet.print_area == f"'Matrix'!$A$1:${last}${totals}"
    assert sheet.cell(totals, 3).data_type == "n" and sheet.cell(5, 1).value == 1
    assert sheet.oddHeader.left.text == "Responsibility matrix, Work Plan for Printing (2023-2025)"

    persons = book["Responsible persons"]
    assert persons.page_setup.orientation == "landscape" and persons.page_setup.fitToWidth == 1
    assert persons.print_title_rows == "$3:$3"
    assert persons.cell(4, 10).is_date and persons.cell(4, 1).data_type == "n"
    assert book.properties.title == "Responsibility matrix, Work Plan for Printing (2023-2025)"


def test_the_workbook_is_in_the_reader_s_language(people, plan):
    with translation.override("zh-hans"):
        book = openpyxl.load_workbook(io.BytesIO(render_matrix_xlsx(build_matrix(people.alice, plan))))
    assert book.sheetnames == ["责任分工表", "责任人"]
    assert book.properties.language == "zh-Hans"
    assert book.properties.title == "Work Plan for Testing (2023-2025)责任分工表"
