"""Plain text and Markdown: decoding (UTF-8, UTF-16, GB18030 …) and pipe tables."""

from __future__ import annotations

import re

from .errors import IngestError
from .readers import Document, Table

_BOMS = [
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]


def decode_text(data: bytes, filename: str = "") -> str:
    """Decode a text file: BOM, UTF-8, BOM-less UTF-16, GB18030, then a detector.

    Chinese government text often arrives in GB18030/GBK; UTF-8 is tried first because
    a valid UTF-8 file with Chinese in it is practically never valid GB18030 as well.
    """
    name = filename or "the file"
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _clean(data[len(bom) :].decode(codec))
            except UnicodeDecodeError as exc:
                raise IngestError("encoding", f"{name} starts as {codec} but is not valid {codec}.") from exc
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return _clean(utf16)
    if b"\x00" in data:
        raise IngestError("binary", f"{name} is a binary file, not a text document (it has NUL bytes).")
    try:
        return _clean(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _plausible_chinese(text):
            return _clean(text)
    except UnicodeDecodeError:
        pass
    try:
        for codec in ("big5",):
            text = data.decode(codec)
            if _plausible_chinese(text):
                return _clean(text)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if _control_share(text) < 0.01:
            return _clean(text)
    if _control_share(data.decode("latin-1")) > 0.05:
        raise IngestError("binary", f"{name} is a binary file, not a text document.")
    raise IngestError(
        "encoding",
        f"{name} is text in an encoding that could not be recognised; save it as UTF-8.",
    )


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte of ASCII-range text is NUL."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) > 0.4 * len(zeros) and (even if zeros is odd else odd).count(0) < 0.05 * len(zeros):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CJK_TEXT = re.compile(
    "[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2014\u2018-\u201d\u2026]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _plausible_chinese(text: str) -> bool:
    """Most non-ASCII characters of a real Chinese text are Han characters or CJK punctuation."""
    non_ascii = len(_NON_ASCII.findall(text))
    return non_ascii > 0 and len(_CJK_TEXT.findall(text)) >= 0.9 * non_ascii


def _control_share(text: str) -> float:
    return len(_CONTROL.findall(text)) / len(text) if text else 0.0


def _clean(text: str) -> str:
    if "\x00" in text:
        raise IngestError("binary", "the file is a binary file, not a text document (it has NUL bytes).")
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def _is_separator(line: str) -> bool:
    """A Markdown table's "|---|:---:|" row (checked without a regex: a long line stays cheap)."""
    s = line.strip()
    return "--" in s and not s.strip("|:- \t")


def read_text(text: str, fmt: str = "txt") -> Document:
    """Lines as they are; pipe tables (Markdown or rendered) are also kept as grids."""
    lines = text.split("\n")
    doc = Document(fmt, lines)
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith("#"):
            level = len(stripped) - len(stripped.lstrip("#"))
            if 1 <= level <= 6 and stripped[level : level + 1] in (" ", "\t"):
                doc.headings[index] = level
    doc.tables = find_pipe_tables(lines)
    return doc


def _is_pipe_row(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") and s.count("|") >= 2


def split_pipe_row(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    cells = re.split(r"(?<!\\)\|", s)
    return [cell.strip().replace("\\|", "|").replace("<br>", " ").replace("<br/>", " ") for cell in cells]


def find_pipe_tables(lines: list[str]) -> list[Table]:
    """Runs of "| a | b |" lines (a Markdown separator row is dropped from the grid)."""
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        if not _is_pipe_row(lines[i]) and not (
            i + 1 < len(lines) and "|" in lines[i] and _is_separator(lines[i + 1])
        ):
            i += 1
            continue
        start = i
        rows: list[list[str | None]] = []
        row_lines: list[int] = []
        while i < len(lines) and (
            _is_pipe_row(lines[i]) or (i == start and "|" in lines[i]) or (rows and "|" in lines[i])
        ):
            if not _is_separator(lines[i]):
                rows.append(list(split_pipe_row(lines[i])))
                row_lines.append(i)
            i += 1
        if rows:
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            tables.append(Table(rows, start, i - 1, row_lines))
    return tables
