import subprocess
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serves taskbook with gunicorn and runs the background worker beside it."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000", help="address:port to listen on")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
        parser.add_argument("--no-worker", action="store_true", help="do not start the background worker")

    def handle(self, *args, **options) -> None:
        worker = None
        if not options["no_worker"]:
            worker = subprocess.Popen([sys.executable, "-m", "taskbook.cli", "worker"])
        self.stdout.write(f"taskbook is at http://{options['bind']}/  (Ctrl-C stops it)")
        try:
            subprocess.call(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "taskbook.wsgi",
                    "--bind",
                    options["bind"],
                    "--workers",
                    str(options["workers"]),
                    "--access-logfile",
                    "-",
                    "--graceful-timeout",
                    "5",
                ]
            )
        except KeyboardInterrupt:
            pass
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
