"""Audit log speed for a leader, who reads it through each object's own read rule: the log page and
the whole CSV with 20,000 events on a plan's measures, milestones and tasks.

Run: .venv/bin/python bench/bench_audit.py [--measures 2000]

It builds a throwaway SQLite database (DATABASE_URL, by default /tmp/taskbook-bench-audit.sqlite3,
deleted first), migrates it, imports and publishes a plan of 100 tasks and a draft plan, and makes
the measures (with a milestone and an update each: about 10 events a measure) through the actions.
Then it signs a leader in with Django's test client and times five GETs of the log's first page and
of the whole CSV after one warm-up: the figures are the median server times and the numbers of
queries and rows.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import time

from fresh import fresh_django

RUNS = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=2000)
    args = parser.parse_args()

    fresh_django("audit")
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from taskbook.audit.models import AuditEvent
    from taskbook.orgs.actions import add_membership, create_unit
    from taskbook.orgs.actors import SYSTEM
    from taskbook.orgs.models import Role, Unit
    from taskbook.plans.actions import import_plan, publish_plan
    from taskbook.taskbooks.actions import add_milestone, create_measure, save_contact, update_measure
    from tests.conftest import COMMERCE, make_draft

    call_command("migrate", verbosity=0)
    plan = publish_plan(SYSTEM, import_plan(SYSTEM, make_draft(tasks=100, sections=4)).plan)
    import_plan(SYSTEM, make_draft(tasks=100, sections=4, title="A draft plan (2026-2028)"))
    unit = Unit.objects.get(name_en=COMMERCE)
    contact = save_contact(SYSTEM, unit, name="Wang Fang")
    tasks = list(plan.tasks.filter(task_units__unit=unit).distinct())
    for i in range(args.measures):
        start = datetime.date(2024, 1 + i % 12, 1)
        measure = create_measure(
            SYSTEM, tasks[i % len(tasks)], unit, title=f"Measure {i}", start_date=start,
            due_date=start + datetime.timedelta(days=100), responsible=contact,
        )  # fmt: skip
        add_milestone(SYSTEM, measure, date=start + datetime.timedelta(days=30), description="Draft")
        update_measure(SYSTEM, measure, version=measure.version, title=f"Measure {i}, revised")
    office = create_unit(SYSTEM, name_en="Office", name_zh="办公室")
    leader = get_user_model().objects.create_user("lena", password="pw-lena-0123456")
    add_membership(SYSTEM, leader, office, Role.LEADER)
    client = Client()
    client.force_login(leader)

    def timed(url: str, stream: bool) -> tuple[float, int, int]:
        times, queries, size = [], 0, 0
        for run in range(RUNS + 1):
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                response = client.get(url)
                body = b"".join(response.streaming_content) if stream else response.content
                elapsed = time.perf_counter() - start
            if run:
                times.append(elapsed)
            queries, size = len(ctx.captured_queries), body.count(b"\n")
        return statistics.median(times), queries, size

    total = AuditEvent.objects.count()
    visible = AuditEvent.objects.visible_to(leader).count()
    page = timed(reverse("audit:list"), stream=False)
    csv = timed(reverse("audit:csv"), stream=True)
    print(f"{total} events, {visible} visible to the leader (the draft plan's are not)")
    print(f"log page: {page[0] * 1000:.0f} ms, {page[1]} queries")
    print(f"whole CSV: {csv[0] * 1000:.0f} ms, {csv[1]} queries, {csv[2] - 1} rows")


if __name__ == "__main__":
    main()
