"""The task book as DOCX (python-docx), laid out like the PDF: title block, numbered parts, bordered
tables, a sign-off block. Every run names an East Asian font (w:rFonts/@w:eastAsia) as well as a Latin
one, so Word picks a Chinese face for Chinese text instead of falling back glyph by glyph."""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.font import Font
from docx.text.paragraph import Paragraph

from taskbook.documents.task_book.content import MeasureLine, TaskBookDocument, TaskEntry

# The faces of Chinese official documents, present wherever Word is used for them; the Latin faces
# are Word's own standard ones.
BODY_LATIN, BODY_EAST_ASIAN = "Times New Roman", "宋体"
HEADING_LATIN, HEADING_EAST_ASIAN = "Arial", "黑体"
RED = RGBColor(0xC0, 0x00, 0x00)
GREY = RGBColor(0x44, 0x44, 0x44)


def _fonts(element, latin: str, east_asian: str) -> None:
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


# Run properties by (heading, bold, size, color), built once and copied onto each run: a task book
# has thousands of runs, and python-docx's property setters search the XML on every call.
_RUN_PROPERTIES: dict[tuple, Any] = {}


def _run_properties(heading: bool, bold: bool, size: float | None, color: RGBColor | None):
    key = (heading, bold, size, str(color))
    if key not in _RUN_PROPERTIES:
        r = OxmlElement("w:r")
        _fonts(r, *((HEADING_LATIN, HEADING_EAST_ASIAN) if heading else (BODY_LATIN, BODY_EAST_ASIAN)))
        font = Font(r)
        font.bold = bold or None
        if size:
            font.size = Pt(size)
        if color is not None:
            font.color.rgb = color
        _RUN_PROPERTIES[key] = r.rPr
    return _RUN_PROPERTIES[key]


def _run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    size: float | None = None,
    color: RGBColor | None = None,
    heading: bool = False,
):
    run = paragraph.add_run(text)
    run._r.insert(0, copy.deepcopy(_run_properties(heading, bold, size, color)))
    return run


def _styles(document) -> None:
    normal = document.styles["Normal"]
    _fonts(normal.element, BODY_LATIN, BODY_EAST_ASIAN)
    normal.font.size = Pt(10.5)
    for name, size in (("Heading 1", 14), ("Heading 2", 11.5)):
        style = document.styles[name]
        _fonts(style.element, HEADING_LATIN, HEADING_EAST_ASIAN)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)  # official documents print black headings


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the pages."""
    run = _run(paragraph, "")
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
        run._element.append(el)


def a4_page(document, running_head: str, *, top: int = 28, bottom: int = 24, portrait: bool = True) -> None:
    """An A4 page of an official document: the running head, and "— page / pages —" at the foot."""
    section = document.sections[0]
    if portrait:
        section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(26), Mm(24)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(header, running_head, size=8, color=GREY)
    _border(header, "bottom", "single", 4, "999999")
    for footer in (section.footer, section.first_page_footer):
        p = footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, "— ", size=9)
        _field(p, "PAGE")
        _run(p, " / ", size=9)
        _field(p, "NUMPAGES")
        _run(p, " —", size=9)


_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _border(paragraph: Paragraph, side: str, kind: str, size: int, color: str) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # Word refuses a document whose paragraph properties are out of the schema's order.
        ppr.insert_element_before(borders, *_AFTER_PBDR)
    el = OxmlElement(f"w:{side}")
    for key, value in (("val", kind), ("sz", str(size)), ("space", "1"), ("color", color)):
        el.set(qn(f"w:{key}"), value)
    borders.append(el)


def _paragraph(container, text: str = "", **kwargs) -> Paragraph:
    p = container.add_paragraph()
    if text:
        _run(p, text, **kwargs)
    return p


def _cell(cell: _Cell, lines: list[tuple[str, dict]]) -> None:
    """Fill a cell with lines, each (text, run options); the cell's first, empty paragraph is reused."""
    first = True
    for text, options in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.paragraph_format.space_after = Pt(0)
        _run(p, text, **options)


def _table(document, rows: int, cols: int, widths: Sequence[float]) -> Table:
    table = document.add_table(rows=rows, cols=cols)
    table.style = "Table Grid"  # single black borders on every cell
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Mm(width)
    return table


