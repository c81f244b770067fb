"""The daily job through a real worker process, and the scheduler that enqueues it.

The worker runs as `python -m taskbook.cli worker --batch` against the test database: on
PostgreSQL the test database itself (this test commits its data: transaction=True); on SQLite, whose
test database lives in this process's memory, a copy in a file that is copied back afterwards.
"""

import datetime
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from taskbook.daily import run_daily_task
from taskbook.notifications.actions import create_webhook
from taskbook.notifications.jobs import retry_notifications_task, send_reminders
from taskbook.notifications.models import Channel, Notification
from tests.notifications.helpers import give_emails, robot

ROOT = Path(__file__).resolve().parents[2]


def _database_url(tmp_path: Path) -> str:
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = settings["USER"] or ""
        if settings["PASSWORD"]:
            auth += f":{settings['PASSWORD']}"
        return f"postgres://{auth}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
    assert connection.vendor == "sqlite"
    if not connection.is_in_memory_db():
        return f"sqlite:///{settings['NAME']}"
    return f"sqlite:///{tmp_path / 'worker.sqlite3'}"


def _run_worker(tmp_path: Path, **extra: str) -> subprocess.CompletedProcess:
    url = _database_url(tmp_path)
    copy = connection.vendor == "sqlite" and connection.is_in_memory_db()
    if copy:
        connection.ensure_connection()
        with sqlite3.connect(tmp_path / "worker.sqlite3") as target:
            connection.connection.backup(target)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": url,
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "TASK_BACKEND": "database",
        **extra,
    }
    done = subprocess.run(
        [sys.executable, "-m", "taskbook.cli", "worker", "--batch"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if copy:
        connection.close()
        connection.ensure_connection()
        with sqlite3.connect(tmp_path / "worker.sqlite3") as source:
            source.backup(connection.connection)
    return done


@pytest.mark.django_db(transaction=True)
def test_the_daily_job_runs_in_a_real_worker(people, reporting, tmp_path):
    give_emails(people)
    result = run_daily_task.enqueue("2024-04-16")
    assert Notification.objects.count() == 0
    done = _run_worker(tmp_path)
    assert done.returncode == 0, done.stderr
    task = DBTaskResult.objects.get(pk=result.id)
    assert task.status == "SUCCESSFUL", task.traceback
    assert task.return_value["opened"] == 4  # the four cycles of 2023 were still scheduled
    escalations = Notification.objects.filter(kind="escalation_unit", report__cycle=reporting.cycle)
    assert {n.report.task.number for n in escalations} == {"1", "3"}
    assert all(n.sent_at for n in Notification.objects.filter(channel=Channel.EMAIL))
    assert "Overdue: report on task 1 (2024-Q1)" in done.stdout  # the console e-mail backend


@pytest.mark.django_db(transaction=True)
def test_the_worker_comes_back_for_a_failed_message(people, reporting, settings, tmp_path):
    """A robot that answers 503: the delivery enqueues the retry for the first wait's end; a real
    worker runs it then, and the messages arrive at their second attempt."""
    settings.NOTIFICATION_RETRY_SECONDS = 1
    with robot(status=503) as chat:
        hook = create_webhook(people.carl, name="Group", kind="wecom", url=chat.url, unit=people.commerce)
        send_reminders(datetime.date(2024, 4, 10))  # commits: delivered at once, and failed
        messages = Notification.objects.filter(webhook=hook)
        assert {(n.attempts, n.delivery_state) for n in messages} == {(1, "retrying")}
        retry = DBTaskResult.objects.get(task_path=retry_notifications_task.module_path)
        chat.status = 200
        time.sleep(max(0.0, (retry.run_after - timezone.now()).total_seconds()) + 0.2)
        done = _run_worker(tmp_path, WEBHOOK_ALLOWED_HOSTS="127.0.0.1", NOTIFICATION_RETRY_SECONDS="1")
    assert done.returncode == 0, done.stderr
    assert DBTaskResult.objects.get(pk=retry.pk).status == "SUCCESSFUL"
    assert {(n.attempts, n.delivery_state) for n in messages.all()} == {(2, "sent")}
    assert len(chat.received) == 8


def test_schedule_once_enqueues_the_day_once(db, capsys):
    call_command("schedule", "--once", "--day", "2024-04-16")
    call_command("schedule", "--once", "--day", "2024-04-16")
    out = capsys.readouterr().out
    assert "Enqueued the daily job for 2024-04-16" in out and "already enqueued" in out
    queued = DBTaskResult.objects.filter(task_path="taskbook.daily.run_daily_task")
    assert queued.count() == 1 and queued.get().args_kwargs["args"] == ["2024-04-16"]
    call_command("schedule", "--once", "--day", "2024-04-17")
    assert queued.count() == 2


def test_a_failed_day_may_be_enqueued_again(db):
    call_command("schedule", "--once", "--day", "2024-04-16")
    DBTaskResult.objects.update(status="FAILED")
    call_command("schedule", "--once", "--day", "2024-04-16")
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_schedule_refuses_bad_options(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("schedule", "--once", "--day", "16 April")
    with pytest.raises(CommandError):
        call_command("schedule", "--at", "half past eight")
    with pytest.raises(CommandError):
        call_command("schedule", "--day", "2024-04-16")


def test_the_scheduler_wakes_at_the_hour():
    from taskbook.web.management.commands.schedule import Command

    at = datetime.time(8, 30)
    early = datetime.datetime(2024, 4, 16, 8, 0)
    assert Command.wait(early, at, 3600) == 1801
    assert Command.wait(datetime.datetime(2024, 4, 16, 9, 0), at, 3600) == 3600
