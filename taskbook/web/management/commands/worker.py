from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from taskbook.documents.actions import recover_documents
from taskbook.processes import is_gone

QUEUES = ["default"]

# Delete a lock only while it still names the scheduler we found dead (a check and a delete in one step).
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"


def release_dead_scheduler_locks() -> list[str]:
    """The queues whose RQ scheduler lock was held by a scheduler process of this host that is gone.

    RQ's scheduler (which moves deferred tasks to their queue when due) holds a lock per queue for a
    minute at a time, and a worker tries to take it only every ten minutes: after a worker was killed,
    deferred retries would wait that long. A lock whose holder is known dead is released at once."""
    import django_rq
    from rq.scheduler import SCHEDULER_KEY_TEMPLATE, RQScheduler

    released = []
    for queue in QUEUES:
        connection = django_rq.get_connection(queue)
        key = RQScheduler.get_locking_key(queue)
        holder = _text(connection.get(key))
        if not holder:
            continue
        about = {_text(k): _text(v) for k, v in connection.hgetall(SCHEDULER_KEY_TEMPLATE % holder).items()}
        host, pid = about.get("hostname", ""), about.get("pid", "")
        if pid.isdigit() and is_gone(host, int(pid)) and connection.eval(_RELEASE, 1, key, holder):
            released.append(queue)
    return released


def _text(value: bytes | str | None) -> str:
    return value.decode() if isinstance(value, bytes) else value or ""


class Command(BaseCommand):
    help = "Runs the background worker for the configured task backend (database or Redis)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", action="store_true", help="Run the jobs waiting now, then exit.")

    def handle(self, *args, **options) -> None:
        if settings.TASK_BACKEND == "redis":
            for queue in release_dead_scheduler_locks():
                self.stdout.write(f"Released the scheduler lock of queue {queue!r}: its holder was killed.")
        # A worker that starts after one was killed comes back for the documents it was building.
        for line in recover_documents(at_start=True).lines():
            self.stdout.write(line)
        if settings.TASK_BACKEND == "redis":
            # django-rq's worker; django-tasks-rq's Job class is what runs a django.tasks task. With
            # its scheduler, deferred tasks (retries of notifications and documents) run when due.
            call_command(
                "rqworker",
                *QUEUES,
                burst=options["batch"],
                job_class="django_tasks_rq.Job",
                with_scheduler=True,
            )
        else:
            call_command("db_worker", batch=options["batch"], interval=1)
