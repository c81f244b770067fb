"""The shared DOCX (python-docx) kit: a clean document with its properties, the A4 page of an official
document, fonts, runs, headings, bordered tables with a real grid, pictures.

Every run names an East Asian font (w:rFonts/@w:eastAsia) as well as a Latin one, so Word and WPS set
Chinese text in a Chinese face instead of falling back glyph by glyph. Tables carry their column
widths in the grid (w:tblGrid/w:gridCol) and a fixed layout, as LibreOffice and WPS lay a table out by
its grid, not by its cells' widths.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.font import Font
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from taskbook.documents.kit.info import GENERATOR, DocumentInfo

# The faces of Chinese official documents, present wherever Word is used for them; the Latin faces
# are Word's own standard ones.
BODY_LATIN, BODY_EAST_ASIAN = "Times New Roman", "宋体"
HEADING_LATIN, HEADING_EAST_ASIAN = "Arial", "黑体"
RED = RGBColor(0xC0, 0x00, 0x00)
GREY = RGBColor(0x44, 0x44, 0x44)
BLACK = RGBColor(0, 0, 0)
TEXT_WIDTH_MM = 160  # A4 less the margins of `a4_page`

# Run options (keywords of `run`) that the documents share.
Options = dict[str, Any]
Lines = list[tuple[str, Options]]
SMALL: Options = {"size": 8.5, "color": GREY}
LABEL: Options = {"bold": True, "size": 9, "heading": True}

# python-docx's template carries parts that describe another document: a thumbnail of a blank page,
# Word 2010's copy of the styles, a bibliography, and "Microsoft Macintosh Word" as the application.
_LEFTOVERS = (RT.THUMBNAIL,)
_PART_LEFTOVERS = (RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")
_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    f"<Application>{GENERATOR}</Application></Properties>"
)


def new_document(info: DocumentInfo) -> DocxDocument:
    """An empty document with the kit's styles and `info` as its properties, and nothing of the template
    it is made from that would describe another document."""
    document = Document()
    package = document.part.package
    for rels, leftovers in ((package.rels, _LEFTOVERS), (document.part.rels, _PART_LEFTOVERS)):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in leftovers]:
            rels.pop(rid)
    for rid in [rid for rid, rel in package.rels.items() if rel.reltype == RT.EXTENDED_PROPERTIES]:
        package.rels.pop(rid)
    app = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, _APP_XML.encode(), package)
    package.relate_to(app, RT.EXTENDED_PROPERTIES)
    # The template's theme sets East Asian text as Japanese.
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")

    core = document.core_properties
    core.title, core.subject, core.author = info.title, info.subject, info.author
    core.last_modified_by = GENERATOR
    core.language = info.lang
    core.created = core.modified = info.created_utc
    core.comments = core.keywords = core.category = ""
    core.revision = 1
    _styles(document)
    return document


def to_bytes(document: DocxDocument) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def set_fonts(element, latin: str, east_asian: str) -> None:
    """Set the four rFonts slots on a run's or a style's properties, and mark the East Asian
    language, so that Chinese text is set in `east_asian` whatever the document's theme says."""
    rpr = element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for slot, face in (("w:ascii", latin), ("w:hAnsi", latin), ("w:cs", latin), ("w:eastAsia", east_asian)):
        rfonts.set(qn(slot), face)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme), None)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _styles(document: DocxDocument) -> None:
    normal = document.styles["Normal"]
    set_fonts(normal.element, BODY_LATIN, BODY_EAST_ASIAN)
    normal.font.size = Pt(10.5)
    for name, size in (("Heading 1", 14), ("Heading 2", 11.5), ("Heading 3", 10.5)):
        style = document.styles[name]
        set_fonts(style.element, HEADING_LATIN, HEADING_EAST_ASIAN)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = BLACK  # official documents print black headings


# Run properties by (heading, bold, size, color), built once and copied onto each run: a task book
# has thousands of runs, and python-docx's property setters search the XML on every call.
_RUN_PROPERTIES: dict[tuple, Any] = {}


def _run_properties(heading: bool, bold: bool, size: float | None, color: RGBColor | None):
    key = (heading, bold, size, str(color))
    if key not in _RUN_PROPERTIES:
        r = OxmlElement("w:r")
        set_fonts(r, *((HEADING_LATIN, HEADING_EAST_ASIAN) if heading else (BODY_LATIN, BODY_EAST_ASIAN)))
        font = Font(r)
        font.bold = bold or None
        if size:
            font.size = Pt(size)
        if color is not None:
            font.color.rgb = color
        _RUN_PROPERTIES[key] = r.rPr
    return _RUN_PROPERTIES[key]


def run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    size: float | None = None,
    color: RGBColor | None = None,
    heading: bool = False,
) -> Run:
    """A run of text; `heading` sets it in the heading faces."""
    added = paragraph.add_run(text)
    added._r.insert(0, copy.deepcopy(_run_properties(heading, bold, size, color)))
    return added


def paragraph(container, text: str = "", **options: Any) -> Paragraph:
    p = container.add_paragraph()
    if text:
        run(p, text, **options)
    return p


