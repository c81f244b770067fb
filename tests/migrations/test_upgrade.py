"""A database made before reporting, targets, notifications, documents and timetables became apps
migrates to today's schema with every row, id and link kept (taskbook/migrating.py)."""

import gzip
import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]

# old table -> new table, for every table that moved
MOVED = {
    "reports_reportingcalendar": "reporting_reportingcalendar",
    "reports_reportingcycle": "reporting_reportingcycle",
    "reports_progressreport": "reporting_progressreport",
    "reports_contribution": "reporting_contribution",
    "reports_reportrevision": "reporting_reportrevision",
    "reports_amendment": "reporting_amendment",
    "reports_evidence": "reporting_evidence",
    "reports_assessment": "reporting_assessment",
    "plans_target": "targets_target",
    "reports_trajectorypoint": "targets_trajectorypoint",
    "reports_indicatorvalue": "targets_indicatorvalue",
    "reports_webhook": "notifications_webhook",
    "reports_notification": "notifications_notification",
    "reports_generateddocument": "documents_generateddocument",
    "taskbooks_calendarfeed": "timetables_calendarfeed",
}

Query = Callable[[str], list[tuple]]


@pytest.fixture
def old_database(tmp_path) -> Iterator[tuple[str, Query]]:
    """An empty database of the test run's kind, loaded with the dump; its URL and a query function."""
    if connection.vendor == "sqlite":
        path = tmp_path / "old.sqlite3"
        with sqlite3.connect(path) as db:
            db.executescript(gzip.decompress((DATA / "pre-split.sqlite3.sql.gz").read_bytes()).decode())

        def query(sql: str) -> list[tuple]:
            with sqlite3.connect(path) as db:
                return db.execute(sql).fetchall()

        yield f"sqlite:///{path}", query
        return
    conf = settings.DATABASES["default"]
    server = {k: v for k, v in {"host": conf["HOST"], "port": conf["PORT"], "user": conf["USER"]}.items() if v}
    if conf.get("PASSWORD"):
        server["password"] = conf["PASSWORD"]
    name = f"taskbook_upgrade_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with psycopg.connect(dbname=name, autocommit=True, **server) as db:
            db.execute(gzip.decompress((DATA / "pre-split.postgresql.sql.gz").read_bytes()).decode())

        def query(sql: str) -> list[tuple]:
            with psycopg.connect(dbname=name, **server) as db:
                return db.execute(sql).fetchall()

        auth = f"{server['user']}:{server['password']}@" if "password" in server else f"{server.get('user', '')}@"
        yield f"postgres://{auth}{server.get('host', '')}:{server.get('port', 5432)}/{name}", query
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def taskbook(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "taskbook.settings"}
    return subprocess.run(
        [sys.executable, "-m", "taskbook.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_a_database_from_before_the_split_keeps_every_row(old_database):
    url, query = old_database
    before = {old: query(f"SELECT COUNT(*), MAX(id) FROM {old}")[0] for old in MOVED}
    assert all(count for count, _max in before.values()), before  # the dump has rows in every one

    migrated = taskbook(url, "migrate", "--no-input")
    assert migrated.returncode == 0, migrated.stderr

    for old, new in MOVED.items():
        assert query(f"SELECT COUNT(*), MAX(id) FROM {new}")[0] == before[old], new
    tables = {row[0] for row in query(
        "SELECT name FROM sqlite_master WHERE type='table'" if url.startswith("sqlite")
        else "SELECT tablename FROM pg_tables WHERE schemaname='public'"
    )}
    assert not tables & set(MOVED), "an old table was left behind"
    # The content types and the audit log follow the models to their apps; the old app is forgotten.
    assert query("SELECT COUNT(*) FROM django_content_type WHERE app_label='reports'") == [(0,)]
    assert query("SELECT COUNT(*) FROM django_content_type WHERE app_label='targets' AND model='target'") == [(1,)]
    assert query("SELECT COUNT(*) FROM audit_auditevent WHERE object_type LIKE 'reports.%'") == [(0,)]
    assert query("SELECT COUNT(*) FROM audit_auditevent WHERE object_type='reporting.progressreport'")[0][0] > 0
    assert query("SELECT COUNT(*) FROM django_migrations WHERE app='reports'") == [(0,)]

    # The models read the moved rows and their links, and new rows take the next ids.
    check = taskbook(
        url,
        "shell",
        "-c",
        "from taskbook.notifications.models import Notification;"
        "from taskbook.targets.models import Target;"
        "from taskbook.taskbooks.models import ChangeRequest;"
        "n = Notification.objects.select_related('report__cycle', 'webhook').first();"
        "t = Target.objects.get(pk=1);"
        "assert n.report.cycle.plan_id and n.webhook_id;"
        "assert t.trajectory.count() and t.task.plan_id;"
        # The change requests' foreign key now names targets' table: a new row referring to a target is taken.
        "ChangeRequest.objects.create(target=t, field='target', old_value=None, new_value=None, reason='r');"
        "p = t.trajectory.create(date='2025-03-31', value=1);"
        "print(p.pk)",
    )
    assert check.returncode == 0, check.stderr
    assert int(check.stdout.split()[-1]) == before["reports_trajectorypoint"][1] + 1
    assert taskbook(url, "makemigrations", "--check", "--dry-run").returncode == 0
