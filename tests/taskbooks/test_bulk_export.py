import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from taskbook.orgs.actors import SYSTEM
from taskbook.taskbooks.actions import update_measure
from taskbook.taskbooks.bulk import KEYS
from tests.conftest import add_measures
from tests.taskbooks.bulk_helpers import export_url, read_csv, read_xlsx


def test_csv_export_is_utf8_with_bom_and_lists_the_units_measures_then_their_milestones(
    client, people, plan, workplan
):
    client.force_login(people.sam)
    response = client.get(export_url(plan, people.commerce, "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "filename*=UTF-8''Measures" in response["Content-Disposition"]
    )  # a readable name, ASCII fallback beside it
    assert response.content.startswith(b"\xef\xbb\xbf")  # Excel reads Chinese only with the BOM
    rows = read_csv(response.content)
    assert list(rows[0]) == KEYS
    assert [r["kind"] for r in rows] == ["measure", "milestone", "milestone"] * 3
    commerce = {str(m.pk) for m in workplan.measures if m.unit_id == people.commerce.pk}
    assert {r["measure_id"] for r in rows} == commerce  # Technology's measures are not in it
    first = rows[0]
    assert first["responsible"] == "Wang Fang" and first["email"] == "wang.fang@example.org"
    assert first["start_date"] == "2024-01-01" and first["due_date"] == "2024-05-30"
    assert first["status"] == "not_started" and first["weight"] == "1"
    milestone = rows[1]
    assert milestone["measure_id"] == first["measure_id"] and milestone["milestone_id"]
    assert milestone["milestone_date"] == "2024-01-31" and milestone["milestone_description"] == "Draft ready"
    assert milestone["title"] == "" and milestone["done_on"] == ""


def test_xlsx_export_has_date_cells_text_task_numbers_and_a_sheet_that_explains_the_columns(
    client, people, plan, workplan
):
    client.force_login(people.carl)
    response = client.get(export_url(plan, people.commerce, "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "measures" and len(book.sheetnames) == 2
    rows = read_xlsx(response.content)
    assert len(rows) == 9
    assert rows[0]["start_date"] == datetime.datetime(2024, 1, 1)  # a real date cell
    assert isinstance(rows[0]["task"], str)  # "1" stays the printed number, not a number
    guide = [r[0] for r in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert guide == KEYS


def test_text_that_looks_like_a_formula_stays_text(client, people, plan, workplan):
    measure = workplan.measures[0]
    update_measure(SYSTEM, measure, version=measure.version, title='=HYPERLINK("http://x","click")')
    client.force_login(people.sam)
    csv_rows = read_csv(client.get(export_url(plan, people.commerce, "csv")).content)
    assert csv_rows[0]["title"] == '\'=HYPERLINK("http://x","click")'
    book = load_workbook(io.BytesIO(client.get(export_url(plan, people.commerce, "xlsx")).content))
    cell = book.worksheets[0].cell(row=2, column=KEYS.index("title") + 1)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_export_reads_in_the_same_number_of_queries_whatever_the_size(client, people, plan, workplan):
    client.force_login(people.sam)

    def queries(fmt: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(export_url(plan, people.commerce, fmt)).status_code == 200
        return len(ctx.captured_queries)

    small = {fmt: queries(fmt) for fmt in ("csv", "xlsx")}
    add_measures(plan, people.commerce, workplan.contacts["commerce_deputy"], 25)
    large = {fmt: queries(fmt) for fmt in ("csv", "xlsx")}
    assert small == large
    print(f"export queries at 3 and 28 measures: {small} {large}")


def test_a_unit_sees_only_its_own_export(client, people, plan, workplan):
    client.force_login(people.tina)  # Technology staff
    assert client.get(export_url(plan, people.commerce, "csv")).status_code == 404
    assert client.get(export_url(plan, people.tech, "csv")).status_code == 200
    client.force_login(people.lena)  # leaders read every unit's task book
    assert client.get(export_url(plan, people.commerce, "xlsx")).status_code == 200


def test_the_format_page_describes_every_column():
    from pathlib import Path

    from taskbook.taskbooks.bulk import COLUMNS

    page = (Path(__file__).resolve().parents[2] / "docs" / "bulk-format.md").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"| `{column.key}` | {column.label_zh} |" in page, column.key
