import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from taskbook.orgs.actors import SYSTEM
from taskbook.taskbooks.actions import create_measure, save_contact
from tests.conftest import COMMERCE, TECH
from tests.documents.helpers import count_queries, wide_plan

D = datetime.date


def page_url(plan, query: str = "") -> str:
    return reverse("plans:responsibility", args=[plan.pk]) + (f"?{query}" if query else "")


def xlsx_url(plan, query: str = "") -> str:
    return reverse("documents:responsibility_xlsx", args=[plan.pk]) + (f"?{query}" if query else "")


def workbook(client, url: str) -> openpyxl.Workbook:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_the_matrix_page_shows_roles_persons_totals_and_links(client, people, plan, workplan):
    client.force_login(people.alice)
    response = client.get(page_url(plan))
    assert response.status_code == 200
    html = response.content.decode()
    matrix = response.context["matrix"]
    names = [c.name for c in matrix.columns]
    assert COMMERCE in names and TECH in names and "each district" in names
    assert "Office of the Leading Group" not in names  # holds no task
    commerce = names.index(COMMERCE)
    row = {r.number: r for r in matrix.rows}
    assert row["1"].cells[commerce].role == "lead" and row["1"].cells[commerce].persons == ["Wang Fang"]
    assert row["2"].cells[commerce].role == "participating"
    assert row["4"].cells[commerce].persons == []  # no Commerce measure under task 4 yet
    column = matrix.columns[commerce]
    assert (column.leads, column.joins, column.measures) == (2, 2, 3)
    assert [g.title for g in matrix.groups] == ["Area 1", "Area 2"]
    for text in ("Task title 1", "Task title 4", "Wang Fang", "Chen Jing", "Tasks led", "Tasks joined"):
        assert text in html, text
    assert reverse("taskbooks:taskbook", args=[plan.pk, people.commerce.pk]) in html
    assert reverse("documents:taskbook_pdf", args=[plan.pk, people.commerce.pk]) in html
    assert reverse("documents:responsibility_xlsx", args=[plan.pk]) in html


def test_a_unit_sees_only_the_persons_of_the_measures_it_may_see(client, people, plan, workplan):
    # Technology holds every task of the `plan` with Commerce: its staff see Commerce's persons there.
    client.force_login(people.tina)
    assert "Wang Fang" in client.get(page_url(plan)).content.decode()
    plan, _units = wide_plan(tasks=6, units=6, title="Work Plan for Visibility (2023-2025)")
    # Commerce joins nothing in this plan, so its staff see the matrix but nobody's contact names.
    client.force_login(people.sam)
    matrix = client.get(page_url(plan)).context["matrix"]
    assert all(not cell.persons for row in matrix.rows for cell in row.cells)
    assert not any(c.readable for c in matrix.columns)  # their task books are not Commerce's to open
    client.force_login(people.lena)
    matrix = client.get(page_url(plan)).context["matrix"]
    assert sum(len(cell.persons) for row in matrix.rows for cell in row.cells) == 6
    assert all(c.readable for c in matrix.columns)


def test_the_unit_filter_narrows_columns_and_rows(client, people, plan, workplan):
    client.force_login(people.alice)
    district = plan.tasks.get(number="1").task_units.get(printed_name="each district").unit
    response = client.get(page_url(plan, f"unit={people.commerce.pk}&unit={district.pk}"))
    matrix = response.context["matrix"]
    assert sorted(c.name for c in matrix.columns) == sorted([COMMERCE, "each district"])
    assert len(response.context["all_units"]) == 3  # the filter still offers every unit
    assert len(matrix.rows) == 4
    assert f"unit={people.commerce.pk}" in response.context["filter_query"]


def test_a_bad_unit_filter_is_refused_with_a_message(client, people, plan):
    client.force_login(people.alice)
    for url in (page_url(plan, "unit=abc"), xlsx_url(plan, "unit=abc")):
        response = client.get(url)
        assert response.status_code == 400
        assert "is not a unit" in response.content.decode()


def test_an_unknown_unit_in_the_filter_shows_an_empty_matrix(client, people, plan):
    client.force_login(people.alice)
    response = client.get(page_url(plan, "unit=999999"))
    assert response.status_code == 200
    assert "holds no task of this plan" in response.content.decode()


def test_the_page_is_paginated_by_tasks(client, people, monkeypatch):
    from taskbook.plans import views

    monkeypatch.setattr(views, "MATRIX_PAGE_SIZE", 4)
    plan, _units = wide_plan(tasks=10, units=4, title="Work Plan for Paging (2023-2025)", measures_per_task=0)
    client.force_login(people.alice)
    first = client.get(page_url(plan)).context
    last = client.get(page_url(plan, "page=3")).context
    assert len(first["matrix"].rows) == 4 and len(last["matrix"].rows) == 2
    # Totals are the whole plan's, whatever the page.
    assert sum(c.leads for c in last["matrix"].columns) == 10


