import datetime
import io

import pytest
from openpyxl import load_workbook

from taskbook.audit.models import AuditEvent
from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import change_plan_status
from taskbook.taskbooks.actions import (
    approve_taskbook,
    complete_milestone,
    save_contact,
    set_measure_status,
    submit_taskbook,
    taskbook_for,
)
from taskbook.taskbooks.models import ChangeRequest, Measure, MeasureStatus, Milestone
from tests.taskbooks.bulk_helpers import (
    NEW_MEASURE,
    csv_file,
    export_url,
    post_file,
    read_csv,
    state,
    xlsx_file,
)

D = datetime.date


def _export(client, plan, unit, fmt: str) -> bytes:
    response = client.get(export_url(plan, unit, fmt))
    assert response.status_code == 200
    return response.content


def _errors(response) -> list[tuple[int, str, str]]:
    """The error table of a result page: (row, column, reason)."""
    return [(e.row, e.column, e.message) for e in response.context["errors"]]


# -- round trips ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_importing_an_unchanged_export_changes_nothing(client, people, plan, workplan, fmt):
    measure = workplan.measures[0]
    complete_milestone(SYSTEM, measure.milestones.first(), done_on=D(2024, 2, 1))
    save_contact(SYSTEM, people.commerce, name="王芳", position="处长")  # Chinese names round-trip too
    client.force_login(people.sam)
    data = _export(client, plan, people.commerce, fmt)
    before = state()
    response = post_file(client, plan, people.commerce, data, f"measures.{fmt}")
    assert response.status_code == 200, response.context.get("errors")
    summary = response.context["summary"]
    assert not summary.changed and summary.rows == 9
    assert "Nothing to change" in response.content.decode()
    assert state() == before  # no audit event, no version bump


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_chinese_text_survives_import_and_export(client, people, plan, workplan, fmt):
    save_contact(SYSTEM, people.commerce, name="王芳", position="副局长")
    rows = [
        NEW_MEASURE | {"responsible": "王芳", "deputy": ""},
        {"kind": "milestone", "milestone_date": "2024-05-31", "milestone_description": "完成调研，形成方案"},
    ]
    data = csv_file(rows) if fmt == "csv" else xlsx_file(rows)
    client.force_login(people.sam)
    response = post_file(client, plan, people.commerce, data, f"new.{fmt}")
    assert response.status_code == 200, response.context.get("errors")
    measure = Measure.objects.get(title=NEW_MEASURE["title"])
    assert measure.responsible.name == "王芳" and measure.description.startswith("在市民中心")
    assert measure.milestones.get().description == "完成调研，形成方案"
    exported = _export(client, plan, people.commerce, fmt)
    if fmt == "csv":
        assert "设立外商投资企业一站式服务窗口" in exported.decode("utf-8-sig")
    else:
        titles = [r[4] for r in load_workbook(io.BytesIO(exported)).worksheets[0].iter_rows(values_only=True)]
        assert "设立外商投资企业一站式服务窗口" in titles
    before = state()
    assert post_file(client, plan, people.commerce, exported, f"again.{fmt}").status_code == 200
    assert state() == before


def test_edits_made_in_the_export_are_applied_through_the_actions(client, people, plan, workplan):
    client.force_login(people.sam)
    rows = read_csv(_export(client, plan, people.commerce, "csv"))
    rows[0]["title"] = "Renamed in Excel"
    rows[0]["status"] = "in_progress"
    rows[1]["milestone_date"] = "2024-02-15"
    rows[2]["done_on"] = "2024-05-01"
    rows.insert(
        3, {"kind": "milestone", "milestone_date": "2024-04-01", "milestone_description": "Consulted"}
    )
    events = AuditEvent.objects.count()
    response = post_file(client, plan, people.commerce, csv_file(rows), "edited.csv")
    assert response.status_code == 200, response.context.get("errors")
    summary = response.context["summary"]
    assert (summary.measures_created, summary.measures_updated) == (0, 1)
    assert (summary.milestones_created, summary.milestones_updated) == (1, 2)
    measure = Measure.objects.get(pk=rows[0]["measure_id"])
    assert measure.title == "Renamed in Excel" and measure.status == "in_progress"
    milestones = list(measure.milestones.order_by("date"))
    assert [m.date for m in milestones] == [D(2024, 2, 15), D(2024, 4, 1), D(2024, 4, 30)]
    assert milestones[2].done_on == D(2024, 5, 1)
    actions = set(AuditEvent.objects.order_by("id")[events:].values_list("action", "actor__username"))
    assert actions == {
        ("measure.update", "sam"),
        ("measure.status", "sam"),
        ("milestone.update", "sam"),
        ("milestone.create", "sam"),
        ("milestone.done", "sam"),
    }
    # The other measures' rows were unchanged: untouched.
    assert Measure.objects.filter(pk__in=[r["measure_id"] for r in rows[4:]], version=1).count() == 2


