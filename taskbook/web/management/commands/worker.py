from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from taskbook.documents.actions import recover_documents


class Command(BaseCommand):
    help = "Runs the background worker for the configured task backend (database or Redis)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", action="store_true", help="Run the jobs waiting now, then exit.")

    def handle(self, *args, **options) -> None:
        # A worker that starts after one was killed comes back for the documents it was building.
        recovered = recover_documents(at_start=True)
        for document in recovered.retried:
            self.stdout.write(
                f"Document {document.pk} lost its worker: attempt {document.attempts + 1} is queued."
            )
        for document in recovered.failed:
            self.stdout.write(f"Document {document.pk} lost its worker {document.attempts} times: failed.")
        if settings.TASK_BACKEND == "redis":
            # django-rq's worker; django-tasks-rq's Job class is what runs a django.tasks task. With
            # its scheduler, deferred tasks (retries of notifications and documents) run when due.
            call_command(
                "rqworker",
                "default",
                burst=options["batch"],
                job_class="django_tasks_rq.Job",
                with_scheduler=True,
            )
        else:
            call_command("db_worker", batch=options["batch"], interval=1)
