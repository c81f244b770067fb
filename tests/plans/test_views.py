import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taskbook.audit.models import AuditEvent
from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan, publish_plan
from taskbook.plans.models import Plan, PlanImport
from tests.conftest import make_draft

SHORT_PLAN = """Work Plan for Testing Uploads (2024-2026)

1. Opening up

1. Attract foreign investment. By 2026, foreign investment will reach more than US $5 billion. (Lead unit: Municipal Bureau of Commerce; Participating units: Municipal Bureau of Finance, each district)

2. Improve services. Build one window for all services. (Lead unit: Municipal Government Service Data Administration; Participating units: Municipal Bureau of Commerce)
"""


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["plans:detail", "plans:list", "orgs:list", "orgs:detail", "plans:task"])
def test_pages_render_in_a_constant_number_of_queries(client, people, page):
    client.force_login(people.sam)
    figures = []
    for size in (4, 40):
        plan = publish_plan(
            SYSTEM,
            import_plan(SYSTEM, make_draft(tasks=size, sections=4, title=f"Plan of {size} tasks")).plan,
        )
        args = {
            "plans:detail": [plan.pk],
            "orgs:detail": [people.commerce.pk],
            "plans:task": [plan.pk, plan.tasks.last().pk],
        }.get(page, [])
        figures.append(queries(client, reverse(page, args=args)))
    assert figures[0] == figures[1], figures


def test_plan_overview_shows_sections_tasks_units_and_targets(client, people, plan):
    client.force_login(people.lena)
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    for text in (
        "Area 1",
        "Area 2",
        "Safeguards",
        "Task title 1",
        "Task title 4",
        "Municipal Bureau of Commerce",
        "each district",
        "more than 73%",
    ):
        assert text in html, text


def test_document_text_is_escaped(client, people):
    draft = make_draft(title="<script>alert(1)</script> plan")
    draft["sections"][0]["tasks"][0]["title"] = "<b>bold</b> task"
    plan = publish_plan(SYSTEM, import_plan(SYSTEM, draft).plan)
    client.force_login(people.sam)
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<b>bold</b>" not in html


def test_upload_review_save_and_publish(client, people):
    client.force_login(people.alice)
    upload = SimpleUploadedFile("plan.txt", SHORT_PLAN.encode(), content_type="text/plain")
    response = client.post(reverse("plans:import"), {"document": upload})
    staged = PlanImport.objects.get()
    assert response.status_code == 302 and response.url == reverse("plans:review", args=[staged.pk])
    page = client.get(response.url).content.decode()
    assert "Attract foreign investment" in page and "US $5 billion" in page
    # Correct a title, then save and publish.
    post = {
        "revision": "0",
        "title": "Work Plan for Testing Uploads (2024-2026)",
        "t-0-0-title": "Attract more foreign investment",
        "then": "publish",
    }
    response = client.post(reverse("plans:review", args=[staged.pk]), post)
    plan = Plan.objects.get(title="Work Plan for Testing Uploads (2024-2026)")
    assert response.status_code == 302 and response.url == reverse("plans:detail", args=[plan.pk])
    assert plan.status == "published"
    assert plan.tasks.get(number="1").title == "Attract more foreign investment"
    assert plan.source_file and plan.source_sha256
    staged.refresh_from_db()
    assert staged.status == "saved" and staged.plan == plan
    assert (
        AuditEvent.objects.filter(
            actor=people.alice,
            action__in=["plan_import.stage", "plan_import.revise", "plan.import", "plan.published"],
        ).count()
        == 4
    )


def test_a_stale_review_is_refused(client, people):
    client.force_login(people.alice)
    client.post(reverse("plans:import"), {"document": SimpleUploadedFile("p.txt", SHORT_PLAN.encode())})
    staged = PlanImport.objects.get()
    url = reverse("plans:review", args=[staged.pk])
    assert client.post(url, {"revision": "0", "title": "First edit"}).status_code == 302
    response = client.post(url, {"revision": "0", "title": "Second edit"})
    assert response.status_code == 400
    assert "Someone else changed this review" in response.content.decode()
    staged.refresh_from_db()
    assert staged.draft["title"] == "First edit"


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "empty"),
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("truncated.docx", b"PK\x03\x04" + b"\x00" * 50, ""),
        ("truncated.pdf", b"%PDF-1.7\n1 0 obj\n<<", ""),
        ("notasks.txt", b"A letter\n\nDear all, nothing is numbered here.", "task"),
    ],
)
def test_bad_uploads_get_a_400_with_the_reason_and_save_nothing(client, people, name, content, message):
    client.force_login(people.alice)
    response = client.post(reverse("plans:import"), {"document": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in response.content.decode().lower()
    assert PlanImport.objects.count() == 0 and Plan.objects.count() == 1


def test_an_upload_over_the_limit_is_refused_before_reading(client, people, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024  # the setting is the limit of every upload
    client.force_login(people.alice)
    assert "up to 1 MB" in client.get(reverse("plans:import")).content.decode()
    big = SimpleUploadedFile("big.txt", b"a" * (1024 * 1024 + 1))
    response = client.post(reverse("plans:import"), {"document": big})
    assert response.status_code == 400 and "the limit is 1 MB" in response.content.decode()
    assert PlanImport.objects.count() == 0


def test_a_document_larger_than_the_importer_takes_by_default_is_read_when_the_setting_allows(
    people, settings
):
    from taskbook.ingest import MAX_BYTES
    from taskbook.plans.actions import stage_import

    settings.UPLOAD_MAX_BYTES = MAX_BYTES * 2
    padding = "\n" * (MAX_BYTES + 1)
    text = (
        "Work Plan for Padding (2024-2026)\n\n1. Hold a fair. (Lead unit: Municipal Bureau of Commerce)"
        + padding
    )
    staged = stage_import(people.alice, data=text.encode(), filename="padded.txt")
    assert len(staged.draft["sections"][0]["tasks"]) == 1


def test_gb18030_text_is_read(client, people):
    text = "深圳市测试工作方案（2024—2026年）\n\n一、重点任务\n\n（一）优化服务。建设一网通办平台。（牵头单位：市政务服务数据管理局；配合单位：市商务局、各区）\n\n（二）扩大开放。到2026年，实际使用外资达到50亿元以上。（牵头单位：市商务局）\n"
    client.force_login(people.alice)
    response = client.post(
        reverse("plans:import"), {"document": SimpleUploadedFile("gb.txt", text.encode("gb18030"))}
    )
    assert response.status_code == 302
    staged = PlanImport.objects.get()
    assert staged.language == "zh"
    assert "优化服务" in client.get(response.url).content.decode()


def test_discard(client, people):
    client.force_login(people.alice)
    client.post(reverse("plans:import"), {"document": SimpleUploadedFile("p.txt", SHORT_PLAN.encode())})
    staged = PlanImport.objects.get()
    assert client.post(reverse("plans:discard", args=[staged.pk])).status_code == 302
    staged.refresh_from_db()
    assert staged.status == "discarded"
    assert client.post(reverse("plans:discard", args=[staged.pk])).status_code == 400


def test_language_switch_serves_chinese(client, people, plan):
    client.force_login(people.sam)
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    html = client.get("/zh-hans/plans/").content.decode()
    assert 'lang="zh-hans"' in html
    assert "工作方案" in html or "方案" in html
