"""Export speed: a unit's task book as PDF and DOCX, and a plan's responsibility matrix as XLSX.

Run: .venv/bin/python bench/bench_exports.py

A throwaway SQLite database (/tmp/bench-exports.sqlite3, made afresh and migrated here) holds, all
made through the actions:
- a plan of 20 tasks in which one unit leads 10 and joins 10, with 100 measures of that unit (a
  responsible person and a deputy each, two milestones each), its task book submitted and approved;
- a plan of 100 tasks over 30 units (one lead and two participants per task), with one measure of
  the lead and one of the first participant under each task (200 measures).
Each figure is the median of five requests through Django's test client as the coordinator: the
server's time from request to response, database included, network and browser excluded.
"""

from __future__ import annotations

import datetime
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = Path("/tmp/bench-exports.sqlite3")
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"

RUNS = 5


def _draft(title: str, tasks: list[tuple[str, list[str]]]) -> dict:
    """An extraction as `taskbook extract` gives it: tasks of (lead, participants), ten per section."""
    rows = [
        {
            "number": str(n + 1),
            "title": f"Improve public service number {n + 1} for enterprises and citizens",
            "body": "",
            "lead_units": [lead],
            "participating_units": participants,
            "targets": [],
        }
        for n, (lead, participants) in enumerate(tasks)
    ]
    return {
        "title": title,
        "language": "en",
        "issuing_body": "",
        "period_start": 2023,
        "period_end": 2025,
        "source_sha256": "",
        "sections": [
            {
                "number": str(s + 1),
                "title": f"Area number {s + 1}",
                "body": "",
                "tasks": rows[s * 10 : s * 10 + 10],
            }
            for s in range((len(rows) + 9) // 10)
        ],
        "units": [],
    }


def setup() -> tuple:
    import django
    from django.core.management import call_command

    for path in (DB, DB.with_name(DB.name + "-wal"), DB.with_name(DB.name + "-shm")):
        path.unlink(missing_ok=True)
    django.setup()
    call_command("migrate", verbosity=0)

    from django.contrib.auth import get_user_model

    from taskbook.orgs.actions import add_membership, create_unit
    from taskbook.orgs.actors import SYSTEM
    from taskbook.orgs.models import Role, Unit
    from taskbook.plans.actions import import_plan, publish_plan
    from taskbook.taskbooks.actions import (
        add_milestone,
        approve_taskbook,
        create_measure,
        save_contact,
        submit_taskbook,
        taskbook_for,
    )

    office = create_unit(SYSTEM, name_en="Office of the Leading Group", name_zh="领导小组办公室")
    coordinator = get_user_model().objects.create_user("bench-coordinator")
    add_membership(SYSTEM, coordinator, office, Role.COORDINATOR)
    create_unit(SYSTEM, name_en="Municipal Bureau of Commerce", name_zh="深圳市商务局", short_name="SZCOM")

    # The task book: one unit, 20 tasks (10 led, 10 joined), 100 measures with 2 milestones each.
    others = [f"Municipal Bureau of Testing Number {i + 1}" for i in range(4)]
    tasks = [
        ("Municipal Bureau of Commerce", others[:2])
        if n % 2 == 0
        else (others[n % 4], ["Municipal Bureau of Commerce"])
        for n in range(20)
    ]
    book_plan = publish_plan(
        SYSTEM, import_plan(SYSTEM, _draft("Work Plan for a Task Book (2023-2025)", tasks)).plan
    )
    unit = Unit.objects.get(name_en="Municipal Bureau of Commerce")
    people = [
        save_contact(
            SYSTEM, unit, name=name, position=position, phone=f"0755-8812 {i:04d}", email=f"p{i}@example.org"
        )
        for i, (name, position) in enumerate(
            [("王芳", "副局长"), ("Li Wei", "Section Chief"), ("陈静", "处长")]
        )
    ]
    plan_tasks = list(book_plan.tasks.order_by("order"))
    for i in range(100):
        start = datetime.date(2024, 1 + i % 12, 1)
        measure = create_measure(
            SYSTEM,
            plan_tasks[i % len(plan_tasks)],
            unit,
            title=f"建立外资企业服务专班（{i + 1}） / Set up a service team for foreign firms, part {i + 1}",
            deliverable="A published guide",
            start_date=start,
            due_date=start + datetime.timedelta(days=200),
            responsible=people[i % 3],
            deputy=people[(i + 1) % 3],
        )
        add_milestone(
            SYSTEM, measure, date=start + datetime.timedelta(days=40), description="完成调研 / survey done"
        )
        add_milestone(
            SYSTEM, measure, date=start + datetime.timedelta(days=150), description="Adopted by the bureau"
        )
    taskbook = taskbook_for(book_plan, unit)
    submit_taskbook(SYSTEM, taskbook)
    approve_taskbook(coordinator, taskbook, "Approved.")

    # The matrix: 100 tasks over 30 units, two measures per task.
    names = [f"Municipal Matrix Bureau Number {i + 1}" for i in range(30)]
    wide = [(names[n % 30], [names[(n + 7) % 30], names[(n + 13) % 30]]) for n in range(100)]
    matrix_plan = publish_plan(
        SYSTEM, import_plan(SYSTEM, _draft("Work Plan for a Matrix (2023-2025)", wide)).plan
    )
    units = {u.name_en: u for u in Unit.objects.filter(name_en__in=names)}
    contacts = {
        name: save_contact(SYSTEM, units[name], name=f"Officer {i + 1}") for i, name in enumerate(names)
    }
    for task, (lead, participants) in zip(matrix_plan.tasks.order_by("order"), wide, strict=True):
        for name in (lead, participants[0]):
            create_measure(
                SYSTEM,
                task,
                units[name],
                title=f"Measure of {name} under task {task.number}",
                start_date=datetime.date(2024, 3, 1),
                due_date=datetime.date(2024, 9, 30),
                responsible=contacts[name],
            )
    return coordinator, book_plan, unit, matrix_plan


def median_seconds(client, url: str) -> tuple[float, bytes]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
    return statistics.median(times), response.content


def main() -> int:
    coordinator, book_plan, unit, matrix_plan = setup()
    import pypdf
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(coordinator)
    client.get(reverse("plans:list"))  # warm up: templates, translations, fonts on first use

    seconds, pdf = median_seconds(client, reverse("documents:taskbook_pdf", args=[book_plan.pk, unit.pk]))
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"Task book PDF (100 measures, 200 milestones, {pages} A4 pages, {len(pdf) // 1024} KB): "
        f"median {seconds:.2f} s of {RUNS} requests"
    )
    seconds, docx = median_seconds(client, reverse("documents:taskbook_docx", args=[book_plan.pk, unit.pk]))
    print(
        f"Task book DOCX (100 measures, 200 milestones, {len(docx) // 1024} KB): "
        f"median {seconds:.2f} s of {RUNS} requests"
    )
    seconds, xlsx = median_seconds(client, reverse("documents:responsibility_xlsx", args=[matrix_plan.pk]))
    print(
        f"Responsibility matrix XLSX (100 tasks x 30 units, 200 measures, {len(xlsx) // 1024} KB): "
        f"median {seconds:.2f} s of {RUNS} requests"
    )
    seconds, _html = median_seconds(client, reverse("plans:responsibility", args=[matrix_plan.pk]))
    print(f"Responsibility matrix page (100 tasks x 30 units): median {seconds:.2f} s of {RUNS} requests")
    return 0


if __name__ == "__main__":
    sys.exit(main())
