"""The pages: a plan's cycles and documents, a document's status while it is built, the download."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taskbook.documents.actions import request_document
from taskbook.documents.jobs import build_document
from taskbook.documents.models import GeneratedDocument
from taskbook.orgs.actors import SYSTEM
from taskbook.reporting.actions import open_cycle
from taskbook.reporting.models import ReportingCycle


def _queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries), response.content.decode()


def test_the_plan_page_lists_cycles_and_documents_in_the_same_queries_at_any_size(client, people, filled):
    client.force_login(people.lena)
    url = reverse("documents:plan", args=[filled.plan.pk])
    request_document(people.alice, filled.plan, filled.cycle, "pdf", "en")
    small, html = _queries(client, url)
    assert "2024-Q1" in html and 'name="format" value="docx"' in html and "Queued" not in html
    for cycle in ReportingCycle.objects.filter(plan=filled.plan, status="scheduled")[:3]:
        open_cycle(SYSTEM, cycle)
    cycle = ReportingCycle.objects.get(pk=filled.cycle.pk)
    for kind in ("pdf", "docx", "xlsx") * 3:
        request_document(people.lena, filled.plan, cycle, kind, "zh-hans")
    large, html = _queries(client, url)
    assert small == large, (small, large)
    assert html.count("<tr>") >= 4 + 10  # four cycles, ten documents
    assert "中文" in html and people.lena.get_username() in html.lower()


def test_generating_from_the_page(client, people, filled, django_capture_on_commit_callbacks):
    client.force_login(people.alice)
    url = reverse("documents:generate", args=[filled.plan.pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(f"/zh-hans{url}", {"cycle": filled.cycle.pk, "format": "docx"})
    document = GeneratedDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/zh-hans/documents/{document.pk}/"
    assert (document.format, document.language, document.requested_by) == ("docx", "zh-hans", people.alice)
    assert len(callbacks) == 1  # the job, enqueued after the commit


@pytest.mark.parametrize(
    "data,message",
    [
        ({"format": "pdf"}, "Choose one of the plan"),
        ({"cycle": "x", "format": "pdf"}, "Choose one of the plan"),
        ({"cycle": "0", "format": "pdf"}, "Choose one of the plan"),
        ({"cycle": "CYCLE", "format": "odt"}, "Choose PDF, Word or Excel"),
    ],
)
def test_bad_requests_get_a_400_and_save_nothing(client, people, filled, data, message):
    client.force_login(people.alice)
    data = {k: filled.cycle.pk if v == "CYCLE" else v for k, v in data.items()}
    response = client.post(reverse("documents:generate", args=[filled.plan.pk]), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not GeneratedDocument.objects.exists()


def test_the_status_page_polls_while_the_document_is_built(client, people, filled):
    client.force_login(people.alice)
    document = request_document(people.alice, filled.plan, filled.cycle, "xlsx", "en")
    GeneratedDocument.objects.filter(pk=document.pk).update(status="running", progress=45)
    html = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    status_url = reverse("documents:status", args=[document.pk])
    assert f'hx-get="{status_url}"' in html and 'hx-trigger="every 1s"' in html
    assert 'value="45"' in html and "45% done" in html
    assert (
        f'href="{reverse("documents:detail", args=[document.pk])}"' in html
    )  # a refresh link without scripts
    assert "Implementation progress report, Work Plan for Testing (2023-2025), 2024-Q1" in html
    fragment = client.get(status_url)
    assert fragment.status_code == 200 and "<html" not in fragment.content.decode()
    assert fragment["Cache-Control"].startswith("max-age=0")

    # A second job finds it being built and leaves it; the queued row's own job builds it.
    assert build_document.call(document.pk) == "skipped"
    GeneratedDocument.objects.filter(pk=document.pk).update(status="queued", progress=0)
    assert build_document.call(document.pk) == "done"
    html = client.get(status_url).content.decode()
    assert "hx-get" not in html  # finished: the polling stops
    assert reverse("documents:download", args=[document.pk]) in html


def test_a_failed_document_says_why_and_offers_another_try(client, people, filled):
    client.force_login(people.alice)
    document = request_document(people.alice, filled.plan, filled.cycle, "pdf", "en")
    GeneratedDocument.objects.filter(pk=document.pk).update(status="failed", error="RuntimeError: no fonts")
    html = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "could not be generated" in html and "RuntimeError: no fonts" in html and "Try again" in html
    assert "hx-get" not in html


def test_download(client, people, filled):
    client.force_login(people.lena)
    document = request_document(people.alice, filled.plan, filled.cycle, "xlsx", "en")
    url = reverse("documents:download", args=[document.pk])
    assert client.get(url).status_code == 404  # not built yet
    build_document.call(document.pk)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == (
        f'attachment; filename="progress-report-{filled.plan.pk}-2024-Q1-en.xlsx"; '
        "filename*=UTF-8''Implementation%20progress%20report%2C%20Work%20Plan%20for%20Testing%20"
        "%282023-2025%29%2C%202024-Q1.xlsx"
    )
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["Summary", "Tasks", "Targets", "Overdue"]
    client.force_login(people.carl)
    assert client.get(url).status_code == 403
