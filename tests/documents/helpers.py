"""Readers of the exported files and builders of plans of any size, for the export tests."""

import datetime
import io
import re
from typing import Any
from xml.etree import ElementTree

import docx
import pypdf
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taskbook.orgs.actors import SYSTEM
from taskbook.orgs.models import Unit
from taskbook.plans.actions import import_plan, publish_plan
from taskbook.plans.models import Plan
from taskbook.taskbooks.actions import add_milestone, create_measure, save_contact


def dense(text: str) -> str:
    """Text without whitespace: a PDF wraps lines anywhere, Chinese ones inside words."""
    return re.sub(r"\s+", "", text)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def pdf_fonts(content: bytes) -> dict[str, str]:
    """Each font the PDF uses, with the key of its embedded font program (/FontFile, 2 or 3), or ""."""
    fonts = {}
    for page in pypdf.PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described.get("/FontDescriptor")
            keys = [k for k in descriptor.get_object() if k.startswith("/FontFile")] if descriptor else []
            fonts[str(font["/BaseFont"])] = keys[0] if keys else ""
    return fonts


def pdf_catalog(content: bytes) -> Any:
    """The PDF's document catalogue (/Root): tags, language, viewer preferences, output intents."""
    return pypdf.PdfReader(io.BytesIO(content)).trailer["/Root"]


def xmp(content: bytes) -> dict[str, str]:
    """The PDF's XMP metadata as {namespace-qualified name: value}, attributes and elements alike, so
    that a PDF/A or PDF/UA identification is found whichever way it is written."""
    stream = pdf_catalog(content)["/Metadata"].get_object().get_data()
    found = {}
    for element in ElementTree.fromstring(stream).iter():
        found.update(element.attrib)
        if element.text and element.text.strip():
            found.setdefault(element.tag, element.text.strip())
    return found


PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}"


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    parts += [p.text for p in document.sections[0].header.paragraphs]
    return "\n".join(parts)


def count_queries(client, url: str) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries), response


def wide_plan(tasks: int, units: int, title: str, measures_per_task: int = 1) -> tuple[Plan, list[Unit]]:
    """A published plan of `tasks` tasks over `units` units (each task: one lead, two participants),
    with `measures_per_task` measures of the lead unit under each task, two milestones each."""
    names = [f"Municipal Bureau of Testing Number {i + 1}" for i in range(units)]
    task_rows = [
        {
            "number": str(n + 1),
            "title": f"{title} task {n + 1}",
            "body": "",
            "lead_units": [names[n % units]],
            "participating_units": [names[(n + k) % units] for k in (1, 2) if (n + k) % units != n % units],
            "targets": [],
        }
        for n in range(tasks)
    ]
    draft = {
        "title": title,
        "language": "en",
        "issuing_body": "",
        "period_start": 2023,
        "period_end": 2025,
        "source_sha256": "",
        "sections": [
            {"number": str(s + 1), "title": f"Area {s + 1}", "body": "", "tasks": task_rows[s::2]}
            for s in range(2)
        ],
        "units": [],
    }
    plan = publish_plan(SYSTEM, import_plan(SYSTEM, draft).plan)
    by_name = {u.name_en: u for u in Unit.objects.filter(name_en__in=names)}
    contacts = {
        name: save_contact(SYSTEM, by_name[name], name=f"Officer {i + 1}", phone=f"0755-{i:04d}")
        for i, name in enumerate(names)
    }
    for task in plan.tasks.prefetch_related("task_units__unit"):
        lead = next(tu.unit for tu in task.task_units.all() if tu.role == "lead")
        for k in range(measures_per_task):
            start = datetime.date(2024, 1 + k % 12, 1)
            measure = create_measure(
                SYSTEM,
                task,
                lead,
                title=f"Measure {k + 1} of task {task.number}",
                start_date=start,
                due_date=start + datetime.timedelta(days=90),
                responsible=contacts[lead.name_en],
            )
            add_milestone(SYSTEM, measure, date=start + datetime.timedelta(days=30), description="First step")
            add_milestone(
                SYSTEM, measure, date=start + datetime.timedelta(days=60), description="Second step"
            )
    return plan, [by_name[n] for n in names]