def test_the_xlsx_has_the_matrix_and_the_responsible_persons(client, people, plan, workplan):
    client.force_login(people.lena)
    response = client.get(xlsx_url(plan))
    assert response["Content-Disposition"] == (
        f'attachment; filename="responsibility-{plan.pk}.xlsx"; '
        "filename*=UTF-8''Responsibility%20matrix%2C%20Work%20Plan%20for%20Testing%20%282023-2025%29.xlsx"
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Matrix", "Responsible persons"]
    sheet = book["Matrix"]
    assert sheet["A1"].value == plan.title
    assert sheet.freeze_panes == "C4"
    header = [c.value for c in sheet[3]]
    assert header[:2] == ["No.", "Task"]
    commerce = header.index(COMMERCE) + 1
    assert sheet.cell(3, commerce).alignment.wrap_text
    rows = {sheet.cell(r, 1).value: r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 1).value}
    lead = sheet.cell(rows[1], commerce)
    assert lead.value == "L\nWang Fang" and lead.font.bold and lead.fill.fgColor.rgb.endswith("D6E2F5")
    joined = sheet.cell(rows[2], commerce)
    assert joined.value.startswith("P") and not joined.font.bold
    assert rows["1 Area 1"] == 4 and rows[1] == 5  # a section's row, then its tasks; numbers are numbers
    totals = {sheet.cell(r, 2).value: r for r in range(sheet.max_row - 2, sheet.max_row + 1)}
    assert sheet.cell(totals["Tasks led"], commerce).value == 2
    assert sheet.cell(totals["Measures"], commerce).value == 3
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["C"].width

    persons = book["Responsible persons"]
    assert persons["A1"].value == plan.title
    assert [c.value for c in persons[3]] == [
        "Task no.", "Task", "Unit", "Role", "Measure", "Responsible person", "Position", "Phone", "E-mail",
        "Start", "Due",
    ]  # fmt: skip
    lines = [[c.value for c in row] for row in persons.iter_rows(min_row=4)]
    wang = next(line for line in lines if line[5] == "Wang Fang")
    assert wang[:5] == [1, "Task title 1", COMMERCE, "lead unit", f"{COMMERCE} measure 1"]
    assert wang[6:9] == ["Deputy Director", "0755-8812 3456", "wang.fang@example.org"]
    assert wang[9].date() == D(2024, 1, 1) and wang[10].date() == D(2024, 5, 30)
    # A unit's responsibility without a measure yet still has its line.
    assert [4, "Task title 4", "each district", "participating unit"] in [line[:4] for line in lines]


def test_text_that_looks_like_a_formula_stays_text(client, people, plan, workplan):
    contact = save_contact(SYSTEM, people.commerce, name='=HYPERLINK("http://x")')
    create_measure(
        SYSTEM, plan.tasks.get(number="1"), people.commerce, title="=1+2", start_date=D(2024, 1, 1),
        due_date=D(2024, 2, 1), responsible=contact,
    )  # fmt: skip
    client.force_login(people.alice)
    persons = workbook(client, xlsx_url(plan))["Responsible persons"]
    cells = [
        c
        for row in persons.iter_rows(min_row=4)
        for c in row
        if c.value in ("=1+2", '=HYPERLINK("http://x")')
    ]
    assert len(cells) == 2 and all(c.data_type == "s" for c in cells)


def test_other_roles(client, people, plan, workplan):
    client.force_login(people.olga)
    assert client.get(page_url(plan)).status_code == 404
    assert client.get(xlsx_url(plan)).status_code == 404
    client.force_login(people.tina)
    assert client.get(page_url(plan)).status_code == 200
    client.logout()
    assert client.get(xlsx_url(plan)).status_code == 302


@pytest.mark.parametrize("which", ["page", "xlsx"])
@pytest.mark.parametrize("reader", ["sam", "lena"])
def test_the_matrix_is_read_in_a_constant_number_of_queries(client, people, which, reader):
    client.force_login(getattr(people, reader))
    figures = []
    for tasks, units, per_task in ((4, 3, 1), (40, 12, 3)):
        plan, _units = wide_plan(tasks, units, f"Work Plan of {tasks} Tasks (2023-2025)", per_task)
        url = page_url(plan) if which == "page" else xlsx_url(plan)
        figures.append(count_queries(client, url)[0])
    assert figures[0] == figures[1], figures
