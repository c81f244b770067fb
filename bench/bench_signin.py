"""Sign-in rules: a guesser's 100 wrong passwords, then the right one; and the coordinator's Sign-in
security page with many live sessions (each session row is decoded to find its user).

Run: .venv/bin/python bench/bench_signin.py [--sessions 1000]

It builds a throwaway SQLite database (DATABASE_URL, by default /tmp/taskbook-bench-signin.sqlite3,
deleted first), migrates it, and posts to the real sign-in page with Django's test client: 100 wrong
passwords for one account from one address, then the right password. It counts the answers (a page
asking again, or the lockout page) and times the whole run. Then it signs in `--sessions` people
(a session each) and times the Sign-in security page, with its number of queries.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter

from fresh import fresh_django

RUNS = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    args = parser.parse_args()

    import logging

    fresh_django("signin")
    logging.disable(logging.WARNING)  # django-axes and Django log each refusal
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from taskbook.audit.models import AuditEvent
    from taskbook.orgs.actions import add_membership, create_unit
    from taskbook.orgs.actors import SYSTEM
    from taskbook.orgs.models import Role

    call_command("migrate", verbosity=0)
    User = get_user_model()
    User.objects.create_user("target", password="Right-pass-2024")
    guesser = Client()
    answers: Counter[int] = Counter()
    t0 = time.perf_counter()
    for n in range(100):
        answers[guesser.post("/login/", {"username": "target", "password": f"guess-{n}"}).status_code] += 1
    right = guesser.post("/login/", {"username": "target", "password": "Right-pass-2024"}).status_code
    elapsed = time.perf_counter() - t0
    print(
        f"100 wrong passwords then the right one: {elapsed:.1f} s; answers {dict(answers)} "
        f"(200: asked again, 429: locked); the right password got {right}; "
        f"{AuditEvent.objects.filter(action='signin.failed').count()} failures and "
        f"{AuditEvent.objects.filter(action='signin.locked').count()} lock audited."
    )

    office = create_unit(SYSTEM, name_en="Office of the Leading Group", name_zh="领导小组办公室")
    coordinator = User.objects.create_user("bench-coordinator", password="bench-only")
    add_membership(SYSTEM, coordinator, office, Role.COORDINATOR)
    started = time.perf_counter()
    for i in range(args.sessions):
        Client().force_login(User.objects.create_user(f"person-{i}"))
    setup = time.perf_counter() - started
    client = Client()
    client.force_login(coordinator)
    assert client.get("/accounts/signin/").status_code == 200  # warm-up
    timings = []
    for _ in range(RUNS):
        t1 = time.perf_counter()
        response = client.get("/accounts/signin/")
        timings.append((time.perf_counter() - t1) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get("/accounts/signin/")
    print(
        f"Sign-in security page with {args.sessions + 1} live sessions (set-up {setup:.0f} s): "
        f"{statistics.median(timings):.0f} ms server time (median of {RUNS}), "
        f"{len(queries.captured_queries)} queries ({connection.vendor})."
    )


if __name__ == "__main__":
    main()
