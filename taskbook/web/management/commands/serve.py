"""`taskbook serve`: gunicorn, with the background worker and the scheduler beside it, supervised.

A helper (the worker or the scheduler) that dies is started again after a short wait, logged; the
wait doubles while it keeps dying soon after its start (1, 2, 4 ... at most 60 seconds) and is 1 s
again once it has run for a minute. The web server is gunicorn's own supervisor (it restarts its
workers); if it ends, serve ends, stopping the helpers.
"""

import signal
import subprocess
import sys
import time
from dataclasses import dataclass

from django.core.management.base import BaseCommand

FIRST_WAIT = 1.0
LONGEST_WAIT = 60.0
HEALTHY_AFTER = 60.0  # a helper that ran this long died of something new: its next wait is short again
POLL = 0.5


@dataclass
class Helper:
    """A command of ours that serve keeps running."""

    name: str
    command: list[str]
    process: subprocess.Popen | None = None
    started: float = 0.0
    wait: float = FIRST_WAIT
    restart_at: float | None = None

    def start(self, out) -> None:
        self.process = subprocess.Popen(self.command)
        self.started, self.restart_at = time.monotonic(), None
        out.write(f"Started the {self.name} (pid {self.process.pid}).")
        out.flush()

    def check(self, out) -> None:
        """Start again a helper that died, once its wait is over."""
        now = time.monotonic()
        if self.restart_at is not None:
            if now >= self.restart_at:
                self.start(out)
            return
        if self.process is None or self.process.poll() is None:
            return
        if now - self.started >= HEALTHY_AFTER:
            self.wait = FIRST_WAIT
        out.write(
            f"The {self.name} (pid {self.process.pid}) exited with code {self.process.returncode}; "
            f"starting it again in {self.wait:g} s."
        )
        out.flush()
        self.restart_at = now + self.wait
        self.wait = min(self.wait * 2, LONGEST_WAIT)


class Command(BaseCommand):
    help = (
        "Serves taskbook with gunicorn and runs the background worker and the scheduler beside it, "
        "starting either again if it dies."
    )

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
            helpers.append(Helper("worker", [sys.executable, "-m", "taskbook.cli", "worker"]))
        if not options["no_scheduler"]:
            helpers.append(Helper("scheduler", [sys.executable, "-m", "taskbook.cli", "schedule"]))
        server: subprocess.Popen | None = None
        try:
            for helper in helpers:
                helper.start(self.stdout)
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
            while server.poll() is None:
                for helper in helpers:
                    helper.check(self.stdout)
                time.sleep(POLL)
            self.stderr.write(f"The web server exited with code {server.returncode}; stopping.")
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            processes = [p for p in [server, *(h.process for h in helpers)] if p is not None]
            for process in processes:
                if process.poll() is None:
                    process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()


def _exit(signum, frame) -> None:
    raise SystemExit(0)
