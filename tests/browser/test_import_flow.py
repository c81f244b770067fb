import pytest
from django.contrib.auth import get_user_model

from taskbook.orgs.actions import add_membership, create_unit
from taskbook.orgs.actors import SYSTEM
from tests.browser.conftest import shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN = """Work Plan for Browser Testing (2024-2026)

1. Opening up

1. Attract foreign investment. By 2026, foreign investment will reach more than US $5 billion. (Lead unit: Municipal Bureau of Commerce; Participating units: Municipal Bureau of Finance, each district)

2. Improve services for enterprises. Build one window for all services. (Lead unit: Municipal Government Service Data Administration; Participating units: Municipal Bureau of Commerce)
"""


def test_coordinator_uploads_reviews_saves_and_sees_the_tasks(live_server, page, tmp_path):
    user = get_user_model().objects.create_user("alice", password="a-good-password")
    add_membership(SYSTEM, user, create_unit(SYSTEM, name_en="Office of the Leading Group"), "coordinator")
    document = tmp_path / "plan.txt"
    document.write_text(PLAN)

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("User name").fill("alice")
    page.get_by_label("Password").fill("a-good-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Import a plan").first.click()
    page.get_by_label("Document").set_input_files(str(document))
    page.get_by_role("button", name="Read the document").click()

    page.wait_for_url("**/plans/import/*/")
    assert page.locator("input[name='t-0-0-title']").input_value() == "Attract foreign investment"
    assert "US $5 billion" in page.locator(".source").first.inner_text()
    shoot(page, "import-review")
    page.locator("input[name='t-0-1-title']").fill("Improve services for all enterprises")
    page.get_by_role("button", name="Save and publish").click()

    page.wait_for_url("**/plans/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Work Plan for Browser Testing (2024-2026)"
    assert page.get_by_role("link", name="Attract foreign investment").is_visible()
    assert page.get_by_role("link", name="Improve services for all enterprises").is_visible()
    assert page.locator(".badge.status-published").is_visible()
    shoot(page, "plan-overview")
    page.get_by_role("link", name="Attract foreign investment").click()
    assert "US $5 billion" in page.content()
    assert page.get_by_role("link", name="Municipal Bureau of Finance").is_visible()
