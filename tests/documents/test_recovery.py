"""Builds whose worker stopped: found by their heartbeat's age (or at a worker's start, by a process of
this host that is gone), enqueued again with growing waits, failed after the last attempt."""

import datetime
import socket
import subprocess
import sys
import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from taskbook.audit.models import AuditEvent
from taskbook.documents import actions
from taskbook.documents.actions import recover_documents, request_document, retry_delay
from taskbook.documents.jobs import build_document, heartbeat
from taskbook.documents.models import GeneratedDocument
from taskbook.env import env_int
from taskbook.processes import label_is_gone

NOW = timezone.now()


def _running(document: GeneratedDocument, *, attempts: int = 1, beat: float = 0, worker: str = "") -> None:
    """The document as a worker left it: running, attempt `attempts`, last heartbeat `beat` s ago."""
    GeneratedDocument.objects.filter(pk=document.pk).update(
        status="running",
        progress=27,
        attempts=attempts,
        heartbeat_at=NOW - datetime.timedelta(seconds=beat),
        worker=worker or "elsewhere:1",
    )


@pytest.fixture
def document(people, filled):
    return request_document(people.alice, filled.plan, filled.cycle, "xlsx", "en")


def test_a_build_with_no_heartbeat_for_the_stale_time_is_stale(document, settings):
    settings.DOCUMENT_STALE_SECONDS = 120
    for beat, status, stale in ((119, "running", False), (121, "running", True), (500, "queued", False)):
        _running(document, beat=beat)
        GeneratedDocument.objects.filter(pk=document.pk).update(status=status)
        row = GeneratedDocument.objects.get(pk=document.pk)
        assert row.is_stale(NOW) == stale == GeneratedDocument.objects.stale(NOW).filter(pk=row.pk).exists()


def test_the_waits_double_from_the_retry_seconds_to_an_hour(settings):
    settings.DOCUMENT_RETRY_SECONDS = 30
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4, 8, 40)] == [30, 60, 120, 240, 3600, 3600]


def test_a_stale_build_is_queued_again_after_the_wait_and_audited(
    document, settings, django_capture_on_commit_callbacks
):
    settings.DOCUMENT_STALE_SECONDS, settings.DOCUMENT_RETRY_SECONDS = 120, 30
    _running(document, attempts=2, beat=200)
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        found = recover_documents(NOW)
    assert [d.pk for d in found.retried] == [document.pk] and not found.failed
    row = GeneratedDocument.objects.get(pk=document.pk)
    assert (row.status, row.progress, row.attempts, row.heartbeat_at) == ("queued", 0, 2, None)
    assert row.retry_at == NOW + datetime.timedelta(seconds=60)  # after the second attempt: twice the wait
    job = DBTaskResult.objects.get()
    assert job.args_kwargs["args"] == [document.pk] and job.run_after == row.retry_at
    event = AuditEvent.objects.get(action="document.retry")
    assert event.actor is None and event.before["progress"] == 27 and event.after["attempts"] == 2
    assert recover_documents(NOW).retried == []  # once: it is queued now, not running

    assert build_document.call(document.pk) == "done"  # the job, when its time comes
    row.refresh_from_db()
    assert (row.status, row.attempts, row.retry_at, row.error) == ("done", 3, None, "")


def test_after_the_last_attempt_it_is_failed_with_a_message_and_another_try(
    client, people, document, settings
):
    settings.DOCUMENT_ATTEMPTS = 3
    _running(document, attempts=3, beat=10_000)
    jobs = DBTaskResult.objects.count()
    found = recover_documents(NOW)
    assert [d.pk for d in found.failed] == [document.pk] and not found.retried
    row = GeneratedDocument.objects.get(pk=document.pk)
    assert row.status == "failed" and row.retry_at is None and DBTaskResult.objects.count() == jobs
    assert row.error == "The background worker stopped while building this document, 3 times."
    assert AuditEvent.objects.filter(action="document.failed", object_id=str(document.pk)).exists()
    client.force_login(people.alice)
    html = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "could not be generated" in html and "stopped while building this document, 3 times" in html
    assert "Try again" in html and "hx-get" not in html
    client.force_login(people.sam)  # a unit's staff may not have it at all
    assert client.get(reverse("documents:detail", args=[document.pk])).status_code == 403