def _span(table: Table, row, first: int, count: int, width: float) -> _Cell:
    """Join `count` cells of a row from `first` into one (w:gridSpan). python-docx's merge() does the
    same but re-measures the whole table each time, which dominates the time of a long task book."""
    cells = row._tr.tc_lst
    keep = cells[first]
    for tc in cells[first + 1 : first + count]:
        row._tr.remove(tc)
    keep.grid_span = count
    keep.width = Mm(width)
    return _Cell(keep, table)


def _shade(cell: _Cell, fill: str = "F2F2F2") -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _repeat_header(table: Table) -> None:
    trpr = table.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _keep_row_together(table: Table) -> None:
    for row in table.rows:
        el = OxmlElement("w:cantSplit")
        el.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(el)


SMALL = {"size": 8.5, "color": GREY}
LABEL = {"bold": True, "size": 9, "heading": True}


def _facts(document, rows: list[tuple[str, list[str]]], label_width: float = 44) -> None:
    table = _table(document, len(rows), 2, [label_width, 160 - label_width])
    for (label, values), row in zip(rows, table.rows, strict=True):
        _cell(row.cells[0], [(label, LABEL)])
        _shade(row.cells[0])
        _cell(row.cells[1], [(v, {"size": 9.5}) for v in values] or [("—", {})])


def _measure_lines(m: MeasureLine) -> list[list[tuple[str, dict]]]:
    what: list[tuple[str, dict]] = [(m.title, {"bold": True, "size": 9.5})]
    sub = _("Year") + f": {m.year}"
    if m.deliverable:
        sub += " · " + _("Deliverable") + f": {m.deliverable}"
    what.append((sub, SMALL))
    who: list[tuple[str, dict]] = [
        (
            m.responsible.name + (f", {m.responsible.position}" if m.responsible.position else ""),
            {"size": 9.5},
        )
    ]
    if m.responsible.reachable_at:
        who.append((m.responsible.reachable_at, SMALL))
    if m.deputy:
        deputy = _("Deputy") + f": {m.deputy.name}" + (f", {m.deputy.position}" if m.deputy.position else "")
        if m.deputy.reachable_at:
            deputy += f" · {m.deputy.reachable_at}"
        who.append((deputy, SMALL))
    when: list[tuple[str, dict]] = [
        (_("Start") + f": {m.start:%Y-%m-%d}", {"size": 9}),
        (_("Due") + f": {m.due:%Y-%m-%d}", {"size": 9}),
    ]
    if m.baseline_due:
        when.append((_("Baseline due") + f": {m.baseline_due:%Y-%m-%d}", SMALL))
        late = (m.slippage_days or 0) > 0
        when.append((m.slippage_label, {"size": 8.5, "color": RED if late else GREY}))
    return [what, who, when, [(m.status_label, {"size": 9})]]


def _task(document, task: TaskEntry) -> None:
    heading = document.add_heading(level=2)
    _run(heading, _("Task %(number)s") % {"number": task.number} + " ", heading=True, color=RED)
    _run(heading, task.title, heading=True)
    facts = [
        (_("Lead units"), [task.lead_list or "—"]),
        (_("Participating units"), [task.participating_list or "—"]),
    ]
    if task.targets:
        facts.append((_("Targets"), task.targets))
    _facts(document, facts, label_width=36)
    _paragraph(document).paragraph_format.space_after = Pt(0)
    if not task.measures:
        _paragraph(document, _("The unit has no measures under this task yet."), size=9.5, color=GREY)
        return
    widths = [9, 55, 42, 36, 18]
    rows = 1 + sum(2 if m.milestones else 1 for m in task.measures)
    table = _table(document, rows, 5, widths)
    heads = [_("No."), _("Measure"), _("Responsible person"), _("Schedule"), _("Status")]
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        _cell(cell, [(text, LABEL)])
        _shade(cell)
    _repeat_header(table)
    _keep_row_together(table)
    r = 1
    for i, m in enumerate(task.measures, start=1):
        row = table.rows[r]
        _cell(row.cells[0], [(str(i), {"size": 9})])
        for cell, lines in zip(row.cells[1:], _measure_lines(m), strict=True):
            _cell(cell, lines)
        r += 1
        if m.milestones:
            below = table.rows[r]
            lines = [(_("Milestones") + ":", {"size": 8.5, "bold": True, "heading": True})]
            for ms in m.milestones:
                done = _("done on %(date)s") % {"date": f"{ms.done_on:%Y-%m-%d}"} if ms.done_on else _("open")
                lines.append((f"{ms.date:%Y-%m-%d}  {ms.description}  ({done})", {"size": 8.5}))
            _cell(_span(table, below, 1, 4, sum(widths[1:])), lines)
            # The number cell runs down beside the milestones; the measure stays on the page with them.
            row.cells[0]._tc.vMerge = "restart"
            below.cells[0]._tc.vMerge = "continue"
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.keep_with_next = True
            r += 1


