"""How the API refuses: bounded paging, parameters that do not parse, a missing session, in the
reader's language. Every answer is JSON with a `detail`, never a 500."""

import pytest


@pytest.mark.parametrize(
    "query,message",
    [
        ("limit=1e20", "limit must be a whole number."),
        ("limit=100000000000000000000", "limit must be at most 500."),
        ("limit=0", "limit must be at least 1."),
        ("offset=100000000000000000000", "offset must be at most 1000000000."),
        ("offset=-1", "offset must be at least 0."),
    ],
)
def test_paging_is_bounded_before_the_database_sees_it(client, people, plan, query, message):
    client.force_login(people.sam)
    response = client.get(f"/api/plans/?{query}")
    assert response.status_code == 422
    assert [e["msg"] for e in response.json()["detail"]] == [message]


def test_a_page_and_the_length_of_the_whole_list(client, people, plan):
    from taskbook.orgs.actors import SYSTEM
    from taskbook.plans.actions import import_plan, publish_plan
    from tests.conftest import make_draft

    for n in range(3):
        publish_plan(SYSTEM, import_plan(SYSTEM, make_draft(title=f"Plan {n} (2024-2026)")).plan)
    client.force_login(people.sam)
    page = client.get("/api/plans/?limit=2&offset=1").json()
    assert page["count"] == 4 and len(page["items"]) == 2
    assert client.get("/api/plans/?offset=1000000000").json() == {"items": [], "count": 4}


def test_without_a_session_the_api_says_to_sign_in(client, plan):
    response = client.get("/api/plans/")
    assert response.status_code == 401
    assert response.json() == {"detail": "Sign in first: the API answers a signed-in session."}


def test_refusals_are_in_the_readers_language(client, people, plan):
    response = client.get("/api/plans/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.json()["detail"] == "请先登录：接口只响应已登录的会话。"
    assert response["Content-Language"] == "zh-hans" and "Accept-Language" in response["Vary"]
    client.force_login(people.sam)
    bad = client.get("/api/plans/?limit=many", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert bad["detail"][0]["msg"] == "limit 须为整数。"
    assert client.get("/api/plans/987654", HTTP_ACCEPT_LANGUAGE="zh-hans").json() == {"detail": "未找到。"}
    assert client.get("/api/plans/").json()["items"]  # English, and data, without the header


def test_a_missing_record_names_nothing_about_the_model(client, people, plan):
    client.force_login(people.sam)
    response = client.get("/api/plans/987654")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert client.get("/api/plans/99999999999999999999999").status_code == 404
    assert client.get("/api/plans/abc").json()["detail"][0]["msg"] == "plan_id must be a whole number."


def test_the_docs_page_is_for_signed_in_users_and_loads_nothing_from_another_host(client, people):
    assert client.get("/api/docs").status_code == 302
    client.force_login(people.olga)
    page = client.get("/api/docs").content.decode()
    assert "swagger-ui-bundle.js" in page
    assert "cdn." not in page and "https://" not in page
