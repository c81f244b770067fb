"""Bulk import and export of a unit's measures and milestones, as XLSX or CSV, in one format.

The format (docs/bulk-format.md): one header row of column keys, then one row per measure or
milestone; a milestone row belongs to the measure row above it, or to the measure its `measure_id`
names. An export can be edited and imported again: rows with an id update, rows without one create,
unchanged rows change nothing, and nothing is deleted.

An import reads the whole file, checks every row and collects every fault (row as Excel numbers it,
column, reason). Only a file without faults is applied, in one transaction, through the actions of
taskbook.taskbooks.actions; a fault an action finds is collected the same way and rolls back all.
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taskbook.errors import ActionError
from taskbook.orgs.actors import Actor
from taskbook.orgs.models import Unit
from taskbook.orgs.permissions import is_coordinator, may_edit_unit_work, require
from taskbook.plans.models import Plan, Task
from taskbook.taskbooks import actions
from taskbook.taskbooks.models import (
    MEASURE_TRANSITIONS,
    ChangeRequest,
    ChangeStatus,
    Contact,
    Measure,
    MeasureStatus,
    Milestone,
    TaskBook,
)
from taskbook.uploads import SPREADSHEET_MAX_BYTES, check_upload

MAX_ROWS = 5000  # data rows in one file: a unit's plan has tens to hundreds
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # an XLSX is a zip: refuse one that unpacks to far more than it weighs
UPLOAD_KINDS = {"xlsx", "text"}


@dataclass(frozen=True)
class Column:
    key: str
    label_zh: str
    help: Any  # a lazy translation
    example: str
    level: str  # "measure", "milestone" or "both": the kind of row the column belongs to


COLUMNS: list[Column] = [
    Column(
        "kind", "类型", gettext_lazy("measure or milestone (措施 / 节点 also accepted)."), "measure", "both"
    ),
    Column(
        "measure_id",
        "措施编号",
        gettext_lazy(
            "The measure's number in taskbook: empty for a new measure, the number from the export to "
            "update one. On a milestone row: the measure it belongs to (empty: the measure row above)."
        ),
        "1024",
        "both",
    ),
    Column("task", "任务序号", gettext_lazy("The task's number as printed in the plan."), "3", "measure"),
    Column(
        "year",
        "年度",
        gettext_lazy("The year of the annual work plan; empty: the start date's year (new) or unchanged."),
        "2024",
        "measure",
    ),
    Column(
        "title",
        "措施名称",
        gettext_lazy("The measure's title (up to 300 characters)."),
        "设立一站式服务窗口",
        "measure",
    ),
    Column("description", "具体内容", gettext_lazy("What will be done; free text."), "", "measure"),
    Column(
        "deliverable",
        "成果形式",
        gettext_lazy("The expected result (up to 300 characters)."),
        "工作方案",
        "measure",
    ),
    Column(
        "responsible",
        "责任人",
        gettext_lazy("The responsible person's name, exactly as in the unit's contacts."),
        "王芳",
        "measure",
    ),
    Column(
        "position",
        "职务",
        gettext_lazy("The responsible person's position: shown for information, not imported."),
        "副局长",
        "measure",
    ),
    Column(
        "phone",
        "电话",
        gettext_lazy("The responsible person's phone: shown for information, not imported."),
        "0755-88123456",
        "measure",
    ),
    Column(
        "email",
        "电子邮箱",
        gettext_lazy("The responsible person's e-mail: shown for information, not imported."),
        "wang.fang@example.org",
        "measure",
    ),
    Column(
        "deputy",
        "协助责任人",
        gettext_lazy("A deputy's name from the unit's contacts; may be empty."),
        "李伟",
        "measure",
    ),
    Column(
        "start_date",
        "开始日期",
        gettext_lazy("Start, as YYYY-MM-DD or an Excel date."),
        "2024-03-01",
        "measure",
    ),
    Column("due_date", "完成时限", gettext_lazy("Due date, not before the start."), "2024-09-30", "measure"),
    Column(
        "weight",
        "权重",
        gettext_lazy("A whole number from 1 to 100; empty: 1 (new) or unchanged."),
        "1",
        "measure",
    ),
    Column(
        "status",
        "状态",
        gettext_lazy("not_started, in_progress, done or cancelled; empty: unchanged."),
        "in_progress",
        "measure",
    ),
    Column(
        "cancel_reason",
        "取消原因",
        gettext_lazy("Needed when the status becomes cancelled."),
        "",
        "measure",
    ),
    Column(
        "change_reason",
        "变更理由",
        gettext_lazy(
            "Once the task book is approved, a changed date or responsible person needs a reason; "
            "the change then waits for the coordinator's decision."
        ),
        "",
        "measure",
    ),
    Column(
        "milestone_id",
        "节点编号",
        gettext_lazy("The milestone's number: empty for a new milestone."),
        "",
        "milestone",
    ),
    Column("milestone_date", "节点日期", gettext_lazy("The milestone's date."), "2024-05-31", "milestone"),
    Column(
        "milestone_description",
        "节点内容",
        gettext_lazy("What is reached at the milestone (up to 300 characters)."),
        "完成调研",
        "milestone",
    ),
    Column(
        "done_on",
        "完成日期",
        gettext_lazy("When the milestone was reached; empty: not yet (clears it if it was done)."),
        "",
        "milestone",
    ),
]
KEYS = [c.key for c in COLUMNS]
MEASURE_COLUMNS = {c.key for c in COLUMNS if c.level == "measure"}
MILESTONE_COLUMNS = {c.key for c in COLUMNS if c.level == "milestone"}
# Columns that only show the responsible person's details: never compared or imported.
INFORMATIONAL = {"position", "phone", "email"}
# Free text that a spreadsheet program could take for a formula when it opens a CSV.
TEXT_COLUMNS = {
    "title",
    "description",
    "deliverable",
    "responsible",
    "position",
    "phone",
    "email",
    "deputy",
    "cancel_reason",
    "change_reason",
    "milestone_description",
}
KIND_WORDS = {"measure": "measure", "措施": "measure", "milestone": "milestone", "节点": "milestone"}
FORMULA_START = ("=", "+", "-", "@")


# -- export -------------------------------------------------------------------------------


def export_measures(plan: Plan, unit: Unit) -> list[Measure]:
    """The unit's measures of the plan with their milestones, in the plan's order; three queries."""
    return list(
        Measure.objects.filter(task__plan=plan, unit=unit)
        .select_related("task", "responsible", "deputy")
        .prefetch_related("milestones")
        .order_by("task__order", "order", "id")
    )


def export_rows(measures: Iterable[Measure]) -> list[list[Any]]:
    """The data rows (no header) of the export: each measure, then its milestones."""
    rows: list[list[Any]] = []
    for m in measures:
        person = m.responsible
        values = {
            "kind": "measure",
            "measure_id": m.pk,
            "task": m.task.number,
            "year": m.year,
            "title": m.title,
            "description": m.description,
            "deliverable": m.deliverable,
            "responsible": person.name,
            "position": person.position,
            "phone": person.phone,
            "email": person.email,
            "deputy": m.deputy.name if m.deputy else "",
            "start_date": m.start_date,
            "due_date": m.due_date,
            "weight": m.weight,
            "status": m.status,
            "cancel_reason": m.cancel_reason,
        }
        rows.append([values.get(k, "") for k in KEYS])
        for ms in m.milestones.all():
            values = {
                "kind": "milestone",
                "measure_id": m.pk,
                "milestone_id": ms.pk,
                "milestone_date": ms.date,
                "milestone_description": ms.description,
                "done_on": ms.done_on or "",
            }
            rows.append([values.get(k, "") for k in KEYS])
    return rows


def write_csv(rows: list[list[Any]]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens Chinese text correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(KEYS)
    text_at = [k in TEXT_COLUMNS for k in KEYS]
    for row in rows:
        writer.writerow([_csv_cell(value, is_text) for value, is_text in zip(row, text_at, strict=True)])
    return out.getvalue().encode("utf-8-sig")


def _csv_cell(value: Any, is_text: bool) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    # A user's text starting like a formula would run as one when Excel opens the CSV; a leading
    # apostrophe keeps it text, and the import removes it again.
    if is_text and text.startswith(FORMULA_START):
        return "'" + text
    return text


def write_xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "measures"
    sheet.append(KEYS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        # Empty text as empty cells; characters that XML cannot hold (control codes) dropped.
        sheet.append([(ILLEGAL_CHARACTERS_RE.sub("", v) or None) if isinstance(v, str) else v for v in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
            elif cell.data_type == "f":
                cell.data_type = "s"  # a user's text that starts with "=" stays text, never a formula
    sheet.freeze_panes = "A2"
    widths = {"title": 40, "description": 40, "deliverable": 24, "milestone_description": 36}
    for index, key in enumerate(KEYS, start=1):
        sheet.column_dimensions[_letter(index)].width = widths.get(key, max(12, len(key) + 2))
    # A second sheet explains the columns; the import reads only the first.
    guide = workbook.create_sheet("columns 说明")
    guide.append([_("column"), "中文", _("meaning"), _("example")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for col in COLUMNS:
        guide.append([col.key, col.label_zh, str(col.help), col.example])
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["C"].width = 90
    guide.column_dimensions["D"].width = 24
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _letter(index: int) -> str:
    """The spreadsheet letter of a 1-based column index (1 -> A, 27 -> AA)."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# -- reading ------------------------------------------------------------------------------


