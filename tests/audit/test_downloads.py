"""Downloads and exports are audit events (finding 8b): who took which file, of which record."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taskbook.audit.models import AuditEvent
from taskbook.orgs.actors import SYSTEM
from taskbook.reporting.actions import add_evidence


def _last(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).latest("id")


def test_a_document_made_at_once_is_recorded_with_its_unit(client, people, plan, workplan):
    client.force_login(people.sam)
    url = reverse("documents:taskbook_docx", args=[plan.pk, people.commerce.pk])
    assert client.get(url).status_code == 200
    event = _last("document.download")
    assert event.actor_name == "sam" and event.object_type == "plans.plan" and event.object_id == str(plan.pk)
    assert event.after["unit"] == people.commerce.pk and event.after["file"].endswith(".docx")


def test_the_matrix_and_the_bulk_export_are_recorded(client, people, plan, workplan):
    client.force_login(people.alice)
    xlsx = reverse("documents:responsibility_xlsx", args=[plan.pk])
    assert client.get(xlsx, {"unit": people.commerce.pk}).status_code == 200
    assert _last("document.download").after["units"] == [people.commerce.pk]
    export = reverse("bulk:export_csv", args=[plan.pk, people.commerce.pk])
    assert client.get(export).status_code == 200
    event = _last("export.download")
    assert event.after["file"].endswith(".csv") and event.after["rows"] == 9  # 3 measures, 6 milestones


def test_evidence_downloads_are_recorded(client, people, plan, workplan, reporting):
    report = reporting.reports["1"]
    evidence = add_evidence(SYSTEM, report, data=b"%PDF-1.4\n%%EOF", name="minutes.pdf")
    client.force_login(people.lena)
    assert client.get(reverse("reporting:evidence_download", args=[evidence.pk])).status_code == 200
    event = _last("evidence.download")
    assert (event.actor_name, event.object_type, event.after) == (
        "lena",
        "reporting.evidence",
        {"file": "minutes.pdf"},
    )

    milestone = workplan.measures[0].milestones.first()
    client.force_login(people.sam)
    upload = SimpleUploadedFile("proof.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
    client.post(
        reverse("taskbooks:milestone_done", args=[milestone.pk]),
        {"done_on": "2024-02-01", "evidence": upload},
    )
    assert client.get(reverse("taskbooks:milestone_evidence", args=[milestone.pk])).status_code == 200
    assert _last("evidence.download").object_type == "taskbooks.milestone"


def test_a_refused_download_records_nothing(client, people, plan, workplan):
    client.force_login(people.pete)  # another unit's staff
    url = reverse("documents:taskbook_docx", args=[plan.pk, people.commerce.pk])
    assert client.get(url).status_code in (403, 404)
    assert not AuditEvent.objects.filter(action="document.download").exists()


def test_the_audit_logs_export_is_recorded_with_its_filters(client, people, workplan):
    client.force_login(people.lena)
    response = client.get(reverse("audit:csv"), {"action": "measure"})
    b"".join(response.streaming_content)
    event = _last("audit.export")
    assert event.object_type == "" and event.after == {
        "file": "audit-events.csv",
        "filters": {"action": "measure"},
    }
    client.force_login(people.alice)  # an event about no one record: the coordinator's alone
    page = client.get(reverse("audit:list")).content.decode()
    assert "audit log exported" in page
