from django.urls import reverse

from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan
from tests.conftest import make_draft


def test_plans_and_units_through_the_api(client, people, plan):
    draft = import_plan(SYSTEM, make_draft(title="Unpublished plan (2024-2026)")).plan
    client.force_login(people.sam)
    listed = client.get("/api/plans/").json()
    assert [p["id"] for p in listed["items"]] == [plan.pk]  # the draft is the coordinator's alone
    assert client.get(f"/api/plans/{draft.pk}").status_code == 404
    detail = client.get(f"/api/plans/{plan.pk}").json()
    assert len(detail["tasks"]) == 4
    first = detail["tasks"][0]
    assert {tu["role"] for tu in first["task_units"]} == {"lead", "participating"}
    units = client.get("/api/units/").json()["items"]
    commerce = next(u for u in units if u["name_en"] == "Municipal Bureau of Commerce")
    assert "Municipal Commerce Bureau" in commerce["aliases"]
    client.force_login(people.alice)
    assert len(client.get("/api/plans/").json()["items"]) == 2


def test_the_api_needs_a_session(client, plan):
    assert client.get("/api/plans/").status_code == 401
    assert client.get(reverse("api:openapi-json")).status_code == 302  # the schema too: sign in first
