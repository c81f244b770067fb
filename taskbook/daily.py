"""The daily run: each area's scheduled work, in order. `taskbook schedule` enqueues
`run_daily_task` once a day; tests call `run_daily` with a fixed date."""

import datetime

from django.tasks import task
from django.utils import timezone

from taskbook.notifications.jobs import escalate_overdue, retry_notifications, send_reminders
from taskbook.reporting.jobs import open_due_cycles


def run_daily(today: datetime.date) -> dict[str, int]:
    """Open the cycles that are due, then remind, then escalate, then try again the notifications
    that failed earlier (and whose worker did not come back for them): what the scheduler runs each
    day."""
    opened = open_due_cycles(today)
    return {
        "opened": len(opened),
        "reminders": send_reminders(today),
        "escalations": escalate_overdue(today),
        "retries": retry_notifications(),
    }


def _day(value: str | None) -> datetime.date:
    """The day a task was enqueued for (ISO text, since task arguments are JSON), else today here."""
    return datetime.date.fromisoformat(value) if value else timezone.localdate()


@task
def run_daily_task(day: str | None = None) -> dict[str, int]:
    return run_daily(_day(day))
