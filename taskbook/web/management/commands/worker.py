from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Runs the background worker for the configured task backend (database or Redis)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", action="store_true", help="Run the jobs waiting now, then exit.")

    def handle(self, *args, **options) -> None:
        if settings.TASK_BACKEND == "redis":
            # django-rq's worker; django-tasks-rq's Job class is what runs a django.tasks task.
            call_command("rqworker", "default", burst=options["batch"], job_class="django_tasks_rq.Job")
        else:
            call_command("db_worker", batch=options["batch"], interval=1)
