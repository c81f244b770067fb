import datetime
import io

import docx
import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone
from docx.oxml.ns import qn
from docx.shared import Mm
from pypdf.generic import BooleanObject

from taskbook.orgs.actions import create_unit
from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan, publish_plan
from taskbook.taskbooks.actions import (
    add_milestone,
    approve_taskbook,
    complete_milestone,
    create_measure,
    save_contact,
    submit_taskbook,
    taskbook_for,
    update_measure,
)
from tests.conftest import COMMERCE, TECH, add_measures, make_draft
from tests.documents.helpers import count_queries, dense, docx_text, pdf_catalog, pdf_fonts, pdf_text

D = datetime.date


def url(kind: str, plan, unit, language: str = "") -> str:
    path = reverse(f"documents:taskbook_{kind}", args=[plan.pk, unit.pk])
    return f"/{language}{path}" if language else path


def export(client, kind: str, plan, unit, language: str = "") -> tuple[str, bytes]:
    response = client.get(url(kind, plan, unit, language))
    assert response.status_code == 200, response.status_code
    return response["Content-Disposition"], response.content


def text_of(kind: str, content: bytes) -> str:
    return dense(pdf_text(content) if kind == "pdf" else docx_text(content))


@pytest.fixture
def finance(people):
    """A unit with an English and a Chinese name that leads a task of its own plan, with a deputy,
    Chinese measure titles and milestones, made through the actions."""
    unit = create_unit(
        SYSTEM, name_en="Municipal Bureau of Finance", name_zh="深圳市财政局", short_name="SZFB"
    )
    draft = make_draft(tasks=2, title="Work Plan for Public Finance (2023-2025)")
    draft["sections"][0]["tasks"][0]["lead_units"] = ["Municipal Bureau of Finance"]
    draft["sections"][0]["tasks"][0]["title"] = "Reform the budget process"
    plan = publish_plan(SYSTEM, import_plan(SYSTEM, draft).plan)
    head = save_contact(
        SYSTEM, unit, name="周红", position="副局长", phone="0755-1234 5678", email="zhou.hong@example.org"
    )
    deputy = save_contact(SYSTEM, unit, name="Gao Yan", position="Section Chief")
    measure = create_measure(
        SYSTEM,
        plan.tasks.get(number="1"),
        unit,
        title="编制年度预算改革方案",
        deliverable="改革方案",
        start_date=D(2024, 2, 1),
        due_date=D(2024, 10, 31),
        responsible=head,
        deputy=deputy,
    )
    add_milestone(SYSTEM, measure, date=D(2024, 4, 30), description="完成征求意见")
    return plan, unit, measure


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_the_task_book_holds_the_unit_its_tasks_measures_and_people(client, people, plan, workplan, kind):
    client.force_login(people.alice)
    disposition, content = export(client, kind, plan, people.commerce)
    assert disposition == (
        f'attachment; filename="taskbook-{plan.pk}-{people.commerce.pk}.{kind}"; '
        f"filename*=UTF-8''Task%20book%2C%20Municipal%20Bureau%20of%20Commerce%2C%202023-2025.{kind}"
    )
    text = text_of(kind, content)
    commerce_tasks = plan.tasks.filter(task_units__unit=people.commerce).distinct()
    expected = [
        "Work Plan for Testing",  # the plan's title, in the title block and the running header
        "Task book of Municipal Bureau of Commerce",
        "任务书",
        "Tasks led",
        "Tasks joined",
        *(t.title for t in commerce_tasks),
        *(m.title for m in workplan.measures if m.unit_id == people.commerce.pk),
        "Wang Fang",
        "Deputy Director",
        "0755-8812 3456",
        "wang.fang@example.org",
        "A report",  # the deliverable
        "Draft ready",
        "Adopted",
        "2024-01-01",  # the first measure's start
        "draft",  # the task book was created, as a draft, with the first measure
        "Sign-off",
        "Head of the unit (signature)",
        "Seal of the unit",
        "Approved by the coordinating office",
        TECH,  # the other units of the tasks
    ]
    missing = [s for s in expected if dense(s) not in text]
    assert not missing, missing
    # Technology's measures are its own task book's, not Commerce's.
    assert dense("Science and Technology Innovation Commission measure 1") not in text