def heading(document: DocxDocument, text: str, level: int, *, prefix: str = "", color=None) -> Paragraph:
    """A heading (Word's navigation pane lists it); `prefix` ("Task 3") is printed in red before it."""
    p = document.add_heading(level=level)
    if prefix:
        run(p, prefix + " ", heading=True, color=RED)
    run(p, text, heading=True, color=color)
    return p


def title_block(document: DocxDocument, lines: Lines) -> None:
    """The centred lines at the head of an official document, and the red double rule under them."""
    for text, options in lines:
        p = paragraph(document, text, **options)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(4)
    border(paragraph(document), "bottom", "thickThinSmallGap", 18, "C00000")


def field(p: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the pages."""
    r = run(p, "")
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instruction} "
        else:
            el = OxmlElement("w:t")
            el.text = text
        r._element.append(el)


def a4_page(document: DocxDocument, running_head: str, *, top: int = 28, bottom: int = 24) -> None:
    """An A4 portrait page of an official document: the running head from the second page on, and
    "— page / pages —" at the foot of every page."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(26), Mm(24)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(header, running_head, size=8, color=GREY)
    border(header, "bottom", "single", 4, "999999")
    for footer in (section.footer, section.first_page_footer):
        p = footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run(p, "— ", size=9)
        field(p, "PAGE")
        run(p, " / ", size=9)
        field(p, "NUMPAGES")
        run(p, " —", size=9)


_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def border(p: Paragraph, side: str, kind: str, size: int, color: str) -> None:
    ppr = p._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # Word refuses a document whose paragraph properties are out of the schema's order.
        ppr.insert_element_before(borders, *_AFTER_PBDR)
    el = OxmlElement(f"w:{side}")
    for key, value in (("val", kind), ("sz", str(size)), ("space", "1"), ("color", color)):
        el.set(qn(f"w:{key}"), value)
    borders.append(el)


def table(document: DocxDocument, rows: int, widths: Sequence[float]) -> Table:
    """A bordered table of `rows` rows and one column per width (in mm), centred on the page."""
    added = document.add_table(rows=rows, cols=len(widths))
    added.style = "Table Grid"  # single black borders on every cell
    added.alignment = WD_TABLE_ALIGNMENT.CENTER
    added.autofit = False  # w:tblLayout fixed: the widths hold whatever the cells hold
    for column, width in zip(added.columns, widths, strict=True):
        column.width = Mm(width)  # w:gridCol, which LibreOffice and WPS follow
    table_width = added._tbl.tblPr.find(qn("w:tblW"))  # python-docx writes "auto"
    table_width.set(qn("w:type"), "dxa")
    table_width.set(qn("w:w"), str(Mm(sum(widths)).twips))
    for tr in added._tbl.tr_lst:
        for tc, width in zip(tr.tc_lst, widths, strict=True):
            tc.width = Mm(width)  # w:tcW, which Word follows
    return added


def span(table: Table, row: _Row, first: int, count: int) -> _Cell:
    """Join `count` cells of a row from `first` into one (w:gridSpan), as wide as the grid columns it
    covers. python-docx's merge() does the same but re-measures the whole table each time, which
    dominates the time of a long task book."""
    cells = row._tr.tc_lst
    keep = cells[first]
    for tc in cells[first + 1 : first + count]:
        row._tr.remove(tc)
    keep.grid_span = count
    grid = table._tbl.tblGrid.gridCol_lst
    keep.width = Emu(sum(g.w or 0 for g in grid[first : first + count]))
    return _Cell(keep, table)


def write_cell(cell: _Cell, lines: Lines) -> None:
    """Fill a cell with lines, each (text, run options); the cell's first, empty paragraph is reused."""
    first = True
    for text, options in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.paragraph_format.space_after = Pt(0)
        run(p, text, **options)


def shade(cell: _Cell, fill: str = "F2F2F2") -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def no_borders(cell: _Cell) -> None:
    """A cell without lines, for blocks laid out with a table (the sign-off) that are no grid."""
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    cell._tc.get_or_add_tcPr().append(borders)


def repeat_header(table: Table) -> None:
    """The first row is printed again at the top of each page the table runs onto."""
    trpr = table.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def keep_rows_together(table: Table) -> None:
    """No row is split across two pages."""
    for row in table.rows:
        el = OxmlElement("w:cantSplit")
        el.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(el)


def header_row(table: Table, labels: Sequence[str]) -> None:
    """The first row as shaded labels, repeated on each page."""
    for cell, text in zip(table.rows[0].cells, labels, strict=True):
        write_cell(cell, [(text, LABEL)])
        shade(cell)
    repeat_header(table)


def facts_table(document: DocxDocument, rows: list[tuple[str, list[str]]], label_width: float = 44) -> None:
    """Label and values, one fact a row, the labels shaded."""
    facts = table(document, len(rows), [label_width, TEXT_WIDTH_MM - label_width])
    for (label, values), row in zip(rows, facts.rows, strict=True):
        write_cell(row.cells[0], [(label, LABEL)])
        shade(row.cells[0])
        write_cell(row.cells[1], [(v, {"size": 9.5}) for v in values] or [("—", {})])


def picture(document: DocxDocument, png: bytes, width_mm: float, description: str) -> None:
    """A centred picture; `description` is its alternative text, which screen readers read out."""
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    shape = p.add_run().add_picture(io.BytesIO(png), width=Mm(width_mm))
    shape._inline.docPr.set("descr", description)
