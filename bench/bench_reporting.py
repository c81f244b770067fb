"""Reporting at scale: the coordinator's dashboard, the league table and the PDF progress report.

Run: .venv/bin/python bench/bench_reporting.py

A throwaway SQLite database (/tmp/bench-reporting.sqlite3, made afresh and migrated here) holds 50
published plans of 100 tasks each (one lead and two participating units per task, out of 40 units),
three measures per task (most with an approved baseline, some slipped, some overdue, some done), a
target for every tenth task with a trajectory and four actual values, and 12 quarterly cycles of
reports: 60,000 reports and as many coordinator ratings. The bulk data is written with bulk_create
(going through the actions would take most of an hour) in the shapes the actions leave: a quarter of
the reports first submitted late, a fifth returned once before acceptance, the last two cycles still
open with drafts, returned and submitted reports among the accepted ones, self-ratings that differ
from the coordinator's, and revisions for the last cycle's reviews.

Each page figure is the median of five requests through Django's test client as the coordinator:
the server's time from request to response, database included, network and browser excluded. The
PDF figure is the median of five builds of the newest plan's report for its latest cycle
(`documents.build_progress_document` then `document_pdf.render_document_pdf`).
"""

from __future__ import annotations

import datetime
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = Path("/tmp/bench-reporting.sqlite3")
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"

PLANS, TASKS, UNITS, CYCLES, MEASURES_PER_TASK = 50, 100, 40, 12, 3
RUNS = 5