def test_the_pdf_embeds_its_cjk_fonts(client, people, finance):
    plan, unit, _measure = finance
    client.force_login(people.alice)
    _disposition, content = export(client, "pdf", plan, unit)
    assert content.startswith(b"%PDF-")
    fonts = pdf_fonts(content)
    cjk = {name: program for name, program in fonts.items() if "CJK" in name}
    assert cjk, fonts
    assert all(program.startswith("/FontFile") for program in cjk.values()), fonts


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_chinese_names_and_text_and_the_deputy(client, people, finance, kind):
    plan, unit, _measure = finance
    client.force_login(people.alice)
    disposition, content = export(client, kind, plan, unit)
    assert f"taskbook-{plan.pk}-szfb.{kind}" in disposition  # the short name, when the unit has one
    text = text_of(kind, content)
    for needle in (
        "Municipal Bureau of Finance",
        "深圳市财政局",
        "Reform the budget process",
        "编制年度预算改革方案",
        "改革方案",
        "周红",
        "副局长",
        "zhou.hong@example.org",
        "Gao Yan",
        "完成征求意见",
        "2024-04-30",
        "2024-10-31",
    ):
        assert dense(needle) in text, needle


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_in_chinese_the_unit_is_named_in_chinese(client, people, finance, kind):
    plan, unit, _measure = finance
    client.force_login(people.alice)
    _disposition, content = export(client, kind, plan, unit, language="zh-hans")
    text = text_of(kind, content)
    assert "深圳市财政局" in text and "编制年度预算改革方案" in text
    # Chinese part numbers, whatever the state of the translations.
    assert "一、" in text and "二、" in text


def test_the_docx_sets_an_east_asian_font_on_every_run(client, people, finance):
    plan, unit, _measure = finance
    client.force_login(people.alice)
    _disposition, content = export(client, "docx", plan, unit)
    document = docx.Document(io.BytesIO(content))
    runs = [run for p in document.paragraphs for run in p.runs]
    runs += [
        run
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for p in cell.paragraphs
        for run in p.runs
    ]
    assert runs
    for run in runs:
        fonts = run._element.rPr.rFonts
        assert fonts is not None and fonts.get(qn("w:eastAsia")), run.text
    assert document.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia"))
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings, "parts and tasks are headings, so Word's navigation pane lists them"
    assert len(document.tables) >= 3  # facts, the task's units, its measures, the sign-off
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert "PAGE" in section.footer._element.xml


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_unit_without_measures_gets_an_empty_draft_task_book(client, people, plan, kind):
    district = plan.tasks.get(number="1").task_units.get(printed_name="each district").unit
    client.force_login(people.alice)
    _disposition, content = export(client, kind, plan, district)
    text = text_of(kind, content)
    assert dense("draft, not yet submitted") in text
    assert dense("The unit has no measures under this task yet.") in text


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_an_approved_task_book_shows_its_version_baseline_slippage_and_approval(
    client, people, plan, workplan, kind
):
    taskbook = taskbook_for(plan, people.commerce)
    submit_taskbook(people.carl, taskbook)
    approve_taskbook(people.alice, taskbook, "Agreed.")
    measure = workplan.measures[0]
    measure.refresh_from_db()
    # The coordinator moves a baselined date; the export shows the slippage against the baseline.
    update_measure(
        people.alice,
        measure,
        version=measure.version,
        due_date=measure.due_date + datetime.timedelta(days=12),
    )
    milestone = measure.milestones.first()
    complete_milestone(people.sam, milestone, done_on=milestone.date)
    client.force_login(people.carl)
    _disposition, content = export(client, kind, plan, people.commerce)
    text = text_of(kind, content)
    approved_on = timezone.localdate(taskbook.revisions.get(status="approved").at).isoformat()
    for needle in (
        "approved",
        "Baseline due",
        "12 days late",
        "on baseline",
        f"approved on {approved_on}",
        f"Approval date{':' if kind == 'docx' else ''}{approved_on}",
        "Agreed.",
        milestone.date.isoformat(),
    ):
        assert dense(needle) in text, needle


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_measures_under_a_task_the_unit_no_longer_holds_stay_in_the_book(
    client, people, plan, workplan, kind
):
    # The plan is re-imported with Technology alone on task 1, where Commerce has a measure.
    draft = make_draft(tasks=4, sections=2)
    draft["sections"][0]["tasks"][0]["lead_units"] = [TECH]
    draft["sections"][0]["tasks"][0]["participating_units"] = ["each district"]
    import_plan(SYSTEM, draft)
    client.force_login(people.alice)
    _disposition, content = export(client, kind, plan, people.commerce)
    text = text_of(kind, content)
    assert dense("Other tasks with measures of the unit") in text
    assert dense(f"{COMMERCE} measure 1") in text


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_other_units_staff_and_people_without_a_role_cannot_export_it(client, people, plan, workplan, kind):
    for person in (people.tina, people.olga):
        client.force_login(person)
        assert client.get(url(kind, plan, people.commerce)).status_code == 404
    client.logout()
    assert client.get(url(kind, plan, people.commerce)).status_code == 302
    # Technology's own task book is theirs to export.
    client.force_login(people.tina)
    assert client.get(url(kind, plan, people.tech)).status_code == 200