def test_a_new_measure_and_its_milestones_from_a_csv(client, people, plan, workplan):
    rows = [
        NEW_MEASURE | {"status": "in_progress"},
        {
            "kind": "milestone",
            "milestone_date": "2024-04-30",
            "milestone_description": "Site chosen",
            "done_on": "2024-04-28",
        },
        {"kind": "milestone", "milestone_date": "2024-09-30", "milestone_description": "Window open"},
        NEW_MEASURE | {"title": "A second new measure", "task": "2", "deputy": ""},
    ]
    client.force_login(people.carl)
    response = post_file(client, plan, people.commerce, csv_file(rows), "new.csv")
    assert response.status_code == 200, response.context.get("errors")
    summary = response.context["summary"]
    assert (summary.measures_created, summary.milestones_created) == (2, 2)
    measure = Measure.objects.get(title=NEW_MEASURE["title"])
    assert measure.unit == people.commerce and measure.task.number == "1" and measure.year == 2024
    assert measure.responsible == workplan.contacts["commerce"]
    assert measure.deputy == workplan.contacts["commerce_deputy"]
    assert measure.weight == 3 and measure.status == "in_progress"
    assert [(m.description, m.done_on) for m in measure.milestones.all()] == [
        ("Site chosen", D(2024, 4, 28)),
        ("Window open", None),
    ]
    second = Measure.objects.get(title="A second new measure")
    assert second.task.number == "2" and second.deputy is None and not second.milestones.exists()
    assert AuditEvent.objects.filter(action="measure.create", actor=people.carl).count() == 2


def test_spreadsheet_habits_are_understood(client, people, plan, workplan):
    """Chinese header names, Excel's slash dates in CSV, a blank line, a milestone that names its measure."""
    existing = workplan.measures[1]
    header = [
        "类型",
        "措施编号",
        "任务序号",
        "措施名称",
        "责任人",
        "开始日期",
        "完成时限",
        "节点日期",
        "节点内容",
    ]
    keys = [
        "kind",
        "measure_id",
        "task",
        "title",
        "responsible",
        "start_date",
        "due_date",
        "milestone_date",
        "milestone_description",
    ]
    rows = [
        {
            "kind": "措施",
            "task": "3",
            "title": "新措施",
            "responsible": "wang  fang",
            "start_date": "2024/3/1",
            "due_date": "2024年9月30日",
        },
        {},
        {
            "kind": "节点",
            "measure_id": str(existing.pk),
            "milestone_date": "2024/6/1",
            "milestone_description": "追加节点",
        },
    ]
    data = csv_file([{h: r.get(k, "") for h, k in zip(header, keys, strict=True)} for r in rows], header)
    client.force_login(people.sam)
    response = post_file(client, plan, people.commerce, data, "中文表头.csv")
    assert response.status_code == 200, response.context.get("errors")
    assert Measure.objects.get(title="新措施").due_date == D(2024, 9, 30)
    assert existing.milestones.filter(description="追加节点", date=D(2024, 6, 1)).exists()
    existing.refresh_from_db()
    assert existing.version == 1  # only a milestone was added


