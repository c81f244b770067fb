"""Bytes to lines of text, per format, with the format told by content.

Every reader returns a `Document`: the lines of plain text that task line numbers refer
to, which of them are styled headings, and the tables it found (each rendered into the
lines as "| a | b |" rows and also kept as a grid of cells, because a merged cell is
information that text alone loses).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import PurePath

from .errors import IngestError
from .limits import DEFAULT, Limits, check_zip

MAX_BYTES = 20 * 1024 * 1024


@dataclass
class Table:
    """A grid of cells; None marks a cell covered by a merge from above ("same as above")."""

    rows: list[list[str | None]]
    first_line: int  # 0-based index into Document.lines of the first rendered row
    last_line: int
    row_lines: list[int] = field(default_factory=list)  # 0-based line of each row


@dataclass
class Document:
    format: str  # txt, md, docx, pdf, html
    lines: list[str]
    headings: dict[int, int] = field(default_factory=dict)  # line index -> level 1..6
    tables: list[Table] = field(default_factory=list)
    title_hint: str = ""  # <title> of a page, the core title of a DOCX
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def render_row(cells: list[str | None]) -> str:
    """One table row as a line of text; a cell merged from the left is shown once."""
    shown: list[str] = []
    previous: str | None = None
    for i, cell in enumerate(cells):
        if cell is None or (i > 0 and cell == previous and cell):
            continue
        shown.append(" ".join(cell.replace("|", "｜").split()))
        previous = cell
    return "| " + " | ".join(shown) + " |"


def add_table(doc: Document, rows: list[list[str | None]]) -> None:
    """Append a table to a document being built: its rows as lines, its grid as a Table."""
    rows = [row for row in rows if any(cell and cell.strip() for cell in row)]
    if not rows:
        return
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    first = len(doc.lines)
    doc.lines.extend(render_row(row) for row in rows)
    doc.tables.append(Table(rows, first, len(doc.lines) - 1, list(range(first, len(doc.lines)))))


# Signatures of formats we recognise but do not read: a clear "unsupported" beats "binary".
_FOREIGN = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Word/Excel file (.doc/.xls); save it as .docx"),
    (b"{\\rtf", "an RTF file; save it as .docx"),
    (b"\x89PNG", "a PNG image; plans are read from text, not from pictures"),
    (b"\xff\xd8\xff", "a JPEG image; plans are read from text, not from pictures"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
]


_HTML_TAG = re.compile(rb"(?i)<(?:p|div|table|tr|td|body|h[1-6]|br|ol|ul|li|span)\b[^>]{0,200}>")


def sniff_format(data: bytes, filename: str) -> str:
    """pdf, docx, html or text: decided by the bytes, the file name only breaks ties."""
    head = data[:1024].lstrip()
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(_FOREIGN[0][0]) and "EncryptedPackage".encode("utf-16-le") in data:
        raise IngestError("encrypted", f"{filename or 'the file'} is a password-protected Office document.")
    for magic, what in _FOREIGN:
        if data.startswith(magic):
            raise IngestError("unsupported", f"{filename or 'the file'} is {what}.")
    lowered = head[:512].lower()
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if lowered.startswith(bom):
            return "text"  # HTML in UTF-16 is rare; a BOM'd file is decoded first then sniffed
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower():
        return "html"
    suffix = PurePath(filename).suffix.lower()
    if suffix in (".html", ".htm", ".xhtml") and b"<" in head[:64]:
        return "html"
    if head.startswith(b"<") and len(_HTML_TAG.findall(data[:4096])) >= 2:
        return "html"  # a fragment saved without <html>: "<h1>…</h1><p>…</p>"
    return "text"


def read_document(
    data: bytes, filename: str = "", *, max_bytes: int = MAX_BYTES, limits: Limits = DEFAULT
) -> Document:
    """Read any supported document of at most `max_bytes`, within `limits` (a PDF in a child process);
    raise IngestError with a code otherwise."""
    if len(data) > max_bytes:
        raise IngestError(
            "too_large",
            f"{filename or 'the file'} is {len(data) / 1048576:.1f} MB; the limit is "
            f"{max_bytes // 1048576} MB.",
        )
    if not data.strip() or not data.strip(b" \t\r\n\x0b\x0c\xef\xbb\xbf\xff\xfe\x00"):
        raise IngestError("empty", f"{filename or 'the file'} is empty.")
    kind = sniff_format(data, filename)
    suffix = PurePath(filename).suffix.lower()
    if kind == "pdf":
        from .pdf_sandbox import read_pdf_bounded

        doc = read_pdf_bounded(data, filename, limits)
    elif kind == "zip":
        doc = _read_zip(data, filename, limits)
    elif kind == "html":
        from .html_reader import read_html

        doc = read_html(data, filename)
    else:
        from .text_reader import decode_text, read_text

        text = decode_text(data, filename)
        if text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
            from .html_reader import read_html_text

            doc = read_html_text(text)
        else:
            doc = read_text(text, "md" if suffix in (".md", ".markdown") else "txt")
    if not any(line.strip() for line in doc.lines):
        if doc.format == "pdf":
            raise IngestError(
                "needs_ocr",
                f"{filename or 'the PDF'} has no text layer (a scan?); run it through OCR first.",
            )
        raise IngestError("empty", f"{filename or 'the file'} has no text in it.")
    return doc


def _read_zip(data: bytes, filename: str, limits: Limits) -> Document:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        # A zip is read from its central directory at the very end: a cut-off file has none.
        raise IngestError(
            "truncated", f"{filename or 'the file'} is an incomplete ZIP/DOCX file (cut off?): {exc}."
        ) from exc
    if "word/document.xml" not in names:
        what = "a spreadsheet (.xlsx)" if "xl/workbook.xml" in names else "a ZIP archive, not a .docx"
        if "ppt/presentation.xml" in names:
            what = "a presentation (.pptx)"
        raise IngestError("unsupported", f"{filename or 'the file'} is {what}.")
    check_zip(archive, filename, limits)  # before a part is unpacked
    from .docx_reader import read_docx

    return read_docx(archive, data, filename)
