"""DOCX: paragraphs and tables in document order, with Word's automatic numbers.

Word keeps list numbers ("一、", "1.", "（三）") out of the paragraph text when they are
automatic, so they are rendered here from numbering.xml: without them a numbered plan
reads as a run of unnumbered paragraphs.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from typing import Any

from .errors import IngestError
from .numbering import CIRCLED
from .readers import Document, add_table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN = "〇一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def read_docx(archive: zipfile.ZipFile, data: bytes, filename: str) -> Document:
    import docx  # python-docx

    try:
        archive.testzip()
        document = docx.Document(BytesIO(data))
    except (zipfile.BadZipFile, EOFError, KeyError, zipfile.LargeZipFile) as exc:
        raise IngestError("truncated", f"{filename or 'the DOCX'} is damaged or incomplete: {exc}.") from exc
    except Exception as exc:  # lxml or python-docx on a broken part
        if "encrypt" in str(exc).lower():
            raise IngestError("encrypted", f"{filename or 'the DOCX'} is password-protected.") from exc
        raise IngestError("truncated", f"{filename or 'the DOCX'} could not be read: {exc}.") from exc

    doc = Document("docx", [])
    try:
        doc.title_hint = document.core_properties.title or ""
    except Exception:  # a missing or broken core.xml is no reason to refuse the plan
        doc.title_hint = ""
    numbers = _Numbering(document)
    for element in _body_items(document.element.body):
        if element.tag == W + "p":
            _add_paragraph(doc, element, document, numbers)
        elif element.tag == W + "tbl":
            add_table(doc, _table_rows(element, document))
    return doc


def _body_items(body: Any) -> Any:
    """Paragraphs and tables of the body in order, looking inside content controls."""
    for child in body.iterchildren():
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _body_items(content)


def _add_paragraph(doc: Document, element: Any, document: Any, numbers: _Numbering) -> None:
    from docx.text.paragraph import Paragraph

    paragraph = Paragraph(element, document._body)
    text = paragraph.text.replace("\t", " ")
    label = numbers.label_for(paragraph)
    if label and not text.lstrip().startswith(label.strip()):
        text = label + ("" if label.endswith(("、", "）", ")")) or _cjk_start(text) else " ") + text.lstrip()
    for piece in text.split("\n"):  # a soft line break starts a new line of text
        if piece.strip():
            level = _heading_level(paragraph)
            if level:
                doc.headings[len(doc.lines)] = level
            doc.lines.append(piece.strip())
    if text.strip():
        doc.lines.append("")  # a blank line between paragraphs, as in a text file


def _cjk_start(text: str) -> bool:
    s = text.lstrip()
    return bool(s) and "\u4e00" <= s[0] <= "\u9fff"


def _heading_level(paragraph: Any) -> int:
    try:
        name = (paragraph.style.name or "") if paragraph.style is not None else ""
    except Exception:  # a paragraph pointing at a missing style
        name = ""
    lowered = name.lower()
    if lowered == "title":
        return 1
    for prefix in ("heading ", "标题 ", "标题"):
        if lowered.startswith(prefix) and lowered[len(prefix) :].strip().isdigit():
            return min(6, int(lowered[len(prefix) :].strip()))
    ppr = paragraph._p.pPr
    if ppr is not None:
        outline = ppr.find(W + "outlineLvl")
        if outline is not None:
            value = outline.get(W + "val")
            if value and value.isdigit() and int(value) < 9:
                return min(6, int(value) + 1)
    return 0


def _table_rows(tbl: Any, document: Any) -> list[list[str | None]]:
    from docx.table import Table

    table = Table(tbl, document._body)
    rows: list[list[str | None]] = []
    previous: list[Any] = []
    try:
        grid = [list(row.cells) for row in table.rows]
    except Exception:  # a malformed grid: fall back to the cells each row really has
        grid = [[cell for cell in row.cells] for row in table.rows]
    for cells in grid:
        row: list[str | None] = []
        for col, cell in enumerate(cells):
            text = _cell_text(cell)
            # The same cell object again below is a vertical merge: mark it as covered.
            below = col < len(previous) and previous[col] is not None and cell._tc is previous[col]
            if below or (col > 0 and cell._tc is cells[col - 1]._tc):
                row.append(None)
            else:
                row.append(text)
        previous = [cell._tc for cell in cells]
        rows.append(row)
    return rows


def _cell_text(cell: Any) -> str:
    parts = []
    for paragraph in cell.paragraphs:
        if paragraph.text.strip():
            parts.append(paragraph.text.strip())
    for inner in cell.tables:  # a table in a cell: flatten its text
        for row in inner.rows:
            parts.append(" ".join(c.text.strip() for c in row.cells if c.text.strip()))
    joined = ""
    for part in parts:
        if joined and not (_cjk_end(joined) and _cjk_start(part)):
            joined += " "
        joined += part
    return joined


def _cjk_end(text: str) -> bool:
    return bool(text) and ("\u4e00" <= text[-1] <= "\u9fff" or text[-1] in "，。、；：）")


class _Numbering:
    """Renders the automatic number of a paragraph ("1.", "（三）") from numbering.xml."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, dict[str, Any]]] = {}  # numId -> ilvl -> format
        self.counters: dict[str, list[int]] = {}
        self.style_numbering: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract: dict[str, dict[int, dict[str, Any]]] = {}
        for anum in root.findall(W + "abstractNum"):
            levels: dict[int, dict[str, Any]] = {}
            for lvl in anum.findall(W + "lvl"):
                levels[int(lvl.get(W + "ilvl", "0"))] = {
                    "start": int(_val(lvl, "start") or 1),
                    "fmt": _val(lvl, "numFmt") or "decimal",
                    "text": _val(lvl, "lvlText") or "",
                }
            abstract[anum.get(W + "abstractNumId", "")] = levels
        for num in root.findall(W + "num"):
            num_id = num.get(W + "numId", "")
            ref = num.find(W + "abstractNumId")
            base = abstract.get(ref.get(W + "val", "") if ref is not None else "", {})
            levels = {k: dict(v) for k, v in base.items()}
            for override in num.findall(W + "lvlOverride"):
                start = override.find(W + "startOverride")
                ilvl = int(override.get(W + "ilvl", "0"))
                if start is not None and ilvl in levels:
                    levels[ilvl]["start"] = int(start.get(W + "val", "1"))
            self.levels[num_id] = levels
        try:
            for style in document.styles:
                ppr = style.element.pPr
                if ppr is not None and ppr.numPr is not None and ppr.numPr.numId is not None:
                    ilvl = ppr.numPr.ilvl.val if ppr.numPr.ilvl is not None else 0
                    self.style_numbering[style.style_id] = (str(ppr.numPr.numId.val), int(ilvl))
        except Exception:  # styles are a nicety; a broken styles part must not stop reading
            pass

    def label_for(self, paragraph: Any) -> str:
        ppr = paragraph._p.pPr
        num_id, ilvl = None, 0
        if ppr is not None and ppr.numPr is not None and ppr.numPr.numId is not None:
            num_id = str(ppr.numPr.numId.val)
            ilvl = int(ppr.numPr.ilvl.val) if ppr.numPr.ilvl is not None else 0
        elif ppr is not None and ppr.pStyle is not None and ppr.pStyle.val in self.style_numbering:
            num_id, ilvl = self.style_numbering[ppr.pStyle.val]
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else levels[ilvl]["start"]
        fmt = levels[ilvl]["fmt"]
        if fmt in ("bullet", "none"):
            return ""
        text = levels[ilvl]["text"]
        for level in range(9):
            placeholder = f"%{level + 1}"
            if placeholder in text:
                lvl = levels.get(level, {"fmt": "decimal", "start": 1})
                value = counters[level] or lvl["start"]
                text = text.replace(placeholder, _format(value, lvl["fmt"]))
        return text