def test_columns_left_out_of_the_file_keep_their_values(client, people, plan, workplan):
    measure = workplan.measures[0]
    data = csv_file(
        [{"kind": "measure", "measure_id": measure.pk, "weight": "5"}],
        header=["kind", "measure_id", "weight"],
    )
    client.force_login(people.sam)
    response = post_file(client, plan, people.commerce, data, "weights.csv")
    assert response.status_code == 200, response.context.get("errors")
    measure.refresh_from_db()
    assert measure.weight == 5 and measure.title == "Municipal Bureau of Commerce measure 1"
    assert measure.milestones.count() == 2  # nothing is deleted


def test_a_gb18030_csv_from_chinese_excel_is_read(client, people, plan, workplan):
    rows = [NEW_MEASURE | {"deputy": ""}]
    data = csv_file(rows, encoding="gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    client.force_login(people.sam)
    response = post_file(client, plan, people.commerce, data, "gbk.csv")
    assert response.status_code == 200, response.context.get("errors") or response.context.get("error")
    assert Measure.objects.filter(title=NEW_MEASURE["title"], deliverable="服务窗口").exists()


# -- bad rows: every fault listed, nothing saved ---------------------------------------------------


def _commerce_rows(workplan):
    return [m for m in workplan.measures if m.unit.name_en.startswith("Municipal Bureau of Commerce")]


@pytest.mark.parametrize(
    "change,column,reason",
    [
        ({"start_date": "2022-12-01"}, "start_date", "outside the plan's period"),
        ({"due_date": "2026-01-01"}, "due_date", "outside the plan's period"),
        ({"start_date": "2024-06-01", "due_date": "2024-05-01"}, "due_date", "before the start"),
        ({"responsible": "Chen Jing"}, "responsible", "is not a person of Municipal Bureau of Commerce"),
        ({"responsible": "Nobody Known"}, "responsible", "is not a person of"),
        ({"responsible": ""}, "responsible", "needs a responsible person"),
        ({"deputy": "Chen Jing"}, "deputy", "is not a person of"),
        ({"task": "99"}, "task", "no task numbered “99”"),
        ({"task": ""}, "task", "task's number"),
        ({"start_date": "2024-13-01"}, "start_date", "is not a date"),
        ({"due_date": "next week"}, "due_date", "is not a date"),
        ({"title": ""}, "title", "A measure needs a title."),
        ({"title": "x" * 301}, "title", "at most 300"),
        ({"weight": "0"}, "weight", "from 1 to 100"),
        ({"weight": "heavy"}, "weight", "from 1 to 100"),
        ({"year": "2030"}, "year", "plan's period"),
        ({"status": "finished"}, "status", "Unknown status"),
        ({"status": "cancelled"}, "cancel_reason", "reason for cancelling"),
        ({"kind": "action"}, "kind", "write measure or milestone"),
        ({"milestone_date": "2024-05-01"}, "milestone_date", "belongs on a milestone row"),
    ],
)
def test_a_bad_new_measure_row_is_reported_and_nothing_is_saved(
    client, people, plan, workplan, change, column, reason
):
    rows = [
        NEW_MEASURE | {"title": "A good measure"},
        {"kind": "milestone", "milestone_date": "2024-04-01", "milestone_description": "fine"},
        NEW_MEASURE | change,
    ]
    client.force_login(people.sam)
    before = state()
    response = post_file(client, plan, people.commerce, csv_file(rows), "bad.csv")
    assert response.status_code == 400
    errors = _errors(response)
    assert len(errors) == 1, errors
    assert errors[0][:2] == (4, column) and reason in errors[0][2]
    page = response.content.decode()
    assert "Nothing was saved" in page and column in page
    assert state() == before


@pytest.mark.parametrize(
    "change,column,reason",
    [
        ({"milestone_date": "2026-02-01"}, "milestone_date", "outside the plan's period"),
        ({"milestone_date": "31/12/2024"}, "milestone_date", "is not a date"),
        ({"milestone_date": ""}, "milestone_date", "A date is needed"),
        ({"milestone_description": ""}, "milestone_description", "Describe the milestone."),
        ({"milestone_id": "999999"}, "milestone_id", "has no milestone 999999"),
        ({"title": "Not here"}, "title", "belongs on a measure row"),
        ({"measure_id": "999999"}, "measure_id", "no measure 999999"),
    ],
)
def test_a_bad_milestone_row_is_reported_and_nothing_is_saved(
    client, people, plan, workplan, change, column, reason
):
    client.force_login(people.sam)
    rows = read_csv(_export(client, plan, people.commerce, "csv"))
    rows[0]["title"] = "A change that must not be saved"
    rows[2] |= change
    before = state()
    response = post_file(client, plan, people.commerce, csv_file(rows), "bad.csv")
    assert response.status_code == 400
    errors = _errors(response)
    assert len(errors) == 1 and errors[0][:2] == (4, column) and reason in errors[0][2], errors
    assert state() == before


def test_a_measure_of_another_unit_cannot_be_named(client, people, plan, workplan):
    tech_measure = next(m for m in workplan.measures if m.unit_id == people.tech.pk)
    rows = [
        NEW_MEASURE | {"measure_id": tech_measure.pk, "title": "Taken over"},
        {
            "kind": "milestone",
            "measure_id": tech_measure.pk,
            "milestone_date": "2024-05-01",
            "milestone_description": "x",
        },
    ]
    client.force_login(people.sam)
    before = state()
    response = post_file(client, plan, people.commerce, csv_file(rows), "other.csv")
    assert response.status_code == 400
    assert [(r, c) for r, c, _m in _errors(response)] == [(2, "measure_id"), (3, "measure_id")]
    assert "There is no measure" in _errors(response)[0][2]
    assert state() == before


def test_every_fault_of_a_file_is_listed_with_its_row_and_column_letter(client, people, plan, workplan):
    rows = [
        NEW_MEASURE | {"start_date": "2022-01-01", "responsible": "Chen Jing"},
        {},  # a blank row keeps the numbering of the spreadsheet
        NEW_MEASURE | {"task": "99"},
        {"kind": "milestone", "milestone_date": "bad", "milestone_description": ""},
        {"kind": "milestone", "milestone_date": "2024-05-01", "milestone_description": "fine"},
    ]
    client.force_login(people.sam)
    before = state()
    response = post_file(client, plan, people.commerce, csv_file(rows), "many.csv")
    assert response.status_code == 400
    assert [(r, c) for r, c, _m in _errors(response)] == [
        (2, "responsible"),
        (2, "start_date"),
        (4, "task"),
        (5, "milestone_date"),
        (5, "milestone_description"),
    ]
    letters = {e.column: e.letter for e in response.context["errors"]}
    assert letters["responsible"] == "H" and letters["start_date"] == "M"
    assert state() == before


def test_an_action_that_refuses_a_row_rolls_back_the_rows_already_applied(client, people, plan, workplan):
    """Closing the plan: updates pass the checks and apply, then creating a measure is refused."""
    client.force_login(people.sam)
    for measure in workplan.measures:  # a plan closes once its work is over
        set_measure_status(SYSTEM, measure, MeasureStatus.DONE)
    rows = read_csv(_export(client, plan, people.commerce, "csv"))
    rows[0]["title"] = "Applied first, then rolled back"
    rows.append(NEW_MEASURE)
    change_plan_status(SYSTEM, plan, "closed")
    before = state()
    response = post_file(client, plan, people.commerce, csv_file(rows), "closed.csv")
    assert response.status_code == 400
    assert _errors(response) == [(11, "", "The plan is closed.")]
    assert state() == before


def test_a_duplicated_measure_row_is_refused(client, people, plan, workplan):
    client.force_login(people.sam)
    rows = read_csv(_export(client, plan, people.commerce, "csv"))
    rows.append(dict(rows[0]))
    response = post_file(client, plan, people.commerce, csv_file(rows), "dup.csv")
    assert response.status_code == 400
    assert _errors(response) == [
        (11, "measure_id", f"Measure {rows[0]['measure_id']} already has a row (row 2).")
    ]


def test_a_milestone_cannot_be_done_in_the_future(client, people, plan, workplan, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: D(2024, 6, 1))
    client.force_login(people.sam)
    rows = read_csv(_export(client, plan, people.commerce, "csv"))
    rows[1]["done_on"] = "2024-07-01"
    before = state()
    response = post_file(client, plan, people.commerce, csv_file(rows), "future.csv")
    assert response.status_code == 400
    assert _errors(response) == [(3, "done_on", "A milestone cannot be done in the future.")]
    assert state() == before


def test_clearing_done_on_reopens_a_milestone(client, people, plan, workplan):
    milestone = workplan.milestones[0]
    complete_milestone(SYSTEM, milestone, done_on=D(2024, 1, 31))
    client.force_login(people.sam)
    rows = read_csv(_export(client, plan, people.commerce, "csv"))
    row = next(r for r in rows if r["milestone_id"] == str(milestone.pk))
    assert row["done_on"] == "2024-01-31"
    row["done_on"] = ""
    response = post_file(client, plan, people.commerce, csv_file(rows), "reopen.csv")
    assert response.status_code == 200 and response.context["summary"].milestones_updated == 1
    milestone.refresh_from_db()
    assert milestone.done_on is None


# -- bad files ------------------------------------------------------------------------------------


def _docx() -> bytes:
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "data,name,reason",
    [
        (b"", "empty.csv", "The file is empty."),
        (b"%PDF-1.4 not a spreadsheet", "renamed.xlsx", "not an accepted kind"),
        ("docx", "renamed.xlsx", "not an accepted kind"),
        (b"PK\x03\x04 broken zip", "broken.xlsx", "not an accepted kind"),
        (b"x" * (3 * 1024 * 1024 + 1), "big.csv", "the limit is 3 MB"),  # UPLOAD_MAX_BYTES below
        ("xlsx", "renamed.csv", "ends in “.csv” but its content is Excel"),
        (b"\x00\x01\x02binary", "binary.csv", "not an accepted kind"),
        (b"kind\r\n\x81\x30", "bad-encoding.csv", "neither UTF-8 nor GB18030"),
        ("utf-16", "unicode-text.csv", "not an accepted kind"),
        ("header-only", "header.csv", "no measure or milestone rows"),
        (b"\xef\xbb\xbf\r\n\r\n", "blank.csv", "The file has no rows"),
    ],
)
def test_a_bad_file_is_refused_with_its_reason_and_nothing_is_saved(
    client, people, plan, workplan, settings, data, name, reason
):
    settings.UPLOAD_MAX_BYTES = 3 * 1024 * 1024
    made = {
        "docx": _docx,
        "xlsx": lambda: xlsx_file([NEW_MEASURE]),
        "header-only": lambda: csv_file([]),
        "utf-16": lambda: csv_file([NEW_MEASURE], encoding="utf-16"),  # Excel's "Unicode text"
    }
    data = made[data]() if isinstance(data, str) else data
    client.force_login(people.sam)
    before = state()
    response = post_file(client, plan, people.commerce, data, name)
    assert response.status_code == 400
    assert reason in response.context["error"], response.context["error"]
    assert reason.split("“")[0] in response.content.decode()
    assert state() == before


