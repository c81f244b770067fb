"""The task book as DOCX, laid out like the PDF on the shared kit (taskbook.documents.kit.docx): title
block, numbered parts, bordered tables, a sign-off block."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from taskbook.documents.kit import docx as kit
from taskbook.documents.task_book.content import MeasureLine, TaskBookDocument, TaskEntry
from taskbook.documents.task_book.names import taskbook_info

MEASURE_WIDTHS = [9, 55, 42, 36, 18]


def _measure_lines(m: MeasureLine) -> list[kit.Lines]:
    what: kit.Lines = [(m.title, {"bold": True, "size": 9.5})]
    sub = _("Year") + f": {m.year}"
    if m.deliverable:
        sub += " · " + _("Deliverable") + f": {m.deliverable}"
    what.append((sub, kit.SMALL))
    who: kit.Lines = [
        (
            m.responsible.name + (f", {m.responsible.position}" if m.responsible.position else ""),
            {"size": 9.5},
        )
    ]
    if m.responsible.reachable_at:
        who.append((m.responsible.reachable_at, kit.SMALL))
    if m.deputy:
        deputy = _("Deputy") + f": {m.deputy.name}" + (f", {m.deputy.position}" if m.deputy.position else "")
        if m.deputy.reachable_at:
            deputy += f" · {m.deputy.reachable_at}"
        who.append((deputy, kit.SMALL))
    when: kit.Lines = [
        (_("Start") + f": {m.start:%Y-%m-%d}", {"size": 9}),
        (_("Due") + f": {m.due:%Y-%m-%d}", {"size": 9}),
    ]
    if m.baseline_due:
        when.append((_("Baseline due") + f": {m.baseline_due:%Y-%m-%d}", kit.SMALL))
        late = (m.slippage_days or 0) > 0
        when.append((m.slippage_label, {"size": 8.5, "color": kit.RED if late else kit.GREY}))
    return [what, who, when, [(m.status_label, {"size": 9})]]


def _task(document: Document, task: TaskEntry) -> None:
    kit.heading(document, task.title, 2, prefix=_("Task %(number)s") % {"number": task.number})
    facts = [
        (_("Lead units"), [task.lead_list or "—"]),
        (_("Participating units"), [task.participating_list or "—"]),
    ]
    if task.targets:
        facts.append((_("Targets"), task.targets))
    kit.facts_table(document, facts, label_width=36)
    kit.paragraph(document).paragraph_format.space_after = Pt(0)
    if not task.measures:
        kit.paragraph(document, _("The unit has no measures under this task yet."), size=9.5, color=kit.GREY)
        return
    rows = 1 + sum(2 if m.milestones else 1 for m in task.measures)
    measures = kit.table(document, rows, MEASURE_WIDTHS)
    kit.header_row(measures, [_("No."), _("Measure"), _("Responsible person"), _("Schedule"), _("Status")])
    kit.keep_rows_together(measures)
    r = 1
    for i, m in enumerate(task.measures, start=1):
        row = measures.rows[r]
        kit.write_cell(row.cells[0], [(str(i), {"size": 9})])
        for cell, lines in zip(row.cells[1:], _measure_lines(m), strict=True):
            kit.write_cell(cell, lines)
        r += 1
        if m.milestones:
            below = measures.rows[r]
            milestones: kit.Lines = [(_("Milestones") + ":", {"size": 8.5, "bold": True, "heading": True})]
            for ms in m.milestones:
                done = _("done on %(date)s") % {"date": f"{ms.done_on:%Y-%m-%d}"} if ms.done_on else _("open")
                milestones.append((f"{ms.date:%Y-%m-%d}  {ms.description}  ({done})", {"size": 8.5}))
            kit.write_cell(kit.span(measures, below, 1, 4), milestones)
            # The number cell runs down beside the milestones; the measure stays on the page with them.
            row.cells[0]._tc.vMerge = "restart"
            below.cells[0]._tc.vMerge = "continue"
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.keep_with_next = True
            r += 1


def _signoff(document: Document, doc: TaskBookDocument) -> None:
    kit.heading(document, f"{doc.signoff_number}{_('Sign-off')}", 1)
    kit.paragraph(
        document,
        _(
            "%(unit)s undertakes to carry out the measures above by the dates set, with the responsible "
            "persons named."
        )
        % {"unit": doc.unit_name},
    )
    blank = "_" * 24
    sign = kit.table(document, 2, [112, kit.TEXT_WIDTH_MM - 112])
    for row in sign.rows:  # the sign-off block is lines on the page, not a grid
        for cell in row.cells:
            kit.no_borders(cell)
    approval_date = f"{doc.approved_on:%Y-%m-%d}" if doc.approved_on else blank
    kit.write_cell(
        sign.rows[0].cells[0],
        [
            ("", {}),
            (_("Head of the unit (signature)") + f": {blank}", {"size": 10.5}),
            ("", {}),
            (_("Date") + f": {blank}", {"size": 10.5}),
        ],
    )
    lines: kit.Lines = [
        ("", {}),
        (_("Approved by the coordinating office") + f": {blank}", {"size": 10.5}),
        ("", {}),
        (_("Approval date") + f": {approval_date}", {"size": 10.5}),
    ]
    if doc.approval_comment:
        lines.append((_("Comment") + f": {doc.approval_comment}", kit.SMALL))
    kit.write_cell(sign.rows[1].cells[0], lines)
    seal = sign.rows[0].cells[1].merge(sign.rows[1].cells[1])
    kit.write_cell(
        seal, [("", {}), ("", {}), (f"（{_('Seal of the unit')}）", {"size": 10, "color": kit.RED})]
    )
    for p in seal.paragraphs:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def render_taskbook_docx(doc: TaskBookDocument) -> bytes:
    document = kit.new_document(taskbook_info(doc))
    kit.a4_page(document, doc.plan_title)
    kit.title_block(
        document,
        [
            (doc.plan_heading, {"size": 11}),
            (doc.title, {"size": 20, "bold": True}),
            (_("Task book") + ("" if doc.is_chinese else " · 任务书"), {"size": 11, "color": kit.GREY}),
        ],
    )
    approved = doc.version_label
    if doc.approved_on:
        approved += " · " + _("approved on") + f" {doc.approved_on:%Y-%m-%d}"
    led = ngettext("%(n)s task led", "%(n)s tasks led", len(doc.led)) % {"n": len(doc.led)}
    joined = ngettext("%(n)s task joined", "%(n)s tasks joined", len(doc.joined)) % {"n": len(doc.joined)}
    measures = ngettext("%(n)s measure", "%(n)s measures", doc.measure_count) % {"n": doc.measure_count}
    kit.facts_table(
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
    for number, part, tasks in doc.parts():
        kit.heading(document, f"{number}{part}", 1)
        if not tasks:
            kit.paragraph(document, _("None."), size=9.5, color=kit.GREY)
        for task in tasks:
            _task(document, task)
    _signoff(document, doc)
    return kit.to_bytes(document)
