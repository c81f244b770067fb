"""The reporting loop through the API: cycles, reports, assessments, as each role reads them.

The cycle is the documents tests' (tests/documents/conftest.py), read as of its TODAY (1 June 2024):
task 1 (Commerce) accepted, self-rated green and rated amber-red; task 2 (Technology) returned; task 3
(Commerce) still a draft; task 4 (Technology) submitted and rated green. Commerce leads 1 and 3 and joins
2 and 4, so sam reads all four; the Port Office holds no task and reads none.
"""

import pytest
from django.utils import timezone

from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan, publish_plan
from taskbook.reporting.actions import add_evidence, assess, open_cycle, set_calendar
from taskbook.reporting.models import ProgressReport
from tests.api.helpers import answer, first_error, ids, queries
from tests.conftest import make_draft
from tests.documents.conftest import TODAY, fill_cycle


@pytest.fixture
def filled(people, plan, workplan, reporting, monkeypatch):
    cycle = fill_cycle(people, plan, reporting)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return cycle


def pks(filled, *numbers: str) -> list[int]:
    return [filled.reports[n].pk for n in numbers]


def test_reports_as_each_role_reads_them(client, people, filled):
    everything = sorted(pks(filled, "1", "2", "3", "4"))
    for person in (people.alice, people.lena, people.carl, people.sam, people.tina):
        client.force_login(person)
        assert sorted(ids(client, "/api/reports/")) == everything, person
    for person in (people.pete, people.paula, people.olga):  # another unit's, and nobody's
        client.force_login(person)
        assert ids(client, "/api/reports/") == []
        answer(client, f"/api/reports/{filled.reports['1'].pk}", 404)
    answer(client, f"/api/reports/?plan={filled.plan.pk}", 404)  # olga does not see the plan


def test_a_report_with_its_contributions_self_rating_and_assessment(client, people, filled):
    client.force_login(people.sam)
    report = answer(client, f"/api/reports/{filled.reports['1'].pk}")
    assert (report["status"], report["percent"], report["self_rating"]) == ("accepted", "55.0", "green")
    assert report["self_rationale"] == "All measures on schedule."
    assert report["task"]["number"] == "1" and report["unit"]["id"] == people.commerce.pk
    assert report["cycle"] == {
        "id": filled.cycle.pk,
        "plan_id": filled.plan.pk,
        "label": "2024-Q1",
        "due_on": "2024-04-15",
    }
    assert report["on_time"] is True and report["overdue"] is False
    contributions = {c["unit"]["name"]: c for c in report["contributions"]}
    assert contributions[people.tech.name_en]["narrative"] == "Two matchmaking events held."
    assert contributions[people.tech.name_en]["submitted_at"] is not None
    assert contributions["each district"]["submitted_at"] is None
    assert contributions["each district"]["overdue"] is False  # the report is no longer the unit's
    assert report["assessment"]["rating"] == "amber_red"
    assert report["assessment"]["rationale"] == "The desk depends on a late budget."
    assert report["divergent"] is True  # green against amber-red: two levels apart
    assert [(a["field"], a["old_value"], a["new_value"]) for a in report["amendments"]] == [
        ("percent", "20.0", "55")  # the roll-up of its measures, corrected
    ]
    assert answer(client, f"/api/reports/{filled.reports['4'].pk}")["divergent"] is False
    draft = answer(client, f"/api/reports/{filled.reports['3'].pk}")
    assert (draft["assessment"], draft["overdue"], draft["on_time"]) == (None, True, None)


def test_evidence_is_linked_to_its_download(client, people, filled):
    add_evidence(SYSTEM, filled.reports["3"], data=b"%PDF-1.4\n%%EOF", name="minutes.pdf")
    client.force_login(people.carl)
    (evidence,) = answer(client, f"/api/reports/{filled.reports['3'].pk}")["evidence"]
    assert evidence["name"] == "minutes.pdf"
    assert client.get(evidence["download"]).status_code == 200


def test_filters_of_the_report_list(client, people, filled):
    client.force_login(people.alice)
    plan, cycle = filled.plan.pk, filled.cycle.pk
    assert sorted(ids(client, f"/api/reports/?unit={people.commerce.pk}")) == pks(filled, "1", "3")
    assert ids(client, "/api/reports/?status=returned") == pks(filled, "2")
    overdue = sorted(ProgressReport.objects.overdue(TODAY).values_list("pk", flat=True))
    assert overdue == pks(filled, "2", "3")  # returned and still a draft, after 15 April
    assert sorted(ids(client, f"/api/reports/?plan={plan}&overdue=true")) == overdue
    assert sorted(ids(client, f"/api/reports/?cycle={cycle}&overdue=false")) == pks(filled, "1", "4")
    assert ids(client, f"/api/reports/?cycle={cycle}&unit={people.tech.pk}&status=submitted") == pks(
        filled, "4"
    )
    later = filled.plan.cycles.get(label="2024-Q2").pk
    assert ids(client, f"/api/reports/?cycle={later}") == []
    page = answer(client, f"/api/reports/?cycle={cycle}&limit=3&offset=2")
    assert page["count"] == 4 and [r["task"]["number"] for r in page["items"]] == ["3", "4"]


