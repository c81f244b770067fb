"""The columns of the bulk format (docs/bulk-format.md): their keys, Chinese labels and help, the kind
of row each belongs to, and the column that an action's field stands for."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy

from taskbook.errors import ActionError


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
KIND_WORDS = {"measure": "measure", "措施": "measure", "milestone": "milestone", "节点": "milestone"}


HEADER_ALIASES = {
    **{c.key: c.key for c in COLUMNS},
    **{c.label_zh: c.key for c in COLUMNS},
}

# The column that a field of an action or a validator stands for, by what is being changed; any other
# field is the column of the same key.
MEASURE_FIELD_COLUMNS = {"reason": "change_reason"}
STATUS_FIELD_COLUMNS = {"reason": "cancel_reason"}
MILESTONE_FIELD_COLUMNS = {"date": "milestone_date", "description": "milestone_description"}


def column_of(exc: ActionError, columns: Mapping[str, str]) -> str:
    """The column of the field that `exc` names; "" when it is about the whole row."""
    column = columns.get(exc.field or "", exc.field or "")
    return column if column in KEYS else ""


def letter(index: int) -> str:
    """The spreadsheet letter of a 1-based column index (1 -> A, 27 -> AA)."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
