"""Road map speed: the Gantt page of a plan with 500 measures and 1,000 milestones.

Run: .venv/bin/python bench/bench_gantt.py [--measures 500]

It builds a throwaway SQLite database (DATABASE_URL, by default /tmp/taskbook-bench-gantt.sqlite3,
deleted first), migrates it, and creates a published plan, a unit's contacts, the measures with two
milestones each and an approved task book (so every bar has its baseline) through the actions, as
real use does. Then it signs the coordinator in with Django's test client and times five GETs of
the plan's road map page after one warm-up: the figure is the median server time, with the size of
the chart's SVG, the size of the page and its number of queries.
"""

from __future__ import annotations

import argparse
import datetime
import re
import statistics
import time

from fresh import fresh_django

RUNS = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=500)
    args = parser.parse_args()

    fresh_django("gantt")
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

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
    from tests.conftest import COMMERCE, make_draft

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    plan = publish_plan(SYSTEM, import_plan(SYSTEM, make_draft(tasks=24, sections=4)).plan)
    unit = Unit.objects.get(name_en=COMMERCE)
    office = create_unit(SYSTEM, name_en="Office of the Leading Group", name_zh="领导小组办公室")
    coordinator = get_user_model().objects.create_user("bench-coordinator", password="bench-only")
    add_membership(SYSTEM, coordinator, office, Role.COORDINATOR)
    people = [
        save_contact(SYSTEM, unit, name=name) for name in ("Wang Fang", "Li Wei", "欧阳明华", "Chen Jing")
    ]
    tasks = list(plan.tasks.filter(task_units__unit=unit).distinct().order_by("order"))
    for i in range(args.measures):
        start = datetime.date(2023, 1, 1) + datetime.timedelta(days=(i * 11) % 900)
        due = min(start + datetime.timedelta(days=45 + (i * 37) % 300), datetime.date(2025, 12, 31))
        measure = create_measure(
            SYSTEM,
            tasks[i % len(tasks)],
            unit,
            title=f"Measure {i + 1}: set up a one-stop service window for foreign-invested enterprises",
            start_date=start,
            due_date=due,
            responsible=people[i % len(people)],
        )
        add_milestone(SYSTEM, measure, date=start + (due - start) / 3, description="Draft ready")
        add_milestone(SYSTEM, measure, date=start + (due - start) * 2 / 3, description="Adopted")
    approve_taskbook(SYSTEM, submit_taskbook(SYSTEM, taskbook_for(plan, unit)))
    setup = time.perf_counter() - started

    client = Client()
    client.force_login(coordinator)
    url = reverse("roadmaps:plan", args=[plan.pk])
    assert client.get(url).status_code == 200  # warm-up: templates, translations
    timings = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    page = response.content.decode()
    svg = sum(len(m.encode()) for m in re.findall(r'<svg class="gantt-.*?</svg>', page, re.S))
    bars = page.count('class="bar ')
    assert bars == args.measures, bars
    median = statistics.median(timings)
    print(f"set-up through the actions: {setup:.1f} s; runs (ms): {', '.join(f'{t:.0f}' for t in timings)}")
    print(
        f"Road map of {args.measures} measures ({2 * args.measures} milestones, baselines): "
        f"{median:.0f} ms server time (median of {RUNS}; best {min(timings):.0f} ms), "
        f"SVG {svg / 1024:.0f} KB, page {len(response.content) / 1024:.0f} KB, "
        f"{len(queries.captured_queries)} queries ({connection.vendor})."
    )


if __name__ == "__main__":
    main()
