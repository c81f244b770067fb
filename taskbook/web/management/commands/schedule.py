"""`taskbook schedule`: enqueue the daily reporting job for the worker, once a day, and watch for
documents whose worker stopped.

The scheduler does no daily work itself: it wakes every `--every` seconds and, once the day's `--at`
time has come, enqueues `run_daily_task` for today unless it was enqueued already. The day's
marker lives where the job does: the task result table of the database backend, or a key in
Redis. Only one scheduler should run per installation; if two do, the jobs' idempotency keys
still send every notification once.

Between, every half of DOCUMENT_STALE_SECONDS, it looks for documents "being generated" with no
heartbeat (one query when there are none) and has them built again (`recover_documents`): a worker
killed on another machine, or one that `taskbook serve` restarted, leaves its document to this watch.
"""

import datetime
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.tasks import TaskResultStatus
from django.utils import timezone

from taskbook.daily import run_daily_task
from taskbook.documents.actions import recover_documents

REDIS_MARKER_SECONDS = 3 * 24 * 3600


def claim_day(day: datetime.date) -> bool:
    """True when the day's job is still to be enqueued; on Redis this also takes the day's marker.
    A day whose job failed may be enqueued again at the next check."""
    backend = run_daily_task.get_backend()
    module = type(backend).__module__
    if module.startswith("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        return not (
            DBTaskResult.objects.filter(
                task_path=run_daily_task.module_path, args_kwargs__args__0=day.isoformat()
            )
            .exclude(status=TaskResultStatus.FAILED)
            .exists()
        )
    if module.startswith("django_tasks_rq"):
        import django_rq

        connection = django_rq.get_connection(run_daily_task.queue_name)
        key = f"taskbook:schedule:{run_daily_task.module_path}:{day.isoformat()}"
        return bool(connection.set(key, "1", nx=True, ex=REDIS_MARKER_SECONDS))
    return True  # a backend with no storage of its own (tests): the jobs' keys still send once


class Command(BaseCommand):
    help = "Enqueues the daily reporting job (open cycles, reminders, escalations) once a day."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--every", type=int, default=3600, help="seconds between checks (default 3600)")
        parser.add_argument("--at", default="08:30", help="local time from which the day's job is enqueued")
        parser.add_argument(
            "--once", action="store_true", help="enqueue today's job now (if not yet) and exit"
        )
        parser.add_argument("--day", help="with --once: the day to run the job for (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            at = datetime.time.fromisoformat(options["at"])
        except ValueError as exc:
            raise CommandError(f"--at takes a time such as 08:30, not {options['at']!r}") from exc
        if options["every"] < 1:
            raise CommandError("--every is a number of seconds, at least 1")
        if options["day"] and not options["once"]:
            raise CommandError("--day goes with --once")
        if options["once"]:
            try:
                day = datetime.date.fromisoformat(options["day"]) if options["day"] else timezone.localdate()
            except ValueError as exc:
                raise CommandError(f"--day takes a date such as 2025-04-15, not {options['day']!r}") from exc
            self.tick(day)
            self.watch()
            return
        watch = max(1, settings.DOCUMENT_STALE_SECONDS // 2)
        self.stdout.write(
            f"Enqueueing the daily job each day from {at:%H:%M}; checking every {options['every']} s; "
            f"looking for stopped documents every {watch} s."
        )
        next_check = timezone.localtime()
        while True:
            now = timezone.localtime()
            self.watch()
            if now >= next_check:
                if now.time() >= at:
                    self.tick(now.date(), quiet=True)
                next_check = now + datetime.timedelta(seconds=self.wait(now, at, options["every"]))
            time.sleep(max(0.0, min(watch, (next_check - timezone.localtime()).total_seconds())))

    @staticmethod
    def wait(now: datetime.datetime, at: datetime.time, every: int) -> float:
        """Sleep `every` seconds, but wake at the day's `at` time if it comes sooner."""
        start = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
        if now < start:
            return min(every, (start - now).total_seconds() + 1)
        return every

    def watch(self) -> None:
        recovered = recover_documents()
        for line in recovered.lines():
            self.stdout.write(line)

    def tick(self, day: datetime.date, quiet: bool = False) -> None:
        if not claim_day(day):
            if not quiet:
                self.stdout.write(f"The daily job for {day} is already enqueued.")
            return
        result = run_daily_task.enqueue(day.isoformat())
        self.stdout.write(f"Enqueued the daily job for {day} (task {result.id}).")