def test_the_message_is_in_the_documents_language(people, filled):
    document = request_document(people.alice, filled.plan, filled.cycle, "pdf", "zh-hans")
    _running(document, attempts=3, beat=10_000)
    with translation.override("en"):
        recover_documents(NOW)
    assert GeneratedDocument.objects.get(pk=document.pk).error == "生成本文档时后台任务中断了 3 次。"


def test_a_waiting_retry_says_when_it_starts(client, people, document):
    _running(document, attempts=1, beat=10_000)
    recover_documents(NOW)
    client.force_login(people.alice)
    html = client.get(reverse("documents:status", args=[document.pk])).content.decode()
    assert "attempt 2 starts at" in html and 'hx-trigger="every 1s"' in html


def test_a_worker_starting_on_this_host_recovers_at_once_what_a_dead_process_built(document):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        host = socket.gethostname()
        assert label_is_gone(f"{host}:{dead.pid}") and not label_is_gone(f"{host}:{alive.pid}")
        for worker, recovered in (
            (f"{host}:{alive.pid}", False),
            ("other-host:1", False),
            (f"{host}:{dead.pid}", True),
        ):
            _running(document, beat=1, worker=worker)  # a fresh heartbeat: not stale by its age
            assert recover_documents(NOW).retried == []  # the scheduler's watch waits for its age
            assert bool(recover_documents(NOW, at_start=True).retried) == recovered, worker
    finally:
        alive.kill()
        alive.wait()


def test_a_build_given_up_for_dead_that_comes_back_writes_nothing(document):
    old = GeneratedDocument.objects.get(pk=document.pk)
    assert actions.start_document(old) and old.attempts == 1
    GeneratedDocument.objects.filter(pk=document.pk).update(heartbeat_at=NOW - datetime.timedelta(days=1))
    recover_documents(NOW)
    new = GeneratedDocument.objects.get(pk=document.pk)
    assert actions.start_document(new) and new.attempts == 2
    assert not actions.start_document(GeneratedDocument.objects.get(pk=document.pk))  # claimed: not twice
    for write in (lambda: actions.advance_document(old, 50), lambda: actions.finish_document(old, b"x")):
        with pytest.raises(actions.Superseded):
            write()
    row = GeneratedDocument.objects.get(pk=document.pk)
    assert (row.status, row.progress, row.attempts, row.file.name) == ("running", 1, 2, "")
    assert not AuditEvent.objects.filter(action="document.done").exists()


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_beats_while_a_long_step_runs(people, plan, workplan, reporting, settings):
    from tests.documents.conftest import fill_cycle

    filled = fill_cycle(people, plan, reporting)
    settings.DOCUMENT_STALE_SECONDS = 0.4  # a beat every 0.1 s
    document = request_document(people.alice, plan, filled.cycle, "xlsx", "en")
    assert actions.start_document(document)
    first = document.heartbeat_at
    with heartbeat(document):
        time.sleep(0.5)  # one long step with no progress to report
    beaten = GeneratedDocument.objects.get(pk=document.pk).heartbeat_at
    assert beaten > first + datetime.timedelta(seconds=0.2)
    assert not GeneratedDocument.objects.stale(timezone.now()).exists()


def test_the_scheduler_watches_for_stale_builds(document, capsys, settings):
    settings.DOCUMENT_STALE_SECONDS = 120
    _running(document, beat=600)
    call_command("schedule", "--once", "--day", "2024-04-16")
    assert f"Document {document.pk} lost its worker: attempt 2 is queued." in capsys.readouterr().out
    assert GeneratedDocument.objects.get(pk=document.pk).status == "queued"


def test_the_settings_refuse_values_below_their_minimum(monkeypatch):
    monkeypatch.setenv("DOCUMENT_ATTEMPTS", "0")
    with pytest.raises(ImproperlyConfigured, match="DOCUMENT_ATTEMPTS must be at least 1, not 0"):
        env_int("DOCUMENT_ATTEMPTS", 3, minimum=1)
    monkeypatch.setenv("DOCUMENT_ATTEMPTS", "5")
    assert env_int("DOCUMENT_ATTEMPTS", 3, minimum=1) == 5
