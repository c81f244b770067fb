"""The shared XLSX (openpyxl) kit: a workbook with its properties, cells written safely and typed,
bordered tables, and the print set-up every sheet gets.

Values keep their types: numbers are numbers and dates are dates (with a date format), so they sort,
filter and sum; text stays text, so a title starting with "=" never becomes a formula in the reader's
Excel. Each sheet prints on A4 with its header rows repeated, scaled to the page's width, landscape
when it is wide, and spread over pages across (its first columns repeated) only when one page would
shrink the text below readability.
"""

from __future__ import annotations

import datetime
import io
import math
import unicodedata
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from taskbook.documents.kit.info import GENERATOR, DocumentInfo
from taskbook.spreadsheets import guard_xlsx

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="E8ECF3")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
BOLD = Font(bold=True)
HEADER: dict[str, Any] = {"font": BOLD, "fill": HEAD_FILL, "border": BORDER}  # a table's header cells
DATE = "yyyy-mm-dd"
ROW_HEIGHT = 15  # points per line of text
MAX_LINES = 27  # Excel's rows stop at 409 points

# The page: A4, margins in inches as Excel keeps them (about 10 mm at the sides, room for the header
# and footer above and below).
MARGINS = PageMargins(left=0.4, right=0.4, top=0.75, bottom=0.65, header=0.3, footer=0.3)
A4_MM = (210.0, 297.0)
# Below this scale text of 11 points prints smaller than about 6.5 points: the sheet is spread over
# pages across instead. Above FULL_SIZE a portrait page is used.
MIN_SCALE = 0.6
FULL_SIZE = 0.85
DEFAULT_WIDTH = 8.43  # Excel's width of a column that sets none, in characters


def new_workbook(info: DocumentInfo) -> Workbook:
    workbook = Workbook()
    props = workbook.properties
    props.title, props.subject, props.creator = info.title, info.subject, info.author
    props.lastModifiedBy = GENERATOR
    props.language = info.lang
    props.created = props.modified = info.created_utc
    return workbook


