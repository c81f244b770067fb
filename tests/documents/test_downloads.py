"""Download names: the document's readable name in its language in filename* (RFC 5987, UTF-8), an
ASCII fallback in filename (RFC 6266), for every download: task books, the matrix, generated reports."""

from urllib.parse import unquote

import pytest
from django.urls import reverse

from taskbook.documents.actions import request_document
from taskbook.documents.jobs import build_document
from taskbook.orgs.actions import create_unit
from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan, publish_plan
from taskbook.web.downloads import DownloadName, attachment
from tests.conftest import make_draft


def parts(disposition: str) -> dict[str, str]:
    kind, *params = (p.strip() for p in disposition.split(";"))
    assert kind == "attachment"
    named = dict(p.split("=", 1) for p in params)
    assert named["filename"].startswith('"') and named["filename"].endswith('"')
    assert named["filename*"].startswith("UTF-8''")
    return {"fallback": named["filename"][1:-1], "name": unquote(named["filename*"][7:])}


def test_an_english_name_and_its_fallback():
    name = DownloadName.of("Task book, Municipal Bureau of Commerce, 2023–2025", "taskbook-3-szcom", "pdf")
    assert name.content_disposition == (
        'attachment; filename="taskbook-3-szcom.pdf"; '
        "filename*=UTF-8''Task%20book%2C%20Municipal%20Bureau%20of%20Commerce%2C%202023-2025.pdf"
    )


def test_a_chinese_name_is_percent_encoded_with_an_ascii_fallback():
    name = DownloadName.of("深圳市商务局 任务书 2023—2025", "taskbook-3-szcom", "pdf")
    disposition = name.content_disposition
    assert disposition.isascii()  # a header holds no raw UTF-8
    assert parts(disposition) == {
        "fallback": "taskbook-3-szcom.pdf",
        "name": "深圳市商务局 任务书 2023-2025.pdf",
    }


def test_what_a_file_name_cannot_hold_is_replaced():
    name = DownloadName.of('A/B: "quoted"\\ <x>|?*\n' + "长" * 300, "réport 2024/Q1", "xlsx")
    assert name.readable.startswith("A B quoted x 长") and len(name.readable) == 150
    assert name.fallback == "r-port-2024-Q1"
    assert parts(name.content_disposition)["fallback"] == "r-port-2024-Q1.xlsx"


def test_the_response_sends_the_type_and_the_name():
    response = attachment(b"%PDF-", DownloadName.of("任务书", "taskbook-1-1", "pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert parts(response["Content-Disposition"])["name"] == "任务书.pdf"


@pytest.fixture
def finance(people):
    unit = create_unit(
        SYSTEM, name_en="Municipal Bureau of Finance", name_zh="深圳市财政局", short_name="SZFB"
    )
    draft = make_draft(tasks=2, title="Work Plan for Public Finance (2023-2025)")
    draft["sections"][0]["tasks"][0]["lead_units"] = ["Municipal Bureau of Finance"]
    return publish_plan(SYSTEM, import_plan(SYSTEM, draft).plan), unit


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_task_book_is_named_in_the_reader_s_language(client, people, finance, kind):
    plan, unit = finance
    client.force_login(people.alice)
    path = reverse(f"documents:taskbook_{kind}", args=[plan.pk, unit.pk])
    english = parts(client.get(path)["Content-Disposition"])
    assert english == {
        "fallback": f"taskbook-{plan.pk}-szfb.{kind}",
        "name": f"Task book, Municipal Bureau of Finance, 2023-2025.{kind}",
    }
    chinese = parts(client.get(f"/zh-hans{path}")["Content-Disposition"])
    assert chinese == {
        "fallback": f"taskbook-{plan.pk}-szfb.{kind}",
        "name": f"深圳市财政局 任务书 2023-2025.{kind}",
    }


def test_the_matrix_is_named_after_its_plan(client, people, plan):
    client.force_login(people.alice)
    path = reverse("documents:responsibility_xlsx", args=[plan.pk])
    assert parts(client.get(f"/zh-hans{path}")["Content-Disposition"]) == {
        "fallback": f"responsibility-{plan.pk}.xlsx",
        "name": "Work Plan for Testing (2023-2025)责任分工表.xlsx",  # the plan has no Chinese title
    }


def test_a_generated_report_is_named_in_its_own_language(client, people, filled):
    document = request_document(people.alice, filled.plan, filled.cycle, "pdf", "zh-hans")
    build_document.call(document.pk)
    client.force_login(people.alice)
    response = client.get(reverse("documents:download", args=[document.pk]))  # from the English pages
    assert response["Content-Type"] == "application/pdf"
    assert parts(response["Content-Disposition"]) == {
        "fallback": f"progress-report-{filled.plan.pk}-2024-Q1-zh-hans.pdf",
        "name": "实施进展报告：Work Plan for Testing (2023-2025)，2024-Q1.pdf",
    }
