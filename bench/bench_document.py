"""Build time of the implementation progress report: PDF, DOCX and XLSX of one cycle of a large plan.

Run: .venv/bin/python bench/bench_document.py

A throwaway SQLite database (/tmp/bench-document.sqlite3, made afresh and migrated here) holds a
published plan of 100 tasks in 10 areas over 30 units (one lead and two participants per task, task
titles in Chinese and English), reporting quarterly. The plan, its calendar and the cycle are made
through the actions; the cycle's content is then written in bulk, as a benchmark needs it quickly and
no rule is under test: 100 accepted reports with a 400-character narrative, 200 contributions sent, a
coordinator's rating per task, 2 targets with a trajectory and 4 actual values each, and 100 measures
of which 40 are overdue (by 30 days,
whatever the day the benchmark runs).

Each figure is the median of 3 runs of `document_jobs.build_file` (gathering the content and rendering
it, as the worker does, without saving the file), in English.
"""

from __future__ import annotations

import datetime
import io
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = Path("/tmp/bench-document.sqlite3")
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"

RUNS = 3
TASKS = 100
UNITS = 30


def _draft() -> dict:
    names = [f"Municipal Bureau of Benchmarks Number {i + 1}" for i in range(UNITS)]
    rows = [
        {
            "number": str(n + 1),
            "title": f"优化营商环境重点任务{n + 1} / Improve public service number {n + 1} for enterprises",
            "body": "",
            "lead_units": [names[n % UNITS]],
            "participating_units": [names[(n + 7) % UNITS], names[(n + 13) % UNITS]],
            "targets": [
                {
                    "text": f"By 2025, indicator {n + 1} will reach more than {80 + n}%",
                    "value": 80 + n,
                    "unit": "%",
                    "comparator": ">=",
                    "year": 2025,
                }
            ]
            if n in (1, 6)
            else [],
        }
        for n in range(TASKS)
    ]
    return {
        "title": "Work Plan for a Benchmark (2023-2025)",
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
            for s in range(TASKS // 10)
        ],
        "units": [],
    }


def setup():
    import django
    from django.core.management import call_command

    for path in (DB, DB.with_name(DB.name + "-wal"), DB.with_name(DB.name + "-shm")):
        path.unlink(missing_ok=True)
    django.setup()
    call_command("migrate", verbosity=0)

    from django.utils import timezone

    from taskbook.documents.actions import request_document
    from taskbook.orgs.actors import SYSTEM
    from taskbook.plans.actions import import_plan, publish_plan
    from taskbook.plans.models import Task, TaskUnit
    from taskbook.reporting.actions import open_cycle, set_calendar
    from taskbook.reporting.models import Assessment, Contribution, ProgressReport, Rating, ReportingCycle
    from taskbook.targets.models import IndicatorValue, Target, TrajectoryPoint
    from taskbook.taskbooks.models import Contact, Measure

    plan = publish_plan(SYSTEM, import_plan(SYSTEM, _draft()).plan)
    set_calendar(SYSTEM, plan, frequency="quarterly")
    cycle = ReportingCycle.objects.filter(plan=plan).order_by("period_start")[6]  # 2024-Q3
    open_cycle(SYSTEM, cycle)
    cycle.refresh_from_db()

    submitted = timezone.make_aware(datetime.datetime.combine(cycle.due_on, datetime.time(10)))
    narrative = (
        "本季度牵头单位完成了既定措施，召开专题协调会两次，走访重点企业三十家，形成问题清单并逐项销号。"
        "The lead unit delivered the measures due this quarter, held two coordination meetings, visited "
        "thirty enterprises and closed the issues they raised; the next quarter's steps are agreed. "
    ) * 2
    ratings = list(Rating.values)
    reports = list(ProgressReport.objects.filter(cycle=cycle).order_by("task__order"))
    for i, report in enumerate(reports):
        report.status, report.narrative = "accepted", narrative
        report.percent = 20 + (i * 7) % 80
        report.self_rating, report.self_rationale = ratings[(i + 1) % 4], "Measures on schedule."
        report.first_submitted_at = report.submitted_at = report.accepted_at = submitted
    fields = ["status", "narrative", "percent", "self_rating", "self_rationale", "first_submitted_at"]
    ProgressReport.objects.bulk_update(reports, [*fields, "submitted_at", "accepted_at"])
    Contribution.objects.filter(report__cycle=cycle).update(
        narrative="Our part of the work is on schedule; data shared with the lead unit.",
        submitted_at=submitted,
    )
    Assessment.objects.bulk_create(
        Assessment(task_id=r.task_id, cycle=cycle, rating=ratings[i % 4], rationale="Broadly on track.")
        for i, r in enumerate(reports)
    )
    for k, target in enumerate(Target.objects.filter(task__plan=plan)):
        TrajectoryPoint.objects.bulk_create(
            TrajectoryPoint(target=target, date=datetime.date(y, 12, 31), value=target.value - 3 + y - 2023)
            for y in (2023, 2024, 2025)
        )
        IndicatorValue.objects.bulk_create(
            IndicatorValue(
                target=target,
                date=d,
                value=target.value - Decimal("3.5") + Decimal("0.4") * j + k,
                source="Statistics",
            )
            for j, d in enumerate(
                [
                    datetime.date(2023, 12, 31),
                    datetime.date(2024, 3, 31),
                    datetime.date(2024, 6, 30),
                    datetime.date(2024, 9, 30),
                ]
            )
        )
    today = timezone.localdate()  # overdue is counted up to the day the document is made
    leads = {tu.task_id: tu.unit_id for tu in TaskUnit.objects.filter(task__plan=plan, role="lead")}
    contacts = {
        c.unit_id: c
        for c in Contact.objects.bulk_create(
            Contact(unit_id=u, name=f"Officer {u}") for u in set(leads.values())
        )
    }
    Measure.objects.bulk_create(
        Measure(
            task=task,
            unit_id=leads[task.pk],
            year=2024,
            title=f"Measure of task {task.number}",
            responsible=contacts[leads[task.pk]],
            start_date=datetime.date(2024, 1, 1),
            due_date=today - datetime.timedelta(days=30)
            if i % 5 < 2
            else today + datetime.timedelta(days=365),
            progress=50,
            status="in_progress",
        )
        for i, task in enumerate(Task.objects.filter(plan=plan).order_by("order"))
    )
    return [request_document(SYSTEM, plan, cycle, kind, "en") for kind in ("pdf", "docx", "xlsx")]


def median_seconds(document) -> tuple[float, bytes]:
    from taskbook.documents.jobs import build_file

    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        content = build_file(document)
        times.append(time.perf_counter() - start)
    return statistics.median(times), content


def main() -> int:
    pdf_doc, docx_doc, xlsx_doc = setup()
    import pypdf

    seconds, pdf = median_seconds(pdf_doc)
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    what = f"{TASKS} tasks, {TASKS} accepted reports, 2 target charts, 40 overdue measures"
    size = f"{pages} A4 pages, {len(pdf) // 1024} KB"
    print(f"Progress report PDF ({what}; {size}): median {seconds:.2f} s of {RUNS}")
    seconds, docx = median_seconds(docx_doc)
    print(f"Progress report DOCX (same cycle, {len(docx) // 1024} KB): median {seconds:.2f} s of {RUNS}")
    seconds, xlsx = median_seconds(xlsx_doc)
    print(f"Progress report XLSX (same cycle, {len(xlsx) // 1024} KB): median {seconds:.2f} s of {RUNS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