def render_taskbook_docx(doc: TaskBookDocument) -> bytes:
    document = Document()
    _styles(document)
    a4_page(document, doc.plan_title)
    core = document.core_properties
    core.title, core.author, core.language = f"{doc.plan_title} — {doc.title}", doc.unit_name, doc.language

    for text, options in (
        (doc.plan_heading, {"size": 11}),
        (doc.title, {"size": 20, "bold": True}),
        (_("Task book") + ("" if doc.is_chinese else " · 任务书"), {"size": 11, "color": GREY}),
    ):
        p = _paragraph(document, text, **options)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(4)
    rule = _paragraph(document)
    _border(rule, "bottom", "thickThinSmallGap", 18, "C00000")  # the red rule under an official title

    approved = doc.version_label
    if doc.approved_on:
        approved += " · " + _("approved on") + f" {doc.approved_on:%Y-%m-%d}"
    led = ngettext("%(n)s task led", "%(n)s tasks led", len(doc.led)) % {"n": len(doc.led)}
    joined = ngettext("%(n)s task joined", "%(n)s tasks joined", len(doc.joined)) % {"n": len(doc.joined)}
    measures = ngettext("%(n)s measure", "%(n)s measures", doc.measure_count) % {"n": doc.measure_count}
    _facts(
        document,
        [
            (_("Unit"), [n for n in (doc.unit_name_en, doc.unit_name_zh) if n]),
            (_("Plan"), [doc.plan_title]),
            (_("Status"), [doc.status_label]),
            (_("Approved version"), [approved]),
            (_("Generated on"), [f"{doc.generated_on:%Y-%m-%d}"]),
            (_("Contents"), [f"{led} · {joined} · {measures}"]),
        ],
    )

    for number, heading, tasks in doc.parts():
        _run(document.add_heading(level=1), f"{number}{heading}", heading=True)
        if not tasks:
            _paragraph(document, _("None."), size=9.5, color=GREY)
        for task in tasks:
            _task(document, task)

    _run(document.add_heading(level=1), f"{doc.signoff_number}{_('Sign-off')}", heading=True)
    _paragraph(
        document,
        _(
            "%(unit)s undertakes to carry out the measures above by the dates set, with the responsible "
            "persons named."
        )
        % {"unit": doc.unit_name},
    )
    blank = "_" * 24
    sign = _table(document, 2, 2, [112, 48])
    for row in sign.rows:  # the sign-off block is lines on the page, not a grid
        for cell in row.cells:
            tcpr = cell._tc.get_or_add_tcPr()
            borders = OxmlElement("w:tcBorders")
            for side in ("top", "left", "bottom", "right"):
                el = OxmlElement(f"w:{side}")
                el.set(qn("w:val"), "nil")
                borders.append(el)
            tcpr.append(borders)
    approval_date = f"{doc.approved_on:%Y-%m-%d}" if doc.approved_on else blank
    _cell(
        sign.rows[0].cells[0],
        [
            ("", {}),
            (_("Head of the unit (signature)") + f": {blank}", {"size": 10.5}),
            ("", {}),
            (_("Date") + f": {blank}", {"size": 10.5}),
        ],
    )
    lines: list[tuple[str, dict]] = [
        ("", {}),
        (_("Approved by the coordinating office") + f": {blank}", {"size": 10.5}),
        ("", {}),
        (_("Approval date") + f": {approval_date}", {"size": 10.5}),
    ]
    if doc.approval_comment:
        lines.append((_("Comment") + f": {doc.approval_comment}", SMALL))
    _cell(sign.rows[1].cells[0], lines)
    seal = sign.rows[0].cells[1].merge(sign.rows[1].cells[1])
    _cell(seal, [("", {}), ("", {}), (f"（{_('Seal of the unit')}）", {"size": 10, "color": RED})])
    for p in seal.paragraphs:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
