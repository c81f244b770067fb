"""The audit log through the API: the whole log for the office and leaders, filtered as its page filters
it; one object's history for whoever may see the object; no secret in either."""

import datetime

from django.utils import timezone

from taskbook.audit.models import AuditEvent
from taskbook.notifications.actions import create_webhook
from taskbook.orgs.actors import SYSTEM
from taskbook.taskbooks.actions import delete_measure, request_measure_change
from taskbook.timetables.actions import create_feed
from tests.api.helpers import answer, first_error, ids, queries
from tests.conftest import add_measures


def test_the_log_is_for_the_office_and_leaders(client, people, plan, workplan):
    for person in (people.alice, people.lena):
        client.force_login(person)
        assert answer(client, "/api/audit/")["count"] == AuditEvent.objects.visible_to(person).count()
    # The leader reads the log but not the sign-in records of people's accounts: those are the office's.
    assert AuditEvent.objects.visible_to(people.lena).filter(action__startswith="signin.").count() == 0
    assert AuditEvent.objects.visible_to(people.alice).filter(action__startswith="signin.").count() == 2
    for person in (people.carl, people.sam, people.pete, people.olga):
        client.force_login(person)
        assert answer(client, "/api/audit/", 403) == {
            "detail": "The audit log is for the coordinating office and leaders."
        }


def test_an_event_with_its_values_before_and_after(client, people, plan, workplan):
    measure = workplan.measures[0]
    request_measure_change(people.sam, measure, "due_date", datetime.date(2024, 6, 30), "Waiting for data")
    client.force_login(people.lena)
    (event,) = answer(client, "/api/audit/?action=change_request.")["items"]
    assert (event["actor"], event["action"], event["action_label"]) == (
        "sam",
        "change_request.create",
        "change requested",
    )
    assert event["object_type"] == "taskbooks.changerequest"
    assert event["after"]["new_value"] == "2024-06-30"


def test_filters_as_on_the_page(client, people, plan, workplan):
    client.force_login(people.alice)
    measures = AuditEvent.objects.filter(action__startswith="measure.")
    assert sorted(ids(client, "/api/audit/?action=measure.&limit=500")) == sorted(
        measures.values_list("pk", flat=True)
    )
    assert ids(client, "/api/audit/?actor=nobody") == []
    assert (
        len(ids(client, "/api/audit/?actor=SYST&limit=500"))
        == AuditEvent.objects.filter(actor_name="system").count()
    )
    typed = ids(client, "/api/audit/?object_type=taskbooks.milestone&limit=500")
    assert len(typed) == len(workplan.milestones)
    assert ids(client, "/api/audit/?q=measure 2&object_type=taskbooks.measure") == list(
        AuditEvent.objects.filter(
            object_type="taskbooks.measure", object_repr__icontains="measure 2"
        ).values_list("pk", flat=True)
    )
    today = timezone.localdate().isoformat()
    assert answer(client, f"/api/audit/?since={today}&until={today}")["count"] == AuditEvent.objects.count()
    assert answer(client, "/api/audit/?until=2020-01-01")["count"] == 0


def test_bad_filters_are_refused_with_their_reason(client, people, plan):
    client.force_login(people.alice)
    assert first_error(client, "/api/audit/?since=yesterday") == (
        "since must be a date written YYYY-MM-DD, for example 2024-05-31."
    )
    assert answer(client, "/api/audit/?since=2024-06-01&until=2024-05-01", 400)["detail"] == (
        "“since” is after “until”: give the earlier day first."
    )
    assert (
        first_error(client, "/api/audit/?action=" + "x" * 65) == "action must be at most 64 characters long."
    )


def test_an_objects_history_for_whoever_may_see_it(client, people, plan, workplan):
    measure = workplan.measures[0]  # Commerce's
    url = f"/api/audit/taskbooks.measure/{measure.pk}"
    for person in (people.sam, people.carl, people.lena, people.alice):
        client.force_login(person)
        assert [e["action"] for e in answer(client, url)["items"]] == ["measure.create"]
    for person in (people.pete, people.paula, people.olga):
        client.force_login(person)
        answer(client, url, 404)
    client.force_login(people.sam)
    answer(client, "/api/audit/taskbooks.measure/abc", 404)
    answer(client, "/api/audit/nothing.here/1", 404)


def test_the_coordinator_reads_the_history_of_what_is_gone(client, people, plan, workplan):
    measure = workplan.measures[1]
    url = f"/api/audit/taskbooks.measure/{measure.pk}"
    delete_measure(SYSTEM, measure)
    client.force_login(people.alice)
    assert [e["action"] for e in answer(client, url)["items"]] == ["measure.delete", "measure.create"]
    client.force_login(people.sam)
    answer(client, url, 404)


def test_no_secret_reaches_the_log(client, people, plan):
    hook = create_webhook(
        people.alice,
        name="Office",
        kind="wecom",
        url="https://qyapi.weixin.qq.com/send?key=the-robots-key",
        unit=None,
    )
    feed = create_feed(people.carl, unit=people.commerce)
    client.force_login(people.alice)
    raw = client.get("/api/audit/?limit=500").content.decode()
    assert "the-robots-key" not in raw and hook.url not in raw
    assert feed.token not in raw


def test_lists_take_a_constant_number_of_queries(client, people, plan, workplan):
    client.force_login(people.alice)
    measure = workplan.measures[0]
    urls = ["/api/audit/", f"/api/audit/taskbooks.measure/{measure.pk}"]
    small = [queries(client, url) for url in urls]
    add_measures(plan, people.commerce, workplan.contacts["commerce"], 20)
    for day in range(5):
        request_measure_change(SYSTEM, measure, "due_date", datetime.date(2024, 6, 1 + day), "Again")
    assert answer(client, "/api/audit/")["count"] > 80
    assert [queries(client, url) for url in urls] == small
