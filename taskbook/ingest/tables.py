"""Responsibility tables: one task per row, units from the responsibility column(s).

A table is a responsibility table when a header cell names a responsibility column
("Responsible party", "Responsible authority", 责任单位, 牵头单位, 配合单位 …). The other
columns are found by their headers (number, area, task, measures, deadline, target); the
task column defaults to the one with the longest text. Merged cells (None in the grid) are
read as "same as above". A row whose cells all say one thing is a section row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .draft import TaskDraft
from .numbering import parse_numbering
from .readers import Table
from .responsibility import FIRST_IS_LEAD_RE, LABEL_RE, parse_annotation, split_with_markers
from .sentences import first_sentence, strip_end
from .targets import find_targets

_HEADERS: list[tuple[str, re.Pattern[str]]] = [
    ("lead", re.compile(r"牵头|主责|主办|lead(?:ing)?\b|primary\s+responsib", re.I)),
    (
        "part",
        re.compile(
            r"配合|参与|协办|协同|协作|支持单位|participat|co-?organi|co-?operat|support(?:ing)?\s+(?:unit|dep|agenc)"
            r"|assist",
            re.I,
        ),
    ),
    ("resp", re.compile(r"责任|负责|实施单位|承办|落实单位|responsib|owner|implementing|in\s+charge", re.I)),
    ("number", re.compile(r"^(?:序号|编号|序|no\.?|#|number|s/?n|item\s*no\.?|ref\.?)$", re.I)),
    (
        "section",
        re.compile(
            r"^(?:领域|类别|板块|方面|任务类别|重点领域|工作领域|专项|类型|分类"
            r"|area|field|category|section|sector|pillar|theme|part|chapter|domain)s?$",
            re.I,
        ),
    ),
    (
        "deadline",
        re.compile(
            r"时限|时间|进度|节点|deadline|timeline|time\s*frame|timetable|due|completion|schedule|time\s+limit",
            re.I,
        ),
    ),
    ("target", re.compile(r"目标|成效|指标|target|indicator|goal|expected|outcome", re.I)),
    (
        "measures",
        re.compile(
            r"具体措施|工作措施|主要措施|具体内容|举措|措施"
            r"|measures?|details?|specific|actions?|steps",
            re.I,
        ),
    ),
    (
        "task",
        re.compile(r"任务|事项|工作内容|内容|task|initiative|work\s*item|content|description|item", re.I),
    ),
    ("notes", re.compile(r"备注|说明|note|remark|comment", re.I)),
]
_UNIT_ROLES = ("lead", "part", "resp")


@dataclass
class TableGroup:
    """Tasks of a table under one section row or section-column value ("" when none)."""

    number: str
    title: str
    tasks: list[TaskDraft] = field(default_factory=list)
    line_start: int = 0


def _cell(value: str | None) -> str:
    return " ".join((value or "").replace("**", "").replace("__", "").split())


def _columns(header: list[str | None]) -> dict[str, list[int]]:
    columns: dict[str, list[int]] = {}
    for index, raw in enumerate(header):
        # "责任单位（排名第一的为牵头单位）" is a responsible column with a rule, not a lead column.
        text = re.sub(r"[（(][^）)]*[）)]", "", _cell(raw)).strip() or _cell(raw)
        if not text:
            continue
        for role, pattern in _HEADERS:
            if pattern.search(text):
                columns.setdefault(role, []).append(index)
                break
    return columns


def find_header(table: Table) -> tuple[int, dict[str, list[int]]] | None:
    """(row index, columns) of the header row of a responsibility table, or None."""
    for index, row in enumerate(table.rows[:3]):
        columns = _columns(row)
        # A data row with a unit name in it is not a header: headers are short.
        if any(role in columns for role in _UNIT_ROLES) and all(len(_cell(c)) <= 40 for c in row if c):
            return index, columns
    return None


def read_table(table: Table, rule_in_force: bool) -> list[TableGroup] | None:
    """The tasks of a responsibility table, grouped by section; None for any other table."""
    found = find_header(table)
    if found is None:
        return None
    header_index, columns = found
    header = [_cell(c) for c in table.rows[header_index]]
    width = len(header)
    rule = rule_in_force or any(FIRST_IS_LEAD_RE.search(h) for h in header)
    for cells in table.rows:  # "注：排在第一位的为牵头单位" in a note row
        if any(c and FIRST_IS_LEAD_RE.search(c) for c in cells) and all(
            len(_cell(c)) < 80 for c in cells if c
        ):
            rule = rule or any(c and re.match(r"\s*(?:注|备注|说明|note)", c, re.I) for c in cells)
    task_col = _task_column(table, header_index, columns, width)
    if task_col is None:
        return None
    unit_cols = {role: columns.get(role, []) for role in _UNIT_ROLES}
    number_col = columns["number"][0] if columns.get("number") else None
    section_col = columns["section"][0] if columns.get("section") else None
    measures_col = next((c for c in columns.get("measures", []) if c != task_col), None)
    deadline_cols = columns.get("deadline", [])
    target_cols = columns.get("target", [])
    groups: list[TableGroup] = []
    above: list[str] = [""] * width
    previous_task: TaskDraft | None = None
    ordinal = 0
    for row_index in range(header_index + 1, len(table.rows)):
        raw = table.rows[row_index] + [""] * (width - len(table.rows[row_index]))
        line = table.row_lines[row_index] + 1 if row_index < len(table.row_lines) else table.first_line + 1
        own = ["" if c is None else _cell(c) for c in raw]
        texts = {c for c in own if c}
        if not texts or own == header:
            continue
        if re.match(r"\s*(?:注|备注|说明|notes?)\s*[：:.]", next(c for c in own if c), re.I):
            continue
        if _is_section_row(raw, texts, task_col):
            title = next(iter(texts))
            number = parse_numbering(title)
            groups.append(
                TableGroup(
                    number.label if number else "",
                    strip_end(title[number.end :] if number else title),
                    line_start=line,
                )
            )
            previous_task = None
            above = [""] * width
            continue
        # None is a cell merged from above: it says what the cell above says.
        row: list[str] = [above[i] if raw[i] is None else own[i] for i in range(width)]
        merged = [raw[i] is None for i in range(width)]
        above = row
        task_text = row[task_col]
        if section_col is not None and row[section_col]:
            section_title = row[section_col]
            if not groups or groups[-1].title != strip_end(_without_number(section_title)):
                number = parse_numbering(section_title)
                groups.append(
                    TableGroup(
                        number.label if number else "",
                        strip_end(_without_number(section_title)),
                        line_start=line,
                    )
                )
        if not groups:
            groups.append(TableGroup("", "", line_start=line))
        lead, participating = _units(row, unit_cols, rule)
        if merged[task_col] and previous_task is not None:
            # One task over several rows (its cell merged down): more measures, more units.
            extra = row[measures_col] if measures_col is not None else ""
            if extra:
                previous_task.body = (previous_task.body + "\n" + extra).strip()
            previous_task.lead_units += [u for u in lead if u not in previous_task.lead_units]
            previous_task.participating_units += [
                u
                for u in participating
                if u not in previous_task.participating_units and u not in previous_task.lead_units
            ]
            previous_task.line_end = line
            continue
        if not task_text:
            continue
        number_text = row[number_col] if number_col is not None else ""
        if number_col is not None and not number_text and not lead and not participating and previous_task:
            previous_task.body = (previous_task.body + "\n" + task_text).strip()  # a row cut by a page break
            previous_task.line_end = line
            continue
        ordinal += 1
        task = _task(task_text, number_text, ordinal, row, measures_col, deadline_cols, target_cols, header)
        task.lead_units, task.participating_units = lead, participating
        task.line_start = task.line_end = line
        groups[-1].tasks.append(task)
        previous_task = task
    return [g for g in groups if g.tasks]


def _is_section_row(raw: list[str | None], texts: set[str], task_col: int) -> bool:
    """A row that only carries a short heading: in the first column, or merged across the row."""
    if len(texts) != 1:
        return False
    text = next(iter(texts))
    title = _without_number(text)
    if len(title) > 80 or re.search(r"[。.;；](?=.)", title):
        return False
    filled = [i for i, c in enumerate(raw) if c]
    # Merged across the row: one cell with the text, the others covered (None) or empty.
    across = len(filled) == 1 and all(c is None or _cell(c) in ("", text) for c in raw) and len(raw) > 1
    if across and filled[0] == task_col and any(c == "" for c in raw):
        across = False  # only the task cell filled in: a task without units, not a heading
    return across or (filled == [0] and task_col != 0)


def _without_number(text: str) -> str:
    number = parse_numbering(text)
    return text[number.end :] if number else text


def _task_column(table: Table, header_index: int, columns: dict[str, list[int]], width: int) -> int | None:
    if columns.get("task"):
        return columns["task"][0]
    if columns.get("measures"):
        return columns["measures"][0]
    taken = {c for role, cols in columns.items() for c in cols}
    best: int | None = None
    best_len = 0.0
    for col in range(width):
        if col in taken:
            continue
        lengths = [len(_cell(row[col])) for row in table.rows[header_index + 1 :] if col < len(row)]
        average = sum(lengths) / len(lengths) if lengths else 0
        if average > best_len:
            best, best_len = col, average
    return best


def _units(row: list[str], unit_cols: dict[str, list[int]], rule: bool) -> tuple[list[str], list[str]]:
    lead: list[str] = []
    participating: list[str] = []
    for role, cols in unit_cols.items():
        for col in cols:
            text = row[col]
            if not text:
                continue
            if LABEL_RE.search(text):
                # "牵头单位：A；配合单位：B" inside one cell.
                result = parse_annotation(text, rule)
                lead += result.lead
                participating += result.participating
                continue
            names, markers = split_with_markers(text)
            if any(markers):
                for name, marker in zip(names, markers, strict=True):
                    leads = marker == "lead" or (marker is None and role == "lead")
                    (lead if leads else participating).append(name)
            elif role == "lead":
                lead += names
            elif role == "part" or unit_cols["lead"]:
                participating += names  # a responsible column beside a lead column: the others
            elif rule and names:
                lead.append(names[0])
                participating += names[1:]
            else:
                lead += names
    lead = list(dict.fromkeys(lead))
    participating = [u for u in dict.fromkeys(participating) if u not in lead]
    return lead, participating


def _task(
    text: str,
    number_text: str,
    ordinal: int,
    row: list[str],
    measures_col: int | None,
    deadline_cols: list[int],
    target_cols: list[int],
    header: list[str],
) -> TaskDraft:
    number = parse_numbering(text)
    if number is not None and not number.is_bullet:
        label, text = number.label, text[number.end :]
    else:
        label = ""
    if number_text:
        label = strip_end(number_text) or label
    if not label:
        label = str(ordinal)
    if measures_col is not None and row[measures_col]:
        title, body = strip_end(text), row[measures_col]
    else:
        title, body = first_sentence(text)
    extras = [
        f"{header[c]}：{row[c]}" if _chinese(header[c]) else f"{header[c]}: {row[c]}"
        for c in deadline_cols + target_cols
        if row[c]
    ]
    body = "\n".join(part for part in [body, *extras] if part)
    targets = find_targets("\n".join([title + "。" if _chinese(title) else title + ".", body]))
    return TaskDraft(number=label, title=title, body=body, targets=targets)


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
