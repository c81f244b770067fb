"""The implementation progress report as DOCX, laid out like the PDF on the shared kit
(taskbook.documents.kit.docx): title block, the summary with the chart of ratings, a part per task with
its target charts, the overdue items. Word cannot show SVG, so the charts (the very SVG of the PDF) are
PNG pictures drawn by the kit (taskbook.documents.kit.pictures).
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from taskbook.documents.kit import docx as kit
from taskbook.documents.kit.pictures import svg_pictures
from taskbook.documents.progress_report.content import OverdueItem, ProgressDocument, TargetLine, TaskLine
from taskbook.documents.progress_report.names import progress_info

Progress = Callable[[int], None]


def _quiet(percent: int) -> None:
    pass


def _summary(document: Document, doc: ProgressDocument, rating_png: bytes | None) -> None:
    kit.heading(document, doc.numbers[0] + _("Summary"), 1)
    f = doc.figures
    figures = [
        (str(f.tasks), _("tasks")),
        (f"{f.received} / {f.reports}", _("reports received")),
        (str(f.accepted), _("reports accepted")),
        (str(f.overdue), _("reports overdue")),
        (f.on_time_text, _("on-time rate")),
        (f.overall_text, _("overall percent complete")),
    ]
    grid = kit.table(document, 2, [kit.TEXT_WIDTH_MM / len(figures)] * len(figures))
    for i, (value, label) in enumerate(figures):
        color = kit.RED if i == 3 and f.overdue else None
        kit.write_cell(
            grid.rows[0].cells[i], [(value, {"bold": True, "size": 14, "heading": True, "color": color})]
        )
        kit.write_cell(grid.rows[1].cells[i], [(label, kit.SMALL)])
        for row in (0, 1):
            grid.rows[row].cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    kit.paragraph(document, _("Tasks by the coordinator's rating"), bold=True, heading=True, size=11)
    if rating_png:
        kit.picture(document, rating_png, 110, _("Tasks by the coordinator's rating"))
    kit.paragraph(
        document,
        _("%(rated)s of %(tasks)s tasks rated this cycle.") % {"rated": f.rated, "tasks": f.tasks},
        **kit.SMALL,
    )
    kit.paragraph(
        document,
        _(
            "A report counts as received once submitted; overdue when not submitted by its due date; on "
            "time when first submitted by its due date. The overall percent is the mean percent complete "
            "of the reports submitted or accepted."
        ),
        **kit.SMALL,
    )


def _rating_line(rating_label: str, note: str, rationale: str, color=None) -> kit.Lines:
    lines: kit.Lines = [(rating_label + (f" · {note}" if note else ""), {"size": 9.5, "color": color})]
    if rationale:
        lines.append((rationale, kit.SMALL))
    return lines


def _task(document: Document, task: TaskLine, pictures: dict[int, bytes]) -> None:
    kit.heading(document, task.title, 3, prefix=_("Task %(number)s") % {"number": task.number})
    facts = kit.table(document, 5, [30.0, 70.0, 30.0, 30.0])
    first = facts.rows[0].cells
    kit.write_cell(first[0], [(_("Lead unit"), kit.LABEL)])
    kit.write_cell(first[1], [(task.lead_unit, {"size": 9.5})])
    kit.write_cell(first[2], [(_("Percent complete"), kit.LABEL)])
    kit.write_cell(first[3], [(task.percent_text, {"bold": True, "size": 11, "heading": True})])
    report = task.status_label
    if task.submitted_on:
        report += " · " + _("first submitted") + f" {task.submitted_on:%Y-%m-%d}"
        if task.on_time is False:
            report += " · " + _("late")
        elif task.on_time:
            report += " · " + _("on time")
    rows: list[tuple[str, kit.Lines]] = [
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
            else [(_("not rated"), {"size": 9.5, "color": kit.GREY})],
        ),
    ]
    for row, (label, lines) in zip(facts.rows[1:], rows, strict=True):
        kit.write_cell(row.cells[0], [(label, kit.LABEL)])
        kit.write_cell(kit.span(facts, row, 1, 3), lines)
    for row in facts.rows:
        kit.shade(row.cells[0])
    kit.shade(facts.rows[0].cells[2])

    for text in task.narrative.split("\n"):
        if text.strip():
            kit.paragraph(document, text.strip()).paragraph_format.space_after = Pt(3)
    if task.narrative_note:
        kit.paragraph(document, task.narrative_note, **kit.SMALL)
    for a in task.amendments:
        text = _("Amended on %(date)s: %(field)s") % {"date": f"{a.on:%Y-%m-%d}", "field": a.field}
        if a.change:
            text += f" ({a.change})"
        kit.paragraph(document, f"{text}. {_('Reason')}: {a.reason}", **kit.SMALL)
    if task.contributions:
        kit.paragraph(document, _("Contributions of the participating units"), **kit.LABEL)
        for c in task.contributions:
            p = kit.paragraph(document)
            p.paragraph_format.left_indent = Mm(4)
            p.paragraph_format.space_after = Pt(1)
            kit.run(p, c.unit, bold=True, size=9, heading=True)
            if c.submitted_on:
                kit.run(p, f" ({c.submitted_on:%Y-%m-%d}): ", size=8.5, color=kit.GREY)
                kit.run(p, c.narrative, size=9.5)
            else:
                kit.run(p, ": " + _("not sent"), size=9, color=kit.GREY)
    for t in task.targets:
        _target(document, task.number, t, pictures.get(id(t)))


def _target(document: Document, number: str, t: TargetLine, png: bytes | None) -> None:
    facts = kit.table(document, 2, [kit.TEXT_WIDTH_MM / 2] * 2)
    title = _("Target of task %(number)s") % {"number": number} + f": {t.text}"
    kit.write_cell(kit.span(facts, facts.rows[0], 0, 2), [(title, kit.LABEL)])
    kit.shade(facts.rows[0].cells[0])
    left: kit.Lines = [(_("Goal") + f": {t.goal}", {"size": 9})]
    if t.baseline:
        left.append((_("Baseline") + f": {t.baseline}", {"size": 9}))
    left.append((_("Trajectory at the period's end") + f": {t.planned_text}", {"size": 9}))
    latest = _("Latest actual") + f": {t.latest_text}"
    if t.latest_on:
        latest += (
            f" ({t.latest_on:%Y-%m-%d}" + (", " + _("provisional") if t.latest_provisional else "") + ")"
        )
    right: kit.Lines = [(latest, {"size": 9})]
    if t.on_trajectory is not None:
        right.append(
            (
                _("on trajectory") if t.on_trajectory else _("off trajectory"),
                {"size": 9, "color": None if t.on_trajectory else kit.RED},
            )
        )
    if t.latest_source:
        right.append((_("Source") + f": {t.latest_source}", kit.SMALL))
    right.append(
        (_("Forecast") + f": {t.verdict}", {"size": 9, "color": kit.RED if t.verdict_ok is False else None})
    )
    kit.write_cell(facts.rows[1].cells[0], left)
    kit.write_cell(facts.rows[1].cells[1], right)
    if png:
        kit.picture(document, png, kit.TEXT_WIDTH_MM, title)


def _overdue(
    document: Document, title: str, items: list[OverdueItem], detail_label: str, title_label: str
) -> None:
    kit.heading(document, f"{title} ({len(items)})", 2)
    if not items:
        kit.paragraph(document, _("None."), size=9.5, color=kit.GREY)
        return
    overdue = kit.table(document, 1 + len(items), [11.0, 50.0, 38.0, 21.0, 14.0, 26.0])
    kit.header_row(overdue, [_("Task"), title_label, _("Unit"), _("Due"), _("Days late"), detail_label])
    for row, item in zip(overdue.rows[1:], items, strict=True):
        values: kit.Lines = [
            (item.task_number, {"size": 9}),
            (item.title, {"size": 9}),
            (item.unit, {"size": 9}),
            (f"{item.due_on:%Y-%m-%d}", {"size": 9}),
            (str(item.days_late), {"size": 9, "color": kit.RED}),
            (item.detail, {"size": 9}),
        ]
        for cell, value in zip(row.cells, values, strict=True):
            kit.write_cell(cell, [value])


def render_document_docx(doc: ProgressDocument, progress: Progress = _quiet) -> bytes:
    """The DOCX's bytes; `progress` hears how far it has come (0-100) between the parts."""
    targets = [t for _task, t in doc.targets]
    drawn = svg_pictures([doc.rating_chart, *(t.chart for t in targets)])
    rating_png = drawn[0] if drawn else None
    pictures = {id(t): png for t, png in zip(targets, drawn[1:], strict=True)}
    progress(20)

    document = kit.new_document(progress_info(doc))
    kit.a4_page(document, doc.running_head, top=26, bottom=22)
    kit.title_block(
        document,
        [
            (doc.plan_title, {"size": 11}),
            (doc.kind, {"size": 20, "bold": True}),
            (f"{doc.cycle_label} · {doc.period}", {"size": 11, "color": kit.GREY}),
        ],
    )
    kit.facts_table(
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

    kit.heading(document, doc.numbers[1] + _("Tasks"), 1).paragraph_format.page_break_before = True
    for i, section in enumerate(doc.sections, start=1):
        kit.heading(document, section.heading, 2)
        for task in section.tasks:
            _task(document, task, pictures)
        progress(30 + 55 * i // max(len(doc.sections), 1))

    overdue = _("Overdue items as of %(date)s") % {"date": f"{doc.generated_on:%Y-%m-%d}"}
    kit.heading(document, doc.numbers[2] + overdue, 1).paragraph_format.page_break_before = True
    _overdue(document, _("Overdue reports"), doc.overdue_reports, _("Status"), _("Task title"))
    _overdue(document, _("Overdue contributions"), doc.overdue_contributions, _("Owed to"), _("Task title"))
    _overdue(document, _("Overdue measures"), doc.overdue_measures, _("Status"), _("Measure"))
    progress(95)

    content = kit.to_bytes(document)
    progress(100)
    return content
