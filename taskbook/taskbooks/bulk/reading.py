"""Reading an uploaded file: its kind and encoding checked, then its header and rows, as a Table.

A whole file is refused with an ActionError on `file`: not a spreadsheet, too large, in an encoding
that is neither UTF-8 nor GB18030, damaged, without rows, or an XLSX that unpacks to far more than it
weighs.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from taskbook.errors import ActionError
from taskbook.uploads import check_upload, max_upload_bytes

MAX_ROWS = 5000  # data rows in one file: a unit's plan has tens to hundreds
UPLOAD_KINDS = {"xlsx", "text"}


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
        and 0 < len(data) <= max_upload_bytes()
        and b"\x00" not in data[:4096]
        and not _is_utf8(data)
    ):
        converted = _gb18030_as_utf8(data)
        if converted is None:
            raise _not_text()
        return "text", converted
    return check_upload(data, filename, UPLOAD_KINDS), data


def _not_text() -> ActionError:
    return ActionError(
        _(
            "The CSV file is neither UTF-8 nor GB18030 text. In Excel, save it as “CSV UTF-8” "
            "or upload the .xlsx file."
        ),
        field="file",
    )


def _too_many_rows() -> ActionError:
    return ActionError(
        _("The file has more than %(n)d rows; split it into smaller files.") % {"n": MAX_ROWS}, field="file"
    )


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


def read_table(data: bytes, kind: str, *, no_rows: str | None = None) -> Table:
    """The file's header and non-empty rows. ActionError when the file cannot be read at all;
    `no_rows` says what a file with a header only lacks (measures and milestones unless told)."""
    raw = _read_xlsx(data) if kind == "xlsx" else _read_csv(data)
    header: list[str] | None = None
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in raw:
        if header is None:
            if any(is_filled(c) for c in cells):
                if number != 1:
                    raise ActionError(
                        _("Row 1 must be the header row with the column names; it is empty."),
                        field="file",
                    )
                header = [str(c or "").strip() for c in cells]
            continue
        if any(is_filled(c) for c in cells):
            rows.append((number, list(cells)))
            if len(rows) > MAX_ROWS:
                raise _too_many_rows()
    if header is None:
        raise ActionError(
            _("The file has no rows: start from the export, which has the header."), field="file"
        )
    if not rows:
        raise ActionError(
            no_rows or _("The file has a header but no measure or milestone rows."), field="file"
        )
    return Table(header=header, rows=rows)


def is_filled(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _read_csv(data: bytes) -> Iterable[tuple[int, list[Any]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_text() from exc
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

    # check_file has bounded the size of its parts (uploads.check_archive) before this opens it.
    unreadable = _("This Excel file cannot be read; it may be damaged. Save it again in Excel and retry.")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of error on a damaged file; all mean the same
        raise ActionError(unreadable, field="file") from exc
    try:
        sheet = workbook.worksheets[0]
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + 10_000:  # blank formatted rows do not count, but do not read forever
                raise _too_many_rows()
            yield number, list(cells)
    except ActionError:
        raise
    except Exception as exc:  # as above: a damaged sheet fails while it is read
        raise ActionError(unreadable, field="file") from exc
    finally:
        workbook.close()