def test_a_missing_plan_or_unit_is_a_404(client, people, plan):
    client.force_login(people.alice)
    assert (
        client.get(reverse("documents:taskbook_pdf", args=[plan.pk + 99, people.commerce.pk])).status_code
        == 404
    )
    assert client.get(reverse("documents:taskbook_docx", args=[plan.pk, 999999])).status_code == 404


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_the_task_book_is_read_in_a_constant_number_of_queries(client, people, plan, workplan, kind):
    client.force_login(people.sam)
    small, _response = count_queries(client, url(kind, plan, people.commerce))
    add_measures(plan, people.commerce, workplan.contacts["commerce"], 20)
    taskbook = taskbook_for(plan, people.commerce)
    submit_taskbook(people.carl, taskbook)
    approve_taskbook(people.alice, taskbook)
    large, response = count_queries(client, url(kind, plan, people.commerce))
    assert large == small
    assert dense(f"{COMMERCE} measure 20") in text_of(kind, response.content)


def test_the_pdf_is_tagged_in_the_reader_s_language_with_its_title_and_author(client, people, finance):
    plan, unit, _measure = finance
    client.force_login(people.alice)
    _disposition, content = export(client, "pdf", plan, unit, language="zh-hans")
    catalog = pdf_catalog(content)
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert catalog["/Lang"] == "zh-Hans"
    info = pypdf.PdfReader(io.BytesIO(content)).metadata
    assert info.title.startswith("深圳市财政局") and info.author == "深圳市财政局"


def test_the_docx_tables_have_their_widths_in_the_grid_and_its_properties_name_the_unit(
    client, people, finance
):
    plan, unit, _measure = finance
    client.force_login(people.alice)
    _disposition, content = export(client, "docx", plan, unit)
    document = docx.Document(io.BytesIO(content))
    measures = next(t for t in document.tables if len(t.columns) == 5)._tbl
    grid = [int(col.get(qn("w:w"))) for col in measures.tblGrid.findall(qn("w:gridCol"))]
    assert grid == [Mm(w).twips for w in (9, 55, 42, 36, 18)]  # the number column is narrow
    core = document.core_properties
    assert core.title == "Task book of Municipal Bureau of Finance — Work Plan for Public Finance (2023-2025)"
    assert (core.author, core.subject, core.language) == ("Municipal Bureau of Finance", "Task book", "en")
