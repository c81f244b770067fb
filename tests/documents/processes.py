"""Real worker processes against a database another process can open, for the crash tests.

On PostgreSQL that is the test database itself (the test commits its data: transaction=True). SQLite's
test database lives in this process's memory: it is copied into a file for the processes, read there
while they run, and copied back at the end.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from django.db import connection

from tests.notifications.test_worker import ROOT, _database_url


class SharedDatabase:
    def __init__(self, tmp_path: Path) -> None:
        self.url = _database_url(tmp_path)
        self.copy = tmp_path / "worker.sqlite3" if connection.vendor == "sqlite" else None
        if self.copy is not None:
            connection.ensure_connection()
            with sqlite3.connect(self.copy) as target:
                connection.connection.backup(target)

    def row(self, sql: str, *params: Any) -> tuple[Any, ...]:
        """One row as the worker sees it now (SQLite's "?" placeholders; "%s" on PostgreSQL)."""
        if self.copy is None:
            with connection.cursor() as cursor:
                cursor.execute(sql.replace("?", "%s"), params)
                return tuple(cursor.fetchone())
        with sqlite3.connect(self.copy) as db:
            return tuple(db.execute(sql, params).fetchone())

    def bring_back(self) -> None:
        """After the processes stopped: their writes into this process's database."""
        if self.copy is not None:
            connection.close()
            connection.ensure_connection()
            with sqlite3.connect(self.copy) as source:
                source.backup(connection.connection)


def environment(database: SharedDatabase, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database.url,
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "PYTHONUNBUFFERED": "1",  # the log is whole even when the process is killed
        **extra,
    }


@contextmanager
def process(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """A process of ours in a session of its own, its output in `log`; it and every process it
    started (RQ's work horse and scheduler, gunicorn's workers) are killed on the way out, whatever
    happened."""
    with log.open("w") as out:
        child = subprocess.Popen(
            [sys.executable, "-m", "taskbook.cli", *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield child
        finally:
            kill_group(child)


def kill_group(child: subprocess.Popen) -> None:
    with suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGKILL)
    child.wait(timeout=30)


def wait_for(condition: Callable[[], Any], timeout: float, what: str, every: float = 0.02) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")
