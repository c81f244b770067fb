"""The task book, end to end in a browser: staff add a measure with two milestones, the unit admin
submits, the coordinator returns it with a comment, it is fixed and approved, and the road map and
the iCalendar feed show it."""

import pytest

from taskbook.timetables.actions import create_feed
from tests.browser.conftest import shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("pw-" + username)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/plans/")


def test_measure_to_approved_task_book_to_roadmap_and_feed(live_server, page, people, plan, workplan):
    base = live_server.url
    taskbook_url = f"{base}/taskbooks/{plan.pk}/{people.commerce.pk}/"

    sign_in(page, base, "sam")
    page.goto(taskbook_url)
    page.locator(".task-measures", has_text="Task title 1").get_by_role("link", name="Add a measure").click()
    page.get_by_label("Title").fill("Open a one-stop service desk for foreign investors")
    page.get_by_label("Deliverable").fill("Desk in operation")
    page.get_by_label("Responsible person").select_option(label="Wang Fang (Deputy Director)")
    page.get_by_label("Start", exact=True).fill("2024-03-01")
    page.get_by_label("Due", exact=True).fill("2024-10-31")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/measures/*/")
    for date, text in (("2024-05-15", "Site chosen and staffed"), ("2024-09-30", "Desk opened")):
        page.locator("input[name='date']").fill(date)
        page.locator("input[name='description']").fill(text)
        page.get_by_role("button", name="Add milestone").click()
        page.wait_for_load_state()
    assert page.get_by_role("cell", name="Desk opened").is_visible()
    shoot(page, "measure-with-milestones")

    sign_in(page, base, "carl")
    page.goto(taskbook_url)
    page.get_by_role("button", name="Submit to the coordinator").click()
    assert page.locator(".badge.tb-submitted").first.is_visible()

    sign_in(page, base, "alice")
    page.goto(taskbook_url)
    page.get_by_label("Comment").fill("Name a deputy for the one-stop desk.")
    page.get_by_role("button", name="Return with comment").click()
    assert page.locator(".badge.tb-returned").first.is_visible()

    sign_in(page, base, "sam")
    page.goto(taskbook_url)
    assert page.locator(".card.returned").get_by_text("Name a deputy for the one-stop desk.").is_visible()
    page.get_by_role("link", name="Open a one-stop service desk for foreign investors").click()
    page.get_by_role("link", name="Edit").first.click()
    page.locator("select[name=deputy]").select_option(label="Li Wei (Section Chief)")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/measures/*/")

    sign_in(page, base, "carl")
    page.goto(taskbook_url)
    page.get_by_role("button", name="Submit to the coordinator").click()
    sign_in(page, base, "alice")
    page.goto(taskbook_url)
    page.get_by_role("button", name="Approve").click()
    assert page.locator(".badge.tb-approved").first.is_visible()
    shoot(page, "taskbook-approved")

    page.get_by_role("link", name="Road map").click()
    page.wait_for_url("**/roadmap/unit/*/*/")
    shoot(page, "roadmap")
    gantt = page.locator("svg.gantt-bars").first
    assert gantt.is_visible()
    assert "Open a one-stop service desk" in page.content()
    shoot(page, "roadmap")

    feed = create_feed(people.carl, unit=people.commerce)
    # A calendar program fetches the feed without signing in: so does this request.
    ics = page.context.request.get(f"{base}/feeds/{feed.token}.ics").text()
    assert "BEGIN:VCALENDAR" in ics and "Desk opened" in ics and "20240930" in ics
