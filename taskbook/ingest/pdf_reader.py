"""PDF: text lines joined back into paragraphs, and tables via pdfplumber.

A PDF has no paragraphs, only positioned lines. A line continues the paragraph above
when the line above ran to the right margin (the first word of this line would not have
fitted there), this line is not indented, and it does not start with a number.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from .errors import IngestError
from .numbering import parse_numbering
from .readers import Document, add_table

_PAGE_NUMBER = re.compile(
    r"^[-—–\s]*\d{1,4}[-—–\s]*$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$|^(?i:page)\s+\d+(\s+of\s+\d+)?$"
)


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    first_word: float  # width of the first word (one character for Chinese)
    char_width: float
    page: int


def read_pdf(data: bytes, filename: str, *, max_pages: int | None = None) -> Document:
    """The PDF's text and tables; IngestError("too_many_pages") before a page is read when it has more
    than `max_pages`. (Read uploads through pdf_sandbox.read_pdf_bounded, which also bounds its cost.)"""
    name = filename or "the PDF"
    if b"%%EOF" not in data[-2048:]:
        raise IngestError("truncated", f"{name} is incomplete (the end of the PDF is missing; cut off?).")
    _check_encryption(data, name)
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    doc = Document("pdf", [])
    pending: list[list[str | None]] | None = None  # a table that may go on over the page break
    paragraph: list[str] = []  # pieces of the paragraph being read, joined once at its end
    last: _Line | None = None
    right_margin = 0.0

    def end_paragraph() -> None:
        if paragraph:
            doc.lines.append("".join(paragraph))
            paragraph.clear()

    try:
        with pdfplumber.open(BytesIO(data)) as pdf:
            if max_pages is not None and len(pdf.pages) > max_pages:
                raise IngestError(
                    "too_many_pages",
                    f"{name} has {len(pdf.pages)} pages; the limit is {max_pages}.",
                    limit=max_pages,
                )
            doc.title_hint = str((pdf.metadata or {}).get("Title") or "")
            for page_no, page in enumerate(pdf.pages):
                items = _page_items(page, page_no)
                text_lines = [item for item in items if isinstance(item, _Line)]
                if text_lines:
                    left = min(line.x0 for line in text_lines)
                    # Margins are usually symmetric; a page with two short lines says little.
                    page_right = max(max(line.x1 for line in text_lines), float(page.width) - left)
                else:
                    left, page_right = 0.0, right_margin
                for item in items:
                    if isinstance(item, _Line):
                        if pending is not None:
                            add_table(doc, pending)
                            pending = None
                        right = page_right if last is None or last.page == item.page else right_margin
                        if paragraph and last is not None and _continues(last, item, left, right):
                            paragraph.append(_separator(paragraph[-1], item.text) + item.text)
                        else:
                            end_paragraph()
                            paragraph.append(item.text)
                        last = item
                    else:
                        end_paragraph()
                        last = None
                        if pending is not None and (not item or len(item[0]) != len(pending[0])):
                            add_table(doc, pending)
                            pending = None
                        pending = _merge_table(pending, item)
                right_margin = page_right
    except PDFPasswordIncorrect as exc:
        raise IngestError("encrypted", f"{name} is password-protected.") from exc
    except (IngestError, MemoryError):  # out of memory is the sandbox's limit, not damage
        raise
    except Exception as exc:  # pdfminer raises many kinds of errors on a damaged file
        if "allocate" in str(exc):  # zlib refused memory: the sandbox's limit, not a damaged file
            raise MemoryError(str(exc)) from exc
        raise IngestError("truncated", f"{name} is damaged and could not be read: {exc}.") from exc
    end_paragraph()
    if pending is not None:
        add_table(doc, pending)
    return doc


def _check_encryption(data: bytes, name: str) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(
                "encrypted", f"{name} is password-protected; remove the password and upload it again."
            )
    except (IngestError, MemoryError):
        raise
    except PdfReadError as exc:
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise IngestError("encrypted", f"{name} is password-protected.") from exc
        raise IngestError("truncated", f"{name} is damaged and could not be read: {exc}.") from exc
    except Exception as exc:  # e.g. a missing cryptography backend for AES: say what it is
        if "encrypt" in str(exc).lower() or "AES" in str(exc):
            raise IngestError("encrypted", f"{name} is encrypted and cannot be read here.") from exc


def _page_items(page: Any, page_no: int) -> list[_Line | list[list[str | None]]]:
    """The page's text lines (outside tables) and tables, top to bottom."""
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    positioned: list[tuple[float, _Line | list[list[str | None]]]] = []
    for raw in text_page.extract_text_lines(return_chars=True, strip=True):
        text = raw["text"].strip()
        if not text or _PAGE_NUMBER.match(text):
            continue
        chars = raw.get("chars") or []
        widths = sorted(c["x1"] - c["x0"] for c in chars if c.get("text", " ").strip()) or [5.0]
        char_width = widths[len(widths) // 2]
        first_word = char_width
        if chars and not _wide(chars[0]["text"][:1] or "a"):
            # pdfplumber has no space characters: a word ends where the next glyph leaves a gap.
            end = chars[0]["x1"]
            for before, c in itertools.pairwise(chars):
                if c["x0"] - before["x1"] > 0.2 * char_width or not c["text"].strip() or _wide(c["text"][:1]):
                    break
                end = c["x1"]
            first_word = max(char_width, end - chars[0]["x0"])
        positioned.append(
            (
                raw["top"],
                _Line(text, raw["x0"], raw["x1"], raw["top"], raw["bottom"], first_word, char_width, page_no),
            )
        )
    for table in tables:
        rows = [[_cell(cell) for cell in row] for row in table.extract()]
        positioned.append((table.bbox[1], rows))
    positioned.sort(key=lambda pair: pair[0])
    return [item for _, item in positioned]


def _cell(cell: str | None) -> str | None:
    if cell is None:
        return None
    out = ""
    for piece in cell.split("\n"):
        out = _join(out, piece.strip()) if out else piece.strip()
    return out


Grid = list[list[str | None]]


def _merge_table(pending: Grid | None, rows: Grid) -> Grid:
    """A table that goes on over a page break is one table; a repeated header row is dropped."""
    if pending is None:
        return rows
    if rows and rows[0] == pending[0]:
        rows = rows[1:]
    return pending + rows


def _continues(prev: _Line, cur: _Line, left: float, right: float) -> bool:
    number = parse_numbering(cur.text)
    if number is not None and not number.is_bullet:
        return False
    if right - prev.x1 > cur.first_word + 1.5 * cur.char_width:
        return False  # the line above stopped short: its paragraph ended there
    if cur.x0 - left > 1.5 * cur.char_width:
        return False  # an indented first line
    height, prev_height = cur.bottom - cur.top, prev.bottom - prev.top
    if abs(height - prev_height) > 0.2 * max(height, prev_height):
        return False  # another font size: a heading and its paragraph
    # Paragraph spacing on the same page ends a paragraph too.
    return not (prev.page == cur.page and cur.top - prev.bottom > 1.2 * prev_height)


def _separator(a: str, b: str) -> str:
    """What joins two wrapped lines: nothing between Chinese characters or after a hyphen."""
    if not a or not b:
        return ""
    if a.endswith("-") and b[:1].islower():
        return ""
    if _wide(a[-1]) or _wide(b[0]):
        return ""
    return " "


def _join(a: str, b: str) -> str:
    return a + _separator(a, b) + b if a else b


def _wide(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
