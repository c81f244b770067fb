import signal
import subprocess
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serves taskbook with gunicorn and runs the background worker and the scheduler beside it."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000", help="address:port to listen on")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
        parser.add_argument("--no-worker", action="store_true", help="do not start the background worker")
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="do not start the scheduler of daily jobs (run one scheduler per installation)",
        )

    def handle(self, *args, **options) -> None:
        # A service manager stops us with SIGTERM: leave through `finally`, so that gunicorn, the
        # worker and the scheduler stop with us instead of living on as orphans.
        signal.signal(signal.SIGTERM, _exit)
        helpers = []
        if not options["no_worker"]:
            helpers.append(subprocess.Popen([sys.executable, "-m", "taskbook.cli", "worker"]))
        if not options["no_scheduler"]:
            helpers.append(subprocess.Popen([sys.executable, "-m", "taskbook.cli", "schedule"]))
        self.stdout.write(f"taskbook is at http://{options['bind']}/  (Ctrl-C stops it)")
        server = subprocess.Popen(
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
                "--logger-class",  # feed tokens masked in the access log (web/logs.py)
                "taskbook.web.logs.AccessLogger",
                "--graceful-timeout",
                "5",
            ]
        )
        try:
            server.wait()
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            for process in [server, *helpers]:
                if process.poll() is None:
                    process.terminate()
            for process in [server, *helpers]:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()


def _exit(signum, frame) -> None:
    raise SystemExit(0)