def build() -> dict:
    """Write the data; return what the timings need."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from taskbook.orgs.models import Membership, Role, Unit
    from taskbook.plans.models import Plan, PlanStatus, Section, Task, TaskUnit, TaskUnitRole
    from taskbook.reporting.actions import cycle_dates, periods
    from taskbook.reporting.models import (
        RATING_ORDER,
        Assessment,
        CycleStatus,
        ProgressReport,
        Rating,
        ReportingCalendar,
        ReportingCycle,
        ReportRevision,
        ReportStatus,
    )
    from taskbook.targets.models import IndicatorValue, Target, TrajectoryPoint
    from taskbook.taskbooks.models import Contact, Measure, MeasureStatus

    rng = random.Random(2025)
    ratings = Rating.values
    units = Unit.objects.bulk_create(
        Unit(name_en=f"Municipal Bureau number {n + 1}", name_zh=f"市第{n + 1}局", kind="bureau")
        for n in range(UNITS)
    )
    office = Unit.objects.create(name_en="Office of the Leading Group", name_zh="领导小组办公室")
    coordinator = get_user_model().objects.create_user("coordinator", password="x")
    Membership.objects.create(user=coordinator, unit=office, role=Role.COORDINATOR)
    contacts = Contact.objects.bulk_create(Contact(unit=u, name=f"Officer {u.pk}") for u in units)
    contact_of = {c.unit_id: c for c in contacts}

    plans = Plan.objects.bulk_create(
        Plan(
            title=f"Work Plan number {p + 1} (2023-2025)",
            title_zh=f"第{p + 1}号工作方案（2023—2025年）",
            period_start=datetime.date(2023, 1, 1),
            period_end=datetime.date(2025, 12, 31),
            status=PlanStatus.PUBLISHED,
        )
        for p in range(PLANS)
    )
    sections = Section.objects.bulk_create(
        Section(plan=plan, number=str(s + 1), title=f"Area {s + 1}", order=s)
        for plan in plans
        for s in range(5)
    )
    section_of = {(s.plan_id, s.order): s for s in sections}
    tasks = Task.objects.bulk_create(
        Task(
            plan=plan,
            section=section_of[(plan.pk, t // 20)],
            number=str(t + 1),
            title=f"Improve public service number {t + 1} for enterprises and citizens",
            order=t,
        )
        for plan in plans
        for t in range(TASKS)
    )
    lead_of: dict[int, int] = {}
    task_units = []
    for task in tasks:
        picked = rng.sample(units, 3)
        lead_of[task.pk] = picked[0].pk
        task_units.append(TaskUnit(task=task, unit=picked[0], role=TaskUnitRole.LEAD, order=0))
        task_units += [
            TaskUnit(task=task, unit=u, role=TaskUnitRole.PARTICIPATING, order=k)
            for k, u in enumerate(picked[1:])
        ]
    TaskUnit.objects.bulk_create(task_units, batch_size=5000)

    measures = []
    for task in tasks:
        for m in range(MEASURES_PER_TASK):
            unit_id = lead_of[task.pk] if m < 2 else rng.choice(units).pk
            start = datetime.date(2023 + m, rng.randint(1, 6), 1)
            baseline_due = start + datetime.timedelta(days=rng.randint(120, 300))
            slip = rng.choice([0, 0, 0, 0, 15, 30, 60, 90])
            due = baseline_due + datetime.timedelta(days=slip)
            status = rng.choices(
                [
                    MeasureStatus.DONE,
                    MeasureStatus.IN_PROGRESS,
                    MeasureStatus.NOT_STARTED,
                    MeasureStatus.CANCELLED,
                ],
                [60, 25, 10, 5],
            )[0]
            measures.append(
                Measure(
                    task=task,
                    unit_id=unit_id,
                    year=start.year,
                    title=f"Measure {m + 1} of task {task.number}",
                    responsible=contact_of[unit_id],
                    start_date=start,
                    due_date=due,
                    baseline_start=start if rng.random() < 0.9 else None,
                    baseline_due=baseline_due if rng.random() < 0.9 else None,
                    status=status,
                    progress=100 if status == MeasureStatus.DONE else rng.randint(0, 90),
                    order=m,
                )
            )
    Measure.objects.bulk_create(measures, batch_size=5000)

    targets = Target.objects.bulk_create(
        Target(
            task=task,
            text=f"By 2025, more than {60 + int(task.number) % 30}% of the services online",
            metric="share of services online",
            comparator=">=",
            value=Decimal(60 + int(task.number) % 30),
            unit_of_measure="%",
            year=2025,
            baseline=Decimal(40),
            baseline_year=2022,
        )
        for task in tasks
        if int(task.number) % 10 == 0
    )
    points, actuals = [], []
    for target in targets:
        for y in (2023, 2024, 2025):
            points.append(
                TrajectoryPoint(
                    target=target,
                    date=datetime.date(y, 12, 31),
                    value=40 + (target.value - 40) * (y - 2022) / 3,
                )
            )
        for k, day in enumerate(
            [
                datetime.date(2023, 12, 31),
                datetime.date(2024, 6, 30),
                datetime.date(2024, 12, 31),
                datetime.date(2025, 6, 30),
            ]
        ):
            planned = 40 + float(target.value - 40) * ((day - datetime.date(2022, 12, 31)).days / 1096)
            actuals.append(
                IndicatorValue(
                    target=target,
                    date=day,
                    value=Decimal(str(round(planned * rng.uniform(0.9, 1.05), 2))),
                    source="Statistics bureau",
                    provisional=k == 3,
                )
            )
    TrajectoryPoint.objects.bulk_create(points, batch_size=5000)
    IndicatorValue.objects.bulk_create(actuals, batch_size=5000)

    # Cycles: the dates the calendar gives (working days), the same periods for every plan.
    ReportingCalendar.objects.bulk_create(ReportingCalendar(plan=plan) for plan in plans)
    calendar = ReportingCalendar.objects.select_related("plan").first()
    shapes = [(label, start, end, cycle_dates(calendar, end)) for label, start, end in periods(calendar)][
        :CYCLES
    ]
    cycles = ReportingCycle.objects.bulk_create(
        ReportingCycle(
            plan=plan,
            label=label,
            period_start=start,
            period_end=end,
            status=CycleStatus.CLOSED if i < CYCLES - 2 else CycleStatus.OPEN,
            **dates,
        )
        for plan in plans
        for i, (label, start, end, dates) in enumerate(shapes)
    )
    tasks_of: dict[int, list] = {}
    for task in tasks:
        tasks_of.setdefault(task.plan_id, []).append(task)

    def moment(day: datetime.date, hour: int) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))

    reports, assessments, bias = [], [], {}
    for i_cycle, cycle in enumerate(cycles):
        position = i_cycle % CYCLES
        last = position >= CYCLES - 2
        for task in tasks_of[cycle.plan_id]:
            level = bias.setdefault(task.pk, rng.choice([0, 1, 1, 2, 2, 3, 3, 3]))
            self_rating = ratings[min(3, max(0, level + rng.choice([0, 0, 1])))]
            late = rng.random() < 0.25
            returned = rng.random() < 0.2
            first = cycle.due_on + datetime.timedelta(days=rng.randint(1, 15) if late else -rng.randint(0, 6))
            status = ReportStatus.ACCEPTED
            if last:
                status = rng.choices(
                    [
                        ReportStatus.DRAFT,
                        ReportStatus.SUBMITTED,
                        ReportStatus.RETURNED,
                        ReportStatus.ACCEPTED,
                    ],
                    [15, 15, 10, 60],
                )[0]
            submitted = status != ReportStatus.DRAFT
            reports.append(
                ProgressReport(
                    cycle=cycle,
                    task=task,
                    unit_id=lead_of[task.pk],
                    status=status,
                    percent=Decimal(min(100, position * 9 + rng.randint(0, 10))),
                    narrative="Measures proceed as planned; details in the evidence.",
                    self_rating=self_rating,
                    first_submitted_at=moment(first, 15) if submitted else None,
                    submitted_at=moment(first + datetime.timedelta(days=5 if returned else 0), 15)
                    if submitted
                    else None,
                    accepted_at=moment(first + datetime.timedelta(days=8), 11)
                    if status == ReportStatus.ACCEPTED
                    else None,
                    times_returned=1 if (returned and submitted) or status == ReportStatus.RETURNED else 0,
                )
            )
            if status == ReportStatus.ACCEPTED or not last:
                rating = ratings[min(3, max(0, level + rng.choice([-1, 0, 0, 0, 1])))]
                if rng.random() < 0.08:
                    rating = ratings[0] if RATING_ORDER[self_rating] >= 2 else ratings[3]
                assessments.append(
                    Assessment(
                        task=task, cycle=cycle, rating=rating, rationale="Measured against the measures due."
                    )
                )
    ProgressReport.objects.bulk_create(reports, batch_size=5000)
    Assessment.objects.bulk_create(assessments, batch_size=5000)
    revisions = []
    for report in ProgressReport.objects.filter(
        cycle__period_start=shapes[-1][1], status__in=[ReportStatus.ACCEPTED, ReportStatus.RETURNED]
    ).select_related("cycle"):
        revisions.append(
            ReportRevision(report=report, status=report.status, comment="", content={}, actor=coordinator)
        )
    made = ReportRevision.objects.bulk_create(revisions, batch_size=5000)
    # auto_now_add stamps them now; put them in the cycle's review weeks, as the actions would have.
    opened = moment(shapes[-1][3]["due_on"], 9)
    ReportRevision.objects.filter(pk__in=[r.pk for r in made]).update(at=opened)
    return {"coordinator": coordinator, "plan": plans[-1], "reports": len(reports), "measures": len(measures)}


def median_ms(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    if DB.exists():
        DB.unlink()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    # As the test runner does: one connection for the run, so the query counts can be read (with
    # DATABASE_CONN_MAX_AGE=0 a server reconnects per request; SQLite connects in microseconds).
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    started = time.perf_counter()
    data = build()
    print(
        f"data: {PLANS} plans x {TASKS} tasks x {CYCLES} cycles = {data['reports']:,} reports, "
        f"{data['measures']:,} measures, {UNITS} units (built in {time.perf_counter() - started:.0f} s)"
    )
    client = Client()
    client.force_login(data["coordinator"])
    plan = data["plan"]
    pages = [
        ("coordinator dashboard", reverse("dashboards:coordinator") + f"?plan={plan.pk}"),
        ("league table (one plan)", reverse("dashboards:league") + f"?plan={plan.pk}"),
        ("league table (all 50 plans)", reverse("dashboards:league") + "?plan=all"),
        ("leader's summary", reverse("dashboards:summary", args=[plan.pk])),
    ]
    for name, url in pages:
        response = client.get(url)  # warm: the session, templates, translations
        assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        count = len(queries)  # now: the next request clears the connection's log
        ms = median_ms(lambda url=url: client.get(url))
        print(f"{name:30s} {ms:8.0f} ms  (median of {RUNS}, {count} queries)")

    try:
        from taskbook.documents.progress_report.content import build_progress_document
        from taskbook.documents.progress_report.pdf import render_document_pdf
    except ImportError:
        print("PDF progress report: not measured (taskbook/reports/documents.py is not there)")
        return
    from taskbook.reporting.models import ReportingCycle

    cycle = ReportingCycle.objects.filter(plan=plan, status="open").order_by("-period_start").first()
    pdf_size = 0

    def pdf() -> None:
        nonlocal pdf_size
        pdf_size = len(render_document_pdf(build_progress_document(plan, cycle)))

    ms = median_ms(pdf)
    print(
        f"{'PDF progress report':30s} {ms:8.0f} ms  (median of {RUNS}; {TASKS} tasks, {pdf_size // 1024} KiB)"
    )


if __name__ == "__main__":
    main()