def test_an_unknown_or_repeated_column_is_reported_in_row_1(client, people, plan, workplan):
    data = csv_file([NEW_MEASURE | {"owner": "x"}], header=[*NEW_MEASURE, "owner", "title"])
    client.force_login(people.sam)
    response = post_file(client, plan, people.commerce, data, "cols.csv")
    assert response.status_code == 400
    assert [(r, c) for r, c, _m in _errors(response)] == [(1, "owner"), (1, "title")]
    assert "Unknown column" in _errors(response)[0][2] and "twice" in _errors(response)[1][2]


def test_a_damaged_xlsx_is_refused(client, people, plan, workplan):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", "<not-a-workbook")
        z.writestr("[Content_Types].xml", "garbage")
    client.force_login(people.sam)
    before = state()
    response = post_file(client, plan, people.commerce, out.getvalue(), "damaged.xlsx")
    assert response.status_code == 400 and "cannot be read" in response.context["error"]
    assert state() == before


# -- approved task books ---------------------------------------------------------------------------


def _approve(people, plan):
    book = taskbook_for(plan, people.commerce)
    submit_taskbook(people.carl, book)
    approve_taskbook(people.alice, book)


def test_after_approval_a_changed_due_date_needs_a_reason_and_becomes_a_change_request(
    client, people, plan, workplan
):
    _approve(people, plan)
    client.force_login(people.sam)
    rows = read_csv(_export(client, plan, people.commerce, "csv"))
    rows[0]["due_date"] = "2024-07-31"
    rows[0]["title"] = "Retitled"
    before = state()
    response = post_file(client, plan, people.commerce, csv_file(rows), "late.csv")
    assert response.status_code == 400
    assert [(r, c) for r, c, _m in _errors(response)] == [(2, "change_reason")]
    assert state() == before

    rows[0]["change_reason"] = "The venue opens later."
    response = post_file(client, plan, people.commerce, csv_file(rows), "late.csv")
    assert response.status_code == 200, response.context.get("errors")
    change = ChangeRequest.objects.get()
    assert (change.field, change.new_value, change.reason) == (
        "due_date",
        "2024-07-31",
        "The venue opens later.",
    )
    measure = Measure.objects.get(pk=rows[0]["measure_id"])
    assert measure.due_date == D(2024, 5, 30) and measure.title == "Retitled"  # the date waits for approval
    page = response.content.decode()
    assert "The venue opens later." in page and "2024-07-31" in page
    assert response.context["summary"].measures_updated == 1
    # The same file again: the change is already awaiting the coordinator, so nothing is asked twice.
    before = state()
    response = post_file(client, plan, people.commerce, csv_file(rows), "late.csv")
    assert response.status_code == 200 and not response.context["summary"].changed
    assert state() == before


