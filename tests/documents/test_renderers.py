"""The three renderers: what a reader finds in the PDF (through pdftotext), the DOCX and the XLSX."""

import io
import re
import subprocess

import docx
import openpyxl
import pypdf
import pytest
from django.utils import translation
from docx.oxml.ns import qn
from docx.shared import Mm

from taskbook.documents.progress_report.content import build_progress_document
from taskbook.documents.progress_report.docx import render_document_docx
from taskbook.documents.progress_report.pdf import render_document_pdf
from taskbook.documents.progress_report.xlsx import render_document_xlsx
from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan, publish_plan
from taskbook.reporting.actions import open_cycle, save_report, set_calendar, submit_report
from taskbook.reporting.models import ReportingCycle
from tests.conftest import make_draft
from tests.documents.conftest import TODAY
from tests.documents.helpers import PDFAID, dense, docx_text, pdf_catalog, pdf_fonts, xmp


def pdftotext(content: bytes, *options: str) -> str:
    """The text as poppler's pdftotext reads it: what a reader's search or copy finds."""
    return subprocess.run(
        ["pdftotext", *options, "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture
def doc(filled):
    return build_progress_document(filled.plan, filled.cycle, today=TODAY)


def test_the_pdf_holds_the_titles_figures_and_overdue_items(doc, people):
    content = render_document_pdf(doc)
    text = pdftotext(content)
    flat = dense(text)
    for title in ("Task title 1", "Task title 2", "Task title 3", "Task title 4"):
        assert dense(title) in flat
    assert "Implementation progress report" in text and "2024-Q1" in text
    # The headline figures side by side: tasks, received of owed, accepted, overdue, on time, percent.
    layout = pdftotext(content, "-layout")
    assert re.search(r"\b4\s+3 ?/ ?4\s+1\s+2\s+25%\s+27\.5%", layout)
    assert "55%" in text  # task 1's amended percent
    assert "Amended on" in text and "Measures recounted" in text
    assert dense("Two matchmaking events held.") in flat
    assert dense("two levels or more from the self-assessment") in flat
    assert dense("Overdue items as of 2024-06-01") in flat
    assert dense(people.commerce.name_en + " measure 1") in flat
    assert "70.9%" in text and "Quarterly survey" in text  # the target's latest value and its source
    assert "—1/5—" in flat and "—5/5—" in flat  # page numbers
    assert dense(f"{doc.plan_title} · 2024-Q1") in flat  # the running head from the second page on


def test_the_pdf_embeds_its_fonts(doc):
    fonts = pdf_fonts(render_document_pdf(doc))
    assert fonts and all(fonts.values()), fonts
    assert any("Noto-Sans-CJK" in name for name in fonts) and any("Noto-Serif-CJK" in name for name in fonts)


@pytest.fixture
def chinese(people):
    """A plan with Chinese task titles and its first cycle open, one report submitted."""
    draft = make_draft(tasks=2, title="深圳市优化营商环境工作方案（2023-2025年）")
    draft["language"] = "zh"
    draft["sections"][0]["tasks"][0]["title"] = "加快集聚国际创新资源"
    draft["sections"][0]["tasks"][1]["title"] = "构建国际化生产性服务体系"
    plan = publish_plan(SYSTEM, import_plan(SYSTEM, draft).plan)
    set_calendar(SYSTEM, plan, frequency="quarterly")
    cycle = ReportingCycle.objects.filter(plan=plan).order_by("period_start")[4]
    report = open_cycle(SYSTEM, cycle)[0]
    report = save_report(SYSTEM, report, version=report.version, narrative="服务专班已成立，走访企业120家。")
    submit_report(SYSTEM, report)
    return plan, cycle


def test_chinese_text_in_the_pdf(chinese):
    plan, cycle = chinese
    with translation.override("zh-hans"):
        content = render_document_pdf(build_progress_document(plan, cycle, today=TODAY))
    flat = dense(pdftotext(content))
    for text in (
        "加快集聚国际创新资源",
        "构建国际化生产性服务体系",
        "服务专班已成立，走访企业120家。",
        "深圳市优化营商环境工作方案",
    ):
        assert dense(text) in flat
    assert "二、" in flat  # parts numbered as Chinese documents number them
    assert all(pdf_fonts(content).values())


def test_the_docx_holds_the_titles_figures_charts_and_overdue_items(doc, people):
    content = render_document_docx(doc)
    document = docx.Document(io.BytesIO(content))
    text = docx_text(content)
    for title in ("Task title 1", "Task title 2", "Task title 3", "Task title 4"):
        assert title in text
    assert "55%" in text and "27.5%" in text and "25%" in text and "3 / 4" in text
    assert "Two matchmaking events held." in text and "Measures recounted" in text
    assert f"{people.commerce.name_en} measure 1" in text
    assert "70.9%" in text
    assert doc.running_head in text  # the page header
    # The chart of ratings and the target's chart, as pictures Word can show.
    assert len(document.inline_shapes) == 1 + len(doc.targets)
    alt = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert alt[0] == "Tasks by the coordinator's rating" and alt[1].startswith("Target of task 3: ")
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings == ["1. Summary", "2. Tasks", "3. Overdue items as of 2024-06-01"]


def test_the_xlsx_has_a_sheet_each_with_numbers_as_numbers(doc, people):
    workbook = openpyxl.load_workbook(io.BytesIO(render_document_xlsx(doc)))
    assert workbook.sheetnames == ["Summary", "Tasks", "Targets", "Overdue"]
    summary = {row[0].value: row[1].value for row in workbook["Summary"].iter_rows(min_row=4) if row[0].value}
    assert summary["Reports received"] == 3 and summary["On-time rate (%)"] == 25
    assert summary["Overall percent complete (%)"] == 27.5 and summary["green"] == 1
    assert workbook["Summary"]._charts, "the chart of ratings"

    tasks = list(workbook["Tasks"].iter_rows(min_row=4, values_only=True))
    assert [(r[1], r[2], r[5], r[8]) for r in tasks] == [
        (1, "Task title 1", "accepted", 55.0),
        (2, "Task title 2", "returned", None),
        (3, "Task title 3", "draft", None),
        (4, "Task title 4", "submitted", 0.0),
    ]
    assert tasks[0][11] == "amber-red" and "Two matchmaking events held." in tasks[0][16]

    targets = workbook["Targets"]
    assert targets.cell(row=4, column=1).value == 3 and targets.cell(row=4, column=7).value == 70.9
    assert targets.cell(row=4, column=6).value == "%"  # the unit of the numbers beside it
    assert targets._charts, "a chart per target"

    overdue = list(workbook["Overdue"].iter_rows(min_row=4, values_only=True))
    kinds = [r[0] for r in overdue]
    assert kinds == ["report"] * 2 + ["contribution"] * 4 + ["measure"] * 2
    assert overdue[0][3] == people.tech.name_en and overdue[1][3] == people.commerce.name_en
    assert overdue[0][5] == (TODAY - doc.due_on).days


def test_text_that_looks_like_a_formula_stays_text(filled):
    report = filled.reports["3"]
    save_report(SYSTEM, report, version=report.version, narrative='=HYPERLINK("http://x","y")')
    submit_report(SYSTEM, report)
    doc = build_progress_document(filled.plan, filled.cycle, today=TODAY)
    cell = openpyxl.load_workbook(io.BytesIO(render_document_xlsx(doc)))["Tasks"].cell(row=6, column=14)
    assert cell.value == '=HYPERLINK("http://x","y")' and cell.data_type == "s"


def test_the_pdf_is_a_tagged_pdfa_3u_archive_copy_in_its_language(doc, chinese):
    content = render_document_pdf(doc)
    catalog = pdf_catalog(content)
    assert "/StructTreeRoot" in catalog and catalog["/Lang"] == "en"
    identification = xmp(content)
    assert (identification[f"{PDFAID}part"], identification[f"{PDFAID}conformance"]) == ("3", "U")
    assert pypdf.PdfReader(io.BytesIO(content)).metadata.title == doc.title
    plan, cycle = chinese
    with translation.override("zh-hans"):
        content = render_document_pdf(build_progress_document(plan, cycle, today=TODAY))
    assert pdf_catalog(content)["/Lang"] == "zh-Hans"
    assert all(key.startswith("/FontFile") for key in pdf_fonts(content).values())  # PDF/A embeds them


def test_the_docx_tables_have_their_widths_in_the_grid_and_its_properties_say_what_it_is(doc):
    document = docx.Document(io.BytesIO(render_document_docx(doc)))
    overdue = document.tables[-1]._tbl  # the overdue measures: a narrow number column, a wide title
    grid = [int(col.get(qn("w:w"))) for col in overdue.tblGrid.findall(qn("w:gridCol"))]
    assert grid == [Mm(w).twips for w in (11, 50, 38, 21, 14, 26)]
    core = document.core_properties
    assert (core.title, core.subject, core.author, core.language) == (
        doc.title,
        "Implementation progress report",
        "taskbook",
        "en",
    )


def test_the_xlsx_sheets_print_on_a4_with_their_headers_and_numbers_beside_their_labels(doc):
    workbook = openpyxl.load_workbook(io.BytesIO(render_document_xlsx(doc)))
    for ws in workbook.worksheets:
        setup = ws.page_setup
        assert setup.paperSize == 9 and setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.oddHeader.left.text == doc.title and ws.oddFooter.center.text == "&P / &N"
    summary = workbook["Summary"]
    # Labels and numbers on one portrait page, the chart of ratings under them inside the print area.
    assert summary.page_setup.orientation == "portrait" and summary.page_setup.fitToWidth == 1
    chart_row = summary._charts[0].anchor._from.row + 1
    assert summary.print_area == f"'Summary'!$A$1:$B${chart_row + 15}"
    tasks = workbook["Tasks"]
    assert tasks.page_setup.orientation == "landscape" and tasks.print_title_rows == "$3:$3"
    assert tasks.print_title_cols == "$A:$C"  # section, number and title on each page across
    assert tasks.cell(4, 9).data_type == "n" and tasks.cell(3, 9).value == "Percent complete (%)"
    targets, overdue = workbook["Targets"], workbook["Overdue"]
    assert targets.page_setup.fitToWidth == 1 and overdue.page_setup.fitToWidth == 1
    assert overdue.print_area == f"'Overdue'!$A$1:$G${overdue.max_row}"
    assert overdue.cell(4, 5).is_date and overdue.cell(4, 6).data_type == "n"  # due date, days late
