"""Parsing a Table: the header's names to column keys (Chinese labels too), and each row's cells to
values (stripped text, or dates for date cells), with the faults of the header and the kind column.
Also the readings of a cell's words that checking needs: spreadsheet dates, record numbers, task
numbers, people's names and statuses."""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from taskbook.spreadsheets import unguard
from taskbook.taskbooks.bulk.columns import HEADER_ALIASES, KIND_WORDS, letter
from taskbook.taskbooks.bulk.faults import RowError
from taskbook.taskbooks.bulk.reading import Table, is_filled
from taskbook.taskbooks.models import MeasureStatus


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
                    letter(index),
                )
            )
            keys.append(None)
        elif key in letters:
            errors.append(RowError(1, key, _("The column %(c)s appears twice.") % {"c": key}, letter(index)))
            keys.append(None)
        else:
            letters[key] = letter(index)
            keys.append(key)
    if "kind" not in letters:
        errors.append(RowError(1, "kind", _("The column kind (measure or milestone) is missing.")))
    rows: list[Row] = []
    for number, cells in table.rows:
        values: dict[str, Any] = {}
        for index, cell in enumerate(cells):
            key = keys[index] if index < len(keys) else None
            if key is None:
                if is_filled(cell) and (index >= len(keys) or table.header[index].strip() == ""):
                    errors.append(
                        RowError(
                            number,
                            "",
                            _("A value stands in a column without a name in row 1."),
                            letter(index + 1),
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
    return unguard(str(value).strip())  # the export's guard against formulas, removed again


def sheet_date(value: Any) -> Any:
    """A date cell, or text in a form that spreadsheets write (YYYY/M/D as Excel writes dates into CSV,
    YYYY年M月D日, with a zero time), as a date; any other text as it is, for the validators to read as
    YYYY-MM-DD or refuse."""
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]0{1,2}:00(?::00)?)?", text)
    if match:
        try:
            return datetime.date(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    return value


def record_id(value: Any) -> int | None:
    """A record's number, None when the text is not one."""
    text = str(value).strip()
    return int(text) if re.fullmatch(r"\d+", text) else None


def same_text(a: str, b: str) -> bool:
    """Equal up to line endings and surrounding space, which spreadsheets do not keep."""

    def norm(s: str) -> str:
        return (s or "").replace("\r\n", "\n").replace("\r", "\n").strip()

    return norm(a) == norm(b)


def task_key(number: str) -> str:
    return str(number).strip().rstrip(".、").casefold()


def name_key(name: str) -> str:
    return " ".join(str(name).split()).casefold()


@functools.cache
def status_words() -> dict[str, str]:
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