@dataclass
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str  # the column's key, or "" for the whole row or file
    message: str
    letter: str = ""  # the spreadsheet letter of the column, when the file has it


class ImportFailed(Exception):
    """The file has faults; nothing was saved. `errors` lists every one found."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


@dataclass
class Table:
    header: list[str]  # as written in the file
    rows: list[tuple[int, list[Any]]]  # (row number, cells), empty rows left out


def check_file(data: bytes, filename: str) -> tuple[str, bytes]:
    """The file's kind ("xlsx" or "text") and its bytes, as UTF-8 for text; ActionError if refused.

    Excel in a Chinese locale saves "CSV (comma delimited)" in GB18030 (GBK); such a file is
    converted here, so that users need not know about "CSV UTF-8". A .csv file in any other
    encoding is refused with a message that says which encodings are read.
    """
    if (
        filename.lower().endswith(".csv")
        and 0 < len(data) <= SPREADSHEET_MAX_BYTES
        and b"\x00" not in data[:4096]
        and not _is_utf8(data)
    ):
        converted = _gb18030_as_utf8(data)
        if converted is None:
            raise ActionError(
                _(
                    "The CSV file is neither UTF-8 nor GB18030 text. In Excel, save it as “CSV UTF-8” "
                    "or upload the .xlsx file."
                ),
                field="file",
            )
        return "text", converted
    return check_upload(data, filename, UPLOAD_KINDS, SPREADSHEET_MAX_BYTES), data


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _gb18030_as_utf8(data: bytes) -> bytes | None:
    """Text that reads as GB18030, re-encoded as UTF-8; None if it does not read as text."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text):
        return None  # control characters: not text, whatever the decoder made of it
    return text.encode("utf-8")


