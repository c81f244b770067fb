"""A real worker killed (SIGKILL) in the middle of a document: the next worker builds it to the end.

The workers are `python -m taskbook.cli worker` processes, as `taskbook serve` starts them, on Redis
(DB 8, emptied before and after) and on the database backend, against a database file or PostgreSQL
(tests/documents/processes.py).
"""

import os
import signal

import pytest
import redis

from taskbook.audit.models import AuditEvent
from taskbook.documents.actions import request_document
from taskbook.documents.models import GeneratedDocument
from tests.documents.conftest import fill_cycle
from tests.documents.processes import SharedDatabase, environment, kill_group, process, wait_for

REDIS_URL = "redis://127.0.0.1:6379/8"
STATE = "SELECT status, progress, attempts, worker FROM documents_generateddocument WHERE id = ?"


@pytest.fixture(params=["redis", "database"])
def backend(request, settings):
    """The task backend of the workers; on Redis this test process enqueues into DB 8 too."""
    if request.param == "database":
        yield {"TASK_BACKEND": "database"}
        return
    queue = redis.Redis.from_url(REDIS_URL)
    queue.flushdb()
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    yield {"TASK_BACKEND": "redis", "REDIS_URL": REDIS_URL}
    queue.flushdb()


@pytest.mark.django_db(transaction=True)
def test_a_document_whose_worker_was_killed_is_finished_by_the_next(
    people, plan, workplan, reporting, backend, tmp_path
):
    filled = fill_cycle(people, plan, reporting)
    document = request_document(people.alice, plan, filled.cycle, "pdf", "en")  # enqueued once committed
    database = SharedDatabase(tmp_path)
    env = environment(database, DOCUMENT_RETRY_SECONDS="1", **backend)

    with process(["worker"], env, tmp_path / "first.log") as first:
        # The build is under way once the row is claimed: running, its progress above 0.
        builder = wait_for(lambda: database.row(STATE, document.pk)[3], 120, "the build to start")
        # Killed with no chance to clean up: the worker (with RQ's scheduler), and the process that
        # builds (RQ's work horse runs in a session of its own; the row names it, host:pid).
        os.kill(int(builder.rpartition(":")[2]), signal.SIGKILL)
        kill_group(first)
    status, progress, attempts, _builder = database.row(STATE, document.pk)
    assert (status, attempts) == ("running", 1) and 0 < progress < 100  # stopped half way, and stuck

    with process(["worker"], env, tmp_path / "second.log"):
        wait_for(lambda: database.row(STATE, document.pk)[0] == "done", 180, "the document", every=0.2)
    database.bring_back()
    log = (tmp_path / "second.log").read_text()
    assert f"Document {document.pk} lost its worker: attempt 2 is queued." in log, log

    document = GeneratedDocument.objects.get(pk=document.pk)
    assert (document.status, document.progress, document.attempts, document.error) == ("done", 100, 2, "")
    assert document.file.name.endswith(".pdf")
    retry = AuditEvent.objects.get(action="document.retry", object_id=str(document.pk))
    assert retry.before["attempts"] == 1 and retry.after["status"] == "queued"
    assert AuditEvent.objects.filter(action="document.done", object_id=str(document.pk)).count() == 1
