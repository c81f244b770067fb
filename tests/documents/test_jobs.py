"""Asking for a document and the background job that builds it, called directly."""

import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from taskbook.audit.models import AuditEvent
from taskbook.documents import actions as document_actions
from taskbook.documents import jobs
from taskbook.documents.actions import request_document
from taskbook.documents.jobs import build_document
from taskbook.documents.models import GeneratedDocument
from taskbook.errors import ActionError
from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan, publish_plan
from taskbook.reporting.models import ReportingCycle
from tests.conftest import make_draft


def test_the_job_is_enqueued_once_the_request_is_committed(
    people, filled, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document = request_document(people.alice, filled.plan, filled.cycle, "pdf", "en")
        # Inside the transaction the row exists but no worker may see a job for it yet.
        assert document.status == "queued" and document.progress == 0
        assert not DBTaskResult.objects.exists()
    assert len(callbacks) == 1
    callbacks[0]()
    job = DBTaskResult.objects.get()
    assert job.task_path == "taskbook.documents.jobs.build_document"
    assert job.args_kwargs["args"] == [document.pk] and job.status == "READY"
    event = AuditEvent.objects.get(action="document.request")
    assert (event.actor, event.after["format"], event.after["cycle_id"]) == (
        people.alice,
        "pdf",
        filled.cycle.pk,
    )


def test_leaders_may_ask_units_may_not(people, filled):
    assert request_document(people.lena, filled.plan, filled.cycle, "xlsx", "en").requested_by == people.lena
    for person in (people.carl, people.sam, people.tina, people.olga):
        with pytest.raises(PermissionDenied):
            request_document(person, filled.plan, filled.cycle, "pdf", "en")
    assert GeneratedDocument.objects.count() == 1


def test_bad_requests_are_refused_and_leave_nothing(people, filled):
    other = publish_plan(SYSTEM, import_plan(SYSTEM, make_draft(title="Another plan (2023-2025)")).plan)
    scheduled = ReportingCycle.objects.filter(plan=filled.plan, status="scheduled").first()
    for args, message in (
        ((filled.plan, filled.cycle, "odt", "en"), "Choose PDF, Word or Excel"),
        ((filled.plan, filled.cycle, "pdf", "fr"), "English or Chinese"),
        ((other, filled.cycle, "pdf", "en"), "another plan"),
        ((filled.plan, scheduled, "pdf", "en"), "not opened yet"),
    ):
        with pytest.raises(ActionError, match=message):
            request_document(people.alice, *args)
    assert not GeneratedDocument.objects.exists() and not AuditEvent.objects.filter(action="document.request")


def test_the_job_builds_the_file_and_records_progress(people, filled, monkeypatch):
    document = request_document(people.alice, filled.plan, filled.cycle, "pdf", "en")
    seen = []
    write = document_actions._write

    def spy(doc, **fields):
        write(doc, **fields)
        stored = GeneratedDocument.objects.get(pk=doc.pk)  # as another process would read it
        seen.append((stored.status, stored.progress))

    monkeypatch.setattr(document_actions, "_write", spy)
    assert build_document.call(document.pk) == "done"
    statuses = [s for s, _p in seen]
    progress = [p for _s, p in seen]
    assert statuses[0] == "running" and statuses[-1] == "done" and set(statuses) == {"running", "done"}
    assert progress == sorted(progress) and progress[-1] == 100 and len(progress) >= 5, progress
    document.refresh_from_db()
    assert document.status == "done" and document.finished_at and not document.error
    with document.file.open("rb") as f:
        assert f.read(5) == b"%PDF-"
    assert document.file.name.startswith("documents/")
    assert AuditEvent.objects.filter(action="document.done", object_id=str(document.pk)).exists()
    # A second run of the same job (a worker retrying) leaves the finished document alone.
    assert build_document.call(document.pk) == "skipped"


def test_the_document_is_in_the_language_it_was_asked_in(people, filled, monkeypatch):
    document = request_document(people.lena, filled.plan, filled.cycle, "xlsx", "zh-hans")
    assert document.language == "zh-hans"
    languages = []
    render = jobs.RENDERERS["xlsx"]

    def spy(content, progress):
        languages.append(translation.get_language())
        return render(content, progress)

    monkeypatch.setitem(jobs.RENDERERS, "xlsx", spy)
    assert translation.get_language() == "en"
    build_document.call(document.pk)
    assert languages == ["zh-hans"] and translation.get_language() == "en"
    document.refresh_from_db()
    with document.file.open("rb") as f:
        assert (
            openpyxl.load_workbook(io.BytesIO(f.read())).worksheets[1].cell(row=4, column=3).value
            == "Task title 1"
        )


def test_a_failing_build_is_recorded_as_failed(people, filled, monkeypatch):
    document = request_document(people.alice, filled.plan, filled.cycle, "docx", "en")

    def broken(content, progress):
        progress(50)
        raise RuntimeError("the font cache is unreadable")

    monkeypatch.setitem(jobs.RENDERERS, "docx", broken)
    assert build_document.call(document.pk) == "failed"
    document.refresh_from_db()
    assert document.status == "failed" and document.finished_at
    assert document.error == "RuntimeError: the font cache is unreadable"
    assert not document.file
    assert AuditEvent.objects.filter(action="document.failed", object_id=str(document.pk)).exists()


def test_a_job_whose_document_is_gone_does_nothing(db):
    assert build_document.call(12345) == "skipped"
