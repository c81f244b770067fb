import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taskbook.audit.models import AuditEvent
from taskbook.orgs.actors import SYSTEM
from taskbook.taskbooks.actions import approve_taskbook, request_measure_change, submit_taskbook, taskbook_for
from taskbook.taskbooks.models import ChangeRequest, Measure
from tests.conftest import add_measures


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["taskbook", "measure", "task_plan", "list", "changes", "audit", "history"])
def test_pages_render_in_a_constant_number_of_queries(client, people, plan, workplan, page):
    client.force_login(people.alice)
    measure = workplan.measures[0]
    urls = {
        "taskbook": reverse("taskbooks:taskbook", args=[plan.pk, people.commerce.pk]),
        "measure": reverse("taskbooks:measure", args=[measure.pk]),
        "task_plan": reverse("taskbooks:task_plan", args=[measure.task_id]),
        "list": reverse("taskbooks:list"),
        "changes": reverse("taskbooks:changes"),
        "audit": reverse("audit:list"),
        "history": reverse("audit:history", args=["taskbooks.measure", measure.pk]),
    }
    # Every list holds something at the first size too: an empty page skips its row query.
    request_measure_change(
        SYSTEM,
        workplan.measures[1],
        "due_date",
        workplan.measures[1].due_date + datetime.timedelta(days=3),
        "later",
    )
    small = count_queries(client, urls[page])
    more = add_measures(plan, people.commerce, workplan.contacts["commerce"], 20)
    for m in more[:5]:
        request_measure_change(SYSTEM, m, "due_date", m.due_date + datetime.timedelta(days=3), "later")
    assert count_queries(client, urls[page]) == small


def test_staff_add_a_measure_through_the_form(client, people, plan, workplan):
    client.force_login(people.sam)
    task = plan.tasks.get(number="1")
    url = reverse("taskbooks:measure_new", args=[task.pk, people.commerce.pk])
    form = {
        "title": "Open a one-stop desk",
        "responsible": workplan.contacts["commerce"].pk,
        "start_date": "2024-03-01",
        "due_date": "2024-02-01",
        "weight": "1",
    }
    response = client.post(url, form)
    assert response.status_code == 400 and "before the start" in response.content.decode()
    assert not Measure.objects.filter(title="Open a one-stop desk").exists()
    form["responsible"] = workplan.contacts["tech"].pk  # a person of another unit is not offered
    form["due_date"] = "2024-09-30"
    assert client.post(url, form).status_code == 400
    form["responsible"] = workplan.contacts["commerce"].pk
    response = client.post(url, form)
    measure = Measure.objects.get(title="Open a one-stop desk")
    assert response.status_code == 302 and response.url == reverse("taskbooks:measure", args=[measure.pk])


def test_concurrent_edit_shows_both_versions(client, people, workplan):
    measure = workplan.measures[0]
    client.force_login(people.sam)
    url = reverse("taskbooks:measure_edit", args=[measure.pk])
    base = {
        "title": measure.title,
        "responsible": measure.responsible_id,
        "start_date": str(measure.start_date),
        "due_date": str(measure.due_date),
        "weight": "1",
        "version": str(measure.version),
    }
    assert client.post(url, base | {"title": "First save"}).status_code == 302
    response = client.post(url, base | {"title": "Second save"})
    html = response.content.decode()
    assert response.status_code == 409
    assert "First save" in html and "Second save" in html  # theirs beside yours
    measure.refresh_from_db()
    assert measure.title == "First save"


def test_submit_return_approve_and_change_request_through_pages(client, people, plan, workplan):
    tb = reverse("taskbooks:taskbook", args=[plan.pk, people.commerce.pk])
    client.force_login(people.carl)
    assert client.post(reverse("taskbooks:submit", args=[plan.pk, people.commerce.pk])).status_code == 302
    client.force_login(people.alice)
    response = client.post(
        reverse("taskbooks:return", args=[plan.pk, people.commerce.pk]),
        {"comment": "Name a deputy for each measure"},
    )
    assert response.status_code == 302
    client.force_login(people.sam)
    assert "Name a deputy for each measure" in client.get(tb).content.decode()
    client.force_login(people.carl)
    client.post(reverse("taskbooks:submit", args=[plan.pk, people.commerce.pk]))
    client.force_login(people.alice)
    client.post(reverse("taskbooks:approve", args=[plan.pk, people.commerce.pk]))
    assert taskbook_for(plan, people.commerce).status == "approved"

    measure = Measure.objects.get(pk=workplan.measures[0].pk)
    client.force_login(people.sam)
    edit = {
        "title": measure.title,
        "responsible": measure.responsible_id,
        "start_date": str(measure.start_date),
        "due_date": str(measure.due_date + datetime.timedelta(days=20)),
        "weight": "1",
        "version": str(measure.version),
        "reason": "The consultation took longer",
    }
    assert client.post(reverse("taskbooks:measure_edit", args=[measure.pk]), edit).status_code == 302
    change = ChangeRequest.objects.get()
    client.force_login(people.alice)
    assert "The consultation took longer" in client.get(reverse("taskbooks:changes")).content.decode()
    client.post(reverse("taskbooks:change_decide", args=[change.pk]), {"decision": "approve"})
    page = client.get(tb).content.decode()
    assert "20 d" in page  # slippage beside the baseline


def test_evidence_is_served_only_to_those_who_may_see_it(client, people, workplan):
    milestone, other = workplan.measures[0].milestones.all()
    client.force_login(people.sam)
    upload = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
    response = client.post(
        reverse("taskbooks:milestone_done", args=[milestone.pk]),
        {"done_on": "2024-02-01", "evidence": upload},
    )
    assert response.status_code == 302
    url = reverse("taskbooks:milestone_evidence", args=[milestone.pk])
    assert client.get(url).status_code == 200
    client.force_login(people.olga)
    assert client.get(url).status_code == 404
    bad = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" + bytes(64))
    client.force_login(people.sam)
    response = client.post(
        reverse("taskbooks:milestone_done", args=[other.pk]),
        {"done_on": "2024-02-01", "evidence": bad},
    )
    assert response.status_code == 400


def test_audit_csv_export_and_filters(client, people, plan, workplan):
    submit_taskbook(people.carl, taskbook_for(plan, people.commerce))
    approve_taskbook(people.alice, taskbook_for(plan, people.commerce))
    client.force_login(people.alice)
    response = client.get(reverse("audit:csv"), {"action": "taskbook."})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].startswith("time,actor,action")
    assert len(lines) == 1 + AuditEvent.objects.filter(action__startswith="taskbook.").count() == 3
    assert "carl" in body and "taskbook.approved" in body
    page = client.get(reverse("audit:list"), {"actor": "carl"}).content.decode()
    assert "taskbook.submitted" in page and "measure.create" not in page
