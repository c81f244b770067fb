"""Adding people from a sheet: all or nothing, every row's faults, invitations only on success."""

import io

import pytest
from django.contrib.auth.models import User
from django.core import mail
from openpyxl import Workbook

from taskbook.accounts import bulk
from taskbook.audit.models import AuditEvent
from taskbook.errors import ActionError
from taskbook.orgs.models import Role

HEADER = ["name", "e-mail", "phone", "unit", "role"]


def csv_of(rows, header=HEADER, encoding="utf-8") -> bytes:
    return "\n".join(",".join(r) for r in [header, *rows]).encode(encoding)


def xlsx_of(rows, header=HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def go(actor, data, name="people.csv"):
        with django_capture_on_commit_callbacks(execute=True):
            return bulk.import_people(actor, data, name)

    return go


def test_an_xlsx_sheet_adds_and_invites_everyone(people, run):
    rows = [
        ["Li Na", "li.na@example.gov.cn", 13800138000, "Municipal Bureau of Commerce", "unit admin"],
        ["Zhou Wei", "zhou.wei@example.gov.cn", None, "市口岸办", "单位工作人员"],
        ["Chen Jie", "chen.jie@example.gov.cn", "0755-1", "Municipal Commerce Bureau", "unit_staff"],
    ]
    imported = run(people.alice, xlsx_of(rows), "people.xlsx")
    assert [u.username for u in imported.users] == [r[1] for r in rows]
    li = User.objects.get(username="li.na@example.gov.cn")
    assert li.profile.phone == "13800138000"  # a number typed into Excel, as written
    assert li.memberships.get().role == Role.UNIT_ADMIN
    assert User.objects.get(username="zhou.wei@example.gov.cn").memberships.get().unit == people.port
    # Through an alias of Commerce.
    assert User.objects.get(username="chen.jie@example.gov.cn").memberships.get().unit == people.commerce
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r[1] for r in rows)
    assert AuditEvent.objects.filter(action="user.create").count() == 3


def test_one_bad_row_saves_no_one_and_lists_every_fault(people, run):
    rows = [
        ["Li Na", "li.na@example.gov.cn", "", "Municipal Bureau of Commerce", "unit staff"],
        ["Zhou Wei", "not-an-address", "", "Municipal Bureau of Commerce", "unit staff"],
        ["Chen Jie", "chen.jie@example.gov.cn", "", "No Such Bureau", "chief"],
        ["Li Na again", "LI.NA@example.gov.cn", "", "Municipal Bureau of Commerce", "unit staff"],
        ["", "wu@example.gov.cn", "", "Municipal Bureau of Commerce", "unit staff"],
    ]
    with pytest.raises(bulk.ImportFailed) as failed:
        run(people.alice, csv_of(rows))
    faults = [(e.row, e.column) for e in failed.value.errors]
    assert faults == [(3, "email"), (4, "unit"), (4, "role"), (5, "email"), (6, "name")]
    assert "Row 2" in failed.value.errors[3].message
    assert User.objects.count() == 8  # the people fixture's only
    assert not AuditEvent.objects.filter(action__startswith="user.").exists()
    assert not mail.outbox


def test_a_unit_admin_adds_only_its_units_staff(people, run):
    rows = [
        ["Li Na", "li.na@example.gov.cn", "", "Municipal Bureau of Commerce", "unit staff"],
        ["Zhou Wei", "zhou.wei@example.gov.cn", "", "Municipal Port Office", "unit staff"],
        ["Chen Jie", "chen.jie@example.gov.cn", "", "Municipal Bureau of Commerce", "unit admin"],
    ]
    with pytest.raises(bulk.ImportFailed) as failed:
        run(people.carl, csv_of(rows))
    assert [(e.row, e.column) for e in failed.value.errors] == [(3, "role"), (4, "role")]
    assert not User.objects.filter(username="li.na@example.gov.cn").exists()
    imported = run(people.carl, csv_of(rows[:1]))
    assert imported.users[0].memberships.get().unit == people.commerce


def test_chinese_headers_and_a_gb18030_csv(people, run):
    data = csv_of(
        [["李娜", "li.na@example.gov.cn", "", "市口岸办", "单位管理员"]],
        ["姓名", "邮箱", "电话", "单位", "角色"],
        "gb18030",
    )
    imported = run(people.alice, data)
    assert imported.users[0].first_name == "李娜"


def test_a_missing_column_is_named(people, run):
    with pytest.raises(bulk.ImportFailed) as failed:
        run(people.alice, csv_of([["Li Na", "Commerce"]], ["name", "unit"]))
    assert [(e.row, e.column) for e in failed.value.errors] == [(1, "email"), (1, "role")]


def test_a_file_that_is_not_a_sheet_is_refused(people, run):
    with pytest.raises(ActionError, match="not an accepted kind"):
        run(people.alice, b"%PDF-1.7 ...", "people.csv")
    with pytest.raises(ActionError, match="no rows of people"):
        run(people.alice, csv_of([]))
