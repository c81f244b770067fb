"""`taskbook serve` keeps its worker running: a real serve, its worker killed, started again."""

import io
import os
import re
import signal
import socket
import sys

import pytest

from taskbook.processes import is_gone
from taskbook.web.management.commands import serve
from tests.documents.processes import SharedDatabase, environment, process, wait_for


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.django_db(transaction=True)
def test_serve_starts_a_killed_worker_again(tmp_path):
    database = SharedDatabase(tmp_path)
    port = _free_port()
    log = tmp_path / "serve.log"
    args = ["serve", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--no-scheduler"]
    with process(args, environment(database, TASK_BACKEND="database"), log) as served:

        def started() -> list[int]:
            return [int(pid) for pid in re.findall(r"Started the worker \(pid (\d+)\)", log.read_text())]

        first = wait_for(started, 60, "the worker", every=0.1)[0]
        wait_for(lambda: f"127.0.0.1:{port}" in log.read_text(), 60, "gunicorn", every=0.1)
        os.kill(first, signal.SIGKILL)
        pids = wait_for(lambda: started()[1:], 60, "the worker to be started again", every=0.1)
        assert f"The worker (pid {first}) exited with code -9; starting it again in 1 s." in log.read_text()
        second = pids[0]
        assert second != first and not is_gone(socket.gethostname(), second)
        assert served.poll() is None  # the web server went on serving

        served.send_signal(signal.SIGTERM)  # as a service manager stops it: the worker stops too
        assert served.wait(timeout=30) == 0
        wait_for(lambda: is_gone(socket.gethostname(), second), 15, "the worker to stop", every=0.1)


def test_a_helper_that_keeps_dying_waits_longer_each_time(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(serve.time, "monotonic", lambda: clock[0])
    helper = serve.Helper("worker", [sys.executable, "-c", "raise SystemExit(3)"])
    out = io.StringIO()
    waits = []
    helper.start(out)
    for _ in range(8):
        helper.process.wait(timeout=30)
        helper.check(out)  # noticed: the restart is due after the wait
        waits.append(helper.restart_at - clock[0])
        clock[0] = helper.restart_at
        helper.check(out)  # started again
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60]
    assert "exited with code 3; starting it again in 32 s." in out.getvalue()

    helper.process.wait(timeout=30)
    clock[0] += serve.HEALTHY_AFTER  # it ran a minute before it died: a new fault, a short wait again
    helper.check(out)
    assert helper.restart_at - clock[0] == 1
