"""Each object's history tab obeys the object's own read rule, whatever the model."""

import datetime

from django.urls import reverse

from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan
from taskbook.taskbooks.actions import request_measure_change
from tests.conftest import make_draft


def _history(client, obj) -> int:
    return client.get(reverse("audit:history", args=[obj._meta.label_lower, obj.pk])).status_code


def test_a_draft_plans_history_is_the_coordinators_alone(client, people):
    draft = import_plan(SYSTEM, make_draft(title="A draft plan (2024-2026)")).plan
    for who, status in (("lena", 404), ("sam", 404), ("alice", 200)):
        client.force_login(getattr(people, who))
        assert _history(client, draft) == status, who


def test_a_change_requests_history_is_shown_to_the_unit_and_not_to_another(client, people, workplan):
    measure = workplan.measures[0]  # Commerce's
    change = request_measure_change(
        people.sam, measure, "due_date", measure.due_date + datetime.timedelta(days=5), "Waiting for data"
    )
    for who, status in (("sam", 200), ("carl", 200), ("lena", 200), ("pete", 404), ("olga", 404)):
        client.force_login(getattr(people, who))
        assert _history(client, change) == status, who


def test_the_log_names_events_in_words(client, people, workplan):
    client.force_login(people.alice)
    html = client.get(reverse("audit:list")).content.decode()
    assert "measure added" in html and "<code>measure.create</code>" in html


def test_a_leader_reads_no_event_of_a_draft_plan_anywhere(client, people, plan):
    """Finding 9: the leader reads the log, but not what `/plans/<id>/` hides from them."""
    import csv
    import io

    from taskbook.audit.models import AuditEvent

    draft = import_plan(SYSTEM, make_draft(title="Secret draft (2024-2026)")).plan
    section, task = draft.sections.first(), draft.tasks.first()
    client.force_login(people.lena)
    assert client.get(reverse("plans:detail", args=[draft.pk])).status_code == 404
    for obj in (draft, section, task):
        assert _history(client, obj) == 404, obj
    assert "Secret draft" not in client.get(reverse("audit:list"), {"q": "Secret"}).content.decode()
    response = client.get(reverse("audit:csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    ids = {(r["object type"], r["object id"]) for r in csv.DictReader(io.StringIO(text))}
    assert ("plans.plan", str(draft.pk)) not in ids and ("plans.task", str(task.pk)) not in ids
    assert ("plans.plan", str(plan.pk)) in ids  # the published plan's events stay in the log
    api = client.get(reverse("api:list_audit_events"), {"q": "Secret"}).json()
    assert api["count"] == 0
    # The coordinator still reads them all.
    assert AuditEvent.objects.visible_to(people.alice).filter(object_id=str(draft.pk)).exists()