def read_table(data: bytes, kind: str) -> Table:
    """The file's header and non-empty rows. ActionError when the file cannot be read at all."""
    raw = _read_xlsx(data) if kind == "xlsx" else _read_csv(data)
    header: list[str] | None = None
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in raw:
        if header is None:
            if any(_is_filled(c) for c in cells):
                if number != 1:
                    raise ActionError(
                        _("Row 1 must be the header row with the column names; it is empty."),
                        field="file",
                    )
                header = [str(c or "").strip() for c in cells]
            continue
        if any(_is_filled(c) for c in cells):
            rows.append((number, list(cells)))
            if len(rows) > MAX_ROWS:
                raise ActionError(
                    _("The file has more than %(n)d rows; split it into smaller files.") % {"n": MAX_ROWS},
                    field="file",
                )
    if header is None:
        raise ActionError(
            _("The file has no rows: start from the export, which has the header."), field="file"
        )
    if not rows:
        raise ActionError(_("The file has a header but no measure or milestone rows."), field="file")
    return Table(header=header, rows=rows)


def _is_filled(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _read_csv(data: bytes) -> Iterable[tuple[int, list[Any]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ActionError(
            _(
                "The CSV file is neither UTF-8 nor GB18030 text. In Excel, save it as “CSV UTF-8” "
                "or upload the .xlsx file."
            ),
            field="file",
        ) from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells
    except csv.Error as exc:
        raise ActionError(
            _("Row %(row)d of the CSV file cannot be read: %(reason)s") % {"row": number + 1, "reason": exc},
            field="file",
        ) from exc


def _read_xlsx(data: bytes) -> Iterable[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    unreadable = _("This Excel file cannot be read; it may be damaged. Save it again in Excel and retry.")
    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except zipfile.BadZipFile as exc:
        raise ActionError(unreadable, field="file") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise ActionError(_("This Excel file is too large once unpacked."), field="file")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of error on a damaged file; all mean the same
        raise ActionError(unreadable, field="file") from exc
    try:
        sheet = workbook.worksheets[0]
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + 10_000:  # blank formatted rows do not count, but do not read forever
                raise ActionError(
                    _("The file has more than %(n)d rows; split it into smaller files.") % {"n": MAX_ROWS},
                    field="file",
                )
            yield number, list(cells)
    except ActionError:
        raise
    except Exception as exc:  # as above: a damaged sheet fails while it is read
        raise ActionError(unreadable, field="file") from exc
    finally:
        workbook.close()


# -- parsing ------------------------------------------------------------------------------

HEADER_ALIASES = {
    **{c.key: c.key for c in COLUMNS},
    **{c.label_zh: c.key for c in COLUMNS},
}


@dataclass
class Row:
    number: int
    kind: str
    values: dict[str, Any]  # key -> str (stripped) or datetime.date, for the columns of the file


def parse(table: Table) -> tuple[list[Row], list[RowError], dict[str, str]]:
    """Rows keyed by column, the faults of the header and the kind column, and each key's letter."""
    errors: list[RowError] = []
    keys: list[str | None] = []
    letters: dict[str, str] = {}
    for index, text in enumerate(table.header, start=1):
        normal = re.sub(r"[\s-]+", "_", text.strip().lower())
        key = HEADER_ALIASES.get(normal) or HEADER_ALIASES.get(text.strip())
        if not text.strip():
            keys.append(None)
        elif key is None:
            errors.append(
                RowError(
                    1,
                    text,
                    _("Unknown column “%(c)s”: use the column names of the export.") % {"c": text},
                    _letter(index),
                )
            )
            keys.append(None)
        elif key in letters:
            errors.append(RowError(1, key, _("The column %(c)s appears twice.") % {"c": key}, _letter(index)))
            keys.append(None)
        else:
            letters[key] = _letter(index)
            keys.append(key)
    if "kind" not in letters:
        errors.append(RowError(1, "kind", _("The column kind (measure or milestone) is missing.")))
    rows: list[Row] = []
    for number, cells in table.rows:
        values: dict[str, Any] = {}
        for index, cell in enumerate(cells):
            key = keys[index] if index < len(keys) else None
            if key is None:
                if _is_filled(cell) and (index >= len(keys) or table.header[index].strip() == ""):
                    errors.append(
                        RowError(
                            number,
                            "",
                            _("A value stands in a column without a name in row 1."),
                            _letter(index + 1),
                        )
                    )
                continue
            values[key] = _cell(cell)
        for key in letters:
            values.setdefault(key, "")
        word = str(values.get("kind", "")).strip()
        kind = KIND_WORDS.get(word.lower(), "")
        if "kind" in letters and not kind:
            message = (
                _("The kind is “%(v)s”: write measure or milestone.") % {"v": word}
                if word
                else _("Write measure or milestone in the kind column.")
            )
            errors.append(RowError(number, "kind", message, letters["kind"]))
        rows.append(Row(number=number, kind=kind, values=values))
    return rows, errors, letters


def _cell(value: Any) -> Any:
    """A cell as a stripped string, or a date for a date cell."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores 3 as 3.0
    text = str(value).strip()
    if text.startswith("'") and text[1:2] in FORMULA_START:
        text = text[1:]  # the export's guard against formulas, removed again
    return text


def _date(value: Any) -> datetime.date:
    """A date cell or text as YYYY-MM-DD (also YYYY/M/D, as Excel writes dates into CSV)."""
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]0{1,2}:00(?::00)?)?", text)
    if match:
        try:
            return datetime.date(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    raise ValueError(text)


def _int(value: Any) -> int:
    text = str(value).strip()
    if not re.fullmatch(r"\d+", text):
        raise ValueError(text)
    return int(text)


def _id(value: Any) -> int | None:
    """A record's number, None when the text is not one."""
    try:
        return _int(value)
    except ValueError:
        return None


def _same_text(a: str, b: str) -> bool:
    """Equal up to line endings and surrounding space, which spreadsheets do not keep."""

    def norm(s: str) -> str:
        return (s or "").replace("\r\n", "\n").replace("\r", "\n").strip()

    return norm(a) == norm(b)


def _task_key(number: str) -> str:
    return str(number).strip().rstrip(".、").casefold()


# -- checking -----------------------------------------------------------------------------


@dataclass
class MilestoneChange:
    row: int
    milestone: Milestone | None  # None: a new milestone
    date: datetime.date | None = None
    description: str | None = None
    done_on: datetime.date | None = None
    set_done: bool = False  # done_on is to be set (or cleared, when None)

    @property
    def changes_fields(self) -> bool:
        return self.milestone is None or self.date is not None or self.description is not None


@dataclass
class MeasureChange:
    row: int
    measure: Measure | None  # None: a new measure
    task: Task | None = None
    fields: dict[str, Any] = field(default_factory=dict)  # only what changes, for an existing measure
    status: str | None = None  # a new status
    cancel_reason: str = ""
    change_reason: str = ""
    milestones: list[MilestoneChange] = field(default_factory=list)


@dataclass
class Summary:
    rows: int = 0
    measures_created: int = 0
    measures_updated: int = 0
    milestones_created: int = 0
    milestones_updated: int = 0
    change_requests: list[ChangeRequest] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.measures_created
            or self.measures_updated
            or self.milestones_created
            or self.milestones_updated
            or self.change_requests
        )


class _Checker:
    """Checks parsed rows against the plan, the unit and its records; a fixed number of queries."""

    def __init__(self, actor, plan: Plan, unit: Unit, letters: dict[str, str]) -> None:
        self.actor, self.plan, self.unit, self.letters = actor, plan, unit, letters
        self.errors: list[RowError] = []
        tasks = Task.objects.filter(plan=plan).prefetch_related("task_units")
        self.tasks = {_task_key(t.number): t for t in tasks}
        self.contacts: dict[str, list[Contact]] = {}
        for contact in Contact.objects.filter(unit=unit):
            self.contacts.setdefault(_name_key(contact.name), []).append(contact)
        measures = (
            Measure.objects.filter(task__plan=plan, unit=unit)
            .select_related("task", "responsible", "deputy")
            .prefetch_related("milestones")
        )
        self.measures = {m.pk: m for m in measures}
        self.approved = TaskBook.objects.filter(plan=plan, unit=unit, version__gt=0).exists()
        self.coordinator = is_coordinator(actor)
        # Changes already awaiting the coordinator: importing the same file again must not ask twice.
        self.pending: dict[tuple[int | None, str], Any] = {}
        if self.approved and not self.coordinator:
            for change in ChangeRequest.objects.filter(
                measure__in=list(self.measures), status=ChangeStatus.PENDING
            ).order_by("requested_at", "id"):
                self.pending[(change.measure_id, change.field)] = change.new_value
        self.today = timezone.localdate()

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, message, self.letters.get(column, "")))

    # ---- one value at a time; each returns None after recording a fault

    def date(self, row: Row, key: str, required: bool) -> datetime.date | None:
        value = row.values.get(key, "")
        if value == "":
            if required:
                self.error(row.number, key, _("A date is needed here."))
            return None
        try:
            day = _date(value)
        except ValueError:
            self.error(row.number, key, _("“%(v)s” is not a date (use YYYY-MM-DD).") % {"v": value})
            return None
        start, end = self.plan.period_start, self.plan.period_end
        if start and end and not start <= day <= end:
            self.error(
                row.number,
                key,
                _("%(date)s is outside the plan's period (%(start)s to %(end)s).")
                % {"date": day, "start": start, "end": end},
            )
            return None
        return day

    def text(self, row: Row, key: str, required: bool, limit: int | None) -> str | None:
        value = str(row.values.get(key, ""))
        if required and not value:
            self.error(row.number, key, _("This column needs a value."))
            return None
        if limit and len(value) > limit:
            self.error(
                row.number, key, _("%(n)d characters: at most %(limit)d.") % {"n": len(value), "limit": limit}
            )
            return None
        return value

    def person(self, row: Row, key: str) -> Contact | bool | None:
        """The contact named in the column, None for an empty cell, False after a fault."""
        name = str(row.values.get(key, ""))
        if not name:
            return None
        found = self.contacts.get(_name_key(name), [])
        if len(found) > 1 and key == "responsible":
            # Two people of one name: the row's contact details tell them apart.
            details = {k: str(row.values.get(k, "")).casefold() for k in INFORMATIONAL if row.values.get(k)}
            found = [
                c for c in found if all(str(getattr(c, k)).casefold() == v for k, v in details.items())
            ] or found
        if not found:
            self.error(
                row.number,
                key,
                _(
                    "“%(name)s” is not a person of %(unit)s: add them to the unit's contacts first, "
                    "or check the spelling."
                )
                % {"name": name, "unit": self.unit},
            )
            return False
        if len(found) > 1:
            self.error(
                row.number,
                key,
                _("%(unit)s has %(n)d people called “%(name)s”: give their position, phone or e-mail too.")
                % {"unit": self.unit, "n": len(found), "name": name},
            )
            return False
        return found[0]

    def number(self, row: Row, key: str, low: int, high: int, message: str) -> int | None:
        value = row.values.get(key, "")
        if value == "":
            return None
        try:
            number = _int(value)
        except ValueError:
            number = -1
        if not low <= number <= high:
            self.error(row.number, key, message)
            return None
        return number

    def status(self, row: Row) -> str | None:
        value = str(row.values.get("status", "")).strip()
        if not value:
            return None
        status = _status_words().get(value.casefold())
        if status is None:
            self.error(
                row.number,
                "status",
                _("Unknown status “%(v)s”: use not_started, in_progress, done or cancelled.") % {"v": value},
            )
        return status

    def leftovers(self, row: Row, keys: set[str], where: str) -> None:
        for key in sorted(keys, key=KEYS.index):
            if row.values.get(key, "") != "":
                if where == "milestone":
                    message = _("This column belongs on a measure row; leave it empty on a milestone row.")
                else:
                    message = _("This column belongs on a milestone row; leave it empty on a measure row.")
                self.error(row.number, key, message)

    # ---- rows

    def measure_row(self, row: Row) -> MeasureChange | None:
        n = row.number
        before = len(self.errors)
        self.leftovers(row, MILESTONE_COLUMNS, "measure")
        measure: Measure | None = None
        raw_id = str(row.values.get("measure_id", ""))
        if raw_id:
            measure = self.measures.get(_id(raw_id) or 0)
            if measure is None:
                self.error(
                    n,
                    "measure_id",
                    _(
                        "There is no measure %(id)s of %(unit)s in this plan: leave the column empty for "
                        "a new measure."
                    )
                    % {"id": raw_id, "unit": self.unit},
                )
                return None
        present = set(row.values)
        new = measure is None
        task = self._task(row, measure)
        title = self.text(row, "title", new or "title" in present, 300)
        description = self.text(row, "description", False, None)
        deliverable = self.text(row, "deliverable", False, 300)
        responsible = self.person(row, "responsible")
        if responsible is None and (new or "responsible" in present):
            self.error(n, "responsible", _("A measure needs a responsible person."))
        deputy = self.person(row, "deputy")
        start = self.date(row, "start_date", new or "start_date" in present)
        due = self.date(row, "due_date", new or "due_date" in present)
        first, last = (self.plan.period_start, self.plan.period_end)
        year = self.number(
            row,
            "year",
            first.year if first else 1900,
            last.year if last else 2999,
            _("The year must be a year of the plan's period."),
        )
        weight = self.number(row, "weight", 1, 100, _("The weight is a whole number from 1 to 100."))
        status = self.status(row)
        cancel_reason = str(row.values.get("cancel_reason", ""))
        change_reason = str(row.values.get("change_reason", ""))
        effective_start = start or (measure.start_date if measure else None)
        effective_due = due or (measure.due_date if measure else None)
        if effective_start and effective_due and effective_due < effective_start:
            self.error(
                n,
                "due_date",
                _("The due date %(due)s is before the start %(start)s.")
                % {"due": effective_due, "start": effective_start},
            )
        if len(self.errors) > before:
            return None

        proposed: dict[str, Any] = {
            "title": title,
            "description": description,
            "deliverable": deliverable,
            "responsible": responsible,
            "deputy": deputy,
            "start_date": start,
            "due_date": due,
            "year": year,
            "weight": weight,
        }
        # Only the file's columns count; an empty year or weight keeps the current value (or default).
        proposed = {k: v for k, v in proposed.items() if k in present}
        for key in ("year", "weight", "title", "responsible", "start_date", "due_date"):
            if proposed.get(key) is None:
                proposed.pop(key, None)
        change = MeasureChange(
            row=n, measure=measure, task=task, cancel_reason=cancel_reason, change_reason=change_reason
        )
        current_status = measure.status if measure else MeasureStatus.NOT_STARTED
        if new:
            change.fields = proposed
        else:
            assert measure is not None
            change.fields = {
                k: v
                for k, v in proposed.items()
                if not (
                    _same_text(v or "", getattr(measure, k) or "")
                    if k in {"title", "description", "deliverable"}
                    else getattr(measure, k) == v
                )
            }
            for key in set(change.fields) & actions.BASELINED_FIELDS:
                if (
                    self.approved
                    and not self.coordinator
                    and _is_pending(self.pending.get((measure.pk, key), _NOTHING), change.fields[key])
                ):
                    del change.fields[key]  # asked for already, with a pending change request
            baselined = set(change.fields) & actions.BASELINED_FIELDS
            if self.approved and baselined and not self.coordinator and not change_reason:
                self.error(
                    n,
                    "change_reason",
                    _(
                        "The task book is approved: give a reason for the change to %(f)s; the "
                        "coordinator will decide."
                    )
                    % {"f": ", ".join(sorted(baselined, key=KEYS.index))},
                )
        if status and status != current_status:
            if status not in MEASURE_TRANSITIONS.get(current_status, set()):
                self.error(
                    n,
                    "status",
                    _("A measure that is %(old)s cannot become %(new)s.")
                    % {"old": MeasureStatus(current_status).label, "new": MeasureStatus(status).label},
                )
            elif status == MeasureStatus.CANCELLED and not cancel_reason:
                self.error(n, "cancel_reason", _("Give the reason for cancelling the measure."))
            change.status = status
        return change if len(self.errors) == before else None

    def _task(self, row: Row, measure: Measure | None) -> Task | None:
        value = str(row.values.get("task", ""))
        if measure is not None:
            if value and _task_key(value) != _task_key(measure.task.number):
                self.error(
                    row.number,
                    "task",
                    _("Measure %(id)s belongs to task %(old)s; it cannot move to task %(new)s here.")
                    % {"id": measure.pk, "old": measure.task.number, "new": value},
                )
            return measure.task
        if not value:
            self.error(row.number, "task", _("Give the task's number as printed in the plan."))
            return None
        task = self.tasks.get(_task_key(value))
        if task is None:
            self.error(row.number, "task", _("The plan has no task numbered “%(n)s”.") % {"n": value})
            return None
        if not any(tu.unit_id == self.unit.pk for tu in task.task_units.all()):
            self.error(
                row.number,
                "task",
                _("%(unit)s is neither the lead nor a participating unit of task %(n)s.")
                % {"unit": self.unit, "n": task.number},
            )
            return None
        return task

    def milestone_row(
        self, row: Row, parent: Measure | None, parent_known: bool = True
    ) -> MilestoneChange | None:
        """The milestone's change; `parent` is None for a new measure, and `parent_known` False when
        the measure row above has faults (the row's own values are still checked)."""
        n = row.number
        before = len(self.errors)
        self.leftovers(row, MEASURE_COLUMNS, "milestone")
        present = set(row.values)
        milestone: Milestone | None = None
        raw_id = str(row.values.get("milestone_id", ""))
        if raw_id and parent_known:
            if parent is None:
                self.error(
                    n, "milestone_id", _("A new measure has no milestones yet: leave milestone_id empty.")
                )
                return None
            milestone = next((m for m in parent.milestones.all() if m.pk == _id(raw_id)), None)
            if milestone is None:
                self.error(
                    n,
                    "milestone_id",
                    _("Measure %(m)s has no milestone %(id)s: leave the column empty for a new milestone.")
                    % {"m": parent.pk, "id": raw_id},
                )
                return None
        new = milestone is None
        day = self.date(row, "milestone_date", new or "milestone_date" in present)
        description = self.text(row, "milestone_description", new or "milestone_description" in present, 300)
        done_on = self.date(row, "done_on", False)
        if done_on and done_on > self.today:
            self.error(n, "done_on", _("A milestone cannot be done in the future."))
        if len(self.errors) > before:
            return None
        change = MilestoneChange(row=n, milestone=milestone)
        if new:
            change.date, change.description = day, description
        else:
            assert milestone is not None
            if day is not None and day != milestone.date:
                change.date = day
            if description and not _same_text(description, milestone.description):
                change.description = description
        if "done_on" in present:
            current = milestone.done_on if milestone else None
            if done_on != current:
                change.set_done, change.done_on = True, done_on
        return change


def _name_key(name: str) -> str:
    return " ".join(str(name).split()).casefold()


_NOTHING = object()


def _is_pending(requested: Any, value: Any) -> bool:
    """Whether a pending change request (its new value as stored) asks for `value` already."""
    if requested is _NOTHING:
        return False
    if isinstance(value, Contact):
        return isinstance(requested, dict) and requested.get("id") == value.pk
    if isinstance(value, datetime.date):
        return requested == value.isoformat()
    return requested == value


@functools.cache
def _status_words() -> dict[str, str]:
    """Status codes, and their labels in English and Chinese, to the code."""
    words: dict[str, str] = {}
    for code, label in MeasureStatus.choices:
        words[code.casefold()] = code
        words[code.replace("_", " ").casefold()] = code
        for language in ("en", "zh-hans"):
            with translation.override(language):
                words[str(label).casefold()] = code
    words.update(
        {
            "未开始": "not_started",
            "进行中": "in_progress",
            "已完成": "done",
            "完成": "done",
            "已取消": "cancelled",
            "取消": "cancelled",
        }
    )
    return words


def check(
    actor: Actor, plan: Plan, unit: Unit, rows: list[Row], letters: dict[str, str]
) -> tuple[list[MeasureChange], list[RowError]]:
    """Every row checked; the changes to make, and every fault found."""
    checker = _Checker(actor, plan, unit, letters)
    changes: list[MeasureChange] = []
    by_measure: dict[int, MeasureChange] = {}
    seen_measures: dict[int, int] = {}
    seen_milestones: dict[int, int] = {}
    current: MeasureChange | None = None  # the measure row above, for the milestone rows below it
    current_ok = True
    for row in rows:
        if not row.kind:
            current, current_ok = None, False
            continue
        if row.kind == "measure":
            change = checker.measure_row(row)
            current, current_ok = change, change is not None
            if change is None:
                continue
            if change.measure is not None:
                pk = change.measure.pk
                if pk in seen_measures:
                    checker.error(
                        row.number,
                        "measure_id",
                        _("Measure %(id)s already has a row (row %(row)d).")
                        % {"id": pk, "row": seen_measures[pk]},
                    )
                    current, current_ok = None, False
                    continue
                seen_measures[pk] = row.number
                by_measure[pk] = change
            changes.append(change)
            continue
        # A milestone row: of the measure its measure_id names, or of the measure row above.
        raw_id = str(row.values.get("measure_id", ""))
        owner: MeasureChange | None = None
        if raw_id:
            measure = checker.measures.get(_id(raw_id) or 0)
            if measure is None:
                checker.error(
                    row.number,
                    "measure_id",
                    _("There is no measure %(id)s of %(unit)s in this plan.") % {"id": raw_id, "unit": unit},
                )
                continue
            owner = by_measure.get(measure.pk)
            if owner is None:
                owner = MeasureChange(row=row.number, measure=measure)
                by_measure[measure.pk] = owner
                changes.append(owner)
        elif current is not None:
            owner = current
        elif current_ok:
            checker.error(
                row.number,
                "measure_id",
                _("A milestone row needs a measure row above it, or the measure's number in measure_id."),
            )
            continue
        else:
            # The measure row above has faults of its own; still check this row's values.
            checker.milestone_row(row, None, parent_known=False)
            continue
        milestone = checker.milestone_row(row, owner.measure)
        if milestone is None:
            continue
        if milestone.milestone is not None:
            pk = milestone.milestone.pk
            if pk in seen_milestones:
                checker.error(
                    row.number,
                    "milestone_id",
                    _("Milestone %(id)s already has a row (row %(row)d).")
                    % {"id": pk, "row": seen_milestones[pk]},
                )
                continue
            seen_milestones[pk] = row.number
        owner.milestones.append(milestone)
    return changes, checker.errors


# -- applying -----------------------------------------------------------------------------

# The column of the file that an action's field name stands for, per kind of action.
_MEASURE_COLUMNS = {"reason": "change_reason"}
_STATUS_COLUMNS = {"reason": "cancel_reason", None: "status"}
_MILESTONE_COLUMNS = {"date": "milestone_date", "description": "milestone_description"}
_DONE_COLUMNS = {"date": "done_on", None: "done_on"}


class _RollBack(Exception):
    pass


def _in_column(exc: ActionError, columns: dict[Any, str]) -> ActionError:
    """The action's fault, with its field named as the file's column."""
    return ActionError(exc.message, field=columns.get(exc.field, exc.field or ""))


def apply(actor: Actor, unit: Unit, changes: list[MeasureChange], letters: dict[str, str]) -> Summary:
    """Make the changes through the actions, in one transaction; ImportFailed rolls back all of them.

    Each action runs in a savepoint of its own, so after a fault the next rows are still tried and
    their faults reported too; any fault then rolls the whole file back."""
    summary = Summary()
    errors: list[RowError] = []

    def fail(row: int, exc: ActionError) -> None:
        column = exc.field or ""
        errors.append(RowError(row, column, exc.message, letters.get(column, "")))

    try:
        with transaction.atomic():
            for change in changes:
                try:
                    measure = _apply_measure(actor, unit, change, summary)
                except ActionError as exc:
                    fail(change.row, exc)
                    continue  # its milestones cannot be applied without it
                for ms in change.milestones:
                    try:
                        _apply_milestone(actor, measure, ms, summary)
                    except ActionError as exc:
                        fail(ms.row, exc)
            if errors:
                raise _RollBack
    except _RollBack:
        raise ImportFailed(errors) from None
    return summary


def _apply_measure(actor: Actor, unit: Unit, change: MeasureChange, summary: Summary) -> Measure:
    measure = change.measure
    updated = False
    try:
        if measure is None:
            assert change.task is not None
            measure = actions.create_measure(actor, change.task, unit, **change.fields)
            summary.measures_created += 1
        elif change.fields:
            version = measure.version
            measure, requests = actions.update_measure(
                actor, measure, version=version, reason=change.change_reason, **change.fields
            )
            summary.change_requests += requests
            updated = measure.version != version
    except ActionError as exc:
        raise _in_column(exc, _MEASURE_COLUMNS) from exc
    if change.status:
        try:
            measure = actions.set_measure_status(actor, measure, change.status, change.cancel_reason)
        except ActionError as exc:
            raise _in_column(exc, _STATUS_COLUMNS) from exc
        updated = updated or change.measure is not None
    summary.measures_updated += int(updated)
    return measure


def _apply_milestone(actor: Actor, measure: Measure, change: MilestoneChange, summary: Summary) -> None:
    milestone = change.milestone
    try:
        if milestone is None:
            milestone = actions.add_milestone(
                actor, measure, date=change.date, description=change.description or ""
            )
            summary.milestones_created += 1
        elif change.date is not None or change.description is not None:
            milestone = actions.update_milestone(
                actor,
                milestone,
                version=milestone.version,
                date=change.date or milestone.date,
                description=change.description if change.description is not None else milestone.description,
            )
    except ActionError as exc:
        raise _in_column(exc, _MILESTONE_COLUMNS) from exc
    if change.set_done:
        try:
            if change.done_on is None:
                actions.reopen_milestone(actor, milestone)
            else:
                actions.complete_milestone(actor, milestone, done_on=change.done_on)
        except ActionError as exc:
            raise _in_column(exc, _DONE_COLUMNS) from exc
    if change.milestone is not None and (change.changes_fields or change.set_done):
        summary.milestones_updated += 1


# -- the whole import ---------------------------------------------------------------------


def import_file(actor: Actor, plan: Plan, unit: Unit, data: bytes, filename: str) -> Summary:
    """Read, check and apply a file. ActionError: the file as a whole is refused; ImportFailed: the
    rows' faults. Either way nothing is saved."""
    require(
        may_edit_unit_work(actor, unit.pk),
        _("Only the unit's staff and the coordinator import its measures."),
    )
    kind, data = check_file(data, filename)
    table = read_table(data, kind)
    rows, errors, letters = parse(table)
    if errors:
        raise ImportFailed(errors)  # the header or kinds are wrong: checking rows would mislead
    changes, errors = check(actor, plan, unit, rows, letters)
    if errors:
        raise ImportFailed(
            sorted(errors, key=lambda e: (e.row, KEYS.index(e.column) if e.column in KEYS else -1))
        )
    summary = apply(actor, unit, changes, letters)
    summary.rows = len(rows)
    return summary
