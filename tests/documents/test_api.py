"""Generated documents through the API: their status and progress while the worker builds them, for the
coordinator and leaders; 403 for a unit, 404 for a plan the reader does not see."""

import pytest

from taskbook.documents.actions import request_document
from taskbook.documents.jobs import build_document
from taskbook.documents.models import GeneratedDocument
from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan
from taskbook.reporting.actions import open_cycle
from taskbook.reporting.models import ReportingCycle
from tests.api.helpers import answer, first_error, ids, queries
from tests.conftest import make_draft


@pytest.fixture
def cycle(reporting) -> ReportingCycle:
    return ReportingCycle.objects.get(pk=reporting.cycle.pk)  # open now


def test_a_document_from_the_request_to_its_file(client, people, plan, cycle):
    document = request_document(people.lena, plan, cycle, "xlsx", "en")
    client.force_login(people.lena)
    queued = answer(client, f"/api/documents/{document.pk}")
    assert (queued["status"], queued["progress"], queued["download"]) == ("queued", 0, None)
    assert queued["cycle"]["label"] == "2024-Q1" and queued["format"] == "xlsx"
    build_document.call(document.pk)
    response = client.get(f"/api/documents/{document.pk}")
    assert "no-store" in response["Cache-Control"]  # polled: every answer fresh, no shared copy
    done = response.json()
    assert (done["status"], done["status_label"], done["progress"]) == ("done", "ready", 100)
    assert done["finished_at"] is not None
    assert client.get(done["download"]).status_code == 200


def test_a_failed_document_says_why(client, people, plan, cycle):
    document = request_document(SYSTEM, plan, cycle, "pdf", "en")
    GeneratedDocument.objects.filter(pk=document.pk).update(status="failed", error="The font is missing.")
    client.force_login(people.alice)
    failed = answer(client, f"/api/documents/{document.pk}")
    assert (failed["status"], failed["error"], failed["download"]) == ("failed", "The font is missing.", None)


def test_who_may_have_the_documents(client, people, plan, cycle):
    document = request_document(SYSTEM, plan, cycle, "xlsx", "en")
    for person in (people.alice, people.lena):
        client.force_login(person)
        assert ids(client, f"/api/documents/?plan={plan.pk}") == [document.pk]
        assert ids(client, "/api/documents/") == [document.pk]
    for person in (people.carl, people.sam, people.pete):  # units: the document holds every unit's reports
        client.force_login(person)
        for url in (f"/api/documents/?plan={plan.pk}", "/api/documents/", f"/api/documents/{document.pk}"):
            assert answer(client, url, 403) == {
                "detail": "Only the coordinator and leaders have implementation progress reports."
            }
    client.force_login(people.olga)  # sees no plan at all
    assert answer(client, f"/api/documents/?plan={plan.pk}", 404) == {
        "detail": f"There is no plan {plan.pk}."
    }
    answer(client, f"/api/documents/{document.pk}", 404)


def test_a_draft_plans_documents_are_the_coordinators(client, people, plan, cycle):
    draft = import_plan(SYSTEM, make_draft(title="Draft (2024-2026)")).plan
    client.force_login(people.lena)
    answer(client, f"/api/documents/?plan={draft.pk}", 404)


def test_filters_of_the_list(client, people, plan, cycle):
    done = request_document(SYSTEM, plan, cycle, "xlsx", "en")
    build_document.call(done.pk)
    queued = request_document(SYSTEM, plan, cycle, "docx", "zh-hans")
    client.force_login(people.alice)
    assert ids(client, "/api/documents/?status=queued") == [queued.pk]
    assert ids(client, f"/api/documents/?cycle={cycle.pk}") == [queued.pk, done.pk]  # newest first
    assert first_error(client, "/api/documents/?status=lost").startswith("status must be one of 'queued'")
    assert answer(client, "/api/documents/?cycle=999", 404) == {"detail": "There is no reporting cycle 999."}


def test_the_list_takes_a_constant_number_of_queries(client, people, plan, cycle):
    request_document(SYSTEM, plan, cycle, "xlsx", "en")
    client.force_login(people.lena)
    small = queries(client, "/api/documents/")
    later = plan.cycles.order_by("period_start")[5]
    open_cycle(SYSTEM, later)
    later.refresh_from_db()
    for n in range(8):
        request_document(SYSTEM, plan, later if n % 2 else cycle, "pdf", "en")
    assert answer(client, "/api/documents/")["count"] == 9
    assert queries(client, "/api/documents/") == small
