"""The inbox in a browser: a unit admin submits a report; the coordinator sees it in the inbox with
its unread count in the top bar, opens it and returns the report; the staff member who wrote it sees
the return in their inbox, in Chinese."""

import pytest

from taskbook.accounts.actions import set_language
from tests.browser.conftest import shoot
from tests.browser.test_taskbook_flow import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_submit_see_it_in_the_inbox_return_it_and_read_the_return_in_chinese(
    live_server, page, people, reporting
):
    base = live_server.url
    report = reporting.reports["1"]  # led by Commerce
    report_url = f"{base}/reports/{report.pk}/"

    sign_in(page, base, "sam")
    page.goto(report_url)
    page.locator("textarea[name=narrative]").fill("The one-stop desk opened.")
    page.get_by_role("button", name="Save draft").click()
    assert page.locator(".draft-ready").get_by_text("Carl").is_visible()
    shoot(page, "report-draft-ready-en")
    page.get_by_role("button", name="Tell my admin the draft is ready").click()
    assert page.get_by_text("Your unit's admins were told that the draft is ready.").is_visible()
    # From now on sam reads taskbook in Chinese: what is sent to him is written in Chinese.
    set_language(people.sam, people.sam, "zh-hans")

    sign_in(page, base, "carl")
    assert page.locator(".inbox-link .count").inner_text() == "1"  # the draft is ready
    page.goto(report_url)
    page.get_by_role("button", name="Submit to the coordinator").click()
    assert page.locator(".badge.rs-submitted").first.is_visible()

    sign_in(page, base, "alice")
    badge = page.locator(".inbox-link .count")
    assert badge.inner_text() == "1"
    page.locator(".inbox-link").click()
    item = page.locator("ul.inbox li.unread", has_text="Report submitted: task 1 (2024-Q1)")
    assert "Carl submitted Municipal Bureau of Commerce" in item.inner_text()
    shoot(page, "inbox-coordinator-en")
    item.get_by_role("link").click()
    page.wait_for_url(report_url)
    shoot(page, "report-review-remind-en")
    assert page.locator(".inbox-link .count").count() == 0  # read on opening
    page.locator("textarea[name=comment]").fill("Say how many enterprises the desk served.")
    page.get_by_role("button", name="Return with comment").click()
    assert page.locator(".badge.rs-returned").first.is_visible()

    sign_in(page, base, "sam")
    page.goto(f"{base}/zh-hans/notifications/inbox/")
    assert page.locator(".inbox-link").inner_text().startswith("收件箱")
    assert page.locator(".inbox-link .count").inner_text() == "1"
    returned = page.locator("ul.inbox li.unread", has_text="报告被退回：任务1（2024-Q1）")
    assert "意见：Say how many enterprises the desk served." in returned.inner_text()
    shoot(page, "inbox-staff-zh")
    page.set_viewport_size({"width": 390, "height": 844})
    shoot(page, "inbox-staff-zh-phone")
    returned.get_by_role("link").click()
    page.wait_for_url(f"{base}/zh-hans/reports/{report.pk}/")
    assert page.get_by_text("Say how many enterprises the desk served.").first.is_visible()
    shoot(page, "report-returned-zh-phone")
    page.goto(f"{base}/zh-hans/account/")
    assert page.locator("#notifications input[name=email]:checked").count() == 10
    shoot(page, "account-email-zh-phone")