def to_bytes(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def put(ws: Worksheet, row: int, column: int, value: Any, **style: Any) -> Cell:
    """Write a cell. Text is kept as text: control characters that XLSX cannot hold are dropped, and
    text that starts like a formula (a measure titled "=HYPERLINK(...)") stays text
    (`spreadsheets.guard_xlsx`). Dates get a date format."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    guard_xlsx(cell)
    if isinstance(value, datetime.date):
        cell.number_format = DATE
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def number_or_text(value: str) -> int | str:
    """A task's number ("12") as a number, so that the column sorts 1, 2, 10 and Excel flags no
    "number stored as text"; a number that is not a plain integer ("3.1", "（一）", "07") stays text."""
    return int(value) if value.isascii() and value.isdigit() and str(int(value)) == value else value


def lines(text: str, width: float) -> int:
    """How many lines `text` wraps to in a column `width` characters wide (a Chinese character takes
    two). Excel does not grow a row for wrapped text written by a program, so the height is set."""
    count = 0
    for line in (text or "").split("\n"):
        chars = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
        count += max(1, math.ceil(chars / max(width - 2, 1)))
    return count


def sheet_name(text: str) -> str:
    # Excel refuses these characters in sheet names and cuts them at 31 characters.
    return "".join(c for c in text if c not in "[]:*?/\\")[:31]


def title_rows(ws: Worksheet, title: str, subtitle: str, width: int) -> None:
    """The sheet's first two rows: the title, and a line on what the sheet holds, across `width`
    columns."""
    put(ws, 1, 1, title, font=Font(bold=True, size=14))
    put(ws, 2, 1, subtitle, font=Font(italic=True, color="555555"))
    for row in (1, 2):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=max(width, 2))
    ws.row_dimensions[1].height = 22


def table(
    ws: Worksheet, head: int, labels: Sequence[str], widths: Sequence[float], rows: list[list[Any]]
) -> None:
    """A header row at row `head` and its rows below, bordered and wrapped, each row as high as its
    longest text, with a filter on the header and the panes frozen below it."""
    for i, (label, width) in enumerate(zip(labels, widths, strict=True), start=1):
        put(ws, head, i, label, **HEADER, alignment=WRAP_TOP)
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.row_dimensions[head].height = ROW_HEIGHT * max(map(lines, labels, widths))
    for r, values in enumerate(rows, start=head + 1):
        height = 1
        for i, value in enumerate(values, start=1):
            put(ws, r, i, value, border=BORDER, alignment=WRAP_TOP)
            if isinstance(value, str):
                height = max(height, lines(value, widths[i - 1]))
        ws.row_dimensions[r].height = ROW_HEIGHT * min(height, MAX_LINES)
    ws.freeze_panes = ws.cell(row=head + 1, column=1)
    if rows:
        ws.auto_filter.ref = f"A{head}:{get_column_letter(len(labels))}{head + len(rows)}"


def _width_mm(ws: Worksheet, first: int, last: int) -> float:
    """The printed width of columns `first` to `last` at 100 %: Excel's width in characters of its
    default font is 7 pixels each plus 5 of padding, at 96 pixels an inch."""
    total = 0.0
    for i in range(first, last + 1):
        letter = get_column_letter(i)
        dimension = ws.column_dimensions.get(letter)  # not [letter], which would add a column
        width = dimension.width if dimension is not None and dimension.width else DEFAULT_WIDTH
        total += (width * 7 + 5) * 25.4 / 96
    return total


HEADER_CHARS = 200  # Excel refuses a page header over 255 characters, its codes included


def _header_text(text: str) -> str:
    if len(text) > HEADER_CHARS:
        text = text[: HEADER_CHARS - 1].rstrip() + "…"
    return text.replace("&", "&&")  # "&" starts a code in Excel's header language


def print_setup(
    ws: Worksheet,
    document_name: str,
    *,
    header_rows: tuple[int, int] | None = None,
    title_columns: int = 0,
    last_row: int | None = None,
    last_column: int | None = None,
) -> None:
    """Print the sheet on A4: `header_rows` (first, last) repeated on each page, the columns up to
    `last_column` scaled to one page's width (or to the fewest pages across that keep the text
    readable, with the first `title_columns` repeated on each), as many pages down as it takes; the
    document's name and the sheet's in the page header, page numbers in the footer."""
    last_row = last_row or ws.max_row
    last_column = last_column or ws.max_column
    width = _width_mm(ws, 1, last_column)
    titles = _width_mm(ws, 1, title_columns) if title_columns else 0.0
    side = (MARGINS.left + MARGINS.right) * 25.4
    portrait, landscape = A4_MM[0] - side, A4_MM[1] - side
    is_portrait = width * FULL_SIZE <= portrait
    printable = portrait if is_portrait else landscape
    pages = 1
    while (width + (pages - 1) * titles) * MIN_SCALE > pages * printable:
        pages += 1

    setup = ws.page_setup
    setup.paperSize = ws.PAPERSIZE_A4
    setup.orientation = ws.ORIENTATION_PORTRAIT if is_portrait else ws.ORIENTATION_LANDSCAPE
    setup.fitToWidth, setup.fitToHeight = pages, 0  # 0: as many pages down as the rows take
    if pages > 1:
        setup.pageOrder = "overThenDown"  # a row's pages across come one after another
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = MARGINS
    ws.print_options.horizontalCentered = True
    if header_rows:
        ws.print_title_rows = f"{header_rows[0]}:{header_rows[1]}"
    if title_columns:
        ws.print_title_cols = f"A:{get_column_letter(title_columns)}"
    ws.print_area = f"A1:{get_column_letter(last_column)}{last_row}"
    ws.oddHeader.left.text, ws.oddHeader.left.size = _header_text(document_name), 8
    ws.oddHeader.right.text, ws.oddHeader.right.size = "&A", 8  # the sheet's name
    ws.oddFooter.center.text, ws.oddFooter.center.size = "&P / &N", 8