def test_the_coordinator_changes_an_approved_date_at_once(client, people, plan, workplan):
    _approve(people, plan)
    client.force_login(people.alice)
    rows = read_csv(_export(client, plan, people.commerce, "csv"))
    rows[0]["due_date"] = "2024-07-31"
    response = post_file(client, plan, people.commerce, csv_file(rows), "late.csv")
    assert response.status_code == 200, response.context.get("errors")
    assert Measure.objects.get(pk=rows[0]["measure_id"]).due_date == D(2024, 7, 31)
    assert not ChangeRequest.objects.exists()


# -- who may import --------------------------------------------------------------------------------


@pytest.mark.parametrize("who,status", [("lena", 403), ("tina", 404), ("olga", 404), (None, 302)])
def test_others_are_refused_before_the_file_is_read(client, people, plan, workplan, who, status, monkeypatch):
    def must_not_read(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr("taskbook.taskbooks.bulk.reading.check_file", must_not_read)
    if who:
        client.force_login(getattr(people, who))
    before = state()
    response = post_file(client, plan, people.commerce, csv_file([NEW_MEASURE]), "x.csv")
    assert response.status_code == status
    assert state() == before


def test_the_form_links_the_current_export_as_template(client, people, plan, workplan):
    client.force_login(people.sam)
    response = client.get(f"/bulk/{plan.pk}/{people.commerce.pk}/import/")
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        export_url(plan, people.commerce, "xlsx") in page and export_url(plan, people.commerce, "csv") in page
    )
    assert "milestone_description" in page and "节点内容" in page
    assert response.context["columns"][0].key == "kind"


def test_milestones_are_matched_to_their_measure(client, people, plan, workplan):
    """A milestone row with no measure above and no measure_id has nowhere to go."""
    rows = [{"kind": "milestone", "milestone_date": "2024-05-01", "milestone_description": "orphan"}]
    client.force_login(people.sam)
    response = post_file(client, plan, people.commerce, csv_file(rows), "orphan.csv")
    assert response.status_code == 400
    assert [(r, c) for r, c, _m in _errors(response)] == [(2, "measure_id")]
    assert not Milestone.objects.filter(description="orphan").exists()


def test_checking_a_file_takes_the_same_number_of_queries_whatever_its_size(client, people, plan, workplan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import add_measures

    client.force_login(people.sam)

    def queries() -> int:
        data = _export(client, plan, people.commerce, "xlsx")
        with CaptureQueriesContext(connection) as ctx:
            response = post_file(client, plan, people.commerce, data, "same.xlsx")
        assert response.status_code == 200 and not response.context["summary"].changed
        return len(ctx.captured_queries)

    small = queries()
    add_measures(plan, people.commerce, workplan.contacts["commerce"], 40)
    assert queries() == small