@pytest.mark.parametrize(
    "query,message",
    [
        ("overdue=maybe", "overdue must be true or false."),
        ("status=late", "status must be one of 'draft', 'submitted', 'returned' or 'accepted'."),
        ("unit=commerce", "unit must be a whole number."),
        ("limit=1e20", "limit must be a whole number."),
    ],
)
def test_a_filter_that_does_not_parse_is_named(client, people, filled, query, message):
    client.force_login(people.sam)
    assert first_error(client, f"/api/reports/?{query}") == message


def test_a_filter_that_names_nothing_is_404(client, people, filled):
    client.force_login(people.sam)
    assert answer(client, "/api/reports/?plan=999", 404) == {"detail": "There is no plan 999."}
    in_chinese = client.get("/api/reports/?plan=999", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert in_chinese == {"detail": "没有编号为 999 的工作方案。"}
    assert answer(client, "/api/reports/?cycle=999", 404) == {"detail": "There is no reporting cycle 999."}
    assert answer(client, "/api/reports/?unit=999", 404) == {"detail": "There is no unit 999."}
    draft = import_plan(SYSTEM, make_draft(title="Unpublished (2024-2026)")).plan
    assert answer(client, f"/api/reports/?plan={draft.pk}", 404) == {
        "detail": f"There is no plan {draft.pk}."
    }


def test_cycles_count_the_reports_the_reader_sees(client, people, filled):
    client.force_login(people.sam)
    cycles = answer(client, f"/api/cycles/?plan={filled.plan.pk}")
    assert cycles["count"] == 12  # quarterly over 2023-2025
    assert cycles["items"][0]["label"] == "2025-Q4"  # the latest period first
    (opened,) = answer(client, f"/api/cycles/?plan={filled.plan.pk}&status=open")["items"]
    assert opened["reports"] == {
        "total": 4,
        "draft": 1,
        "submitted": 1,
        "returned": 1,
        "accepted": 1,
        "overdue": 2,
    }
    assert answer(client, f"/api/cycles/{filled.cycle.pk}")["reports"] == opened["reports"]
    assert (opened["due_on"], opened["status"]) == ("2024-04-15", "open")
    client.force_login(people.pete)  # sees the plan and its calendar, none of its reports
    assert answer(client, f"/api/cycles/{filled.cycle.pk}")["reports"]["total"] == 0
    assert first_error(client, "/api/cycles/?status=late") == (
        "status must be one of 'scheduled', 'open' or 'closed'."
    )


def test_assessments_for_those_who_follow_the_task(client, people, filled):
    client.force_login(people.sam)
    rated = answer(client, f"/api/assessments/?plan={filled.plan.pk}")["items"]
    assert [(a["task"]["number"], a["rating"]) for a in rated] == [("1", "amber_red"), ("4", "green")]
    task4 = filled.plan.tasks.get(number="4").pk
    assert [a["rating"] for a in answer(client, f"/api/assessments/?task={task4}")["items"]] == ["green"]
    assert answer(client, "/api/assessments/?rating=red")["items"] == []
    assert answer(client, "/api/assessments/?task=999", 404) == {"detail": "There is no task 999."}
    client.force_login(people.pete)
    assert answer(client, "/api/assessments/")["items"] == []


def _grow(people, filled) -> None:
    """Another plan with two open cycles, more evidence and ratings: every list and the report hold more."""
    other = publish_plan(SYSTEM, import_plan(SYSTEM, make_draft(tasks=12, sections=3, title="More")).plan)
    set_calendar(SYSTEM, other, frequency="quarterly")
    for cycle in other.cycles.order_by("period_start")[4:6]:
        for report in open_cycle(SYSTEM, cycle):
            assess(SYSTEM, report.task, cycle, rating="red", rationale="Late.")
    for n in range(3):
        add_evidence(SYSTEM, filled.reports["1"], data=b"%PDF-1.4\n%%EOF", name=f"annex-{n}.pdf")


def test_lists_and_a_report_take_a_constant_number_of_queries(client, people, filled):
    client.force_login(people.sam)
    urls = [
        "/api/reports/",
        f"/api/reports/?plan={filled.plan.pk}&overdue=true",
        "/api/cycles/",
        "/api/assessments/",
        f"/api/reports/{filled.reports['1'].pk}",
    ]
    small = [queries(client, url) for url in urls]
    _grow(people, filled)
    assert answer(client, "/api/reports/")["count"] > 20
    assert [queries(client, url) for url in urls] == small
