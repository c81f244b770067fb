"""People, end to end in a browser: the coordinator invites a unit admin, who sets a password from the
e-mailed link, signs in and adds a staff member; the staff member sets a password the same way, signs
in and may work on the unit's own task book only. The mail is read from Django's locmem outbox (the
test settings' backend), which the live server shares with the test."""

import re

import pytest
from django.core import mail

from tests.browser.conftest import shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMIN_PASSWORD = "Kapok-flowers-in-March-1"
STAFF_PASSWORD = "Egret-over-the-bay-22"


def sign_in(page, base: str, username: str, password: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/plans/")


def add_person(page, base: str, name: str, email: str, unit: str, role: str) -> None:
    page.goto(f"{base}/plans/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("E-mail address").fill(email)
    page.locator("select[name=unit]").select_option(label=unit)
    page.locator("select[name=role]").select_option(label=role)
    page.get_by_role("button", name="Add").click()
    page.wait_for_url("**/people/*/")
    assert page.get_by_text(f"The invitation was sent to {email}.").is_visible()


def accept_invitation(page, base: str, email: str, password: str) -> None:
    page.context.clear_cookies()
    message = mail.outbox[-1]
    assert message.to == [email]
    link = re.search(r"https?://\S+(/invitation/\S+)", message.body)
    assert link, message.body
    page.goto(base + link.group(1))
    assert page.get_by_role("heading", name="Welcome to taskbook").is_visible()
    page.get_by_label("New password", exact=True).fill(password)
    page.get_by_label("New password confirmation").fill(password)
    page.get_by_role("button", name="Set the password").click()
    page.wait_for_url("**/login/")
    # The link is spent.
    page.goto(base + link.group(1))
    assert page.get_by_role("heading", name="This link no longer works").is_visible()


def test_coordinator_invites_an_admin_who_adds_staff_who_sees_only_the_units_work(
    live_server, page, people, plan, workplan
):
    base = live_server.url
    tech, commerce = people.tech, people.commerce
    task_of_tech = plan.tasks.get(number="2")  # led by Technology
    task_of_commerce = plan.tasks.get(number="1")

    sign_in(page, base, "alice", "pw-alice")
    add_person(page, base, "Wang Fang", "wang.fang@example.gov.cn", tech.name_en, "unit admin")
    shoot(page, "person-invited")

    accept_invitation(page, base, "wang.fang@example.gov.cn", ADMIN_PASSWORD)
    sign_in(page, base, "wang.fang@example.gov.cn", ADMIN_PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    page.get_by_role("link", name="Add a person").click()
    # A unit admin adds staff to its own unit only.
    assert page.locator("select[name=unit] option:not([value=''])").all_inner_texts() == [tech.name_en]
    assert page.locator("select[name=role]").locator("option").all_inner_texts() == ["unit staff"]
    add_person(page, base, "Zhou Wei", "zhou.wei@example.gov.cn", tech.name_en, "unit staff")

    accept_invitation(page, base, "zhou.wei@example.gov.cn", STAFF_PASSWORD)
    sign_in(page, base, "zhou.wei@example.gov.cn", STAFF_PASSWORD)
    nav = page.get_by_role("navigation", name="Main")
    assert nav.get_by_role("link", name="People").count() == 0
    page.goto(f"{base}/taskbooks/{plan.pk}/{tech.pk}/")
    assert page.get_by_role("link", name="Add a measure").first.is_visible()
    page.goto(f"{base}/tasks/{task_of_tech.pk}/units/{tech.pk}/measures/new/")
    assert page.get_by_label("Title").is_visible()
    # Another unit's edit pages are refused.
    refused = page.goto(f"{base}/tasks/{task_of_commerce.pk}/units/{commerce.pk}/measures/new/")
    assert refused is not None and refused.status in (403, 404)
    page.goto(f"{base}/units/{tech.pk}/")
    page.get_by_role("link", name="People and their roles").click()
    assert page.get_by_role("cell", name="Wang Fang").is_visible()
    assert page.get_by_role("cell", name="Zhou Wei").is_visible()
    shoot(page, "unit-people")
