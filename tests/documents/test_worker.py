"""A document requested on a page is built by a real worker process (`taskbook worker --batch`)."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from taskbook.documents.models import GeneratedDocument
from tests.documents.conftest import fill_cycle
from tests.notifications.test_worker import _run_worker


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_builds_the_requested_document(client, people, plan, workplan, reporting, tmp_path):
    filled = fill_cycle(people, plan, reporting)
    client.force_login(people.lena)
    response = client.post(
        reverse("documents:generate", args=[plan.pk]), {"cycle": filled.cycle.pk, "format": "xlsx"}
    )
    document = GeneratedDocument.objects.get()
    assert response.status_code == 302 and document.status == "queued"
    job = DBTaskResult.objects.get()  # enqueued once the request's transaction committed

    done = _run_worker(tmp_path)
    assert done.returncode == 0, done.stderr
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL" and job.return_value == "done", job.traceback
    document.refresh_from_db()
    assert (document.status, document.progress, document.error) == ("done", 100, "")
    assert document.file.name.startswith("documents/") and document.file.name.endswith(".xlsx")
