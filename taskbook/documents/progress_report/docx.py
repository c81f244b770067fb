"""The implementation progress report as DOCX (python-docx), laid out like the PDF: title block, the
summary with the chart of ratings, a part per task with its target charts, the overdue items.

The page, fonts and table helpers are the task book's (taskbook.documents.kit.docx): every run names an East
Asian font as well as a Latin one, so Word sets Chinese text in a Chinese face. Word cannot show SVG,
so the charts (the very SVG of the PDF) are drawn once by WeasyPrint onto pages of their own size and
turned into PNG pictures with pdfplumber.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from typing import Any

import pdfplumber
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor
from weasyprint import CSS, HTML

from taskbook.documents.kit.docx import (
    GREY,
    HEADING_EAST_ASIAN,
    HEADING_LATIN,
    LABEL,
    RED,
    SMALL,
    _border,
    _cell,
    _facts,
    _fonts,
    _paragraph,
    _repeat_header,
    _run,
    _shade,
    _span,
    _styles,
    _table,
    a4_page,
)
from taskbook.documents.kit.pdf import _NoFetching
from taskbook.documents.progress_report.content import OverdueItem, ProgressDocument, TargetLine, TaskLine

Progress = Callable[[int], None]
WIDTH_MM = 160  # the text width of the task book's A4 page
CHART_DPI = 200  # sharp in print, small enough: a target chart is about 10 KB
_SIZE = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')


def _quiet(percent: int) -> None:
    pass


def chart_pictures(charts: Sequence[str]) -> list[bytes]:
    """Each SVG chart as a PNG: one WeasyPrint run draws them all, each on a page of its own size (CSS
    named pages), and pdfplumber renders the pages."""
    if not charts:
        return []
    rules, pages = [], []
    for i, svg in enumerate(charts):
        size = _SIZE.search(svg)
        width, height = (size.group(1), size.group(2)) if size else ("640", "280")
        rules.append(f"@page c{i} {{ size: {width}px {height}px; margin: 0 }} .c{i} {{ page: c{i} }}")
        pages.append(f'<div class="c{i}">{svg}</div>')  # the charts' markup is escaped already
    css = CSS(
        string="\n".join(rules) + "\nbody { margin: 0 } div { break-after: page } svg { display: block }"
    )
    html = f"<!doctype html><html><body>{''.join(pages)}</body></html>"
    pdf = HTML(string=html, url_fetcher=_NoFetching()).write_pdf(stylesheets=[css])
    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as drawn:
        for page in drawn.pages:
            buffer = io.BytesIO()
            page.to_image(resolution=CHART_DPI).original.save(buffer, "PNG", optimize=True)
            out.append(buffer.getvalue())
    return out


def _heading(document, text: str, level: int, *, color=None, prefix: str = "") -> None:
    heading = document.add_heading(level=level)
    if prefix:
        _run(heading, prefix + " ", heading=True, color=RED)
    _run(heading, text, heading=True, color=color)


def _picture(document, png: bytes, width_mm: float) -> None:
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run().add_picture(io.BytesIO(png), width=Mm(width_mm))


def _summary(document, doc: ProgressDocument, rating_png: bytes | None) -> None:
    _heading(document, doc.numbers[0] + _("Summary"), 1)
    f = doc.figures
    figures = [
        (str(f.tasks), _("tasks")),
        (f"{f.received} / {f.reports}", _("reports received")),
        (str(f.accepted), _("reports accepted")),
        (str(f.overdue), _("reports overdue")),
        (f.on_time_text, _("on-time rate")),
        (f.overall_text, _("overall percent complete")),
    ]
    table = _table(document, 2, len(figures), [WIDTH_MM / len(figures)] * len(figures))
    for i, (value, label) in enumerate(figures):
        color = RED if i == 3 and f.overdue else None
        _cell(table.rows[0].cells[i], [(value, {"bold": True, "size": 14, "heading": True, "color": color})])
        _cell(table.rows[1].cells[i], [(label, SMALL)])
        for row in (0, 1):
            table.rows[row].cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(document, _("Tasks by the coordinator's rating"), bold=True, heading=True, size=11)
    if rating_png:
        _picture(document, rating_png, 110)
    _paragraph(
        document,
        _("%(rated)s of %(tasks)s tasks rated this cycle.") % {"rated": f.rated, "tasks": f.tasks},
        **SMALL,
    )
    _paragraph(
        document,
        _(
            "A report counts as received once submitted; overdue when not submitted by its due date; on "
            "time when first submitted by its due date. The overall percent is the mean percent complete "
            "of the reports submitted or accepted."
        ),
        **SMALL,
    )


def _rating_line(rating_label: str, note: str, rationale: str, color=None) -> list[tuple[str, dict]]:
    lines = [(rating_label + (f" · {note}" if note else ""), {"size": 9.5, "color": color})]
    if rationale:
        lines.append((rationale, SMALL))
    return lines


def _task(document, task: TaskLine, pictures: dict[int, bytes]) -> None:
    _heading(document, task.title, 3, prefix=_("Task %(number)s") % {"number": task.number})
    widths = [30.0, 70.0, 30.0, 30.0]
    table = _table(document, 5, 4, widths)
    _cell(table.rows[0].cells[0], [(_("Lead unit"), LABEL)])
    _cell(table.rows[0].cells[1], [(task.lead_unit, {"size": 9.5})])
    _cell(table.rows[0].cells[2], [(_("Percent complete"), LABEL)])
    _cell(table.rows[0].cells[3], [(task.percent_text, {"bold": True, "size": 11, "heading": True})])
    report = task.status_label
    if task.submitted_on:
        report += " · " + _("first submitted") + f" {task.submitted_on:%Y-%m-%d}"
        if task.on_time is False:
            report += " · " + _("late")
        elif task.on_time:
            report += " · " + _("on time")
    rows = [
        (_("Report"), [(report, {"size": 9.5})]),
        (_("Participating units"), [(task.participating_units or "—", {"size": 9.5})]),
        (
            _("Self-assessment"),
            _rating_line(task.self_rating_label, "", task.self_rationale)
            if task.self_rating
            else [("—", {})],
        ),
        (
            _("Coordinator's rating"),
            _rating_line(
                task.rating_label,
                _("two levels or more from the self-assessment: for the next review meeting")
                if task.ratings_differ
                else "",
                task.rationale,
            )
            if task.rating
            else [(_("not rated"), {"size": 9.5, "color": GREY})],
        ),
    ]
    for row, (label, lines) in zip(table.rows[1:], rows, strict=True):
        _cell(row.cells[0], [(label, LABEL)])
        _cell(_span(table, row, 1, 3, sum(widths[1:])), lines)
    for row in table.rows:
        _shade(row.cells[0])
    _shade(table.rows[0].cells[2])

    for text in task.narrative.split("\n"):
        if text.strip():
            _paragraph(document, text.strip()).paragraph_format.space_after = Pt(3)
    if task.narrative_note:
        _paragraph(document, task.narrative_note, **SMALL)
    for a in task.amendments:
        text = _("Amended on %(date)s: %(field)s") % {"date": f"{a.on:%Y-%m-%d}", "field": a.field}
        if a.change:
            text += f" ({a.change})"
        _paragraph(document, f"{text}. {_('Reason')}: {a.reason}", **SMALL)
    if task.contributions:
        _paragraph(document, _("Contributions of the participating units"), **LABEL)
        for c in task.contributions:
            p = _paragraph(document)
            p.paragraph_format.left_indent = Mm(4)
            p.paragraph_format.space_after = Pt(1)
            _run(p, c.unit, bold=True, size=9, heading=True)
            if c.submitted_on:
                _run(p, f" ({c.submitted_on:%Y-%m-%d}): ", size=8.5, color=GREY)
                _run(p, c.narrative, size=9.5)
            else:
                _run(p, ": " + _("not sent"), size=9, color=GREY)
    for t in task.targets:
        _target(document, task.number, t, pictures.get(id(t)))


def _target(document, number: str, t: TargetLine, png: bytes | None) -> None:
    table = _table(document, 2, 2, [80, 80])
    heading = _("Target of task %(number)s") % {"number": number} + f": {t.text}"
    _cell(_span(table, table.rows[0], 0, 2, 160), [(heading, LABEL)])
    _shade(table.rows[0].cells[0])
    left: list[tuple[str, dict[str, Any]]] = [(_("Goal") + f": {t.goal}", {"size": 9})]
    if t.baseline:
        left.append((_("Baseline") + f": {t.baseline}", {"size": 9}))
    left.append((_("Trajectory at the period's end") + f": {t.planned_text}", {"size": 9}))
    latest = _("Latest actual") + f": {t.latest_text}"
    if t.latest_on:
        latest += (
            f" ({t.latest_on:%Y-%m-%d}" + (", " + _("provisional") if t.latest_provisional else "") + ")"
        )
    right: list[tuple[str, dict[str, Any]]] = [(latest, {"size": 9})]
    if t.on_trajectory is not None:
        right.append(
            (
                _("on trajectory") if t.on_trajectory else _("off trajectory"),
                {"size": 9, "color": None if t.on_trajectory else RED},
            )
        )
    if t.latest_source:
        right.append((_("Source") + f": {t.latest_source}", SMALL))
    right.append(
        (_("Forecast") + f": {t.verdict}", {"size": 9, "color": RED if t.verdict_ok is False else None})
    )
    _cell(table.rows[1].cells[0], left)
    _cell(table.rows[1].cells[1], right)
    if png:
        _picture(document, png, WIDTH_MM)


def _overdue(document, heading: str, items: list[OverdueItem], detail_label: str, title_label: str) -> None:
    _heading(document, f"{heading} ({len(items)})", 2)
    if not items:
        _paragraph(document, _("None."), size=9.5, color=GREY)
        return
    widths = [11.0, 50.0, 38.0, 21.0, 14.0, 26.0]
    table = _table(document, 1 + len(items), 6, widths)
    heads = [_("Task"), title_label, _("Unit"), _("Due"), _("Days late"), detail_label]
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        _cell(cell, [(text, LABEL)])
        _shade(cell)
    _repeat_header(table)
    for row, item in zip(table.rows[1:], items, strict=True):
        values: list[tuple[str, dict[str, Any]]] = [
            (item.task_number, {"size": 9}),
            (item.title, {"size": 9}),
            (item.unit, {"size": 9}),
            (f"{item.due_on:%Y-%m-%d}", {"size": 9}),
            (str(item.days_late), {"size": 9, "color": RED}),
            (item.detail, {"size": 9}),
        ]
        for cell, value in zip(row.cells, values, strict=True):
            _cell(cell, [value])


def render_document_docx(doc: ProgressDocument, progress: Progress = _quiet) -> bytes:
    """The DOCX's bytes; `progress` hears how far it has come (0-100) between the parts."""
    targets = [t for _task, t in doc.targets]
    drawn = chart_pictures([doc.rating_chart, *(t.chart for t in targets)])
    rating_png = drawn[0] if drawn else None
    pictures = {id(t): png for t, png in zip(targets, drawn[1:], strict=True)}
    progress(20)

    document = Document()
    _styles(document)
    heading3 = document.styles["Heading 3"]
    _fonts(heading3.element, HEADING_LATIN, HEADING_EAST_ASIAN)
    heading3.font.size, heading3.font.bold, heading3.font.italic = Pt(10.5), True, False
    heading3.font.color.rgb = RGBColor(0, 0, 0)
    a4_page(document, doc.running_head, top=26, bottom=22, portrait=False)
    core = document.core_properties
    core.title, core.author, core.language = doc.title, "taskbook", doc.language

    for text, options in (
        (doc.plan_title, {"size": 11}),
        (doc.kind, {"size": 20, "bold": True}),
        (f"{doc.cycle_label} · {doc.period}", {"size": 11, "color": GREY}),
    ):
        p = _paragraph(document, text, **options)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(4)
    _border(_paragraph(document), "bottom", "thickThinSmallGap", 18, "C00000")
    _facts(
        document,
        [
            (_("Plan"), [doc.plan_title]),
            (_("Reporting cycle"), [f"{doc.cycle_label} ({doc.period})"]),
            (_("Contributions due"), [f"{doc.contributions_due_on:%Y-%m-%d}"]),
            (_("Reports due"), [f"{doc.due_on:%Y-%m-%d}"]),
            (_("Generated on"), [f"{doc.generated_on:%Y-%m-%d}"]),
        ],
    )
    _summary(document, doc, rating_png)
    progress(30)

    tasks_heading = document.add_heading(level=1)
    tasks_heading.paragraph_format.page_break_before = True
    _run(tasks_heading, doc.numbers[1] + _("Tasks"), heading=True)
    for i, section in enumerate(doc.sections, start=1):
        _heading(document, section.heading, 2)
        for task in section.tasks:
            _task(document, task, pictures)
        progress(30 + 55 * i // max(len(doc.sections), 1))

    overdue_heading = document.add_heading(level=1)
    overdue_heading.paragraph_format.page_break_before = True
    _run(
        overdue_heading,
        doc.numbers[2] + _("Overdue items as of %(date)s") % {"date": f"{doc.generated_on:%Y-%m-%d}"},
        heading=True,
    )
    _overdue(document, _("Overdue reports"), doc.overdue_reports, _("Status"), _("Task title"))
    _overdue(document, _("Overdue contributions"), doc.overdue_contributions, _("Owed to"), _("Task title"))
    _overdue(document, _("Overdue measures"), doc.overdue_measures, _("Status"), _("Measure"))
    progress(95)

    out = io.BytesIO()
    document.save(out)
    progress(100)
    return out.getvalue()