def _val(element: Any, tag: str) -> str | None:
    child = element.find(W + tag)
    return child.get(W + "val") if child is not None else None


def _format(value: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        out = []
        n = value
        for v, sym in (
            (1000, "M"),
            (900, "CM"),
            (500, "D"),
            (400, "CD"),
            (100, "C"),
            (90, "XC"),
            (50, "L"),
            (40, "XL"),
            (10, "X"),
            (9, "IX"),
            (5, "V"),
            (4, "IV"),
            (1, "I"),
        ):
            while n >= v:
                out.append(sym)
                n -= v
        roman = "".join(out)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (value - 1) % 26) * (1 + (value - 1) // 26)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt.startswith(("chineseCounting", "japaneseCounting", "taiwaneseCounting", "ideographDigital")):
        return chinese_numeral(value)
    if fmt == "ideographTraditional":
        return _TIANGAN[(value - 1) % 10]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return CIRCLED[value - 1] if 1 <= value <= len(CIRCLED) else str(value)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) - ord("0") + 0xFF10) for d in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def chinese_numeral(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五."""
    if value <= 0:
        return str(value)
    if value < 10:
        return _CN[value]
    if value < 20:
        return "十" + (_CN[value - 10] if value > 10 else "")
    if value < 100:
        return _CN[value // 10] + "十" + (_CN[value % 10] if value % 10 else "")
    if value < 1000:
        rest = value % 100
        head = _CN[value // 100] + "百"
        if not rest:
            return head
        return head + ("零" + _CN[rest] if rest < 10 else ("一" if rest < 20 else "") + chinese_numeral(rest))
    return str(value)
